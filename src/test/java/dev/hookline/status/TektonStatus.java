package dev.hookline.status;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/** Writes PipelineRun status the way Tekton's controller writes it, through the status subresource. */
public final class TektonStatus {

    private TektonStatus() {
    }

    public static void write(KubernetesClient client, String apiVersion, String namespace, String name, String status,
            String reason, String message, Instant start, Instant completion) {
        write(client, apiVersion, namespace, name, status, reason, message, start, completion, "PipelineRun");
    }

    /** The same for any kind of Tekton run: a {@code TaskRun}, say. */
    public static void write(KubernetesClient client, String apiVersion, String namespace, String name, String status,
            String reason, String message, Instant start, Instant completion, String kind) {
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", "Succeeded");
        condition.put("status", status);
        condition.put("reason", reason);
        condition.put("message", message);
        condition.put("lastTransitionTime", (completion != null ? completion : start).toString());
        Map<String, Object> runStatus = new LinkedHashMap<>();
        runStatus.put("conditions", List.of(condition));
        runStatus.put("startTime", start.toString());
        if (completion != null) {
            runStatus.put("completionTime", completion.toString());
        }
        // A JSON patch without a resourceVersion: Tekton retries a conflicting status update on a fresh read until it
        // lands, and this lands at once, whatever the reporter (or a stale write-back) wrote to the run meanwhile.
        client.genericKubernetesResources(apiVersion, kind).inNamespace(namespace).withName(name)
                .subresource("status").patch(PatchContext.of(PatchType.JSON), client.getKubernetesSerialization()
                        .asJson(List.of(Map.of("op", "add", "path", "/status", "value", runStatus))));
    }

    public static void running(KubernetesClient client, String namespace, String name, Instant start, int done,
            int incomplete) {
        write(client, "tekton.dev/v1", namespace, name, "Unknown", "Running",
                "Tasks Completed: " + done + " (Failed: 0, Cancelled 0), Incomplete: " + incomplete + ", Skipped: 0", start,
                null);
    }
}
