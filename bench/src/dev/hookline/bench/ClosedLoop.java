package dev.hookline.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Fixed-concurrency closed-loop load: one thread per connection, each sending its next request as soon as the last
 * was answered. A warm-up runs first and is not measured; the measured window has a fixed length, and the requests
 * in it may also be capped by a count.
 */
final class ClosedLoop {

    /** Called with every answer (warm-up included), on the worker's thread. */
    interface Listener {

        void answered(Pushes.Delivery delivery, Http.Response response, long sentNanos, long answeredNanos);
    }

    /** What one measured window showed. */
    record Result(String scenario, int concurrency, long requests, double seconds, double throughput, double p50Millis,
            double p99Millis, double maxMillis, Map<Integer, Long> statuses, long errors, double generatorCores,
            double serverCores) {
    }

    private ClosedLoop() {
    }

    static Result run(String scenario, int port, String path, int concurrency, long warmupMillis, long measureMillis,
            long maxRequests, Supplier<Pushes.Delivery> next, Listener listener, long serverPid) throws InterruptedException {
        long start = System.nanoTime();
        long measureStart = start + warmupMillis * 1_000_000;
        long measureEnd = measureStart + measureMillis * 1_000_000;
        AtomicLong budget = new AtomicLong(maxRequests);
        long[][] latencies = new long[concurrency][];
        int[] counts = new int[concurrency];
        long[][] statusCounts = new long[concurrency][600];
        long[] errors = new long[concurrency];
        long[] lastDone = new long[concurrency];
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            Thread thread = new Thread(() -> {
                long[] mine = new long[4096];
                int n = 0;
                try (Http http = new Http(port, 30_000)) {
                    while (true) {
                        long now = System.nanoTime();
                        // The cap counts measured requests only: a fast warm-up must not use it up.
                        if (now >= measureEnd || (now >= measureStart && budget.getAndDecrement() <= 0)) {
                            break;
                        }
                        Pushes.Delivery delivery = next.get();
                        if (delivery == null) {
                            break;
                        }
                        Http.Response response;
                        try {
                            response = http.send("POST", path, delivery.headers(), delivery.body());
                        } catch (IOException e) {
                            errors[worker]++;
                            Thread.sleep(5);
                            continue;
                        }
                        long done = System.nanoTime();
                        if (listener != null) {
                            listener.answered(delivery, response, now, done);
                        }
                        if (now >= measureStart && done <= measureEnd) {
                            if (n == mine.length) {
                                mine = Arrays.copyOf(mine, n * 2);
                            }
                            mine[n++] = done - now;
                            lastDone[worker] = done;
                            statusCounts[worker][Math.min(599, Math.max(0, response.status()))]++;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                latencies[worker] = mine;
                counts[worker] = n;
            }, "load-" + scenario + "-" + w);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        sleepUntil(measureStart);
        long cpu0 = generatorCpuNanos();
        long server0 = processCpuNanos(serverPid);
        long t0 = System.nanoTime();
        sleepUntil(measureEnd);
        long cpu1 = generatorCpuNanos();
        long server1 = processCpuNanos(serverPid);
        long t1 = System.nanoTime();
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int w = 0; w < concurrency; w++) {
            if (latencies[w] != null) {
                System.arraycopy(latencies[w], 0, all, at, counts[w]);
                at += counts[w];
            }
        }
        Arrays.sort(all, 0, at);
        Map<Integer, Long> statuses = new TreeMap<>();
        for (long[] perWorker : statusCounts) {
            for (int s = 0; s < perWorker.length; s++) {
                if (perWorker[s] > 0) {
                    statuses.merge(s, perWorker[s], Long::sum);
                }
            }
        }
        // When the request cap ended the run early, throughput counts only the time the window was really used.
        long used = budget.get() > 0 ? measureEnd
                : Math.max(measureStart + 1, Arrays.stream(lastDone).max().orElse(measureEnd));
        double seconds = (used - measureStart) / 1e9;
        double wall = (t1 - t0) / 1e9;
        return new Result(scenario, concurrency, at, seconds, at / seconds, Stats.percentile(all, at, 0.50),
                Stats.percentile(all, at, 0.99), at == 0 ? Double.NaN : all[at - 1] / 1e6, statuses,
                Arrays.stream(errors).sum(), (cpu1 - cpu0) / 1e9 / wall,
                serverPid > 0 ? (server1 - server0) / 1e9 / wall : Double.NaN);
    }

    static void sleepUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }

    static long generatorCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** User plus system CPU of a process from {@code /proc/PID/stat}, in nanoseconds (clock ticks of 10 ms). */
    static long processCpuNanos(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // Fields 14 and 15 of the file (utime, stime) are 12 and 13 after the command name.
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
