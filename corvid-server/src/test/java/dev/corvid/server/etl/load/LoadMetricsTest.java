package dev.corvid.server.etl.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoadMetricsTest {
    private static final Instant AT = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void addsUpEachTablesBatches() {
        LoadMetrics metrics = new LoadMetrics();
        metrics.table("Orders", 10, 4, Duration.ofMillis(30), Duration.ofMillis(5));
        metrics.table("OrderLines", 25, 0, Duration.ofMillis(40), Duration.ZERO);
        metrics.table("Orders", 2, 2, Duration.ofMillis(3), Duration.ofMillis(1));

        assertThat(metrics.snapshot().tables()).containsExactly(
                java.util.Map.entry("Orders", new LoadMetrics.Table(12, 6, 33, 6, 2)),
                java.util.Map.entry("OrderLines", new LoadMetrics.Table(25, 0, 40, 0, 1)));
    }

    @Test
    void recordsOnlyStatementsSlowerThanTheThresholdAndKeepsTheLatest() {
        LoadMetrics metrics = new LoadMetrics();
        assertThat(metrics.statement(AT, LoadMetrics.SLOW_STATEMENT, "Orders", "at the threshold")).isFalse();
        for (int i = 0; i < LoadMetrics.KEPT_SLOW_STATEMENTS + 5; i++) {
            assertThat(metrics.statement(AT.plusSeconds(i), LoadMetrics.SLOW_STATEMENT.plusMillis(1), "Orders", "slow " + i)).isTrue();
        }

        assertThat(metrics.snapshot().slowStatements()).hasSize(LoadMetrics.KEPT_SLOW_STATEMENTS);
        assertThat(metrics.snapshot().slowStatements().getFirst().statement()).isEqualTo("slow 5");
        assertThat(metrics.snapshot().slowStatements().getLast().statement()).isEqualTo("slow " + (LoadMetrics.KEPT_SLOW_STATEMENTS + 4));
    }

    @Test
    void abbreviatesLongStatementsAndForgetsEverythingOnReset() {
        LoadMetrics metrics = new LoadMetrics();
        metrics.statement(AT, Duration.ofSeconds(4), "Orders", "x".repeat(5_000));
        metrics.table("Orders", 1, 1, Duration.ZERO, Duration.ZERO);

        assertThat(metrics.snapshot().slowStatements().getFirst().statement()).hasSize(1_001).endsWith("…");

        metrics.reset();
        assertThat(metrics.snapshot().tables()).isEmpty();
        assertThat(metrics.snapshot().slowStatements()).isEmpty();
    }
}
