package dev.hookline.tekton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.hookline.trigger.ApiFlavour;
import dev.hookline.trigger.RunPlan;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.logging.Log;

/**
 * Cancels one run with the {@code spec.status} value its cluster accepts. On {@code tekton.dev/v1beta1} no value
 * works on every Tekton a classic trigger can meet: {@code PipelineRunCancelled} is the only one up to v0.24 and is
 * refused from v0.38, {@code Cancelled} is refused by v0.25 to v0.34 unless {@code enable-api-fields} is
 * {@code alpha}. So the cluster is asked: one value, then on an admission refusal the other.
 */
final class RunCancellation {

    static final String CANCELLED = "Cancelled";
    static final String CANCELLED_DEPRECATED = "PipelineRunCancelled";
    /** Writes of one cancellation before a run that keeps changing is left to the next pass. */
    private static final int CONFLICT_ATTEMPTS = 5;

    private final KubernetesClient client;
    /**
     * The value each namespace accepted last, by API version and namespace. Only in memory: it is a cache of a fact
     * about the cluster (its Tekton version and feature flags), learnt again after a restart at the cost of one
     * refused write; a stored answer would be wrong after an upgrade anyway, and then the refusal teaches the new one.
     */
    private final Map<String, String> accepted = new ConcurrentHashMap<>();

    RunCancellation(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Sets {@code spec.status} on a run unless it finished or was stopped meanwhile, naming its successor; whether it
     * did. Throws what the cluster answered when it refused every value, or failed otherwise.
     */
    boolean cancel(RunPlan plan, String name, String successor) {
        return cancel(plan.api(), plan.namespace(), name, successor, plan.source().deliveryId());
    }

    /**
     * Cancels one run, {@code successor} being the run that supersedes it or why it is cancelled ("pull request #12
     * closed"); whether it did.
     */
    boolean cancel(ApiFlavour api, String namespace, String name, String successor, String deliveryId) {
        String apiVersion = PipelineRuns.apiVersion(api);
        String key = apiVersion + " " + namespace;
        List<String> values = values(api, accepted.get(key));
        for (int i = 0;; i++) {
            String value = values.get(i);
            try {
                boolean cancelled = write(apiVersion, namespace, name, value, successor);
                if (cancelled) {
                    accepted.put(key, value);
                }
                return cancelled;
            } catch (KubernetesClientException e) {
                if (!refusedByAdmission(e) || i == values.size() - 1) {
                    throw e;
                }
                // Once per namespace and restart: afterwards the accepted value is tried first.
                Log.infof("Delivery %s: %s PipelineRuns in %s refuse spec.status %s (%s); cancelling %s with %s",
                        deliveryId, apiVersion, namespace, value, message(e), name,
                        values.get(i + 1));
            }
        }
    }

    /**
     * The values to try, in order. {@code Cancelled} first: every Tekton since v0.35 takes it and since v0.38 only it.
     * {@code v1} exists only from v0.44, which never took the deprecated value.
     */
    static List<String> values(ApiFlavour api, String acceptedBefore) {
        if (api == ApiFlavour.V1) {
            return List.of(CANCELLED);
        }
        return CANCELLED_DEPRECATED.equals(acceptedBefore)
                ? List.of(CANCELLED_DEPRECATED, CANCELLED)
                : List.of(CANCELLED, CANCELLED_DEPRECATED);
    }

    /**
     * The write carries the version read, and Tekton (status) and the reporter (ledger) write runs all the time: on a
     * conflict the run is read again and checked again.
     */
    private boolean write(String apiVersion, String namespace, String name, String value, String successor) {
        for (int attempt = 1;; attempt++) {
            try {
                GenericKubernetesResource updated = client.genericKubernetesResources(apiVersion, "PipelineRun")
                        .inNamespace(namespace).withName(name).edit(r -> {
                            TrackedRun.Condition condition = TrackedRun.Condition.of(r);
                            if ((condition == null || !condition.decided()) && spec(r).get("status") == null) {
                                spec(r).put("status", value);
                                r.getMetadata().getAnnotations().put(RunLabels.ANNOTATION_SUPERSEDED_BY, successor);
                            }
                            return r;
                        });
                return successor.equals(updated.getMetadata().getAnnotations().get(RunLabels.ANNOTATION_SUPERSEDED_BY))
                        && value.equals(spec(updated).get("status"));
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    return false;
                }
                if (e.getCode() != 409 || attempt == CONFLICT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Tekton's validating webhook refuses a value with {@code 400 BadRequest}; an API server's own validation would
     * answer {@code 422}. The message is not matched: v0.45 names {@code spec.status}, v0.27 ("graceful termination
     * requires ...") does not, and the write changes nothing else that admission could refuse.
     */
    private static boolean refusedByAdmission(KubernetesClientException e) {
        return e.getCode() == 400 || e.getCode() == 422;
    }

    private static String message(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> spec(GenericKubernetesResource run) {
        return (Map<String, Object>) run.getAdditionalProperties().computeIfAbsent("spec",
                k -> new LinkedHashMap<>());
    }
}
