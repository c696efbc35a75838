package dev.corvid.server.etl.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.server.etl.BatchSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BatchLimitsTest {
    @Test
    void stopsAtTheItemLimit() {
        BatchLimits limits = new BatchLimits(new BatchSettings(3, 1 << 20, 30), new FakeClock());
        for (int i = 0; i < 3; i++) {
            assertThat(limits.beforeNextItem()).isEmpty();
            limits.taken(10);
        }
        assertThat(limits.beforeNextItem()).contains(BatchEndReason.ITEM_LIMIT);
    }

    @Test
    void stopsAtTheSizeLimitAfterTheItemThatCrossedIt() {
        BatchLimits limits = new BatchLimits(new BatchSettings(100, 1000, 30), new FakeClock());
        limits.taken(600);
        assertThat(limits.beforeNextItem()).isEmpty();
        limits.taken(600);
        assertThat(limits.beforeNextItem()).contains(BatchEndReason.SIZE_LIMIT);
    }

    @Test
    void stopsWhenTheTimeIsUpButNeverBeforeTheFirstItem() {
        FakeClock clock = new FakeClock();
        BatchLimits limits = new BatchLimits(new BatchSettings(100, 1 << 20, 30), clock);
        clock.advance(Duration.ofSeconds(31));
        assertThat(limits.beforeNextItem()).as("a batch always makes progress").isEmpty();
        limits.taken(1);
        assertThat(limits.beforeNextItem()).contains(BatchEndReason.TIME_LIMIT);
    }

    @Test
    void nonPositiveSettingsMeanTheDefaults() {
        BatchLimits limits = new BatchLimits(new BatchSettings(0, 0, 0), new FakeClock());
        assertThat(limits.maxItems()).isEqualTo(BatchSettings.DEFAULT_MAX_ITEMS);
    }
}
