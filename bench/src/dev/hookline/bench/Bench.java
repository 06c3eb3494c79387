package dev.hookline.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The benchmark {@code bench/run.sh} runs: the floor, then Hookline in local mode under four scenarios, the time its
 * statuses take to reach a GitHub stand-in, and a second start to measure memory with 10,000 tracked runs. Prints one
 * Markdown report on stdout; progress goes to stderr.
 */
public final class Bench {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String CONTEXT = "bench/build";
    static final int[] CONCURRENCY = {1, 8, 32};

    final Settings settings = Settings.fromEnvironment();
    final Pushes pushes;
    final Report report = new Report();

    /** A push that the webhook answered as triggered: when, and which runs. */
    record Triggered(Pushes.Delivery delivery, long answeredNanos, Instant answeredWall, List<String> runs) {
    }

    private Bench() throws IOException {
        pushes = new Pushes(settings.template(), settings.secret());
    }

    public static void main(String[] args) throws Exception {
        Bench bench = new Bench();
        bench.run();
        System.out.println(bench.report.markdown(bench.settings));
        // The burst is a test as much as a measurement: a failed check fails the script.
        if (bench.settings.runs("burst") && !bench.report.burstPassed()) {
            System.exit(1);
        }
    }

    private void run() throws Exception {
        report.loadAverage = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        if (settings.runs("floor")) {
            phase("floor", this::floor);
        }
        if (settings.runs("load")) {
            phase("load", () -> {
                try (GitHubStandIn github = new GitHubStandIn()) {
                    load(github);
                }
            });
        }
        if (settings.runs("memory-local")) {
            phase("memory in local mode", () -> memory(true));
        }
        if (settings.runs("memory-cluster")) {
            phase("memory in cluster mode", () -> memory(false));
        }
        if (settings.runs("burst")) {
            for (int rate : settings.burstRates()) {
                phase("burst at " + rate + " writes a minute", () -> report.bursts.add(new Burst(settings).run(rate)));
            }
        }
    }

    private interface Phase {

        void run() throws Exception;
    }

    /** Runs one phase; a failure is reported with the figures of the others instead of losing them all. */
    private void phase(String name, Phase phase) {
        try {
            phase.run();
        } catch (Exception e) {
            progress(name + " failed: " + e);
            report.failures.add(name + ": " + e);
        }
    }

    // ---- the floor ----

