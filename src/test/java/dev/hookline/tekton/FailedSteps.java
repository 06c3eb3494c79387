package dev.hookline.tekton;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

/**
 * Failed TaskRuns as Tekton writes them, with a pod and the steps' container states, and their step's log served by the
 * mock API server. The CRUD mock serves no {@code pods/log} (it is no object it stores), so the log is an expectation:
 * the path and query StepLogs asks for, answered with text, as the kubelet answers through the API server.
 */
public final class FailedSteps {

    /** A log with a GitHub token and a private key in it, as a careless step prints them. */
    public static final String LEAKY_LOG = """
            Running tests
            export GITHUB_TOKEN
            using ghp_abcdefghijklmnopqrstuvwxyz0123456789
            -----BEGIN PRIVATE KEY-----
            MIIEvQIBADANBgkqhkiG9w0BAQEFAASC
            -----END PRIVATE KEY-----
            FAILED: 3 tests, 1 failure
            """;

    private FailedSteps() {
    }

    /**
     * A TaskRun's status: {@code prepare} succeeded, {@code failedStep} exited 2, {@code cleanup} was skipped after it
     * (exit code 1, as recent Tekton marks the steps it does not run), on pod {@code pod}.
     */
    public static Map<String, Object> status(String pod, String failedStep, Instant start) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("conditions", List.of(Map.of("type", "Succeeded", "status", "False", "reason", "Failed", "message",
                "\"step-" + failedStep + "\" exited with code 2")));
        status.put("podName", pod);
        status.put("startTime", start.toString());
        status.put("completionTime", start.plusSeconds(20).toString());
        status.put("steps", List.of(step("prepare", 0, "Completed"), step(failedStep, 2, "Error"),
                step("cleanup", 1, "Skipped")));
        return status;
    }

    private static Map<String, Object> step(String name, int exitCode, String reason) {
        return Map.of("name", name, "container", "step-" + name, "terminated",
                Map.of("exitCode", exitCode, "reason", reason, "finishedAt", "2026-11-26T10:00:20Z"));
    }

    /** A failed TaskRun of {@code run}'s pipeline task {@code task}, labelled as Tekton labels it. */
    public static void taskRun(KubernetesClient client, String apiVersion, String namespace, String run, String task,
            String pod, String failedStep) {
        GenericKubernetesResource taskRun = new GenericKubernetesResource();
        taskRun.setApiVersion(apiVersion);
        taskRun.setKind("TaskRun");
        taskRun.setMetadata(new ObjectMetaBuilder().withName(run + "-" + task).withNamespace(namespace)
                .withLabels(Map.of("tekton.dev/pipelineRun", run, "tekton.dev/pipelineTask", task)).build());
        taskRun.setAdditionalProperty("status", status(pod, failedStep, Instant.parse("2026-11-26T10:00:00Z")));
        client.genericKubernetesResources(apiVersion, "TaskRun").inNamespace(namespace).resource(taskRun).create();
    }

    /** The path StepLogs reads a step's last {@code lines} lines at. */
    public static String logPath(String namespace, String pod, String container, int lines) {
        return "/api/v1/namespaces/" + namespace + "/pods/" + pod + "/log?container=" + container + "&tailLines=" + lines
                + "&limitBytes=" + StepLogs.MAX_BYTES;
    }

    /** Answers that path, always, with a Kubernetes {@code Status} of {@code code}: 403 without RBAC, 404 for a pod gone. */
    public static void refuseLog(KubernetesMockServer server, String namespace, String pod, String container, int lines,
            int code, String reason) {
        server.expect().get().withPath(logPath(namespace, pod, container, lines)).andReturn(code, new StatusBuilder()
                .withStatus("Failure").withCode(code).withReason(reason).withMessage(reason + ": pods/log of " + pod)
                .build()).always();
    }

    /** Serves {@code log} at that path, always. */
    public static void serveLog(KubernetesMockServer server, String namespace, String pod, String container, int lines,
            String log) {
        server.expect().get().withPath(logPath(namespace, pod, container, lines)).andReturn(200, log).always();
    }
}
