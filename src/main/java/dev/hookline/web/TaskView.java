package dev.hookline.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.hookline.tekton.TaskSummary;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One task of a run, as its page and {@code GET /api/runs/{namespace}/{name}/tasks} show it.
 *
 * @param pipelineTask the task's name in the Pipeline
 * @param taskRun the TaskRun's name, or {@code null} for a skipped task
 * @param state {@code pending}, {@code running}, {@code succeeded}, {@code failed}, {@code cancelled} or
 *        {@code skipped}
 * @param reason Tekton's reason, or why the task was skipped; {@code null} before Tekton wrote one
 * @param timedOut whether it failed by running out of its timeout (reason {@code TaskRunTimeout})
 * @param started when it started, or {@code null}
 * @param finished when it finished, or {@code null}
 * @param seconds how long it ran, or has been running so far; {@code null} before it started
 * @param duration the same for people: {@code 2m13s}, or {@code —} before it started
 */
@RegisterForReflection
public record TaskView(String pipelineTask, String taskRun, String state, String reason, boolean timedOut,
        Instant started, Instant finished, Long seconds, String duration) {

    static TaskView of(TaskSummary task, Instant now) {
        Duration duration = task.duration(now);
        return new TaskView(task.pipelineTask(), task.taskRun(), task.state().wireName(), task.reason(), task.timedOut(),
                task.started(), task.finished(), duration == null ? null : duration.toSeconds(),
                duration == null ? "—" : StatusBoard.format(duration));
    }

    static List<TaskView> of(List<TaskSummary> tasks, Instant now) {
        return tasks.stream().map(task -> of(task, now)).toList();
    }
}
