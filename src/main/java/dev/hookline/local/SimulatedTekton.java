package dev.hookline.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import dev.hookline.config.HooklineConfig;
import dev.hookline.tekton.RunLabels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.logging.Log;

/**
 * A stand-in for Tekton's controller in local mode: it moves each PipelineRun through the conditions Tekton writes
 * ({@code Started}, {@code Running} with task counts, then {@code Succeeded}) over {@code hookline.local.run-duration},
 * running the Pipeline's tasks one after the other as TaskRuns ({@link SimulatedTasks}). A head commit subject
 * containing {@code [local:fail]} ends in {@code Failed} on the last task (its TaskRun failed), {@code [local:timeout]}
 * in {@code PipelineRunTimeout} (the running TaskRun cancelled, as Tekton cancels a timed-out run's children);
 * {@code spec.status} set to a cancellation is honoured as Tekton does. Like Tekton's reconciler, each status write is
 * followed, a moment later, by the run's labels and annotations written back from the copy that write produced
 * ({@link StaleMetadataWriter}): what Hookline wrote on the run in between is undone, as it is on a real cluster.
 */
@ApplicationScoped
public class SimulatedTekton {

    /** How long the reconcile that follows a status write takes before it writes the run's metadata back. */
    private static final Duration RECONCILE = Duration.ofMillis(150);
    private static final Set<String> CANCELLATIONS = Set.of("Cancelled", "PipelineRunCancelled", "CancelledRunFinally",
            "StoppedRunFinally");

    private final KubernetesClient client;
    private final Duration duration;
    private final Clock clock;
    /**
     * Runs this controller has taken on, and whether it has decided them: taken on from the informer's thread, decided
     * and forgotten on the steps thread.
     */
    private final Map<String, Boolean> decided = new ConcurrentHashMap<>();
    /** The tasks of the runs not decided yet, for the TaskRuns to write and the run's childReferences. */
    private final Map<String, SimulatedTasks> tasks = new ConcurrentHashMap<>();
    private final Map<String, SharedIndexInformer<GenericKubernetesResource>> informers = new ConcurrentHashMap<>();
    private ScheduledExecutorService steps;

    SimulatedTekton(KubernetesClient client, HooklineConfig config, Clock clock) {
        this.client = client;
        this.duration = config.local().runDuration();
        this.clock = clock;
    }

