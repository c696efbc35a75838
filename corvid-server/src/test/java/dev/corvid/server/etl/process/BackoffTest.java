package dev.corvid.server.etl.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void startsAtFiveSecondsDoublesAndCapsAtFifteenMinutes() {
        FakeClock clock = new FakeClock();
        Backoff backoff = new Backoff(clock);
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            delays.add(backoff.failed().toSeconds());
        }
        assertThat(delays).containsExactly(5L, 10L, 20L, 40L, 80L, 160L, 320L, 640L, 900L, 900L, 900L, 900L);
        assertThat(backoff.consecutiveFailures()).isEqualTo(12);
    }

    @Test
    void nextAttemptIsMeasuredFromTheFailureOnTheInjectedClock() {
        FakeClock clock = new FakeClock();
        Backoff backoff = new Backoff(clock);
        assertThat(backoff.nextAttemptAt()).isEmpty();
        backoff.failed();
        assertThat(backoff.nextAttemptAt()).contains(clock.instant().plusSeconds(5));
        clock.advance(Duration.ofSeconds(7));
        backoff.failed();
        assertThat(backoff.nextAttemptAt()).contains(clock.instant().plusSeconds(10));
    }

    @Test
    void successStartsOver() {
        Backoff backoff = new Backoff(new FakeClock());
        backoff.failed();
        backoff.failed();
        backoff.succeeded();
        assertThat(backoff.nextAttemptAt()).isEmpty();
        assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(5));
    }
}
