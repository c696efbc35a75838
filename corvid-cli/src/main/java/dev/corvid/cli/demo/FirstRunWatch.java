package dev.corvid.cli.demo;

import dev.corvid.cli.Progress;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;

/**
 * Follows the first full run of an ETL task by polling its progress, for the demo's tasks.
 *
 * <p>Waiting takes time from the injected {@link InstantSource} and pauses through the injected
 * {@link Pause}, so it can be tested without sleeping. Holds no mutable state; thread-safe as long as
 * each thread waits with its own {@link Progress}.
 */
public final class FirstRunWatch {
    public static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    /** Waiting gives up when this long passes without a single document processed. */
    public static final Duration STALL_LIMIT = Duration.ofMinutes(5);

    /** Waits between two polls; {@link Thread#sleep(Duration)} outside tests. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    /** How waiting for the first full run ended, with the last progress seen of each script. */
    public sealed interface FirstRun {
        List<EtlScriptProgress> scripts();

        /** Every script processed every document of its collections. */
        record Completed(List<EtlScriptProgress> scripts) implements FirstRun {
            public Completed {
                scripts = List.copyOf(scripts);
            }
        }

        /** A script is switched off, or stopped on an error that retrying cannot fix. */
        record Stopped(List<EtlScriptProgress> scripts) implements FirstRun {
            public Stopped {
                scripts = List.copyOf(scripts);
            }
        }

        /** No document was processed for {@code limit}; the task may still be retrying. */
        record Stalled(List<EtlScriptProgress> scripts, Duration limit) implements FirstRun {
            public Stalled {
                scripts = List.copyOf(scripts);
                Objects.requireNonNull(limit, "limit");
            }
        }
    }

    private final DemoClient client;
    private final InstantSource clock;
    private final Pause pause;

    public FirstRunWatch(DemoClient client) {
        this(client, InstantSource.system(), Thread::sleep);
    }

    public FirstRunWatch(DemoClient client, InstantSource clock, Pause pause) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    /** Where each script of the task stands now; their {@code totalDocuments} add up to the work of a full run. */
    public List<EtlScriptProgress> progress(String sourceDatabase, String taskName) {
        return client.etlProgress(sourceDatabase, taskName);
    }

    /**
     * Polls the task's progress every {@link #POLL_INTERVAL} and advances {@code progress} by the
     * documents processed since the last poll, until every script has completed, a script has stopped,
     * or no document was processed for {@link #STALL_LIMIT}. Does not finish {@code progress}.
     */
    public FirstRun await(String sourceDatabase, String taskName, Progress progress) throws InterruptedException {
        long reported = 0;
        Instant lastAdvance = clock.instant();
        while (true) {
            List<EtlScriptProgress> scripts = client.etlProgress(sourceDatabase, taskName);
            long processed = scripts.stream().mapToLong(EtlScriptProgress::processedDocuments).sum();
            if (processed > reported) {
                progress.advance(processed - reported);
                reported = processed;
                lastAdvance = clock.instant();
            }
            if (scripts.stream().allMatch(EtlScriptProgress::completed)) {
                return new FirstRun.Completed(scripts);
            }
            if (scripts.stream().anyMatch(EtlScriptProgress::stopped)) {
                return new FirstRun.Stopped(scripts);
            }
            if (!clock.instant().isBefore(lastAdvance.plus(STALL_LIMIT))) {
                return new FirstRun.Stalled(scripts, STALL_LIMIT);
            }
            pause.pause(POLL_INTERVAL);
        }
    }
}
