package dev.corvid.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU seconds spent by the Corvid server, the database server and this benchmark, read from
 * {@code /proc}: on a 2-core machine the three share the cores, so a phase's CPU split says which
 * of them bounds it. PostgreSQL's backends come and go with their connections; their time is kept
 * in the postmaster's children counters once they exit. Linux only; elsewhere it reports nothing.
 */
final class CpuMeter {
    private static final double TICKS_PER_SECOND = 100.0;

    /** @param corvidThreads Corvid's CPU seconds per thread, keyed by thread id and name */
    record Reading(double corvid, double database, double benchmark, Map<String, Double> corvidThreads) {
        Reading minus(Reading earlier) {
            Map<String, Double> threads = new HashMap<>(corvidThreads);
            earlier.corvidThreads.forEach((thread, seconds) -> threads.computeIfPresent(thread, (t, now) -> now - seconds));
            return new Reading(corvid - earlier.corvid, database - earlier.database, benchmark - earlier.benchmark, threads);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "CPU: Corvid %.1f s, database %.1f s, benchmark %.1f s", corvid, database, benchmark);
        }

        /** Corvid's CPU by kind of thread (numbers dropped from the names), the largest first: {@code etl-transform- 2.9 s, …}. */
        String corvidByThread() {
            Map<String, Double> kinds = new TreeMap<>();
            corvidThreads.forEach((thread, seconds) ->
                    kinds.merge(thread.substring(thread.indexOf(' ') + 1).replaceAll("[0-9]+", "#"), seconds, Double::sum));
            return kinds.entrySet().stream()
                    .filter(kind -> kind.getValue() >= 0.05)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .map(kind -> String.format(Locale.ROOT, "%s %.1f s", kind.getKey(), kind.getValue()))
                    .collect(Collectors.joining(", "));
        }
    }

    private final long corvidPid;

    CpuMeter(long corvidPid) {
        this.corvidPid = corvidPid;
    }

    Reading read() {
        double database = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String[] stat = stat(Long.parseLong(name));
                if (stat == null) {
                    continue;
                }
                String command = comm(Long.parseLong(name));
                if (command.equals("postgres") || command.equals("mariadbd") || command.equals("mysqld")) {
                    boolean postmaster = !comm(Long.parseLong(stat[1])).equals("postgres");
                    database += ticks(stat, 11) + ticks(stat, 12) + (postmaster ? ticks(stat, 13) + ticks(stat, 14) : 0);
                }
            }
        } catch (IOException e) {
            return new Reading(0, 0, 0, Map.of());
        }
        return new Reading(own(corvidPid), database, own(ProcessHandle.current().pid()), threads(corvidPid));
    }

    /**
     * Waits until the Corvid server uses less than a tenth of a core over half a second — after a
     * warm-up its JIT compilers keep a core busy for a while — or until {@code max} has passed.
     *
     * @return the seconds waited
     */
    double awaitCorvidIdle(Duration max) throws InterruptedException {
        long start = System.nanoTime();
        double before = own(corvidPid);
        while (System.nanoTime() - start < max.toNanos()) {
            Thread.sleep(500);
            double now = own(corvidPid);
            if (now - before < 0.05) {
                break;
            }
            before = now;
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static Map<String, Double> threads(long pid) {
        Map<String, Double> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String text = Files.readString(task.resolve("stat"));
                    String name = text.substring(text.indexOf('(') + 1, text.lastIndexOf(')'));
                    String[] stat = text.substring(text.lastIndexOf(')') + 2).split(" ");
                    threads.put(task.getFileName() + " " + name, ticks(stat, 11) + ticks(stat, 12));
                } catch (IOException | RuntimeException e) {
                    // the thread ended
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return threads;
    }

    private static double own(long pid) {
        String[] stat = stat(pid);
        return stat == null ? 0 : ticks(stat, 11) + ticks(stat, 12);
    }

    private static double ticks(String[] stat, int field) {
        return Long.parseLong(stat[field]) / TICKS_PER_SECOND;
    }

    /** The fields of /proc/PID/stat after the command name: [0] is the state, [1] the parent, [11] utime. */
    private static String[] stat(long pid) {
        try {
            String text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return text.substring(text.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String comm(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).trim();
        } catch (IOException e) {
            return "";
        }
    }
}