    void start() {
        steps = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hookline-simulated-tekton");
            thread.setDaemon(true);
            return thread;
        });
        for (String apiVersion : List.of("tekton.dev/v1", "tekton.dev/v1beta1")) {
            informers.put(apiVersion, client.genericKubernetesResources(apiVersion, "PipelineRun").inAnyNamespace().inform(
                    new ResourceEventHandler<>() {

                        @Override
                        public void onAdd(GenericKubernetesResource run) {
                            started(run);
                        }

                        @Override
                        public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource run) {
                            cancelIfAsked(run);
                        }

                        @Override
                        public void onDelete(GenericKubernetesResource run, boolean unknown) {
                            steps.execute(() -> {
                                decided.remove(key(run));
                                tasks.remove(key(run));
                            });
                        }
                    }));
        }
    }

    void stop() {
        informers.values().forEach(SharedIndexInformer::stop);
        if (steps != null) {
            steps.shutdownNow();
        }
    }

    private void started(GenericKubernetesResource run) {
        if (!conditions(run).isEmpty() || decided.putIfAbsent(key(run), false) != null) {
            return;
        }
        SimulatedTasks runTasks = SimulatedTasks.of(client, run);
        tasks.put(key(run), runTasks);
        int count = runTasks.size();
        Instant start = clock.instant();
        String title = annotation(run, RunLabels.ANNOTATION_TITLE);
        // As Tekton does, the first task's TaskRun is created at once; task i (from 1) starts at the i-th Running write,
        // as the one before it finishes, and the last finishes with the run.
        step(run, Duration.ZERO, () -> {
            runTasks.advance(0, start);
            write(run, start, null, "Unknown", "Started", "");
        });
        for (int i = 0; i < count; i++) {
            int done = i;
            step(run, duration.multipliedBy(i + 1).dividedBy(count + 1), () -> {
                if (done > 0) {
                    runTasks.advance(done, clock.instant());
                }
                write(run, start, null, "Unknown", "Running", SimulatedTasks.progress(done, 0, count - done));
            });
        }
        step(run, duration, () -> finish(run, start, runTasks, title == null ? "" : title));
    }

    private void finish(GenericKubernetesResource run, Instant start, SimulatedTasks runTasks, String title) {
        Instant end = clock.instant();
        decided.put(key(run), true);
        if (title.contains("[local:timeout]")) {
            runTasks.cancelRunning(end, "timed out");
            write(run, start, end, "False", "PipelineRunTimeout", "PipelineRun \"" + run.getMetadata().getName()
                    + "\" failed to finish within \"" + duration + "\"");
        } else if (title.contains("[local:fail]")) {
            runTasks.endLast(end, false);
            write(run, start, end, "False", "Failed", SimulatedTasks.progress(runTasks.size(), 1, 0));
        } else {
            runTasks.endLast(end, true);
            write(run, start, end, "True", "Succeeded", SimulatedTasks.progress(runTasks.size(), 0, 0));
        }
        tasks.remove(key(run));
    }

    private void cancelIfAsked(GenericKubernetesResource run) {
        Object requested = map(run.getAdditionalProperties().get("spec")).get("status");
        if (requested == null || !CANCELLATIONS.contains(requested.toString()) || finished(run)) {
            return;
        }
        Map<String, Object> status = map(run.getAdditionalProperties().get("status"));
        Instant start = status.get("startTime") == null ? clock.instant() : Instant.parse(status.get("startTime").toString());
        step(run, Duration.ZERO, () -> {
            decided.put(key(run), true);
            Optional.ofNullable(tasks.get(key(run))).ifPresent(t -> t.cancelRunning(clock.instant(), "been cancelled"));
            write(run, start, clock.instant(), "False", requested.toString(), "PipelineRun \"" + run.getMetadata().getName()
                    + "\" was cancelled");
            tasks.remove(key(run));
        });
    }

    /**
     * Runs a step on the one steps thread, so that a cancellation and the scheduled steps of a run never interleave.
     * Like Tekton, it stops moving a run once it is decided or deleted; both are known without asking the API: the
     * decisions are this controller's own, and deletions (and statuses others wrote) reach its informer's cache.
     */
    private void step(GenericKubernetesResource run, Duration after, Runnable action) {
        steps.schedule(() -> {
            try {
                if (Boolean.FALSE.equals(decided.get(key(run))) && undecided(cached(run))) {
                    action.run();
                }
            } catch (KubernetesClientException e) {
                Log.warnf("Simulated Tekton could not update %s: %s", key(run), e.getMessage());
            }
        }, after.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void write(GenericKubernetesResource run, Instant start, Instant end, String status, String reason,
            String message) {
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", "Succeeded");
        condition.put("status", status);
        condition.put("reason", reason);
        condition.put("message", message);
        condition.put("lastTransitionTime", (end != null ? end : clock.instant()).toString());
        Map<String, Object> runStatus = new LinkedHashMap<>();
        runStatus.put("conditions", List.of(condition));
        runStatus.put("startTime", start.toString());
        if (end != null) {
            runStatus.put("completionTime", end.toString());
        }
        SimulatedTasks runTasks = tasks.get(key(run));
        if (runTasks != null && !runTasks.childReferences().isEmpty()) {
            runStatus.put("childReferences", runTasks.childReferences());
        }
        // One JSON patch of the status subresource, without a read first and without a resourceVersion: this is the
        // only writer of status.
        String patch = client.getKubernetesSerialization()
                .asJson(List.of(Map.of("op", "add", "path", "/status", "value", runStatus)));
        GenericKubernetesResource written = client.genericKubernetesResources(run.getApiVersion(), "PipelineRun")
                .inNamespace(run.getMetadata().getNamespace()).withName(run.getMetadata().getName()).subresource("status")
                .patch(PatchContext.of(PatchType.JSON), patch);
        // Tekton's next reconcile starts from the run as this write left it, and ends with its metadata.
        steps.schedule(() -> {
            try {
                StaleMetadataWriter.writeBack(client, written, cached(written), StaleMetadataWriter.Merge.UNION);
            } catch (KubernetesClientException e) {
                Log.debugf("Simulated Tekton could not write back %s: %s", key(run), e.getMessage());
            }
        }, RECONCILE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The run as this controller's informer last saw it, or {@code null} once deleted. */
    private GenericKubernetesResource cached(GenericKubernetesResource run) {
        SharedIndexInformer<GenericKubernetesResource> informer = informers.get(run.getApiVersion());
        return informer == null
                ? null
                : informer.getStore().getByKey(run.getMetadata().getNamespace() + "/" + run.getMetadata().getName());
    }

    /** Still there and not decided by anyone else (a run can be created and given a final status directly). */
    private static boolean undecided(GenericKubernetesResource run) {
        return run != null && !finished(run);
    }

    private static boolean finished(GenericKubernetesResource run) {
        return conditions(run).stream().anyMatch(c -> "Succeeded".equals(c.get("type"))
                && ("True".equals(c.get("status")) || "False".equals(c.get("status"))));
    }

    private static List<Map<String, Object>> conditions(GenericKubernetesResource run) {
        List<Map<String, Object>> result = new ArrayList<>();
        if (map(run.getAdditionalProperties().get("status")).get("conditions") instanceof List<?> list) {
            list.forEach(item -> result.add(map(item)));
        }
        return result;
    }

    private static String annotation(GenericKubernetesResource run, String key) {
        Map<String, String> annotations = run.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }

    private static String key(GenericKubernetesResource run) {
        return run.getApiVersion() + "/" + run.getMetadata().getNamespace() + "/" + run.getMetadata().getName();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
