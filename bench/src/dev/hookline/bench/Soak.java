package dev.hookline.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The soak {@code bench/soak.sh} runs: deliveries at a steady rate into Hookline in local mode (70% valid pushes
 * across many repositories and branches, 10% redeliveries, 10% bad signatures, 10% malformed bodies), then a wait for
 * every run to finish. Checks that nothing answered 5xx, that every valid delivery got exactly one run per matching
 * trigger, that every run got exactly one final status, and that heap, threads and file descriptors did not grow.
 * Finished, reported runs are deleted as Tekton's pruner would, so the embedded API's store stays bounded.
 */
public final class Soak {

    private static final Map<String, String> CONTEXTS = Map.of("soak-all", "soak/all", "soak-main", "soak/main",
            "soak-svc", "soak/svc");
    private static final Set<String> FINAL = Set.of("success", "failure", "error");
    private static final String RUNS = "/apis/tekton.dev/v1/namespaces/ci/pipelineruns";

    /** A valid push sent, what it should start, and what the answer said it started (trigger to run name). */
    record Valid(Pushes.Delivery delivery, Set<String> expected, Map<String, String> runs, long answeredNanos) {
    }

    /** Runs are pruned this long after their delivery was answered: redeliveries come sooner (see below). */
    private static final long PRUNE_AFTER_NANOS = 30_000_000_000L;
    /** Redeliveries pick among the latest valid deliveries (a few seconds' worth), whose runs still exist. */
    private static final int REDELIVER_FROM_LATEST = 50;

    /** Heap, threads and descriptors at one moment. */
    record Sample(String when, double heapMb, long threads, long fds, double rssMb, Map<String, Long> histogram) {
    }

    private final Settings settings = Settings.fromEnvironment();
    private final int deliveries = Integer.parseInt(env("SOAK_DELIVERIES", "100000"));
    private final int rate = Integer.parseInt(env("SOAK_RATE", "20"));
    private final Pushes pushes;
    private final Map<String, Valid> valid = new ConcurrentHashMap<>();
    private final List<Valid> redeliverable = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong ioErrors = new AtomicLong();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger pushCounter = new AtomicInteger();
    /** Answer times of valid pushes (they create runs, and their Events), in milliseconds. */
    private final List<Double> pushMillis = Collections.synchronizedList(new ArrayList<>());
    /** Answer times of every delivery, in milliseconds. */
    private final List<Double> allMillis = Collections.synchronizedList(new ArrayList<>());
    /** Hookline's own defaults for delivery Events: the cap the soak holds their number to. */
    private final double eventsPerSecond = Double.parseDouble(env("SOAK_EVENTS_PER_SECOND", "5"));
    private final int eventsBurst = Integer.parseInt(env("SOAK_EVENTS_BURST", "10"));
    private long elapsedSeconds;
    private long eventsCreated;
    private String eventsDropped = "–";

    private Soak() throws IOException {
        pushes = new Pushes(settings.template(), settings.secret());
    }

    public static void main(String[] args) throws Exception {
        Soak soak = new Soak();
        boolean passed = soak.run();
        System.exit(passed ? 0 : 1);
    }

