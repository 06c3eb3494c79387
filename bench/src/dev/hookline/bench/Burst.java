package dev.hookline.bench;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The burst of issue #13: many runs finishing at once against a GitHub stand-in that enforces the secondary limit.
 * Hookline is started from the jar in local mode with its write budget at {@code rate} a minute; one push per run
 * (each its own commit) creates the runs, all within a few seconds, and the simulated Tekton ends each of them
 * {@code BENCH_BURST_RUN_DURATION} after it started, so they finish together, long after the last push was answered.
 * Every status goes through Hookline's real path: informer, write budget, HTTP POST to the stand-in, ledger.
 */
final class Burst {

    /** GitHub's documented secondary limit for content-creating requests, per token, a minute. */
    static final int LIMIT = 80;
    private static final int CONNECTIONS = 16;

    private final Settings settings;
    private final Pushes pushes;

    /** One push answered with its run: the commit it is about, the run's name, when the answer was read. */
    record Created(String sha, String run, Instant answered) {
    }

    Burst(Settings settings) throws IOException {
        this.settings = settings;
        this.pushes = new Pushes(settings.template(), settings.secret());
    }

    BurstResult run(int rate) throws Exception {
        int n = settings.burstRuns();
        Duration runDuration = Duration.parse("PT" + settings.burstRunDuration().toUpperCase());
        int port = Bench.freePort();
        int kubePort = Bench.freePort();
        try (GitHubStandIn github = new GitHubStandIn(LIMIT, settings.burstGitHubLatencyMillis());
                Service hookline = Bench.startHookline(settings, port, kubePort, github, true,
                        "hookline-burst-" + rate + ".log", Map.of("HOOKLINE_GITHUB_WRITES_PER_MINUTE",
                                String.valueOf(rate), "HOOKLINE_LOCAL_RUN_DURATION", settings.burstRunDuration()))) {
            hookline.awaitReady(port, "/q/health/ready", 60_000);
            Bench.progress("burst: " + n + " pushes, " + CONNECTIONS + " connections; runs take " + runDuration.toSeconds()
                    + " s; Hookline writes " + rate + " a minute, the stand-in accepts " + LIMIT + " in any 60 s");

            ConcurrentLinkedQueue<Created> created = new ConcurrentLinkedQueue<>();
            Map<Integer, Long> answers = new TreeMap<>();
            Instant pushStart = Instant.now();
            push(port, n, created, answers);
            List<Created> runs = new ArrayList<>(created);
            Instant pushEnd = runs.stream().map(Created::answered).max(Comparator.naturalOrder()).orElse(Instant.now());
            Bench.progress(String.format("burst: %d runs created in %.1f s (answers %s); waiting for their final states",
                    runs.size(), Duration.between(pushStart, pushEnd).toMillis() / 1000.0, answers));

            // Hookline sends the finals at its own pace, never faster than the limit lets through: half again as long,
            // plus the runs themselves and two minutes, before the missing ones are counted.
            long patience = runDuration.toMillis() + n * 60_000L / Math.min(rate, LIMIT) * 3 / 2 + 120_000;
            awaitFinals(github, runs, patience);

            BurstResult result = new BurstResult(rate, LIMIT, n, runDuration, answers, pushStart, pushEnd,
                    settings.burstGitHubLatencyMillis());
            for (Created run : runs) {
                result.completions.put(run.sha(), completionTime(kubePort, run.run()));
            }
            result.analyse(github.writes(), github.unexpected());
            Bench.progress(result.summary());
            return result;
        }
    }

    /** Sends the {@code n} pushes, each once, on {@link #CONNECTIONS} keep-alive connections, as fast as answered. */
    private void push(int port, int n, ConcurrentLinkedQueue<Created> created, Map<Integer, Long> answers)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            Thread thread = new Thread(() -> {
                try (Http http = new Http(port, 30_000)) {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        Pushes.Delivery delivery = pushes.push("bench/app-" + (i % 50), "main", "Burst " + i);
                        int status;
                        try {
                            Http.Response response = http.send("POST", "/hooks/github", delivery.headers(), delivery.body());
                            record(created, delivery, response);
                            status = response.status();
                        } catch (IOException e) {
                            // Counted as status 0, and its run as missing: the check names it.
                            status = 0;
                        }
                        synchronized (answers) {
                            answers.merge(status, 1L, Long::sum);
                        }
                    }
                }
            }, "burst-push-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static void record(ConcurrentLinkedQueue<Created> created, Pushes.Delivery delivery, Http.Response response) {
        if (response.status() != 202) {
            return;
        }
        try {
            JsonNode names = Bench.JSON.readTree(response.body()).path("runs");
            if (names.size() == 1) {
                created.add(new Created(delivery.sha(), names.get(0).path("name").asText(), Instant.now()));
            }
        } catch (IOException e) {
            // not JSON: not a triggered answer, and then counted as a run missing
        }
    }

    /** Waits until every run's final state was accepted, printing the progress every 30 s. */
    private static void awaitFinals(GitHubStandIn github, List<Created> runs, long timeoutMillis)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeoutMillis * 1_000_000;
        long nextProgress = start + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            long done = runs.stream().filter(r -> github.first(r.sha(), Bench.CONTEXT, "success") != null).count();
            if (done == runs.size()) {
                return;
            }
            if (System.nanoTime() >= nextProgress) {
                long refused = github.writes().stream().filter(GitHubStandIn.Write::refused).count();
                Bench.progress("burst: " + done + " of " + runs.size() + " final states accepted, " + refused
                        + " writes refused so far");
                nextProgress += 30_000_000_000L;
            }
            Thread.sleep(200);
        }
        Bench.progress("burst: not every final state arrived within " + timeoutMillis / 1000 + " s");
    }

    private static Instant completionTime(int kubePort, String name) throws IOException {
        Http.Response response = Http.get(kubePort, "/apis/tekton.dev/v1/namespaces/ci/pipelineruns/" + name);
        if (response.status() != 200) {
            return null;
        }
        JsonNode time = Bench.JSON.readTree(response.body()).path("status").path("completionTime");
        return time.isTextual() ? Instant.parse(time.asText()) : null;
    }
}
