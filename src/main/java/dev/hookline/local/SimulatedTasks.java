package dev.hookline.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** The tasks of a simulated run: read from its Pipeline, and the failed TaskRun a failing run leaves behind. */
final class SimulatedTasks {

    private SimulatedTasks() {
    }

    /** A failed TaskRun of the run, labelled as Tekton labels it, so that the reporter can name the task. */
    static void failed(KubernetesClient client, GenericKubernetesResource run, String task) {
        GenericKubernetesResource taskRun = new GenericKubernetesResource();
        taskRun.setApiVersion(run.getApiVersion());
        taskRun.setKind("TaskRun");
        taskRun.setMetadata(new ObjectMetaBuilder().withName(run.getMetadata().getName() + "-" + task)
                .withNamespace(run.getMetadata().getNamespace())
                .withLabels(Map.of("tekton.dev/pipelineRun", run.getMetadata().getName(), "tekton.dev/pipelineTask", task))
                .build());
        taskRun.setAdditionalProperty("status", Map.of("conditions", List.of(Map.of("type", "Succeeded", "status", "False",
                "reason", "Failed", "message", "\"step-build\" exited with code 1 (simulated by [local:fail])"))));
        client.genericKubernetesResources(run.getApiVersion(), "TaskRun").inNamespace(run.getMetadata().getNamespace())
                .resource(taskRun).createOr(existing -> existing.update());
    }

    /** The pipeline's task names, read from the Pipeline the run references; one generic task when none is found. */
    static List<String> of(KubernetesClient client, GenericKubernetesResource run) {
        Object ref = map(map(run.getAdditionalProperties().get("spec")).get("pipelineRef")).get("name");
        GenericKubernetesResource pipeline = ref == null
                ? null
                : client.genericKubernetesResources("tekton.dev/v1", "Pipeline").inNamespace(run.getMetadata().getNamespace())
                        .withName(ref.toString()).get();
        List<String> names = new ArrayList<>();
        if (pipeline != null && map(pipeline.getAdditionalProperties().get("spec")).get("tasks") instanceof List<?> tasks) {
            tasks.forEach(task -> names.add(String.valueOf(map(task).get("name"))));
        }
        return names.isEmpty() ? List.of("build") : names;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
