package dev.montazz.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** What /proc says of a process: the CPU it used and the memory it holds. */
final class Processes {

    private Processes() {
    }

    /** CPU seconds used so far, user and system. */
    static double cpuSeconds(long pid) throws Exception {
        String[] stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat")).replaceAll(".*\\) ", "")
                .split(" ");
        return (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) / 100.0;   // utime, stime in clock ticks
    }

    /** Resident memory now, in MiB. */
    static long rssMiB(long pid) throws Exception {
        return statusKiB(pid, "VmRSS") / 1024;
    }

    /** A memory figure of {@code /proc/<pid>/status} ({@code VmRSS}, {@code VmHWM} at its peak, ...), in KiB. */
    static long statusKiB(long pid, String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException(field + " not found for process " + pid);
    }
}
