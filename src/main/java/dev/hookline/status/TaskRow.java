package dev.hookline.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import dev.hookline.tekton.TaskSummary;

/**
 * One row of a check run's task table, from what the {@code tekton} package's {@link TaskSummary} says of a task.
 *
 * @param name the pipeline task's name
 * @param state where it stands
 * @param duration how long it ran (so far), or {@code null} when it has not started
 */
record TaskRow(String name, State state, Duration duration) {

    TaskRow {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a task needs a name");
        }
        if (state == null) {
            throw new IllegalArgumentException("a task needs a state");
        }
    }

    /** The row for a task as the {@code tekton} package read it, its duration as of {@code now}. */
    static TaskRow of(TaskSummary task, Instant now) {
        State state = switch (task.state()) {
            case PENDING -> State.PENDING;
            case RUNNING -> State.RUNNING;
            case SUCCEEDED -> State.SUCCEEDED;
            case FAILED -> task.timedOut() ? State.TIMED_OUT : State.FAILED;
            case CANCELLED -> State.CANCELLED;
            case SKIPPED -> State.SKIPPED;
        };
        return new TaskRow(task.pipelineTask(), state, task.duration(now));
    }

    /** Where a task stands, from its TaskRun's condition (or its absence, for a task not yet started). */
    enum State {

        PENDING, RUNNING, SUCCEEDED, FAILED, CANCELLED, TIMED_OUT, SKIPPED;

        /** How the summary names it: {@code timed out}. */
        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }
}
