package dev.hookline.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Every figure of one benchmark run, and the Markdown they are printed as. */
final class Report {

    /** Latencies from a webhook answer to GitHub, per push. */
    static final class Latencies {

        final List<Double> pending = new ArrayList<>();
        final List<Double> finished = new ArrayList<>();
        int missingPending;
        int missingFinal;

        int runs() {
            return pending.size() + missingPending;
        }
    }

    /** One fresh start of Hookline: idle, then tracking the runs created in its API. */
    static final class Memory {

        final String mode;
        long readyMillis;
        long cpuAtReadyMillis;
        double rssIdleMb;
        long threadsIdle;
        double heapIdleMb;
        double rssIdleAfterGcMb;
        int trackedRuns;
        double heapTrackedMb;
        double rssTrackedMb;
        double runsJsonMb;
        long statusPosts;

        Memory(String mode) {
            this.mode = mode;
        }
    }

    final List<ClosedLoop.Result> results = new ArrayList<>();
    final List<Memory> memory = new ArrayList<>();
    final List<Double> pacedAnswers = new ArrayList<>();
    final List<String> failures = new ArrayList<>();
    final List<BurstResult> bursts = new ArrayList<>();
    String loadAverage;
    long loadReadyMillis;
    long statusPosts;
    double drainSeconds;
    Latencies burst;
    Latencies paced;

    void add(ClosedLoop.Result result) {
        results.add(result);
        Bench.progress(String.format("%s c=%d: %.0f req/s, p50 %s ms, p99 %s ms, max %s ms, answers %s, errors %d, "
                + "server %.2f cores, load generator %.2f cores", result.scenario(), result.concurrency(),
                result.throughput(), Stats.ms(result.p50Millis()), Stats.ms(result.p99Millis()),
                Stats.ms(result.maxMillis()), result.statuses(), result.errors(), result.serverCores(),
                result.generatorCores()));
    }

    ClosedLoop.Result find(String scenario, int concurrency) {
        return results.stream().filter(r -> r.scenario().equals(scenario) && r.concurrency() == concurrency).findFirst()
                .orElse(null);
    }

    double ratio(int concurrency) {
        ClosedLoop.Result ignored = find("ignored", concurrency);
        ClosedLoop.Result floor = find("floor", concurrency);
        return ignored == null || floor == null || floor.throughput() == 0 ? Double.NaN
                : ignored.throughput() / floor.throughput();
    }

    String markdown(Settings settings) {
        StringBuilder md = new StringBuilder();
        md.append("### Hookline benchmark").append(settings.quick() ? " (BENCH_QUICK=1)" : "").append("\n\n");
        md.append("| | |\n| --- | --- |\n");
        md.append("| machine | ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.runtime.version"))
                .append(", load average ").append(loadAverage).append(" at start |\n");
        md.append("| commit | `").append(settings.commit()).append("` |\n");
        md.append("| JVM options (Hookline and floor) | `").append(String.join(" ", settings.javaOptions())).append("` |\n");
        if (!settings.aotCache().isEmpty()) {
            md.append("| AOT cache (Hookline) | `").append(settings.aotCache()).append("` |\n");
        }
        md.append("| windows | warm-up ").append(settings.warmupMillis(1) / 1000.0).append(" s, measured ")
                .append(settings.measureMillis() / 1000.0).append(" s per row (triggered and duplicate: ")
                .append(settings.runWarmupMillis() / 1000.0).append(" s and ").append(settings.runMeasureMillis() / 1000.0)
                .append(" s, at most ").append(settings.maxTriggered()).append(" measured pushes per row); runs take ")
                .append(settings.runDuration()).append(" |\n\n");

