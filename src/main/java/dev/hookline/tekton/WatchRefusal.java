package dev.hookline.tekton;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Kubernetes refusing an informer's list or watch of PipelineRuns for good, as far as retrying can tell: {@code 403}
 * (no Role for Hookline in that namespace) or {@code 404} (the namespace or the resource type is not there). Only the
 * triggers of that namespace are affected; the informer keeps retrying and recovers by itself once it is fixed.
 *
 * @param namespace where the runs are watched
 * @param apiVersion {@code tekton.dev/v1} or {@code tekton.dev/v1beta1}
 * @param code {@code 403} or {@code 404}
 * @param message Kubernetes' own message, for the log
 */
public record WatchRefusal(String namespace, String apiVersion, int code, String message) {

    /** The refusal an informer's error stands for, or {@code null} for any other failure (unreachable, 5xx, ...). */
    static WatchRefusal of(String namespace, String apiVersion, Throwable error) {
        // The informer hands over the client's exception, sometimes wrapped in a CompletionException.
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof KubernetesClientException refused && (refused.getCode() == 403 || refused.getCode() == 404)) {
                String message = refused.getStatus() != null && refused.getStatus().getMessage() != null
                        ? refused.getStatus().getMessage()
                        : refused.getMessage();
                return new WatchRefusal(namespace, apiVersion, refused.getCode(), message);
            }
        }
        return null;
    }

    /** What it means and what to do about it, for the health check and the status page. */
    public String cause() {
        if (code == 403) {
            return "forbidden (403): add Hookline's Role and RoleBinding there, see kubernetes/overlays/another-namespace";
        }
        return "not found (" + code + "): no " + apiVersion + " PipelineRuns served there; is Tekton installed, at a "
                + "version that serves " + apiVersion + ", and does the namespace exist?";
    }
}