    private boolean run() throws Exception {
        int port = Bench.freePort();
        int kubePort = Bench.freePort();
        try (GitHubStandIn github = new GitHubStandIn();
                Service hookline = Bench.startHookline(settings, port, kubePort, github, true, "hookline-soak.log")) {
            long ready = hookline.awaitReady(port, "/q/health/ready", 60_000);
            Bench.progress("soak: Hookline ready in " + ready + " ms; " + deliveries + " deliveries at " + rate + "/s");
            AtomicInteger sent = new AtomicInteger();
            int warmup = Math.max(500, deliveries / 10);
            Thread janitor = janitor(github, kubePort);
            long started = System.nanoTime();
            long interval = 1_000_000_000L / rate;
            long sendDeadline = started + (2L * deliveries / rate + 120) * 1_000_000_000L;
            List<Thread> senders = new ArrayList<>();
            AtomicInteger next = new AtomicInteger();
            for (int s = 0; s < 4; s++) {
                Thread sender = new Thread(() -> send(port, next, started, interval, sendDeadline, sent), "soak-sender-" + s);
                sender.start();
                senders.add(sender);
            }
            boolean warmSampled = false;
            boolean midSampled = false;
            long lastProgress = System.nanoTime();
            while (senders.stream().anyMatch(Thread::isAlive)) {
                if (!warmSampled && sent.get() >= warmup) {
                    samples.add(sample("after warm-up (" + sent.get() + " sent)", hookline, port));
                    warmSampled = true;
                }
                if (!midSampled && sent.get() >= deliveries / 2) {
                    samples.add(sample("half way (" + sent.get() + " sent)", hookline, port));
                    midSampled = true;
                }
                Thread.sleep(200);
                if (System.nanoTime() - lastProgress > 30_000_000_000L) {
                    lastProgress = System.nanoTime();
                    Bench.progress("soak: " + sent.get() + " sent, " + github.posts() + " statuses posted");
                }
            }
            for (Thread sender : senders) {
                sender.join();
            }
            Bench.progress("soak: all " + sent.get() + " sent in " + (System.nanoTime() - started) / 1_000_000_000
                    + " s; waiting for every run's final status");
            long deadline = System.nanoTime() + 180_000_000_000L;
            while (System.nanoTime() < deadline && !allDeleted()) {
                Thread.sleep(500);
            }
            janitor.interrupt();
            janitor.join(10_000);
            // Idle, as after warm-up there was load: give executor pools their keep-alive to shrink back.
            Thread.sleep(5_000);
            samples.add(sample("end", hookline, port));
            elapsedSeconds = (System.nanoTime() - started) / 1_000_000_000L + 1;
            eventsCreated = deliveryEvents(kubePort);
            eventsDropped = metric(port, "hookline_delivery_events_dropped_total");
            List<String> remaining = remainingRuns(kubePort);
            return report(github, remaining);
        }
    }

