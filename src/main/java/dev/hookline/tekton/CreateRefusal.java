package dev.hookline.tekton;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Tells a refusal to create a run that no redelivery can change from one that may pass. Permanent: {@code 400} and
 * {@code 422} (an admission webhook's denial, an invalid object), a {@code 403} from an admission webhook (policy
 * engines deny with 403 when they set no code), and a {@code 404} for a namespace that does not exist. Everything
 * else stays transient: unreachable, timeouts, 5xx (an admission webhook that cannot be called is a 500), 429, a
 * {@code 403} from RBAC (a missing Role is added and the delivery redelivered), and a {@code 404} for the resource
 * type (Tekton not installed, or not serving that API version, which an install or upgrade fixes as it comes).
 */
final class CreateRefusal {

    private static final String DENIED = "denied the request: ";

    private CreateRefusal() {
    }

    static boolean permanent(KubernetesClientException e) {
        return switch (e.getCode()) {
            case 400, 422 -> true;
            case 403 -> message(e).contains("admission webhook") && message(e).contains(DENIED);
            case 404 -> missingNamespace(e);
            default -> false;
        };
    }

    static boolean missingNamespace(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getDetails() != null
                && "namespaces".equals(e.getStatus().getDetails().getKind());
    }

    /**
     * The cluster's reason without the admission webhook's preamble, so that what matters fits GitHub's 140
     * characters: {@code validation failed: must not set the field(s): spec.resources}.
     */
    static String reason(KubernetesClientException e) {
        String message = message(e);
        int denied = message.indexOf(DENIED);
        return denied >= 0 ? message.substring(denied + DENIED.length()) : message;
    }

    /** What to change, as far as the answer tells. */
    static String fix(KubernetesClientException e, String namespace) {
        if (e.getCode() == 404) {
            return "create namespace " + namespace + " (with Hookline's Role there), or correct the trigger's namespace";
        }
        if (message(e).contains("spec.resources")) {
            return "this Tekton no longer takes PipelineResources (gone in v0.46): move the trigger to api: v1";
        }
        return "change the trigger, or the cluster's admission rules, so that the run is accepted";
    }

    static String message(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage()
                : String.valueOf(e.getMessage());
    }
}
