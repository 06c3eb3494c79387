package dev.hookline.status;

import java.time.Duration;
import java.util.Locale;

/**
 * One task of a run, as a check run's summary lists it.
 *
 * @param name the pipeline task's name
 * @param state where it stands
 * @param duration how long it ran (so far), or {@code null} when it has not started
 */
record TaskSummary(String name, State state, Duration duration) {

    TaskSummary {
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
