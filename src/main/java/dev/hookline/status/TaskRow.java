package dev.hookline.status;

import java.time.Duration;
import java.util.Locale;

/**
 * One row of a check run's task table (the {@code tekton} package's {@link dev.hookline.tekton.TaskSummary} is what a run
 * says of its tasks; wiring check runs into the reporter, #13, is to turn one into the other).
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

    /** Where a task stands, from its TaskRun's condition (or its absence, for a task not yet started). */
    enum State {

        PENDING, RUNNING, SUCCEEDED, FAILED, CANCELLED, TIMED_OUT, SKIPPED;

        /** How the summary names it: {@code timed out}. */
        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }
}