    private void send(int port, AtomicInteger next, long started, long interval, long deadline, AtomicInteger sent) {
        try (Http http = new Http(port, 30_000)) {
            for (int i = next.getAndIncrement(); i < deliveries && System.nanoTime() < deadline; i = next.getAndIncrement()) {
                ClosedLoop.sleepUntil(started + i * interval);
                String kind;
                Pushes.Delivery delivery;
                Set<String> expected = null;
                Valid original = null;
                switch (i % 10) {
                    case 7 -> {
                        original = latestValid();
                        kind = original == null ? "valid push" : "redelivery";
                        if (original == null) {
                            delivery = validPush();
                            expected = expected(delivery);
                        } else {
                            delivery = original.delivery().redelivered();
                        }
                    }
                    case 8 -> {
                        kind = "bad signature";
                        delivery = validPush().badlySigned();
                    }
                    case 9 -> {
                        kind = "malformed";
                        delivery = pushes.malformed();
                    }
                    default -> {
                        kind = "valid push";
                        delivery = validPush();
                        expected = expected(delivery);
                    }
                }
                Http.Response response;
                long sentAt = System.nanoTime();
                try {
                    response = http.send("POST", "/hooks/github", delivery.headers(), delivery.body());
                    double millis = (System.nanoTime() - sentAt) / 1e6;
                    allMillis.add(millis);
                    if (kind.equals("valid push")) {
                        pushMillis.add(millis);
                    }
                } catch (IOException e) {
                    ioErrors.incrementAndGet();
                    problem(kind + " " + delivery.id() + ": " + e.getMessage());
                    continue;
                } finally {
                    sent.incrementAndGet();
                }
                answers.computeIfAbsent(kind + " → " + response.status(), k -> new LongAdder()).increment();
                if (response.status() >= 500) {
                    serverErrors.incrementAndGet();
                    problem(kind + " " + delivery.id() + " answered " + response.status() + ": " + response.text());
                }
                check(kind, delivery, expected, original, response);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void check(String kind, Pushes.Delivery delivery, Set<String> expected, Valid original,
            Http.Response response) {
        int want = switch (kind) {
            case "bad signature" -> 401;
            case "malformed" -> 400;
            case "redelivery" -> original.runs().isEmpty() ? 202 : 200;
            default -> 202;
        };
        if (response.status() != want) {
            problem(kind + " " + delivery.id() + ": answered " + response.status() + ", expected " + want);
        }
        if (kind.equals("valid push") && response.status() == 202) {
            Map<String, String> runs = runs(response);
            Valid v = new Valid(delivery, expected, runs, System.nanoTime());
            valid.put(delivery.id(), v);
            redeliverable.add(v);
        } else if (kind.equals("redelivery") && response.status() == 200 && !runs(response).equals(original.runs())) {
            problem("redelivery " + delivery.id() + " named runs " + runs(response) + ", first answer " + original.runs());
        }
    }

    private Map<String, String> runs(Http.Response response) {
        Map<String, String> runs = new LinkedHashMap<>();
        try {
            JsonNode body = Bench.JSON.readTree(response.body());
            for (JsonNode run : body.path("runs")) {
                if (runs.put(run.path("trigger").asText(), run.path("name").asText()) != null) {
                    problem("answer names trigger " + run.path("trigger").asText() + " twice: " + response.text());
                }
            }
        } catch (IOException e) {
            problem("answer is not JSON: " + response.text());
        }
        return runs;
    }

    /** A push to one of many repositories and branches; one in ten to a repository no trigger covers. */
    private Pushes.Delivery validPush() {
        int j = pushCounter.incrementAndGet();
        String repo = j % 10 == 0 ? "other/repo-" + (j % 13)
                : j % 7 == 0 ? "soak/svc-1" + (j % 5) : "soak/app-" + (j % 40);
        String branch = switch (j % 3) {
            case 0 -> "main";
            case 1 -> "feature/f-" + (j % 100);
            default -> j % 2 == 0 ? "release/1." + (j % 4) : "fix/b-" + (j % 50);
        };
        return pushes.push(repo, branch, "Soak change " + j);
    }

    /** The triggers of {@code bench/soak-triggers.yaml} this push matches. */
    static Set<String> expected(Pushes.Delivery push) {
        Set<String> expected = new TreeSet<>();
        String branch = push.ref().substring("refs/heads/".length());
        if (push.repository().startsWith("soak/")) {
            expected.add("soak-all");
            if (branch.equals("main") || branch.startsWith("release/")) {
                expected.add("soak-main");
            }
            if (push.repository().startsWith("soak/svc-1")) {
                expected.add("soak-svc");
            }
        }
        return expected;
    }

    /** Deletes each run once its final status has arrived, as a pruner would; every loop is bounded by time. */
    private Thread janitor(GitHubStandIn github, int kubePort) {
        Thread janitor = new Thread(() -> {
            long deadline = System.nanoTime() + (2L * deliveries / rate + 600) * 1_000_000_000L;
            try (Http http = new Http(kubePort, 30_000)) {
                while (!Thread.currentThread().isInterrupted() && System.nanoTime() < deadline) {
                    for (Valid v : valid.values()) {
                        for (Map.Entry<String, String> run : v.runs().entrySet()) {
                            String context = CONTEXTS.get(run.getKey());
                            if (context == null || deleted.contains(run.getValue())
                                    || System.nanoTime() - v.answeredNanos() < PRUNE_AFTER_NANOS
                                    || !hasFinal(github, v, context)) {
                                continue;
                            }
                            try {
                                int status = http.send("DELETE", RUNS + "/" + run.getValue(), new String[0], null).status();
                                // Gone either way; any other answer is tried again on the next pass.
                                if (status / 100 == 2 || status == 404) {
                                    deleted.add(run.getValue());
                                } else {
                                    Bench.progress("soak: DELETE of " + run.getValue() + " answered " + status);
                                }
                            } catch (IOException e) {
                                // tried again on the next pass
                            }
                        }
                    }
                    Thread.sleep(1_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "soak-janitor");
        janitor.setDaemon(true);
        janitor.start();
        return janitor;
    }

    private Valid latestValid() {
        synchronized (redeliverable) {
            int size = redeliverable.size();
            return size == 0 ? null
                    : redeliverable.get(size - 1 - ThreadLocalRandom.current().nextInt(Math.min(size, REDELIVER_FROM_LATEST)));
        }
    }

    private static boolean hasFinal(GitHubStandIn github, Valid v, String context) {
        return github.arrivals(v.delivery().sha(), context).stream().anyMatch(a -> FINAL.contains(a.state()));
    }

    private boolean allDeleted() {
        return valid.values().stream().flatMap(v -> v.runs().values().stream()).allMatch(deleted::contains);
    }

    /** The delivery Events Hookline created in the embedded API, in every namespace. */
    private static long deliveryEvents(int kubePort) throws IOException {
        String path = "/apis/events.k8s.io/v1/events?labelSelector=app.kubernetes.io%2Fmanaged-by%3Dhookline";
        return Bench.JSON.readTree(Http.get(kubePort, path).body()).path("items").size();
    }

    /** The sum of a counter's series in Hookline's Prometheus metrics, or "–" when it has none. */
    private static String metric(int port, String name) throws IOException {
        double sum = 0;
        boolean found = false;
        for (String line : Http.get(port, "/q/metrics").text().split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        return found ? String.format("%.0f", sum) : "–";
    }

    private List<String> remainingRuns(int kubePort) throws IOException {
        List<String> names = new ArrayList<>();
        for (JsonNode item : Bench.JSON.readTree(Http.get(kubePort, RUNS).body()).path("items")) {
            names.add(item.path("metadata").path("name").asText());
        }
        return names;
    }

    private static Sample sample(String when, Service hookline, int port) {
        try {
            Map<String, Long> histogram = histogram(hookline.jcmd("GC.class_histogram"));
            return new Sample(when, Service.heapUsedMb(port), hookline.threads(), hookline.fds(), hookline.rssMb(),
                    histogram);
        } catch (IOException | InterruptedException e) {
            return new Sample(when + " (failed: " + e.getMessage() + ")", Double.NaN, -1, -1, Double.NaN, Map.of());
        }
    }

    /** Bytes per class from {@code GC.class_histogram}, which runs a full GC first. */
    private static Map<String, Long> histogram(String text) {
        Map<String, Long> bytes = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                bytes.put(f[3], Long.parseLong(f[2]));
            }
        }
        return bytes;
    }

    private boolean report(GitHubStandIn github, List<String> remaining) {
        int wrongRuns = 0;
        int runs = 0;
        int noFinal = 0;
        int severalFinal = 0;
        for (Valid v : valid.values()) {
            if (!v.runs().keySet().equals(v.expected())) {
                wrongRuns++;
                problem("delivery " + v.delivery().id() + " (" + v.delivery().repository() + " " + v.delivery().ref()
                        + ") started " + v.runs().keySet() + ", expected " + v.expected());
            }
            for (String trigger : v.runs().keySet()) {
                runs++;
                long finals = github.arrivals(v.delivery().sha(), CONTEXTS.getOrDefault(trigger, "?")).stream()
                        .filter(a -> FINAL.contains(a.state())).count();
                if (finals == 0) {
                    noFinal++;
                } else if (finals > 1) {
                    severalFinal++;
                    problem("run " + v.runs().get(trigger) + " got " + finals + " final statuses");
                }
            }
        }
        Sample warm = samples.isEmpty() ? null : samples.get(0);
        Sample end = samples.get(samples.size() - 1);
        boolean heapOk = warm != null && end.heapMb() <= warm.heapMb() * 1.10;
        // Pools may start a thread or two on demand; growth means more than that.
        boolean threadsOk = warm != null && end.threads() <= warm.threads() + 4;
        boolean fdsOk = warm != null && end.fds() <= warm.fds() + 8;

        StringBuilder md = new StringBuilder("### Hookline soak\n\n");
        md.append(String.format("%d deliveries at %d/s, local mode, runs take %s; commit `%s`, %d cores%n%n", deliveries, rate,
                settings.runDuration(), settings.commit(), Runtime.getRuntime().availableProcessors()));
        md.append("| delivery → answer | count |\n| --- | ---: |\n");
        new TreeSet<>(answers.keySet()).forEach(k -> md.append("| ").append(k).append(" | ").append(answers.get(k).sum())
                .append(" |\n"));
        md.append("\n| answers | count | p50 | p99 | max |\n| --- | ---: | ---: | ---: | ---: |\n");
        for (var row : List.of(Map.entry("valid pushes (create runs)", pushMillis), Map.entry("every delivery", allMillis))) {
            List<Double> millis = List.copyOf(row.getValue());
            md.append(String.format("| %s | %d | %s ms | %s ms | %s ms |%n", row.getKey(), millis.size(),
                    Stats.ms(Stats.percentileMillis(millis, 0.50)), Stats.ms(Stats.percentileMillis(millis, 0.99)),
                    Stats.ms(Stats.percentileMillis(millis, 1.0))));
        }
        long eventsBound = eventsBurst + (long) Math.ceil(eventsPerSecond * elapsedSeconds);
        md.append("\n| when | heap after full GC | threads | file descriptors | RSS |\n| --- | ---: | ---: | ---: | ---: |\n");
        samples.forEach(s -> md.append(String.format("| %s | %.1f MB | %d | %d | %.0f MB |%n", s.when(), s.heapMb(),
                s.threads(), s.fds(), s.rssMb())));
        md.append("\n| check | result | |\n| --- | --- | --- |\n");
        boolean ok = true;
        ok &= check(md, "no 5xx answer (and no I/O error)", serverErrors.get() + " 5xx, " + ioErrors.get() + " I/O errors",
                serverErrors.get() == 0 && ioErrors.get() == 0);
        ok &= check(md, "every valid delivery has exactly one run per matching trigger",
                valid.size() + " deliveries, " + runs + " runs, " + wrongRuns + " wrong", wrongRuns == 0 && !valid.isEmpty());
        ok &= check(md, "every run has exactly one final status (posts counted at the GitHub stand-in)",
                noFinal + " without, " + severalFinal + " with more than one", noFinal == 0 && severalFinal == 0);
        ok &= check(md, "no stray run left in the API (all were reported and pruned)", remaining.size() + " left"
                + (remaining.isEmpty() ? "" : ": " + String.join(", ", remaining.subList(0, Math.min(5, remaining.size())))),
                remaining.isEmpty());
        ok &= check(md, "every answer as expected (401, 400, 200 duplicate, 202)", problemsBeyond(), problems.isEmpty());
        ok &= check(md, "delivery Events within the cap (burst + rate × " + elapsedSeconds + " s)",
                eventsCreated + " created (bound " + eventsBound + "), " + eventsDropped + " dropped",
                eventsCreated <= eventsBound);
        ok &= check(md, "heap after full GC at the end within 10% of after warm-up",
                warm == null ? "no warm-up sample" : String.format("%.1f MB → %.1f MB", warm.heapMb(), end.heapMb()), heapOk);
        ok &= check(md, "no thread growth (≤ 4 more than after warm-up)",
                warm == null ? "–" : warm.threads() + " → " + end.threads(), threadsOk);
        ok &= check(md, "no file descriptor growth (≤ 8 more than after warm-up)",
                warm == null ? "–" : warm.fds() + " → " + end.fds(), fdsOk);
        md.append(String.format("%nStatuses posted: %d; requests the stand-in did not expect: %d.%n", github.posts(),
                github.unexpected()));
        if (warm != null && !warm.histogram().isEmpty()) {
            md.append("\nClasses whose instances grew most between warm-up and end (`GC.class_histogram`):\n\n");
            md.append("| class | after warm-up | end |\n| --- | ---: | ---: |\n");
            end.histogram().entrySet().stream()
                    .sorted((a, b) -> Long.compare(b.getValue() - warm.histogram().getOrDefault(b.getKey(), 0L),
                            a.getValue() - warm.histogram().getOrDefault(a.getKey(), 0L)))
                    .limit(8).forEach(e -> md.append(String.format("| `%s` | %.1f KB | %.1f KB |%n", e.getKey(),
                            warm.histogram().getOrDefault(e.getKey(), 0L) / 1024.0, e.getValue() / 1024.0)));
        }
        if (!problems.isEmpty()) {
            md.append("\nFirst problems:\n\n");
            problems.stream().limit(20).forEach(p -> md.append("- ").append(p).append('\n'));
        }
        md.append(ok ? "\nAll checks passed.\n" : "\n**Some checks failed.**\n");
        System.out.println(md);
        return ok;
    }

    private String problemsBeyond() {
        return problems.isEmpty() ? "all" : problems.size() + " unexpected";
    }

    private static boolean check(StringBuilder md, String check, String result, boolean passed) {
        md.append("| ").append(check).append(" | ").append(result).append(" | ").append(passed ? "passed" : "**FAILED**")
                .append(" |\n");
        return passed;
    }

    private void problem(String message) {
        if (problems.size() < 1000) {
            problems.add(message);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
