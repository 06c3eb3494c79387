package dev.hookline.tekton;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.hookline.trigger.ApiFlavour;
import dev.hookline.trigger.EventKind;
import dev.hookline.trigger.RunHistory;
import dev.hookline.trigger.Trigger;
import dev.hookline.webhook.RunRef;
import dev.hookline.webhook.WebhookProblem;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.logging.Log;

/**
 * A pull request's, merge group's or commit's runs, listed from the API server by their labels: every replica reads the same
 * answer, and a restart forgets nothing. One list per namespace and API flavour of the triggers asked about.
 */
@ApplicationScoped
class PipelineRunHistory implements RunHistory {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private final RunCancellation cancellation;

    PipelineRunHistory(KubernetesClient client) {
        this.client = client;
        this.cancellation = new RunCancellation(client);
    }

    @Override
    public List<PastRun> runs(List<Trigger> triggers, String repository, Group group) {
        return listed(triggers, repository, group).stream().map(Listed::past).toList();
    }

    @Override
    public List<RunRef> cancel(List<Trigger> triggers, String repository, Group group, String reason, String deliveryId,
            Instant launchedBefore) {
        List<RunRef> cancelled = new ArrayList<>();
        for (Listed listed : listed(triggers, repository, group)) {
            if (listed.past().state() != State.RUNNING || RunCancellation.spec(listed.resource()).get("status") != null
                    || launchedBefore != null && listed.past().launchedAt() != null
                            && !listed.past().launchedAt().isBefore(launchedBefore)) {
                continue;
            }
            RunRef run = listed.past().run();
            if (cancel(listed.api(), run, reason, deliveryId)) {
                cancelled.add(run);
            }
        }
        return cancelled;
    }

    @Override
    public boolean cancel(Trigger trigger, RunRef run, String reason, String deliveryId) {
        GenericKubernetesResource current;
        try {
            current = client.genericKubernetesResources(PipelineRuns.apiVersion(trigger.api()), "PipelineRun")
                    .inNamespace(run.namespace()).withName(run.name()).get();
        } catch (KubernetesClientException e) {
            throw unavailable("read PipelineRun " + run.namespace() + "/" + run.name(), e);
        }
        // Stopped already (a second press of the button): the cancellation would find its own mark and say yes again.
        if (current == null || RunCancellation.spec(current).get("status") != null) {
            return false;
        }
        return cancel(trigger.api(), run, reason, deliveryId);
    }

    private boolean cancel(ApiFlavour api, RunRef run, String reason, String deliveryId) {
        try {
            boolean cancelled = cancellation.cancel(api, run.namespace(), run.name(), reason, deliveryId);
            if (cancelled) {
                Log.infof("Delivery %s: cancelled PipelineRun %s/%s: %s", deliveryId, run.namespace(), run.name(),
                        reason);
            }
            return cancelled;
        } catch (KubernetesClientException e) {
            throw unavailable("cancel PipelineRun " + run.namespace() + "/" + run.name(), e);
        }
    }

    private record Listed(PastRun past, GenericKubernetesResource resource, ApiFlavour api) {
    }

    private List<Listed> listed(List<Trigger> triggers, String repository, Group group) {
        Set<String> names = triggers.stream().map(Trigger::name).collect(Collectors.toSet());
        Map<String, ApiFlavour> places = new LinkedHashMap<>();
        triggers.forEach(t -> places.put(PipelineRuns.apiVersion(t.api()) + " " + t.namespace(), t.api()));
        List<Listed> runs = new ArrayList<>();
        places.forEach((place, api) -> {
            String namespace = place.substring(place.indexOf(' ') + 1);
            List<GenericKubernetesResource> items;
            try {
                items = client.genericKubernetesResources(PipelineRuns.apiVersion(api), "PipelineRun")
                        .inNamespace(namespace)
                        .withLabel(RunLabels.MANAGED_BY, RunLabels.MANAGED_BY_VALUE)
                        .withLabel(groupLabel(group), groupValue(group))
                        .list().getItems();
            } catch (KubernetesClientException e) {
                throw unavailable("list the PipelineRuns in namespace " + namespace, e);
            }
            for (GenericKubernetesResource item : items) {
                Map<String, String> labels = item.getMetadata().getLabels();
                Map<String, String> annotations = item.getMetadata().getAnnotations();
                String trigger = labels == null ? null : labels.get(RunLabels.TRIGGER);
                if (trigger == null || !names.contains(trigger) || annotations == null
                        || !repository.equals(annotations.get(RunLabels.ANNOTATION_REPOSITORY))
                // The label is cut to 63 characters; the annotation has the commit as it is.
                        || group.commitSha() != null && !group.commitSha().equals(annotations.get(RunLabels.ANNOTATION_SHA))) {
                    continue;
                }
                runs.add(new Listed(new PastRun(new RunRef(trigger, namespace, item.getMetadata().getName()),
                        annotations.get(RunLabels.ANNOTATION_SHA), RunHousekeeping.launchedAt(item), state(item),
                        annotations.get(RunLabels.ANNOTATION_APPROVED_BY),
                        annotations.getOrDefault(RunLabels.ANNOTATION_RUN_KEY,
                                annotations.get(RunLabels.ANNOTATION_DELIVERY)),
                        item.getMetadata().getUid(), origin(annotations)),
                        item, api));
            }
        });
        runs.sort(Comparator.comparing((Listed l) -> l.past().launchedAt(),
                Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(l -> l.past().run().name()));
        return runs;
    }

    private static String groupLabel(Group group) {
        return group.pullRequest() != null
                ? RunLabels.PULL_REQUEST
                : group.mergeGroupSha() != null ? RunLabels.MERGE_GROUP : RunLabels.COMMIT;
    }

    private static String groupValue(Group group) {
        return group.pullRequest() != null
                ? group.pullRequest().toString()
                : group.mergeGroupSha() != null ? group.mergeGroupSha() : RunLabels.labelValue(group.commitSha());
    }

    private static Origin origin(Map<String, String> annotations) {
        String number = annotations.get(RunLabels.ANNOTATION_PULL_REQUEST);
        Integer pullRequest = null;
        if (number != null) {
            try {
                pullRequest = Integer.valueOf(number);
            } catch (NumberFormatException e) {
                // Someone edited the annotation: the run is no pull request's Hookline can name.
            }
        }
        return new Origin(EventKind.fromKey(annotations.get(RunLabels.ANNOTATION_EVENT)),
                annotations.get(RunLabels.ANNOTATION_REF), pullRequest, annotations.get(RunLabels.ANNOTATION_TITLE));
    }

    private static State state(GenericKubernetesResource run) {
        TrackedRun.Condition condition = TrackedRun.Condition.of(run);
        if (condition == null || !condition.decided()) {
            return State.RUNNING;
        }
        return "True".equals(condition.status()) ? State.SUCCEEDED : State.FAILED;
    }

    private static WebhookProblem unavailable(String what, KubernetesClientException e) {
        String cause = e.getCode() > 0 ? "Kubernetes answered " + e.getCode() : "Kubernetes could not be reached";
        return new WebhookProblem(503, "Cluster unavailable", "could not " + what + ": " + cause
                + "; nothing was changed for good, a redelivery finishes the job", RETRY_AFTER, e);
    }
}
