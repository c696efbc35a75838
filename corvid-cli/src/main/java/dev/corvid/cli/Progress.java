package dev.corvid.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Objects;

/**
 * Reports the progress of a task with a known total, such as loading documents, on a console.
 *
 * <p>On a terminal it redraws a single line in place (carriage return, padded so no characters of a
 * longer earlier line remain), at most every {@link #REDRAW_INTERVAL}. Elsewhere (a log file, CI) it
 * writes a plain line at most every {@link #LINE_INTERVAL}, so logs stay short. {@link #finish()}
 * always writes the final count with the time taken and ends the line; {@link #close()} only ends a
 * line left open, for a task that stopped early.
 *
 * <p>Time comes from the injected {@link InstantSource}, so the output can be tested without waiting.
 * Not thread-safe: one thread reports the progress.
 */
public final class Progress implements AutoCloseable {
    public static final Duration REDRAW_INTERVAL = Duration.ofMillis(100);
    public static final Duration LINE_INTERVAL = Duration.ofSeconds(2);
    private static final int BAR_WIDTH = 24;

    private final String label;
    private final long total;
    private final String unit;
    private final PrintWriter out;
    private final boolean terminal;
    private final InstantSource clock;
    private final Instant started;

    private long done;
    private Instant lastWritten;
    private int lastLineLength;
    private boolean lineOpen;
    private boolean finished;

    /**
     * @param label    what is being done, e.g. {@code "Loading shop"}
     * @param total    how many units make the task complete
     * @param unit     plural name of a unit, e.g. {@code "documents"}
     * @param out      where to write
     * @param terminal whether {@code out} is an interactive terminal (see {@link Terminal#isInteractive()})
     * @param clock    time source for rates and for spacing the output
     */
    public Progress(String label, long total, String unit, PrintWriter out, boolean terminal, InstantSource clock) {
        if (total < 0) {
            throw new IllegalArgumentException("total must not be negative, was " + total);
        }
        this.label = Objects.requireNonNull(label, "label");
        this.total = total;
        this.unit = Objects.requireNonNull(unit, "unit");
        this.out = Objects.requireNonNull(out, "out");
        this.terminal = terminal;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.started = clock.instant();
        this.lastWritten = started;
    }

    /** Progress on {@code out}, treated as the process's console, with the system clock. */
    public static Progress onConsole(String label, long total, String unit, PrintWriter out) {
        return new Progress(label, total, unit, out, Terminal.isInteractive(), InstantSource.system());
    }

    /** Records {@code amount} more units done, and shows it if enough time passed since the last output. */
    public void advance(long amount) {
        if (finished) {
            throw new IllegalStateException("progress of '" + label + "' is already finished");
        }
        done += amount;
        Instant now = clock.instant();
        Duration interval = terminal ? REDRAW_INTERVAL : LINE_INTERVAL;
        boolean firstDraw = terminal && !lineOpen;
        if (firstDraw || !now.isBefore(lastWritten.plus(interval))) {
            write(status(), now);
        }
    }

    /** Writes the final count, the time taken and the rate, and ends the line. Later calls do nothing. */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        Instant now = clock.instant();
        Duration elapsed = Duration.between(started, now);
        String summary = status() + String.format(Locale.ROOT, " in %.1f s", elapsed.toMillis() / 1000.0);
        if (!elapsed.isZero()) {
            summary += String.format(Locale.ROOT, " (%,d %s/s)", Math.round(done / seconds(elapsed)), unit);
        }
        write(summary, now);
        endLine();
    }

    /** Ends a line left open on the terminal, without a summary; for a task that stopped early. */
    @Override
    public void close() {
        finished = true;
        endLine();
    }

    private String status() {
        long percent = total == 0 ? 100 : Math.min(100, done * 100 / total);
        String counts = String.format(Locale.ROOT, "%,d/%,d %s (%d%%)", done, total, unit, percent);
        if (!terminal) {
            return label + ": " + counts;
        }
        int filled = (int) (percent * BAR_WIDTH / 100);
        return label + " [" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] " + counts;
    }

    private void write(String line, Instant now) {
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, lastLineLength - line.length())));
            lineOpen = true;
        } else {
            out.println(line);
        }
        lastLineLength = line.length();
        lastWritten = now;
        out.flush();
    }

    private void endLine() {
        if (lineOpen) {
            out.println();
            out.flush();
            lineOpen = false;
        }
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
