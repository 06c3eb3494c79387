package dev.hookline.tekton;

import java.util.List;

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
    private static final String TEKTON_PIPELINE_RUN = "tekton.dev/pipelineRun";
    private static final String TEKTON_PIPELINE_TASK = "tekton.dev/pipelineTask";

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
                    .inNamespace(run.namespace()).withLabel(TEKTON_PIPELINE_RUN, run.name()).list().getItems()) {
                TrackedRun.Condition condition = TrackedRun.Condition.of(taskRun);
                if (condition != null && "False".equals(condition.status()) && taskRun.getMetadata().getLabels() != null) {
                    return taskRun.getMetadata().getLabels().getOrDefault(TEKTON_PIPELINE_TASK,
                            taskRun.getMetadata().getName());
                }
            }
        } catch (KubernetesClientException e) {
            Log.debugf("Cannot list TaskRuns of %s: %s", run.key(), e.getMessage());
        }
        return null;
    }

    /** Records on the run that {@code state} was posted; see {@link #recordReported(TrackedRun, String, String)}. */
    public boolean recordReported(TrackedRun run, String state) {
        return recordReported(run, state, null);
    }

    /**
     * Records on the run that {@code state} was posted, with optimistic concurrency: the patch applies only to the
     * version read, and a conflict is retried on a fresh read. With {@code supersededBy}, the run's
     * {@link RunLabels#ANNOTATION_SUPERSEDED_BY} is put back too where an older copy of the run dropped it. Returns
     * {@code false} when the run is gone.
     */
    public boolean recordReported(TrackedRun run, String state, String supersededBy) {
        TrackedRun current = run;
        for (int attempt = 1; attempt <= LEDGER_ATTEMPTS; attempt++) {
            // Carrying the resourceVersion read makes the API server refuse the patch with 409 if the run changed since.
            StringBuilder patch = new StringBuilder("[{\"op\":\"replace\",\"path\":\"/metadata/resourceVersion\",\"value\":\"")
                    .append(current.resourceVersion()).append("\"}");
            add(patch, TrackedRun.ANNOTATION_REPORTED, state);
            if (supersededBy != null && current.supersededBy() == null) {
                add(patch, RunLabels.ANNOTATION_SUPERSEDED_BY, supersededBy);
            }
            try {
                client.genericKubernetesResources(run.apiVersion(), "PipelineRun").inNamespace(run.namespace())
                        .withName(run.name()).patch(PatchContext.of(PatchType.JSON), patch.append(']').toString());
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
                if (state.equals(current.reported()) && (supersededBy == null || current.supersededBy() != null)) {
                    return true;
                }
            }
        }
        throw new KubernetesClientException("the ledger of " + run.key() + " kept changing; " + LEDGER_ATTEMPTS + " attempts");
    }

    /** One JSON Patch {@code add} of an annotation; values are Hookline's own (states, run names): no escaping needed. */
    private static void add(StringBuilder patch, String annotation, String value) {
        patch.append(",{\"op\":\"add\",\"path\":\"/metadata/annotations/").append(escape(annotation))
                .append("\",\"value\":\"").append(value).append("\"}");
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
