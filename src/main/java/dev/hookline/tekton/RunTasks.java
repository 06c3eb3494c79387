package dev.hookline.tekton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.logging.Log;

/**
 * The tasks of one PipelineRun, as Tekton ran them, for the status page, the API and check runs.
 * <p>
 * Classic clusters (Tekton up to v0.44 with the full embedded status) list every TaskRun in the run's
 * {@code status.taskRuns}, so nothing more is read. Elsewhere the run only points at its children
 * ({@code status.childReferences}), and the TaskRuns themselves are listed by the label Tekton gives them,
 * {@code tekton.dev/pipelineRun=<run>}: one list call, under the run's own API version, which RBAC already grants.
 * The run is read fresh first because the informers' cache keeps no task status ({@link SlimRunStore}). The same read
 * finds where a failed task's failed step ran ({@link FailedStep}), for {@link StepLogs}.
 * <p>
 * Never throws: a cluster that refuses or is away yields no tasks, and a line at DEBUG, since a page or a check run
 * without its table is better than none at all.
 */
@ApplicationScoped
public class RunTasks {

    private final KubernetesClient client;

    public RunTasks(KubernetesClient client) {
        this.client = client;
    }

    /** The tasks of a tracked run, read from the API server now; none when it is gone or cannot be read. */
    public List<TaskSummary> of(TrackedRun run) {
        return table(run).tasks();
    }

    /**
     * The tasks of a tracked run and where its failed step ran, read from the API server now (a GET of the run, at most
     * one list of TaskRuns); empty when it is gone or cannot be read.
     */
    public TaskTable table(TrackedRun run) {
        GenericKubernetesResource fresh;
        try {
            fresh = client.genericKubernetesResources(run.apiVersion(), "PipelineRun").inNamespace(run.namespace())
                    .withName(run.name()).get();
        } catch (KubernetesClientException e) {
            Log.debugf("Cannot read PipelineRun %s for its tasks: %s", run.key(), e.getMessage());
            return TaskTable.EMPTY;
        }
        return fresh == null ? TaskTable.EMPTY : table(fresh);
    }

    /** The tasks of a run as the API server served it whole; see {@link #table(GenericKubernetesResource)}. */
    public List<TaskSummary> of(GenericKubernetesResource run) {
        return table(run).tasks();
    }

    /**
     * The tasks of a run as the API server served it whole: from its embedded status when it has one, else from its
     * TaskRuns (one list call). Ordered by start time, then as {@code status.childReferences} lists them, then by
     * pipeline task; tasks not started yet and skipped ones come last. The failed step is that of the first failed task
     * in this order whose TaskRun names one.
     */
    public TaskTable table(GenericKubernetesResource run) {
        String namespace = run.getMetadata().getNamespace();
        Map<String, Object> status = TrackedRun.map(run.getAdditionalProperties().get("status"));
        // childReferences: the TaskRuns in the order the controller created them, with their pipeline tasks.
        Map<String, Integer> order = new HashMap<>();
        Map<String, String> pipelineTaskOf = new HashMap<>();
        for (Object item : TrackedRun.list(status.get("childReferences"))) {
            Map<String, Object> child = TrackedRun.map(item);
            String pipelineTask = TrackedRun.text(child.get("pipelineTaskName"));
            if (pipelineTask != null) {
                order.putIfAbsent(pipelineTask, order.size());
                pipelineTaskOf.put(TrackedRun.text(child.get("name")), pipelineTask);
            }
        }
        List<TaskSummary> tasks = new ArrayList<>();
        Map<String, FailedStep> failedSteps = new HashMap<>();
        Map<String, Object> embedded = TrackedRun.map(status.get("taskRuns"));
        if (!embedded.isEmpty()) {
            embedded.forEach((name, value) -> {
                Map<String, Object> entry = TrackedRun.map(value);
                String pipelineTask = TrackedRun.text(entry.get("pipelineTaskName"));
                tasks.add(ran(pipelineTask != null ? pipelineTask : name, name, TrackedRun.map(entry.get("status")),
                        namespace, failedSteps));
            });
        } else {
            try {
                for (GenericKubernetesResource taskRun : taskRuns(run)) {
                    String name = taskRun.getMetadata().getName();
                    Map<String, String> labels = taskRun.getMetadata().getLabels();
                    String pipelineTask = labels == null ? null : labels.get(RunLabels.TEKTON_PIPELINE_TASK);
                    if (pipelineTask == null) {
                        pipelineTask = pipelineTaskOf.getOrDefault(name, name);
                    }
                    tasks.add(ran(pipelineTask, name, TrackedRun.map(taskRun.getAdditionalProperties().get("status")),
                            namespace, failedSteps));
                }
            } catch (KubernetesClientException e) {
                Log.debugf("Cannot list the TaskRuns of PipelineRun %s/%s: %s", namespace, run.getMetadata().getName(),
                        e.getMessage());
                // Only the skipped tasks would be left: a table that looks complete and is not.
                return TaskTable.EMPTY;
            }
        }
        for (Object item : TrackedRun.list(status.get("skippedTasks"))) {
            Map<String, Object> skipped = TrackedRun.map(item);
            String name = TrackedRun.text(skipped.get("name"));
            if (name != null) {
                tasks.add(TaskSummary.skipped(name, TrackedRun.text(skipped.get("reason"))));
            }
        }
        tasks.sort(Comparator.comparing(TaskSummary::started, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
                .thenComparing(task -> order.getOrDefault(task.pipelineTask(), Integer.MAX_VALUE))
                .thenComparing(TaskSummary::pipelineTask));
        Optional<FailedStep> failed = tasks.stream().filter(task -> task.state() == TaskSummary.State.FAILED)
                .map(task -> failedSteps.get(task.taskRun())).filter(Objects::nonNull).findFirst();
        return new TaskTable(List.copyOf(tasks), failed);
    }

    private List<GenericKubernetesResource> taskRuns(GenericKubernetesResource run) {
        // TaskRuns are served under the same versions as PipelineRuns: a v1beta1 run's children read as v1beta1.
        return client.genericKubernetesResources(run.getApiVersion(), "TaskRun").inNamespace(run.getMetadata().getNamespace())
                .withLabel(RunLabels.TEKTON_PIPELINE_RUN, run.getMetadata().getName()).list().getItems();
    }

    /** The task a TaskRun's status describes; where its failed step ran goes into {@code failedSteps}, by TaskRun. */
    private static TaskSummary ran(String pipelineTask, String taskRun, Map<String, Object> status, String namespace,
            Map<String, FailedStep> failedSteps) {
        FailedStep failed = FailedStep.of(namespace, pipelineTask, status);
        if (failed != null) {
            failedSteps.put(taskRun, failed);
        }
        return TaskSummary.ran(pipelineTask, taskRun, TrackedRun.Condition.ofStatus(status),
                TrackedRun.instant(status.get("startTime")), TrackedRun.instant(status.get("completionTime")));
    }
}
