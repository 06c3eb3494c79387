package dev.hookline.tekton;

import java.util.Map;

/**
 * Where the step that failed a TaskRun ran: its pod and container, read from the TaskRun's status as Tekton writes it
 * ({@code status.podName}, and the first of {@code status.steps[]} that terminated with an exit code other than 0).
 *
 * @param namespace the TaskRun's namespace, the pod's too
 * @param task the pipeline task
 * @param pod the TaskRun's pod
 * @param container the step's container: {@code status.steps[].container}, else {@code step-<name>} as Tekton names it
 * @param step the step's name
 */
public record FailedStep(String namespace, String task, String pod, String container, String step) {

    /** The failed step of a TaskRun's {@code status}, or {@code null} when none terminated with an error. */
    static FailedStep of(String namespace, String task, Map<String, Object> status) {
        String pod = TrackedRun.text(status.get("podName"));
        if (pod == null) {
            return null;
        }
        for (Object item : TrackedRun.list(status.get("steps"))) {
            Map<String, Object> step = TrackedRun.map(item);
            Object exitCode = TrackedRun.map(step.get("terminated")).get("exitCode");
            String name = TrackedRun.text(step.get("name"));
            // Steps after the failed one are terminated too (exit code 1, reason Skipped on recent Tekton): the first
            // one in the Task's order is the step that failed.
            if (name != null && exitCode instanceof Number code && code.intValue() != 0) {
                String container = TrackedRun.text(step.get("container"));
                return new FailedStep(namespace, task, pod, container != null ? container : "step-" + name, name);
            }
        }
        return null;
    }
}
