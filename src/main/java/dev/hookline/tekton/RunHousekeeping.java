package dev.hookline.tekton;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.hookline.trigger.ApiFlavour;
import dev.hookline.trigger.RunPlan;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.quarkus.logging.Log;

/**
 * What follows a new run: cancelling older running runs of the same trigger and branch ({@code cancel-in-progress})
 * and deleting finished runs beyond the newest N ({@code keep-runs}). Works on generic resources so that one code path
 * serves both API flavours.
 */
@ApplicationScoped
class RunHousekeeping {

    /**
     * Oldest first. Creation times have whole seconds, so runs created in the same second are ordered by name: an
     * arbitrary order, but one that every replica agrees on.
     */
    private static final Comparator<GenericKubernetesResource> CREATION_ORDER = Comparator
            .comparing((GenericKubernetesResource r) -> Objects.toString(r.getMetadata().getCreationTimestamp(), ""))
            .thenComparing(r -> r.getMetadata().getName());

    private final KubernetesClient client;
    private final Executor executor;

    /** Housekeeping off the request thread: the webhook answers as soon as the new run exists. */
    @Inject
    RunHousekeeping(KubernetesClient client) {
        this(client, Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hookline-housekeeping");
            thread.setDaemon(true);
            return thread;
        }));
    }

    /** With {@code Runnable::run} as the executor, housekeeping happens before {@link #afterCreate} returns. */
    RunHousekeeping(KubernetesClient client, Executor executor) {
        this.client = client;
        this.executor = executor;
    }

    /**
     * Cancels what the new run supersedes and prunes old finished runs, in the background: a slow cluster must not
     * hold GitHub's request past its 10 s, and one thread keeps the passes of a busy branch in order.
     */
    void afterCreate(RunPlan plan, String newRun) {
        if (plan.cancelInProgress() || plan.keepRuns() != null) {
            executor.execute(() -> housekeep(plan, newRun));
        }
    }

    private void housekeep(RunPlan plan, String newRun) {
        try {
            if (plan.cancelInProgress() && plan.source().ref().startsWith("refs/heads/")) {
                cancelSuperseded(plan, newRun);
            }
            if (plan.keepRuns() != null) {
                prune(plan);
            }
        } catch (KubernetesClientException e) {
            // The new run exists; housekeeping is retried with the next push of this trigger.
            Log.warnf("Delivery %s: housekeeping for trigger '%s' in %s failed: %s", plan.source().deliveryId(),
                    plan.trigger(), plan.namespace(), e.getMessage());
        }
    }

    private void cancelSuperseded(RunPlan plan, String newRun) {
        String cancelled = plan.api() == ApiFlavour.V1 ? "Cancelled" : "PipelineRunCancelled";
        List<GenericKubernetesResource> runs = runs(plan).withLabel(RunLabels.TRIGGER, plan.trigger())
                .withLabel(RunLabels.BRANCH, RunLabels.labelValue(plan.source().refSlug())).list().getItems();
        GenericKubernetesResource current = runs.stream().filter(r -> r.getMetadata().getName().equals(newRun)).findFirst()
                .orElse(null);
        for (GenericKubernetesResource run : runs) {
            Map<String, String> annotations = run.getMetadata().getAnnotations();
            boolean sameRef = annotations != null && plan.source().ref().equals(annotations.get(RunLabels.ANNOTATION_REF))
                    && plan.source().repository().equals(annotations.get(RunLabels.ANNOTATION_REPOSITORY));
            // Strictly before in one total order: two runs created concurrently must not cancel each other.
            boolean older = current == null || CREATION_ORDER.compare(run, current) < 0;
            if (run.getMetadata().getName().equals(newRun) || !sameRef || !older || finished(run)
                    || spec(run).get("status") != null) {
                continue;
            }
            runs(plan).withName(run.getMetadata().getName()).edit(r -> {
                spec(r).put("status", cancelled);
                r.getMetadata().getAnnotations().put(RunLabels.ANNOTATION_SUPERSEDED_BY, newRun);
                return r;
            });
            Log.infof("Delivery %s: cancelled PipelineRun %s/%s, superseded by %s", plan.source().deliveryId(),
                    plan.namespace(), run.getMetadata().getName(), newRun);
        }
    }

    private void prune(RunPlan plan) {
        List<GenericKubernetesResource> finished = runs(plan).withLabel(RunLabels.TRIGGER, plan.trigger()).list().getItems()
                .stream()
                .filter(RunHousekeeping::finished)
                .sorted(CREATION_ORDER.reversed())
                .toList();
        for (GenericKubernetesResource run : finished.subList(Math.min(plan.keepRuns(), finished.size()), finished.size())) {
            runs(plan).withName(run.getMetadata().getName()).delete();
            Log.infof("Pruned finished PipelineRun %s/%s (trigger '%s' keeps %d)", plan.namespace(),
                    run.getMetadata().getName(), plan.trigger(), plan.keepRuns());
        }
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> runs(
            RunPlan plan) {
        String apiVersion = plan.api() == ApiFlavour.V1 ? "tekton.dev/v1" : "tekton.dev/v1beta1";
        return client.genericKubernetesResources(apiVersion, "PipelineRun").inNamespace(plan.namespace());
    }

    /** Whether Tekton has decided the run: its {@code Succeeded} condition is {@code True} or {@code False}. */
    static boolean finished(GenericKubernetesResource run) {
        TrackedRun.Condition condition = TrackedRun.Condition.of(run);
        return condition != null && condition.decided();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource run) {
        return (Map<String, Object>) run.getAdditionalProperties().computeIfAbsent("spec",
                k -> new LinkedHashMap<>());
    }
}
