package dev.corvid.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * CPU seconds spent by the Corvid server, the database server and this benchmark, read from
 * {@code /proc}: on a 2-core machine the three share the cores, so a phase's CPU split says which
 * of them bounds it. PostgreSQL's backends come and go with their connections; their time is kept
 * in the postmaster's children counters once they exit. Linux only; elsewhere it reports nothing.
 */
final class CpuMeter {
    private static final double TICKS_PER_SECOND = 100.0;

    record Reading(double corvid, double database, double benchmark) {
        Reading minus(Reading earlier) {
            return new Reading(corvid - earlier.corvid, database - earlier.database, benchmark - earlier.benchmark);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "CPU: Corvid %.1f s, database %.1f s, benchmark %.1f s", corvid, database, benchmark);
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
            return new Reading(0, 0, 0);
        }
        return new Reading(own(corvidPid), database, own(ProcessHandle.current().pid()));
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
