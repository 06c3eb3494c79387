package dev.hookline.tekton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * Reads the PipelineRuns in the mock cluster, of both API versions, and writes runs as Hookline and Tekton would have
 * left them, for tests that need one without a delivery.
 */
public final class ClusterRuns {

    private ClusterRuns() {
    }

    /**
     * A PipelineRun with Hookline's annotations (so that it reads as a {@link TrackedRun}) but not its managed-by label
     * (so that no informer or reporter takes it up), its {@code status} written through the subresource as Tekton
     * writes it.
     */
    public static void create(KubernetesClient client, String apiVersion, String namespace, String name,
            Map<String, Object> status) {
        GenericKubernetesResource run = new GenericKubernetesResource();
        run.setApiVersion(apiVersion);
        run.setKind("PipelineRun");
        run.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                .withAnnotations(Map.of(RunLabels.ANNOTATION_REPOSITORY, "acme/api", RunLabels.ANNOTATION_SHA,
                        "0123456789abcdef0123456789abcdef01234567"))
                .build());
        run.setAdditionalProperty("spec", Map.of("pipelineRef", Map.of("name", "build-and-push")));
        client.genericKubernetesResources(apiVersion, "PipelineRun").inNamespace(namespace).resource(run).create();
        client.genericKubernetesResources(apiVersion, "PipelineRun").inNamespace(namespace).withName(name)
                .subresource("status").patch(PatchContext.of(PatchType.JSON), client.getKubernetesSerialization()
                        .asJson(List.of(Map.of("op", "add", "path", "/status", "value", status))));
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