        // BENCH_PHASES may leave out the load: then only what was measured is printed and judged.
        boolean load = settings.runs("load");
        if (load) {
            loadTables(md, settings);
        }
        memoryTable(md, load);
        if (load || !memory.isEmpty()) {
            targets(md, settings, load);
        }
        if (settings.runs("burst")) {
            burstTables(md);
        }
        failures.forEach(f -> md.append("\n**Phase failed**, its figures are missing: ").append(f).append('\n'));
        return md.toString();
    }

    private void loadTables(StringBuilder md, Settings settings) {
        md.append("| scenario | connections | req/s | p50 ms | p99 ms | max ms | answers | server CPU (cores) | "
                + "load generator CPU (cores) |\n| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |\n");
        for (ClosedLoop.Result r : results) {
            md.append(String.format("| %s | %d | %.0f | %s | %s | %s | %s%s | %.2f | %.2f |%n", r.scenario(),
                    r.concurrency(), r.throughput(), Stats.ms(r.p50Millis()), Stats.ms(r.p99Millis()),
                    Stats.ms(r.maxMillis()), answers(r.statuses()), r.errors() > 0 ? ", " + r.errors() + " I/O errors" : "",
                    r.serverCores(), r.generatorCores()));
        }
        md.append(String.format("%n| ignored / floor | 1 connection | 8 | 32 |%n| --- | ---: | ---: | ---: |%n"
                + "| throughput ratio | %.2f | %.2f | %.2f |%n%n", ratio(1), ratio(8), ratio(32)));

        md.append("| time to status | pushes | p50 ms | p99 ms | max ms | missing |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: |\n");
        latencyRows(md, "paced " + settings.pacedRate() + "/s", paced);
        latencyRows(md, "after the triggered burst", burst);
        md.append(String.format("%nAfter the triggered scenarios, every run's final status had arrived %s s later. "
                + "Paced pushes were answered in p50 %s ms, p99 %s ms.%n%n",
                Double.isNaN(drainSeconds) ? "(not within the wait)" : String.format("%.1f", drainSeconds),
                Stats.ms(Stats.percentileMillis(pacedAnswers, 0.5)), Stats.ms(Stats.percentileMillis(pacedAnswers, 0.99))));
    }

    /** Whether every burst asked for ran and passed every check. */
    boolean burstPassed() {
        return !bursts.isEmpty() && bursts.stream().allMatch(BurstResult::passed)
                && failures.stream().noneMatch(f -> f.startsWith("burst"));
    }

    private void burstTables(StringBuilder md) {
        if (bursts.isEmpty()) {
            return;
        }
        md.append("\n");
        BurstResult.header(md);
        bursts.forEach(b -> b.row(md));
        bursts.forEach(b -> b.details(md));
        md.append("\n| check | measured | |\n| --- | ---: | --- |\n");
        bursts.forEach(b -> b.checks(md));
        md.append(burstPassed() ? "\nEvery burst check passed.\n" : "\n**A burst check failed.**\n");
    }

    private void memoryTable(StringBuilder md, boolean load) {
        if (memory.isEmpty()) {
            if (load) {
                md.append(String.format("The load scenarios' Hookline (local mode) was ready in %d ms.%n%n", loadReadyMillis));
            }
            return;
        }
        md.append("| memory and start |");
        memory.forEach(m -> md.append(' ').append(m.mode).append(" |"));
        md.append("\n| --- |");
        memory.forEach(m -> md.append(" ---: |"));
        md.append('\n');
        row(md, "time to ready (process start → `/q/health/ready` 200)", m -> m.readyMillis + " ms");
        row(md, "CPU time the process had used when ready (user + system)", m -> m.cpuAtReadyMillis + " ms");
        row(md, "RSS idle, 5 s after ready", m -> String.format("%.0f MB", m.rssIdleMb));
        row(md, "threads idle", m -> String.valueOf(m.threadsIdle));
        row(md, "heap used after a full GC, idle (RSS then)",
                m -> String.format("%.1f MB (%.0f MB)", m.heapIdleMb, m.rssIdleAfterGcMb));
        row(md, "runs tracked by the informer", m -> String.valueOf(m.trackedRuns));
        row(md, "heap used after a full GC, with them", m -> String.format("%.1f MB", m.heapTrackedMb));
        row(md, "heap per tracked run", m -> m.trackedRuns == 0 ? "–"
                : String.format("%.1f KB", (m.heapTrackedMb - m.heapIdleMb) * 1024 / m.trackedRuns));
        row(md, "RSS after that GC", m -> String.format("%.0f MB", m.rssTrackedMb));
        row(md, "JSON of the runs as posted (the API server keeps a copy)", m -> String.format("%.1f MB", m.runsJsonMb));
        row(md, "statuses posted for these finished, reported runs", m -> String.valueOf(m.statusPosts));
        if (load) {
            md.append(String.format("%nThe load scenarios' Hookline (local mode) was ready in %d ms.%n", loadReadyMillis));
        }
        md.append('\n');
    }

    private void targets(StringBuilder md, Settings settings, boolean load) {
        md.append("| target (2 cores, JVM) | measured | |\n| --- | ---: | --- |\n");
        if (load) {
            loadTargets(md, settings);
        }
        for (Memory m : memory) {
            target(md, "time to ready ≤ 2 s, " + m.mode, m.readyMillis + " ms", m.readyMillis <= 2000);
            target(md, "RSS idle ≤ 200 MB, " + m.mode, String.format("%.0f MB", m.rssIdleMb), m.rssIdleMb <= 200);
            // Judged only where 10,000 runs were tracked: fewer prove nothing about the target.
            if (m.trackedRuns >= 10_000) {
                target(md, "RSS with 10,000 tracked runs ≤ 400 MB, " + m.mode,
                        String.format("%.0f MB (%d runs)", m.rssTrackedMb, m.trackedRuns), m.rssTrackedMb <= 400);
            }
        }
    }

    private void loadTargets(StringBuilder md, Settings settings) {
        target(md, "`ignored` throughput / floor ≥ 0.6 (32 connections)", String.format("%.2f", ratio(32)),
                ratio(32) >= 0.6);
        ClosedLoop.Result ignored32 = find("ignored", 32);
        target(md, "`ignored` p99 at 32 connections ≤ 10 ms", Stats.ms(p99(ignored32)) + " ms", p99(ignored32) <= 10);
        double triggeredP99 = results.stream().filter(r -> r.scenario().equals("triggered"))
                .mapToDouble(ClosedLoop.Result::p99Millis).max().orElse(Double.NaN);
        target(md, "`triggered` p99 ≤ 50 ms (worst of 1, 8, 32 connections)", Stats.ms(triggeredP99) + " ms",
                triggeredP99 <= 50);
        // Closed loop at 8 and 32 connections saturates both cores with the embedded API and the simulated Tekton; at
        // the paced rate the latency is the request's own.
        double pacedTriggeredP99 = Stats.percentileMillis(pacedAnswers, 0.99);
        target(md, "`triggered` p99 ≤ 50 ms, paced " + settings.pacedRate() + "/s", Stats.ms(pacedTriggeredP99) + " ms",
                pacedTriggeredP99 <= 50);
        double pendingP99 = paced == null ? Double.NaN : Stats.percentileMillis(paced.pending, 0.99);
        target(md, "webhook answer → `pending` posted p99 ≤ 500 ms (paced)", Stats.ms(pendingP99) + " ms",
                pendingP99 <= 500 && paced.missingPending == 0);
        double finalP99 = paced == null ? Double.NaN : Stats.percentileMillis(paced.finished, 0.99);
        target(md, "run finished → final status p99 ≤ 1 s (paced)", Stats.ms(finalP99) + " ms",
                finalP99 <= 1000 && paced.missingFinal == 0);
    }

    private void row(StringBuilder md, String label, java.util.function.Function<Memory, String> value) {
        md.append("| ").append(label).append(" |");
        memory.forEach(m -> md.append(' ').append(value.apply(m)).append(" |"));
        md.append('\n');
    }

    private static double p99(ClosedLoop.Result result) {
        return result == null ? Double.NaN : result.p99Millis();
    }

    private static void target(StringBuilder md, String target, String measured, boolean met) {
        md.append("| ").append(target).append(" | ").append(measured).append(" | ").append(met ? "met" : "**missed**")
                .append(" |\n");
    }

    private static void latencyRows(StringBuilder md, String label, Latencies l) {
        if (l == null) {
            return;
        }
        md.append(String.format("| webhook answer → `pending` at GitHub, %s | %d | %s | %s | %s | %d |%n", label, l.runs(),
                Stats.ms(Stats.percentileMillis(l.pending, 0.5)), Stats.ms(Stats.percentileMillis(l.pending, 0.99)),
                Stats.ms(Stats.percentileMillis(l.pending, 1.0)), l.missingPending));
        md.append(String.format("| run `completionTime` → final status at GitHub, %s | %d | %s | %s | %s | %d |%n", label,
                l.runs(), Stats.ms(Stats.percentileMillis(l.finished, 0.5)),
                Stats.ms(Stats.percentileMillis(l.finished, 0.99)), Stats.ms(Stats.percentileMillis(l.finished, 1.0)),
                l.missingFinal));
    }

    private static String answers(Map<Integer, Long> statuses) {
        return statuses.entrySet().stream().map(e -> e.getValue() + "×" + e.getKey()).collect(Collectors.joining(" "));
    }
}
