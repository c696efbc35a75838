package dev.corvid.server.etl.transform;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops scripts that run past their time limit. One daemon thread checks all running scripts every
 * {@value #TICK_MILLIS} ms and interrupts the context of any that is over its deadline; the script
 * then fails with an interrupted {@link PolyglotException}. Scanning is cheaper than scheduling a
 * timer per document at thousands of documents per second.
 *
 * <p>Uses {@link System#nanoTime()}: a time limit is about elapsed CPU-bound work, not wall-clock dates.
 */
final class ScriptWatchdog {
    static final long TICK_MILLIS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(ScriptWatchdog.class);
    private static final Duration INTERRUPT_WAIT = Duration.ofSeconds(1);

    private static final class Shared {
        static final ScriptWatchdog INSTANCE = new ScriptWatchdog();
    }

    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();

    private ScriptWatchdog() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "corvid-etl-script-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::check, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    static Watch watch(String scriptName) {
        Watch watch = new Watch(scriptName);
        Shared.INSTANCE.watches.add(watch);
        return watch;
    }

    private void check() {
        long now = System.nanoTime();
        for (Watch watch : watches) {
            try {
                watch.check(now);
            } catch (RuntimeException e) {
                LOG.warn("Could not stop ETL script '{}' that ran past its time limit", watch.scriptName, e);
            }
        }
    }

    /**
     * The deadline of one runner's current execution. The lock makes "is it still the same execution?"
     * and the interrupt one step, so a late interrupt never hits the next document's execution: the
     * runner cannot begin the next one while the watchdog holds the lock, and GraalJS returns from the
     * interrupt as soon as the old execution has left the context.
     */
    static final class Watch implements AutoCloseable {
        private final String scriptName;
        private final ReentrantLock lock = new ReentrantLock();
        private volatile boolean running;
        private Context context;
        private long deadline;
        private boolean fired;

        private Watch(String scriptName) {
            this.scriptName = scriptName;
        }

        void begin(Context executing, Duration limit) {
            lock.lock();
            try {
                context = executing;
                deadline = System.nanoTime() + limit.toNanos();
                fired = false;
                running = true;
            } finally {
                lock.unlock();
            }
        }

        /** Ends the execution; true when the watchdog interrupted it. */
        boolean end() {
            lock.lock();
            try {
                running = false;
                context = null;
                return fired;
            } finally {
                lock.unlock();
            }
        }

        private void check(long now) {
            if (!running) {
                return;
            }
            lock.lock();
            try {
                if (running && !fired && now - deadline > 0) {
                    fired = true;
                    interrupt();
                }
            } finally {
                lock.unlock();
            }
        }

        private void interrupt() {
            try {
                context.interrupt(INTERRUPT_WAIT);
            } catch (TimeoutException e) {
                // Still inside a host call (e.g. load()); try again on the next tick.
                fired = false;
            }
        }

        @Override
        public void close() {
            Shared.INSTANCE.watches.remove(this);
        }
    }
}
