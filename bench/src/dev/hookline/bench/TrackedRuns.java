package dev.hookline.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Creates finished PipelineRuns directly in the embedded Kubernetes API, shaped as Hookline creates them (its labels
 * and annotations) with a status of a few KB as Tekton writes it. Each carries the ledger annotation
 * {@code hookline.dev/reported-state: success} and a {@code Succeeded=True} condition, so the status reporter and the
 * simulated Tekton leave it alone: what is measured is the memory of tracking them.
 */
final class TrackedRuns {

    private static final String PATH = "/apis/tekton.dev/v1/namespaces/ci/pipelineruns";

    private TrackedRuns() {
    }

    /** Creates {@code count} runs with {@code threads} connections; returns the bytes of JSON posted. */
    static long create(int kubePort, int count, int threads) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        AtomicInteger failures = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try (Http http = new Http(kubePort, 30_000)) {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        byte[] body = run(i).getBytes(StandardCharsets.UTF_8);
                        bytes.addAndGet(body.length);
                        String[] json = {"Content-Type", "application/json"};
                        try {
                            // PipelineRuns have a status subresource: a create drops the status, a PUT to /status sets it.
                            int created = http.send("POST", PATH, json, body).status();
                            int status = http.send("PUT", PATH + "/" + name(i) + "/status", json, body).status();
                            if (created >= 300 || status >= 300) {
                                failures.incrementAndGet();
                            }
                        } catch (IOException e) {
                            failures.incrementAndGet();
                        }
                    }
                }
            }, "tracked-runs-" + t);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join(600_000);
        }
        if (failures.get() > 0) {
            Bench.progress("memory: " + failures.get() + " of " + count + " runs could not be created");
        }
        return bytes.get();
    }

    static String name(int i) {
        return "bench-build-" + String.format("%07d", i) + "-" + Integer.toHexString(0x10000000 + i);
    }

    static String run(int i) {
        String sha = String.format("%040x", 0xabc000000L + i);
        String shortSha = sha.substring(0, 7);
        String name = name(i);
        String repo = "bench/tracked-" + (i % 200);
        String delivery = String.format("%08x-0000-4000-8000-%012x", i, i);
        Instant start = Instant.parse("2026-11-20T10:00:00Z").plusSeconds(i * 7L);
        Instant end = start.plusSeconds(301);
        String children = "";
        String[] tasks = {"fetch-source", "unit-tests", "build-push"};
        for (int t = 0; t < tasks.length; t++) {
            children += (t > 0 ? "," : "") + """
                    {"apiVersion":"tekton.dev/v1","kind":"TaskRun","name":"%s-%s","pipelineTaskName":"%s"}"""
                    .formatted(name, tasks[t], tasks[t]);
        }
        return """
                {"apiVersion":"tekton.dev/v1","kind":"PipelineRun",
                 "metadata":{"name":"%1$s","namespace":"ci",
                  "labels":{"app.kubernetes.io/managed-by":"hookline","hookline.dev/trigger":"bench-build",
                   "hookline.dev/repository":"%2$s","hookline.dev/branch":"main",
                   "tekton.dev/pipeline":"build-and-push"},
                  "annotations":{"hookline.dev/repository":"%3$s","hookline.dev/sha":"%4$s",
                   "hookline.dev/ref":"refs/heads/main",
                   "hookline.dev/delivery":"%5$s","hookline.dev/event":"push","hookline.dev/status-context":"bench/build",
                   "hookline.dev/installation-id":"42","hookline.dev/commit-title":"Change number %6$d of the tracked set",
                   "hookline.dev/reported-state":"success"}},
                 "spec":{"pipelineRef":{"name":"build-and-push"},
                  "params":[{"name":"git-url","value":"https://github.com/%3$s.git"},{"name":"git-revision","value":"%4$s"},
                   {"name":"image","value":"registry.local/%3$s:main-%7$s"}],
                  "workspaces":[{"name":"source","volumeClaimTemplate":{"spec":{"accessModes":["ReadWriteOnce"],
                   "resources":{"requests":{"storage":"1Gi"}}}}}],
                  "taskRunTemplate":{"serviceAccountName":"default"},"timeouts":{"pipeline":"10m0s"}},
                 "status":{"conditions":[{"type":"Succeeded","status":"True","reason":"Succeeded",
                   "message":"Tasks Completed: 3 (Failed: 0, Cancelled 0), Skipped: 0","lastTransitionTime":"%9$s"}],
                  "startTime":"%8$s","completionTime":"%9$s","childReferences":[%10$s],
                  "pipelineSpec":{"params":[{"name":"git-url","type":"string"},{"name":"git-revision","type":"string"},
                    {"name":"image","type":"string"}],"workspaces":[{"name":"source"}],
                   "tasks":[{"name":"fetch-source","taskRef":{"kind":"Task","name":"git-clone"},
                     "params":[{"name":"url","value":"$(params.git-url)"},{"name":"revision","value":"$(params.git-revision)"}],
                     "workspaces":[{"name":"output","workspace":"source"}]},
                    {"name":"unit-tests","runAfter":["fetch-source"],"taskRef":{"kind":"Task","name":"maven"},
                     "params":[{"name":"GOALS","value":["-B","verify"]},
                      {"name":"MAVEN_IMAGE","value":"maven:3.9-eclipse-temurin-17"}],
                     "workspaces":[{"name":"source","workspace":"source"}]},
                    {"name":"build-push","runAfter":["unit-tests"],"taskRef":{"kind":"Task","name":"kaniko"},
                     "params":[{"name":"IMAGE","value":"$(params.image)"},{"name":"DOCKERFILE","value":"./Dockerfile"},
                      {"name":"CONTEXT","value":"./"},{"name":"EXTRA_ARGS","value":["--cache=true","--snapshot-mode=redo"]}],
                     "workspaces":[{"name":"source","workspace":"source"}]}]},
                  "results":[{"name":"IMAGE_DIGEST","value":"sha256:%11$s"},
                   {"name":"IMAGE_URL","value":"registry.local/%3$s:main-%7$s"}],
                  "provenance":{"featureFlags":{"RunningInEnvWithInjectedSidecars":true,"EnableAPIFields":"beta",
                    "AwaitSidecarReadiness":true,"VerificationNoMatchPolicy":"ignore","EnableProvenanceInStatus":true,
                    "ResultExtractionMethod":"termination-message","MaxResultSize":4096,"Coschedule":"workspaces"}},
                  "spanContext":{"traceparent":"00-%12$s-%13$s-01"}}}
                """.formatted(name, repo.replace('/', '-'), repo, sha, delivery, i, shortSha, start, end, children,
                sha + sha.substring(0, 24), sha.substring(0, 32), sha.substring(24, 40));
    }
}
