package dev.hookline.tekton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.hookline.trigger.ApiFlavour;
import dev.hookline.trigger.RunPlan;
import dev.hookline.trigger.Trigger;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.quarkus.logging.Log;

/**
 * What follows a new run: cancelling older running runs of the same trigger and branch ({@code cancel-in-progress})
 * and deleting finished runs beyond the newest N whose final state has been reported ({@code keep-runs}). Works on
 * generic resources so that one code path serves both API flavours.
 */
@ApplicationScoped
class RunHousekeeping {

    /**
     * Oldest first, in the order runs were asked for: Hookline's launch time where the run has it, else the API
     * server's creation time (whole seconds), then the name, so that every replica agrees on it.
     */
    private static final Comparator<GenericKubernetesResource> CREATION_ORDER = Comparator
            .comparing(RunHousekeeping::launchedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(r -> r.getMetadata().getName());

    /**
     * How long after it finished an unreported run is kept beyond {@code keep-runs}. A run whose final state GitHub
     * refused for good (422) never gets it into its ledger, and one whose reporting is broken (no leader, bad
     * credentials) may not for a long time; without a bound such runs, and the volumes they own, would pile up past
     * the limit the user set. Two hours is far beyond a normal report (seconds) and beyond the longest wait the
     * reporter honours (a rate limit resets within the hour), so a slow report still makes it in time.
     */
    static final Duration REPORT_GRACE = Duration.ofHours(2);

    private final KubernetesClient client;
    private final ReportLedger ledger;
    private final Clock clock;
    private final Executor executor;
    private final RunCancellation cancellation;

    /** Housekeeping off the request thread: the webhook answers as soon as the new run exists. */
    @Inject
    RunHousekeeping(KubernetesClient client, ReportLedger ledger, Clock clock) {
        this(client, ledger, clock, Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hookline-housekeeping");
            thread.setDaemon(true);
            return thread;
        }));
    }

    /** With {@code Runnable::run} as the executor, housekeeping happens before {@link #afterCreate} returns. */
    RunHousekeeping(KubernetesClient client, ReportLedger ledger, Clock clock, Executor executor) {
        this.client = client;
        this.ledger = ledger;
        this.clock = clock;
        this.executor = executor;
        this.cancellation = new RunCancellation(client);
    }

    /**
     * Cancels what the new run supersedes and prunes old finished runs, in the background: a slow cluster must not
     * hold GitHub's request past its 10 s, and one thread keeps the passes of a busy branch in order.
     */
    void afterCreate(RunPlan plan) {
        if (plan.cancelInProgress() || plan.keepRuns() != null) {
            executor.execute(() -> housekeep(plan));
        }
    }

    /**
     * Prunes each trigger that keeps N runs, in the background. A push prunes only what is reported by then; the sweep
     * takes the runs whose final state was reported after their trigger's last push.
     */
    void sweep(List<Trigger> triggers) {
        for (Trigger trigger : triggers) {
            if (trigger.keepRuns() == null) {
                continue;
            }
            executor.execute(() -> {
                try {
                    prune(trigger.name(), trigger.namespace(), trigger.api(), trigger.keepRuns());
                } catch (KubernetesClientException e) {
                    Log.warnf("Pruning runs of trigger '%s' in %s failed: %s; the next sweep tries again", trigger.name(),
                            trigger.namespace(), e.getMessage());
                }
            });
        }
    }

    /**
     * Cancelling and pruning fail apart, and each run apart: the new run exists, and whatever one pass leaves undone
     * the trigger's next push (or, for pruning, the sweep) tries again.
     */
    private void housekeep(RunPlan plan) {
        if (plan.cancelInProgress() && (plan.source().ref().startsWith("refs/heads/") || plan.source().pullRequest() != null)
                && plan.source().mergeGroup() == null) {
            try {
                cancelSuperseded(plan);
            } catch (KubernetesClientException e) {
                Log.warnf("Delivery %s: finding the runs trigger '%s' supersedes in %s failed: %s",
                        plan.source().deliveryId(), plan.trigger(), plan.namespace(), e.getMessage());
            }
        }
        if (plan.keepRuns() != null) {
            try {
                prune(plan.trigger(), plan.namespace(), plan.api(), plan.keepRuns());
            } catch (KubernetesClientException e) {
                Log.warnf("Delivery %s: pruning runs of trigger '%s' in %s failed: %s", plan.source().deliveryId(),
                        plan.trigger(), plan.namespace(), e.getMessage());
            }
        }
    }

    /**
     * Cancels every running run of the branch (or the pull request) but the newest. Of concurrent pushes, a run asked for earlier may be
     * created after a later one's pass has run; its own pass then finds the newer run and cancels its own. Whichever
     * pass comes last has seen every run, so exactly the newest is left running, and each cancelled run names a newer
     * one.
     */
    private void cancelSuperseded(RunPlan plan) {
        // A pull request's runs are one line of succession, whatever branch its head is on.
        Integer pullRequest = plan.source().pullRequest();
        List<GenericKubernetesResource> branch = runs(plan).withLabel(RunLabels.TRIGGER, plan.trigger())
                .withLabel(pullRequest != null ? RunLabels.PULL_REQUEST : RunLabels.BRANCH,
                        pullRequest != null ? pullRequest.toString() : RunLabels.labelValue(plan.source().refSlug()))
                .list().getItems().stream()
                .filter(run -> sameRef(run, plan))
                .toList();
        GenericKubernetesResource newest = branch.stream().max(CREATION_ORDER).orElse(null);
        if (newest == null) {
            return;
        }
        String successor = newest.getMetadata().getName();
        for (GenericKubernetesResource run : branch) {
            String name = run.getMetadata().getName();
            if (run == newest || finished(run) || RunCancellation.spec(run).get("status") != null) {
                continue;
            }
            try {
                if (cancellation.cancel(plan, name, successor)) {
                    Log.infof("Delivery %s: cancelled PipelineRun %s/%s, superseded by %s", plan.source().deliveryId(),
                            plan.namespace(), name, successor);
                }
            } catch (KubernetesClientException e) {
                Log.warnf("Delivery %s: cancelling PipelineRun %s/%s, superseded by %s, failed: %s; it keeps running "
                        + "until the branch's next push", plan.source().deliveryId(), plan.namespace(), name, successor,
                        e.getMessage());
            }
        }
    }

    /** The branch label is a slug, which two refs can share: the annotations tell them apart. */
    private static boolean sameRef(GenericKubernetesResource run, RunPlan plan) {
        Map<String, String> annotations = run.getMetadata().getAnnotations();
        return annotations != null && plan.source().ref().equals(annotations.get(RunLabels.ANNOTATION_REF))
                && plan.source().repository().equals(annotations.get(RunLabels.ANNOTATION_REPOSITORY));
    }

    /**
     * Deletes the finished runs beyond the newest N, except those whose final state is not reported yet: a later pass
     * (the trigger's next push, or the sweep) deletes them once it is. The ledger lives in the run, so whichever
     * replica prunes reads the same answer as the one reporting.
     */
    private void prune(String trigger, String namespace, ApiFlavour api, int keepRuns) {
        List<GenericKubernetesResource> finished = runs(api, namespace).withLabel(RunLabels.TRIGGER, trigger).list()
                .getItems().stream()
                .filter(RunHousekeeping::finished)
                .sorted(CREATION_ORDER.reversed())
                .toList();
        for (GenericKubernetesResource run : finished.subList(Math.min(keepRuns, finished.size()), finished.size())) {
            String name = run.getMetadata().getName();
            // Without Hookline's annotations the reporter ignores the run, so there is nothing to wait for.
            TrackedRun tracked = TrackedRun.of(run);
            if (tracked != null && !ledger.settled(tracked)) {
                // Tekton writes completionTime with the final condition; the creation time is an earlier stand-in.
                Instant finishedAt = tracked.completionTime() != null ? tracked.completionTime() : tracked.created();
                if (finishedAt == null || clock.instant().isBefore(finishedAt.plus(REPORT_GRACE))) {
                    Log.debugf("Kept finished PipelineRun %s/%s beyond keep-runs %d: its final state is not reported yet",
                            namespace, name, keepRuns);
                    continue;
                }
                Log.warnf("Pruning finished PipelineRun %s/%s (delivery %s, %s %s, commit %s) although its final state "
                        + "was not reported within %dh of its end (ledger: %s); the commit may keep an earlier status",
                        namespace, name, tracked.deliveryId(), tracked.repository(), tracked.ref(), tracked.sha(),
                        REPORT_GRACE.toHours(), tracked.reported());
            }
            try {
                runs(api, namespace).withName(name).delete();
                Log.infof("Pruned finished PipelineRun %s/%s (trigger '%s' keeps %d)", namespace, name, trigger,
                        keepRuns);
            } catch (KubernetesClientException e) {
                Log.warnf("Pruning finished PipelineRun %s/%s (trigger '%s') failed: %s; a later pass tries again",
                        namespace, name, trigger, e.getMessage());
            }
        }
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> runs(
            RunPlan plan) {
        return runs(plan.api(), plan.namespace());
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> runs(
            ApiFlavour api, String namespace) {
        return client.genericKubernetesResources(PipelineRuns.apiVersion(api), "PipelineRun").inNamespace(namespace);
    }

    /** Whether Tekton has decided the run: its {@code Succeeded} condition is {@code True} or {@code False}. */
    static boolean finished(GenericKubernetesResource run) {
        TrackedRun.Condition condition = TrackedRun.Condition.of(run);
        return condition != null && condition.decided();
    }

    static Instant launchedAt(GenericKubernetesResource run) {
        Map<String, String> annotations = run.getMetadata().getAnnotations();
        String launched = annotations == null ? null : annotations.get(RunLabels.ANNOTATION_LAUNCHED_AT);
        for (String time : new String[]{launched, run.getMetadata().getCreationTimestamp()}) {
            if (time != null) {
                try {
                    return Instant.parse(time);
                } catch (DateTimeParseException e) {
                    // Someone else's edit; the creation time or the name decides.
                }
            }
        }
        return null;
    }
}
