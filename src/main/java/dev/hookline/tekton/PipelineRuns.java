package dev.hookline.tekton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import dev.hookline.trigger.ApiFlavour;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.logging.Log;

/** Reads Hookline's runs fresh from the cluster and writes their report ledger. */
@ApplicationScoped
public class PipelineRuns {

    private static final int LEDGER_ATTEMPTS = 5;

    private final KubernetesClient client;

    public PipelineRuns(KubernetesClient client) {
        this.client = client;
    }

    /** The run as the API server has it now, or {@code null} when it is gone. */
    public TrackedRun get(String apiVersion, String namespace, String name) {
        GenericKubernetesResource run = client.genericKubernetesResources(apiVersion, "PipelineRun").inNamespace(namespace)
                .withName(name).get();
        return run == null ? null : TrackedRun.of(run);
    }

    /**
     * The pipeline task that failed: from the run's embedded status when it has one (v1beta1), else from its TaskRuns,
     * which Tekton labels with the run and the pipeline task. {@code null} when none can be found.
     */
    public String failedTask(TrackedRun run) {
        if (run.failedTask() != null) {
            return run.failedTask();
        }
        try {
            String taskRunApi = run.apiVersion();
            for (GenericKubernetesResource taskRun : client.genericKubernetesResources(taskRunApi, "TaskRun")
                    .inNamespace(run.namespace()).withLabel(RunLabels.TEKTON_PIPELINE_RUN, run.name()).list().getItems()) {
                TrackedRun.Condition condition = TrackedRun.Condition.of(taskRun);
                if (condition != null && "False".equals(condition.status()) && taskRun.getMetadata().getLabels() != null) {
                    return taskRun.getMetadata().getLabels().getOrDefault(RunLabels.TEKTON_PIPELINE_TASK,
                            taskRun.getMetadata().getName());
                }
            }
        } catch (KubernetesClientException e) {
            Log.debugf("Cannot list TaskRuns of %s: %s", run.key(), e.getMessage());
        }
        return null;
    }

    /**
     * What is recorded on a run once GitHub accepted a state: one patch, one write.
     *
     * @param state the state, the ledger proper ({@link TrackedRun#ANNOTATION_REPORTED})
     * @param supersededBy the run's successor, put back where an older copy of the run dropped it, or {@code null}
     * @param statuses the statuses accepted so far ({@link TrackedRun#ANNOTATION_STATUSES}); none to leave them
     */
    public record Ledger(String state, String supersededBy, List<TrackedRun.Posted> statuses) {
    }

    /**
     * Records the ledger on the run with optimistic concurrency: the patch applies only to the version read, and a
     * conflict is retried on a fresh read. Returns {@code false} when the run is gone.
     */
    public boolean recordReported(TrackedRun run, Ledger ledger) {
        return patchMetadata(run, current -> {
            List<Map<String, String>> patch = new ArrayList<>();
            patch.add(add(TrackedRun.ANNOTATION_REPORTED, ledger.state()));
            if (ledger.supersededBy() != null && current.supersededBy() == null) {
                patch.add(add(RunLabels.ANNOTATION_SUPERSEDED_BY, ledger.supersededBy()));
            }
            if (!ledger.statuses().isEmpty()) {
                patch.add(add(TrackedRun.ANNOTATION_STATUSES, TrackedRun.Posted.toJson(ledger.statuses())));
            }
            return patch;
        }, current -> ledger.state().equals(current.reported()) && current.statuses().containsAll(ledger.statuses())
                && (ledger.supersededBy() == null || current.supersededBy() != null));
    }

    /**
     * Records the check ledger on the run once GitHub accepted a check run state: its id and that state, in one patch
     * with optimistic concurrency like {@link #recordReported}. Returns {@code false} when the run is gone.
     */
    public boolean recordCheck(TrackedRun run, TrackedRun.Check check) {
        return patchMetadata(run,
                current -> List.of(add(TrackedRun.ANNOTATION_CHECK_RUN, String.valueOf(check.id())),
                        add(TrackedRun.ANNOTATION_CHECK_STATE, check.state())),
                current -> check.equals(current.check()));
    }

    /**
     * Applies the JSON Patch {@code ops} builds for the run as read, only to that version: a conflict is retried on a
     * fresh read, unless that read already shows what the patch would write ({@code done}).
     */
    private boolean patchMetadata(TrackedRun run, Function<TrackedRun, List<Map<String, String>>> ops,
            Predicate<TrackedRun> done) {
        TrackedRun current = run;
        for (int attempt = 1; attempt <= LEDGER_ATTEMPTS; attempt++) {
            // Carrying the resourceVersion read makes the API server refuse the patch with 409 if the run changed since.
            List<Map<String, String>> patch = new ArrayList<>();
            patch.add(Map.of("op", "replace", "path", "/metadata/resourceVersion", "value", current.resourceVersion()));
            patch.addAll(ops.apply(current));
            try {
                client.genericKubernetesResources(run.apiVersion(), "PipelineRun").inNamespace(run.namespace())
                        .withName(run.name())
                        .patch(PatchContext.of(PatchType.JSON), client.getKubernetesSerialization().asJson(patch));
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    return false;
                }
                if (e.getCode() != 409) {
                    throw e;
                }
                // Changed since it was read (Tekton writes status often): read again and retry on the new version.
                current = get(run.apiVersion(), run.namespace(), run.name());
                if (current == null) {
                    return false;
                }
                if (done.test(current)) {
                    return true;
                }
            }
        }
        throw new KubernetesClientException("the ledger of " + run.key() + " kept changing; " + LEDGER_ATTEMPTS + " attempts");
    }

    /** One JSON Patch {@code add} of an annotation. */
    private static Map<String, String> add(String annotation, String value) {
        return Map.of("op", "add", "path", "/metadata/annotations/" + escape(annotation), "value", value);
    }

    /** JSON Pointer escaping (RFC 6901) for a key with a slash. */
    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** The API version of the runs a trigger of this flavour creates. */
    static String apiVersion(ApiFlavour api) {
        return api == ApiFlavour.V1 ? "tekton.dev/v1" : "tekton.dev/v1beta1";
    }

    static List<String> apiVersions() {
        return List.of("tekton.dev/v1", "tekton.dev/v1beta1");
    }
}
