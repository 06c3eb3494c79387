package dev.hookline.local;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hookline.tekton.RunLabels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The tasks of one simulated run, read from its Pipeline and run one after the other, each as a TaskRun written the
 * way Tekton writes it: labelled {@code tekton.dev/pipelineRun} and {@code tekton.dev/pipelineTask}, owned by the
 * run, with a {@code Succeeded} condition, {@code startTime} and {@code completionTime}; the run's status points at
 * the TaskRuns started so far ({@link #childReferences()}), as Tekton's minimal embedded status does. Used only from
 * the simulator's one steps thread.
 */
final class SimulatedTasks {

    private static final String SUCCEEDED = "All Steps have completed executing";

    private final KubernetesClient client;
    private final GenericKubernetesResource run;
    private final List<String> names;
    /** Per started task, its TaskRun's start time. */
    private final Map<Integer, Instant> started = new LinkedHashMap<>();
    private int finished;

    private SimulatedTasks(KubernetesClient client, GenericKubernetesResource run, List<String> names) {
        this.client = client;
        this.run = run;
        this.names = names;
    }

    /** The tasks of the Pipeline the run references; one generic task when none is found. */
    static SimulatedTasks of(KubernetesClient client, GenericKubernetesResource run) {
        Object ref = map(map(run.getAdditionalProperties().get("spec")).get("pipelineRef")).get("name");
        GenericKubernetesResource pipeline = ref == null
                ? null
                : client.genericKubernetesResources("tekton.dev/v1", "Pipeline").inNamespace(run.getMetadata().getNamespace())
                        .withName(ref.toString()).get();
        List<String> names = new ArrayList<>();
        if (pipeline != null && map(pipeline.getAdditionalProperties().get("spec")).get("tasks") instanceof List<?> tasks) {
            tasks.forEach(task -> names.add(String.valueOf(map(task).get("name"))));
        }
        return new SimulatedTasks(client, run, names.isEmpty() ? List.of("build") : names);
    }

    int size() {
        return names.size();
    }

    /** The run's message while it runs and when it ends, as Tekton counts its tasks. */
    static String progress(int completed, int failed, int incomplete) {
        return "Tasks Completed: " + completed + " (Failed: " + failed + ", Cancelled 0), "
                + (incomplete > 0 ? "Incomplete: " + incomplete + ", " : "") + "Skipped: 0";
    }

    /** Moves on to a task: the one before it succeeded, and its own TaskRun appears, running. */
    void advance(int task, Instant at) {
        if (task > 0) {
            finish(task - 1, at, "True", "Succeeded", SUCCEEDED);
        }
        started.put(task, at);
        write(task, at, null, "Unknown", "Running", "Not all Steps in the Task have finished executing");
    }

    /** Ends the last task: succeeded, or failed as {@code [local:fail]} asks. */
    void endLast(Instant at, boolean succeeded) {
        int last = names.size() - 1;
        started.putIfAbsent(last, at);
        if (succeeded) {
            finish(last, at, "True", "Succeeded", SUCCEEDED);
        } else {
            finish(last, at, "False", "Failed", "\"step-build\" exited with code 1 (simulated by [local:fail])");
        }
    }

    private void finish(int task, Instant at, String status, String reason, String message) {
        write(task, started.get(task), at, status, reason, message);
        finished = Math.max(finished, task + 1);
    }

    /**
     * Ends the task still running, if any, as Tekton cancels a cancelled or timed-out run's children.
     *
     * @param why what happened to the run: {@code been cancelled} or {@code timed out}, as Tekton's message says
     */
    void cancelRunning(Instant at, String why) {
        for (int task : started.keySet()) {
            if (task >= finished) {
                finish(task, at, "False", "TaskRunCancelled", "TaskRun cancelled as the PipelineRun it belongs to has "
                        + why + ".");
            }
        }
    }

    /** The run's {@code status.childReferences}: the TaskRuns started so far, in the order they were. */
    List<Map<String, Object>> childReferences() {
        return started.keySet().stream().map(task -> Map.<String, Object>of("apiVersion", run.getApiVersion(), "kind",
                "TaskRun", "name", taskRunName(task), "pipelineTaskName", names.get(task))).toList();
    }

    private void write(int task, Instant start, Instant end, String status, String reason, String message) {
        GenericKubernetesResource taskRun = new GenericKubernetesResource();
        taskRun.setApiVersion(run.getApiVersion());
        taskRun.setKind("TaskRun");
        ObjectMetaBuilder metadata = new ObjectMetaBuilder().withName(taskRunName(task))
                .withNamespace(run.getMetadata().getNamespace())
                .withLabels(Map.of(RunLabels.TEKTON_PIPELINE_RUN, run.getMetadata().getName(), RunLabels.TEKTON_PIPELINE_TASK,
                        names.get(task), "tekton.dev/memberOf", "tasks", "app.kubernetes.io/managed-by",
                        "tekton-pipelines"));
        if (run.getMetadata().getUid() != null) {
            metadata.withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(run.getApiVersion())
                    .withKind("PipelineRun").withName(run.getMetadata().getName()).withUid(run.getMetadata().getUid())
                    .withController(true).withBlockOwnerDeletion(true).build());
        }
        taskRun.setMetadata(metadata.build());
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", "Succeeded");
        condition.put("status", status);
        condition.put("reason", reason);
        condition.put("message", message);
        condition.put("lastTransitionTime", (end != null ? end : start).toString());
        Map<String, Object> taskStatus = new LinkedHashMap<>();
        taskStatus.put("conditions", List.of(condition));
        taskStatus.put("podName", taskRunName(task) + "-pod");
        taskStatus.put("startTime", start.toString());
        if (end != null) {
            taskStatus.put("completionTime", end.toString());
        }
        // One step, build, as the failure message names it: exit code 0 or 1 once the task succeeded or failed, so that
        // a failed run's step log can be read (SimulatedPodLogs serves it).
        if (end != null && ("True".equals(status) || "Failed".equals(reason))) {
            taskStatus.put("steps", List.of(Map.of("name", "build", "container", "step-build", "terminated",
                    Map.of("exitCode", "True".equals(status) ? 0 : 1, "reason", "True".equals(status) ? "Completed" : "Error",
                            "finishedAt", end.toString()))));
        }
        taskRun.setAdditionalProperty("status", taskStatus);
        // The embedded API registers no TaskRun CRD, so status is part of the object here, not a subresource.
        client.genericKubernetesResources(run.getApiVersion(), "TaskRun").inNamespace(run.getMetadata().getNamespace())
                .resource(taskRun).createOr(existing -> existing.update());
    }

    /** Tekton names a TaskRun after its run and pipeline task. */
    private String taskRunName(int task) {
        return run.getMetadata().getName() + "-" + names.get(task);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
