package dev.hookline.tekton;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Reads the PipelineRuns in the mock cluster, of both API versions. */
public final class ClusterRuns {

    private ClusterRuns() {
    }

    public static List<GenericKubernetesResource> all(KubernetesClient client) {
        List<GenericKubernetesResource> runs = new ArrayList<>();
        for (String apiVersion : List.of("tekton.dev/v1", "tekton.dev/v1beta1")) {
            runs.addAll(client.genericKubernetesResources(apiVersion, "PipelineRun").inAnyNamespace().list().getItems());
        }
        return runs;
    }

    public static List<GenericKubernetesResource> ofDelivery(KubernetesClient client, String deliveryId) {
        return all(client).stream()
                .filter(r -> r.getMetadata().getAnnotations() != null
                        && deliveryId.equals(r.getMetadata().getAnnotations().get(RunLabels.ANNOTATION_DELIVERY)))
                .toList();
    }
}
