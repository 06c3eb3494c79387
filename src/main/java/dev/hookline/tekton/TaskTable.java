package dev.hookline.tekton;

import java.util.List;
import java.util.Optional;

/**
 * What one read of a run's tasks found: the task table, and where the step that failed it ran, when one did.
 *
 * @param tasks the tasks in the order Tekton ran them (see {@link RunTasks#of(TrackedRun)})
 * @param failedStep the first failed task's failed step, when its TaskRun names a pod and a step that exited non-zero
 */
public record TaskTable(List<TaskSummary> tasks, Optional<FailedStep> failedStep) {

    static final TaskTable EMPTY = new TaskTable(List.of(), Optional.empty());
}
