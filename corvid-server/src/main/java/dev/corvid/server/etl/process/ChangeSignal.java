package dev.corvid.server.etl.process;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes an ETL process when something changed: a commit in the source, a configuration change, a
 * stop. A change that arrives while the process is busy is remembered, so none is missed.
 */
public final class ChangeSignal {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Clock clock;
    private boolean pending;

    public ChangeSignal(Clock clock) {
        this.clock = clock;
    }

    public void signal() {
        lock.lock();
        try {
            pending = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until a change is signalled or {@code deadline} passes; true when a change was signalled. */
    public boolean awaitChange(Instant deadline) throws InterruptedException {
        lock.lock();
        try {
            while (!pending) {
                Duration left = Duration.between(clock.instant(), deadline);
                if (left.isNegative() || left.isZero()) {
                    return false;
                }
                changed.await(atMostOneSecond(left), TimeUnit.NANOSECONDS);
            }
            pending = false;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until {@code deadline} regardless of changes (fallback after a load failure); a pending change stays pending. */
    public void sleepUntil(Instant deadline, java.util.function.BooleanSupplier interrupted) throws InterruptedException {
        lock.lock();
        try {
            while (!interrupted.getAsBoolean()) {
                Duration left = Duration.between(clock.instant(), deadline);
                if (left.isNegative() || left.isZero()) {
                    return;
                }
                changed.await(atMostOneSecond(left), TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    private static long atMostOneSecond(Duration left) {
        return left.compareTo(Duration.ofSeconds(1)) > 0 ? TimeUnit.SECONDS.toNanos(1) : left.toNanos();
    }
}