    private void floor() throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(settings.javaOptions());
        command.addAll(List.of("-cp", settings.floorClasspath(), Floor.class.getName(), String.valueOf(port),
                settings.secret()));
        progress("floor: starting on port " + port);
        try (Service floor = Service.start("floor", command, Map.of(), settings.workDir().resolve("floor.log"))) {
            floor.awaitReady(port, "/", 30_000);
            List<Pushes.Delivery> pool = pool(2000, i -> ignoredPush(i));
            warm(port, pool, floor.pid());
            for (int c : CONCURRENCY) {
                AtomicInteger next = new AtomicInteger();
                report.add(ClosedLoop.run("floor", port, "/hooks/github", c, settings.warmupMillis(c),
                        settings.measureMillis(), Long.MAX_VALUE, () -> fresh(pool.get(next.getAndIncrement() % pool.size())),
                        null, floor.pid()));
            }
        }
    }

    /** An unmeasured first window, long enough for the JIT to compile the hot path. */
    private void warm(int port, List<Pushes.Delivery> pool, long pid) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        ClosedLoop.run("warm-up", port, "/hooks/github", 8, settings.initialWarmupMillis(), 1, Long.MAX_VALUE,
                () -> fresh(pool.get(next.getAndIncrement() % pool.size())), null, pid);
    }

    // ---- Hookline under load ----

    private void load(GitHubStandIn github) throws Exception {
        int port = freePort();
        int kubePort = freePort();
        try (Service hookline = startHookline(port, kubePort, github, true, "hookline-load.log")) {
            report.loadReadyMillis = hookline.awaitReady(port, "/q/health/ready", 60_000);
            progress("hookline: ready in " + report.loadReadyMillis + " ms");

            List<Pushes.Delivery> ignored = pool(2000, this::ignoredPush);
            warm(port, ignored, hookline.pid());
            for (int c : CONCURRENCY) {
                AtomicInteger next = new AtomicInteger();
                report.add(ClosedLoop.run("ignored", port, "/hooks/github", c, settings.warmupMillis(c),
                        settings.measureMillis(), Long.MAX_VALUE,
                        () -> fresh(ignored.get(next.getAndIncrement() % ignored.size())), null, hookline.pid()));
            }
            List<Pushes.Delivery> rejected = ignored.stream().map(Pushes.Delivery::badlySigned).toList();
            for (int c : CONCURRENCY) {
                AtomicInteger next = new AtomicInteger();
                report.add(ClosedLoop.run("rejected", port, "/hooks/github", c, settings.warmupMillis(c),
                        settings.measureMillis(), Long.MAX_VALUE,
                        () -> fresh(rejected.get(next.getAndIncrement() % rejected.size())), null, hookline.pid()));
            }

            ConcurrentLinkedQueue<Triggered> triggered = new ConcurrentLinkedQueue<>();
            AtomicLong triggerCount = new AtomicLong();
            long burstEnd = 0;
            for (int c : CONCURRENCY) {
                report.add(ClosedLoop.run("triggered", port, "/hooks/github", c, settings.runWarmupMillis(),
                        settings.runMeasureMillis(), settings.maxTriggered(),
                        () -> triggeredPush(triggerCount.incrementAndGet()),
                        (delivery, response, sent, answered) -> record(triggered, delivery, response, answered),
                        hookline.pid()));
                burstEnd = System.nanoTime();
            }
            List<Triggered> burst = new ArrayList<>(triggered);
            progress("triggered: " + burst.size() + " runs created; waiting for their final statuses");
            report.drainSeconds = awaitFinal(github, burst, settings.drainTimeoutMillis(), burstEnd);
            report.burst = statusLatencies(github, burst, kubePort);

            for (int c : burst.isEmpty() ? new int[0] : CONCURRENCY) {
                AtomicInteger next = new AtomicInteger();
                report.add(ClosedLoop.run("duplicate", port, "/hooks/github", c, settings.runWarmupMillis(),
                        settings.runMeasureMillis(), Long.MAX_VALUE,
                        () -> burst.get(next.getAndIncrement() % burst.size()).delivery(), null, hookline.pid()));
            }

            report.paced = paced(port, kubePort, github);
            report.statusPosts = github.posts();
        }
    }

    /** Pushes at a steady rate on one connection, then how long each took to show as pending and as finished. */
    private Report.Latencies paced(int port, int kubePort, GitHubStandIn github) throws Exception {
        ConcurrentLinkedQueue<Triggered> triggered = new ConcurrentLinkedQueue<>();
        int count = (int) (settings.pacedRate() * settings.pacedSeconds());
        long interval = 1_000_000_000L / settings.pacedRate();
        progress("paced: " + count + " pushes at " + settings.pacedRate() + "/s");
        long start = System.nanoTime();
        try (Http http = new Http(port, 30_000)) {
            for (int i = 0; i < count; i++) {
                ClosedLoop.sleepUntil(start + i * interval);
                Pushes.Delivery delivery = triggeredPush(1_000_000 + i);
                long sent = System.nanoTime();
                Http.Response response = http.send("POST", "/hooks/github", delivery.headers(), delivery.body());
                record(triggered, delivery, response, System.nanoTime());
                report.pacedAnswers.add((System.nanoTime() - sent) / 1e6);
            }
        }
        List<Triggered> runs = new ArrayList<>(triggered);
        awaitFinal(github, runs, 60_000, System.nanoTime());
        return statusLatencies(github, runs, kubePort);
    }

    private void record(ConcurrentLinkedQueue<Triggered> triggered, Pushes.Delivery delivery, Http.Response response,
            long answered) {
        if (response.status() != 202) {
            return;
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            List<String> runs = new ArrayList<>();
            body.path("runs").forEach(run -> runs.add(run.path("name").asText()));
            triggered.add(new Triggered(delivery, answered, Instant.now(), runs));
        } catch (IOException e) {
            // not JSON: not a triggered answer
        }
    }

    /** Waits until every push has a final status; returns the seconds waited from {@code since}. */
    private double awaitFinal(GitHubStandIn github, List<Triggered> runs, long timeoutMillis, long since)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (runs.stream().allMatch(r -> github.first(r.delivery().sha(), CONTEXT, "success") != null)) {
                return (System.nanoTime() - since) / 1e9;
            }
            Thread.sleep(100);
        }
        return Double.NaN;
    }

    private Report.Latencies statusLatencies(GitHubStandIn github, List<Triggered> runs, int kubePort) throws IOException {
        Report.Latencies latencies = new Report.Latencies();
        for (Triggered run : runs) {
            GitHubStandIn.Arrival pending = github.first(run.delivery().sha(), CONTEXT, "pending");
            if (pending == null) {
                latencies.missingPending++;
            } else {
                latencies.pending.add((pending.nanos() - run.answeredNanos()) / 1e6);
            }
            GitHubStandIn.Arrival done = github.first(run.delivery().sha(), CONTEXT, "success");
            Instant completion = run.runs().isEmpty() ? null : completionTime(kubePort, run.runs().get(0));
            if (done == null || completion == null) {
                latencies.missingFinal++;
            } else {
                latencies.finished.add((done.wall().toEpochMilli() - completion.toEpochMilli())
                        + (done.wall().getNano() % 1_000_000 - completion.getNano() % 1_000_000) / 1e6);
            }
        }
        return latencies;
    }

    private static Instant completionTime(int kubePort, String name) throws IOException {
        Http.Response response = Http.get(kubePort, "/apis/tekton.dev/v1/namespaces/ci/pipelineruns/" + name);
        if (response.status() != 200) {
            return null;
        }
        JsonNode time = JSON.readTree(response.body()).path("status").path("completionTime");
        return time.isTextual() ? Instant.parse(time.asText()) : null;
    }

    // ---- memory with 10,000 tracked runs ----

    /**
     * Starts Hookline afresh and measures it idle, then with the tracked runs. In local mode the embedded API and the
     * simulated Tekton (which keeps a full copy of every run in its own informer) share Hookline's heap; with
     * {@code local == false} the same API runs in a process of its own and Hookline runs as in a cluster.
     */
    private void memory(boolean local) throws Exception {
        Report.Memory memory = new Report.Memory(local ? "local mode (embedded API in the same JVM)"
                : "cluster mode (API in its own process)");
        int port = freePort();
        int kubePort = freePort();
        Service api = null;
        try (GitHubStandIn github = new GitHubStandIn()) {
            if (!local) {
                List<String> command = new ArrayList<>(List.of(java(), "-Xmx1g", "-cp", settings.floorClasspath(),
                        KubeApi.class.getName(), String.valueOf(kubePort), settings.crd().toString()));
                api = Service.start("kubernetes-api", command, Map.of(), settings.workDir().resolve("kube-api.log"));
                api.awaitReady(kubePort, "/apis/tekton.dev/v1/namespaces/ci/pipelineruns", 60_000);
            }
            String log = "hookline-memory-" + (local ? "local" : "cluster") + ".log";
            try (Service hookline = startHookline(port, kubePort, github, local, log)) {
                memory.readyMillis = hookline.awaitReady(port, "/q/health/ready", 60_000);
                memory.cpuAtReadyMillis = hookline.cpuNanos() / 1_000_000;
                Thread.sleep(5_000);
                memory.rssIdleMb = hookline.rssMb();
                memory.threadsIdle = hookline.threads();
                hookline.fullGc();
                memory.heapIdleMb = Service.heapUsedMb(port);
                memory.rssIdleAfterGcMb = hookline.rssMb();
                int n = local ? settings.localTrackedRuns() : settings.trackedRuns();
                progress("memory, " + memory.mode + ": ready in " + memory.readyMillis + " ms, idle RSS "
                        + (int) memory.rssIdleMb + " MB; creating " + n + " PipelineRuns");
                long bytes = TrackedRuns.create(kubePort, n, 8);
                memory.runsJsonMb = bytes / (1024.0 * 1024.0);
                long deadline = System.nanoTime() + 180_000_000_000L;
                int tracked = 0;
                while (System.nanoTime() < deadline && (tracked = trackedRuns(port)) < n) {
                    Thread.sleep(1_000);
                }
                // Let the reporter look at each (its cheap check on the cached copy) before measuring.
                Thread.sleep(3_000);
                memory.trackedRuns = tracked;
                hookline.fullGc();
                memory.heapTrackedMb = Service.heapUsedMb(port);
                memory.rssTrackedMb = hookline.rssMb();
                memory.statusPosts = github.posts();
            }
        } finally {
            if (api != null) {
                api.close();
            }
        }
        report.memory.add(memory);
    }

    private static int trackedRuns(int port) throws IOException {
        return JSON.readTree(Http.get(port, "/api/runs").body()).size();
    }

    // ---- pushes ----

    /** Pushes to repositories no trigger covers, on many branches. */
    Pushes.Delivery ignoredPush(int i) {
        return pushes.push("quiet-" + (i % 20) + "/service-" + (i % 100), "feature/change-" + (i % 500), "Tweak the docs");
    }

    /** A push of a new commit to one of 50 repositories the {@code bench-build} trigger covers. */
    Pushes.Delivery triggeredPush(long i) {
        return pushes.push("bench/app-" + (i % 50), "main", "Change " + i);
    }

    /** The same body under a new delivery id, as a new push of the same commit would arrive. */
    private static Pushes.Delivery fresh(Pushes.Delivery d) {
        return new Pushes.Delivery(Pushes.deliveryId(), d.event(), d.body(), d.signature(), d.repository(), d.ref(), d.sha());
    }

    private static List<Pushes.Delivery> pool(int size, java.util.function.IntFunction<Pushes.Delivery> make) {
        List<Pushes.Delivery> pool = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            pool.add(make.apply(i));
        }
        return pool;
    }

    // ---- processes ----

    private Service startHookline(int port, int kubePort, GitHubStandIn github, boolean local, String log)
            throws IOException {
        return startHookline(settings, port, kubePort, github, local, log);
    }

    /** Starts Hookline from the jar, in local mode or against a separate API, posting statuses to the stand-in. */
    static Service startHookline(Settings settings, int port, int kubePort, GitHubStandIn github, boolean local,
            String log) throws IOException {
        return startHookline(settings, port, kubePort, github, local, log, Map.of());
    }

    /** The same, with environment variables of the caller's on top (they win). */
    static Service startHookline(Settings settings, int port, int kubePort, GitHubStandIn github, boolean local,
            String log, Map<String, String> extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(settings.javaOptions());
        if (!settings.aotCache().isEmpty()) {
            command.add("-XX:AOTCache=" + settings.aotCache());
        }
        if (settings.jfr()) {
            command.add("-XX:StartFlightRecording=settings=profile,filename="
                    + settings.workDir().resolve(log.replace(".log", ".jfr")));
        }
        command.addAll(List.of("-jar", settings.jar().toString()));
        Map<String, String> env = new LinkedHashMap<>();
        if (local) {
            env.put("HOOKLINE_LOCAL_ENABLED", "true");
            env.put("HOOKLINE_LOCAL_KUBERNETES_PORT", String.valueOf(kubePort));
            env.put("HOOKLINE_LOCAL_RUN_DURATION", settings.runDuration());
        } else {
            // As in a cluster: only the API server's address differs.
            env.put("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", "http://127.0.0.1:" + kubePort);
            env.put("QUARKUS_KUBERNETES_CLIENT_NAMESPACE", "default");
            env.put("HOOKLINE_STATUS_LEASE_NAMESPACE", "default");
        }
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("HOOKLINE_TRIGGERS_FILE", settings.triggers().toString());
        env.put("HOOKLINE_GITHUB_API_URL", github.apiUrl());
        env.put("HOOKLINE_GITHUB_TOKEN", "bench");
        env.put("HOOKLINE_WEBHOOK_SECRETS", settings.secret());
        env.putAll(extra);
        progress("hookline: starting " + (local ? "in local mode" : "against the API process") + " on port " + port
                + " (Kubernetes API " + kubePort + ", GitHub stand-in " + github.port() + ")");
        return Service.start("hookline", command, env, settings.workDir().resolve(log));
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void progress(String message) {
        System.err.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + message);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
