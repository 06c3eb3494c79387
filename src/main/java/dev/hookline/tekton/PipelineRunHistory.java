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
import dev.hookline.trigger.RunHistory;
import dev.hookline.trigger.Trigger;
import dev.hookline.webhook.RunRef;
import dev.hookline.webhook.WebhookProblem;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.logging.Log;

/**
 * A pull request's or merge group's runs, listed from the API server by their labels: every replica reads the same
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
            try {
                if (cancellation.cancel(listed.api(), run.namespace(), run.name(), reason, deliveryId)) {
                    Log.infof("Delivery %s: cancelled PipelineRun %s/%s: %s", deliveryId, run.namespace(), run.name(),
                            reason);
                    cancelled.add(run);
                }
            } catch (KubernetesClientException e) {
                throw unavailable("cancel PipelineRun " + run.namespace() + "/" + run.name(), e);
            }
        }
        return cancelled;
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
                        .withLabel(group.pullRequest() != null ? RunLabels.PULL_REQUEST : RunLabels.MERGE_GROUP,
                                group.pullRequest() != null ? group.pullRequest().toString() : group.mergeGroupSha())
                        .list().getItems();
            } catch (KubernetesClientException e) {
                throw unavailable("list the PipelineRuns in namespace " + namespace, e);
            }
            for (GenericKubernetesResource item : items) {
                Map<String, String> labels = item.getMetadata().getLabels();
                Map<String, String> annotations = item.getMetadata().getAnnotations();
                String trigger = labels == null ? null : labels.get(RunLabels.TRIGGER);
                if (trigger == null || !names.contains(trigger) || annotations == null
                        || !repository.equals(annotations.get(RunLabels.ANNOTATION_REPOSITORY))) {
                    continue;
                }
                runs.add(new Listed(new PastRun(new RunRef(trigger, namespace, item.getMetadata().getName()),
                        annotations.get(RunLabels.ANNOTATION_SHA), RunHousekeeping.launchedAt(item), state(item),
                        annotations.get(RunLabels.ANNOTATION_APPROVED_BY),
                        annotations.getOrDefault(RunLabels.ANNOTATION_RUN_KEY,
                                annotations.get(RunLabels.ANNOTATION_DELIVERY))),
                        item, api));
            }
        });
        runs.sort(Comparator.comparing((Listed l) -> l.past().launchedAt(),
                Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(l -> l.past().run().name()));
        return runs;
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
