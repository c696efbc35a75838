package dev.corvid.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProgressTest {
    private final StringWriter output = new StringWriter();
    private final FakeClock clock = new FakeClock();

    private Progress progress(long total, boolean terminal) {
        return new Progress("Loading shop", total, "documents", new PrintWriter(output), terminal, clock);
    }

    @Test
    void plainOutputWritesOneLineEachIntervalThenASummary() {
        Progress progress = progress(1000, false);

        progress.advance(100);
        clock.advance(Duration.ofSeconds(1));
        progress.advance(100);
        assertThat(output.toString()).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        progress.advance(100);
        clock.advance(Duration.ofMillis(1500));
        progress.advance(100);
        clock.advance(Duration.ofSeconds(1));
        progress.advance(600);
        clock.advance(Duration.ofMillis(500));
        progress.finish();

        assertThat(output.toString()).isEqualTo("""
                Loading shop: 300/1,000 documents (30%)
                Loading shop: 1,000/1,000 documents (100%)
                Loading shop: 1,000/1,000 documents (100%) in 5.0 s (200 documents/s)
                """);
    }

    @Test
    void terminalOutputRedrawsOneLineAtMostEveryTenthOfASecond() {
        Progress progress = progress(1000, true);

        progress.advance(100);
        clock.advance(Duration.ofMillis(50));
        progress.advance(400);
        clock.advance(Duration.ofMillis(50));
        progress.advance(250);
        clock.advance(Duration.ofMillis(900));
        progress.advance(250);
        progress.finish();

        assertThat(output.toString()).isEqualTo(
                "\rLoading shop [##----------------------] 100/1,000 documents (10%)"
                        + "\rLoading shop [##################------] 750/1,000 documents (75%)"
                        + "\rLoading shop [########################] 1,000/1,000 documents (100%)"
                        + "\rLoading shop [########################] 1,000/1,000 documents (100%) in 1.0 s (1,000 documents/s)"
                        + "\n");
    }

    @Test
    void closeEndsAnOpenTerminalLineWithoutASummary() {
        Progress progress = progress(1000, true);
        progress.advance(300);

        progress.close();

        assertThat(output.toString())
                .isEqualTo("\rLoading shop [#######-----------------] 300/1,000 documents (30%)\n");
    }

    @Test
    void closeWritesNothingWhenNoLineIsOpen() {
        try (Progress progress = progress(1000, false)) {
            progress.advance(300);
        }
        Progress finished = progress(10, true);
        finished.advance(10);
        finished.finish();
        String afterFinish = output.toString();

        finished.close();

        assertThat(output.toString()).isEqualTo(afterFinish).endsWith("\n").doesNotEndWith("\n\n");
    }

    @Test
    void anEmptyTaskIsComplete() {
        Progress progress = progress(0, false);

        progress.finish();

        assertThat(output.toString()).isEqualTo("Loading shop: 0/0 documents (100%) in 0.0 s\n");
    }

    @Test
    void noProgressAfterFinishing() {
        Progress progress = progress(10, false);
        progress.finish();

        assertThatThrownBy(() -> progress.advance(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already finished");
    }
}
