package dev.hookline.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The benchmark's settings, from the environment {@code bench/run.sh} sets. */
record Settings(boolean quick, Path jar, String floorClasspath, Path template, Path triggers, Path workDir,
        List<String> javaOptions, String commit, int trackedRuns, int localTrackedRuns, String runDuration, String secret,
        Path crd, boolean jfr, List<String> phases, String aotCache, int burstRuns, List<Integer> burstRates,
        String burstRunDuration, long burstGitHubLatencyMillis) {

    static Settings fromEnvironment() {
        boolean quick = "1".equals(env("BENCH_QUICK", "0"));
        return new Settings(quick, Path.of(env("BENCH_JAR", "target/quarkus-app/quarkus-run.jar")),
                env("BENCH_FLOOR_CP", ""),
                Path.of(env("BENCH_TEMPLATE", "src/test/resources/github/push-existing-branch.json")),
                Path.of(env("BENCH_TRIGGERS", "bench/triggers.yaml")), Path.of(env("BENCH_WORKDIR", "/tmp")),
                Arrays.stream(env("BENCH_JAVA_OPTS", "").trim().split("\\s+")).filter(s -> !s.isEmpty()).toList(),
                env("BENCH_COMMIT", "unknown"), Integer.parseInt(env("BENCH_TRACKED_RUNS", quick ? "2000" : "10000")),
                Integer.parseInt(env("BENCH_LOCAL_TRACKED_RUNS", quick ? "1000" : "2000")),
                env("BENCH_RUN_DURATION", "2s"), "hookline-dev-secret",
                Path.of(env("BENCH_CRD", "src/main/resources/tekton/300-pipelinerun.yaml")),
                "1".equals(env("BENCH_JFR", "0")),
                List.of(env("BENCH_PHASES", "floor,load,memory-local,memory-cluster").split(",")),
                env("BENCH_AOT_CACHE", ""), Integer.parseInt(env("BENCH_BURST_RUNS", "500")),
                Arrays.stream(env("BENCH_BURST_RATE", "80").split(",")).map(String::trim).map(Integer::valueOf).toList(),
                env("BENCH_BURST_RUN_DURATION", "45s"), Long.parseLong(env("BENCH_BURST_GITHUB_LATENCY_MS", "0")));
    }

    /** Whether {@code BENCH_PHASES} names the phase (by default the first four; {@code burst} is opt-in). */
    boolean runs(String phase) {
        return phases.contains(phase);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The first window of each server is longer: the JIT compiles the hot path during it. */
    long initialWarmupMillis() {
        return quick ? 3_000 : 8_000;
    }

    long warmupMillis(int concurrency) {
        return quick ? 1_000 : 3_000;
    }

    long measureMillis() {
        return quick ? 2_000 : 6_000;
    }

    /**
     * Every triggered push leaves a run behind, and local mode's embedded API gets slower with each stored object
     * (it scans them all under one lock per request): runs per concurrency level are capped, and the windows of
     * {@code triggered} and {@code duplicate} are shorter. The JIT is warm from the scenarios before them.
     */
    long maxTriggered() {
        return quick ? 200 : 500;
    }

    long runWarmupMillis() {
        return quick ? 500 : 1_000;
    }

    long runMeasureMillis() {
        return quick ? 1_500 : 4_000;
    }

    long drainTimeoutMillis() {
        return quick ? 60_000 : 120_000;
    }

    int pacedRate() {
        return 10;
    }

    int pacedSeconds() {
        return quick ? 5 : 15;
    }
}
