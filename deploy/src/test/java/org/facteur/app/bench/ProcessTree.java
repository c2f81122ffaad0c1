package org.facteur.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CPU time and memory of server processes and all their descendants, read from Linux's {@code /proc}, so that one
 * JVM and a family of Postfix and Dovecot processes are measured the same way.
 *
 * <p>CPU counts each process's own time plus the time of its children that already ended ({@code cutime},
 * {@code cstime}): a child that ends between two readings moves its whole time into its parent's count, so the
 * difference of two readings is the CPU the tree used in between, short-lived children included.
 */
final class ProcessTree {
    /** Linux's USER_HZ, the unit of /proc/PID/stat times; 100 on every architecture Debian ships. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessTree() {
    }

    /** The roots and every process below them, as they are now. */
    static List<Long> pids(List<Long> roots) {
        List<Long> pids = new ArrayList<>();
        for (long root : roots) {
            Optional<ProcessHandle> handle = ProcessHandle.of(root);
            if (handle.isEmpty()) {
                continue;
            }
            pids.add(root);
            handle.get().descendants().forEach(p -> pids.add(p.pid()));
        }
        return pids;
    }

    /** Waits until the trees use less than 5% of a core over two seconds (at most 5 minutes). */
    static void awaitIdle(List<Long> roots) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
        double last = cpuSeconds(roots);
        while (System.nanoTime() < deadline) {
            Thread.sleep(2000);
            double now = cpuSeconds(roots);
            if (now - last < 0.1) {
                return;
            }
            last = now;
        }
    }

    /** User and system CPU seconds of the trees, ended children included. */
    static double cpuSeconds(List<Long> roots) {
        long ticks = 0;
        for (long pid : pids(roots)) {
            String[] fields = statFields(pid);
            if (fields.length > 14) {
                // after "pid (comm)": field 3 (state) is index 0; utime, stime, cutime, cstime are fields 14-17
                for (int field = 14; field <= 17; field++) {
                    ticks += Long.parseLong(fields[field - 3]);
                }
            }
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** Resident memory of the trees in MiB, the sum of each process's VmRSS (shared pages counted in each). */
    static double rssMib(List<Long> roots) {
        return sumKib(roots, "status", "VmRSS:") / 1024.0;
    }

    /** Proportional memory of the trees in MiB: shared pages divided among the processes that share them. */
    static double pssMib(List<Long> roots) {
        return sumKib(roots, "smaps_rollup", "Pss:") / 1024.0;
    }

    private static long sumKib(List<Long> roots, String file, String key) {
        long kib = 0;
        for (long pid : pids(roots)) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), file))) {
                    if (line.startsWith(key)) {
                        kib += Long.parseLong(line.substring(key.length()).strip().split("\\s+")[0]);
                        break;
                    }
                }
            } catch (IOException | RuntimeException endedMeanwhile) {
                // the process ended between listing and reading
            }
        }
        return kib;
    }

    private static String[] statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name may hold spaces and parentheses: the fields start after the last ')'
            return stat.substring(stat.lastIndexOf(')') + 2).strip().split(" ");
        } catch (IOException endedMeanwhile) {
            return new String[0];
        }
    }
}
