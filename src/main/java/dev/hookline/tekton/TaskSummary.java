package dev.hookline.tekton;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * One task of a PipelineRun, as Tekton ran it or skipped it.
 *
 * @param pipelineTask the task's name in the Pipeline (user data: escape it wherever it is shown)
 * @param taskRun the TaskRun's name, or {@code null} for a skipped task, which has none
 * @param state where the task is
 * @param reason Tekton's reason ({@code Succeeded}, {@code Failed}, {@code TaskRunTimeout}, {@code TaskRunCancelled},
 *        ...), or why a skipped task was skipped; {@code null} before Tekton wrote a condition
 * @param started when the TaskRun started, or {@code null}
 * @param finished when it finished, or {@code null}
 */
public record TaskSummary(String pipelineTask, String taskRun, State state, String reason, Instant started,
        Instant finished) {

    /** The reason Tekton gives a TaskRun that ran out of its timeout. */
    public static final String TIMEOUT = "TaskRunTimeout";
    // TaskRunCancelled on TaskRuns (the PipelineRun's cancellation or timeout cancels its children with it); plain
    // Cancelled is the PipelineRun's own reason, accepted too since Tekton's reason list is open-ended.
    private static final Set<String> CANCELLATIONS = Set.of("TaskRunCancelled", "Cancelled");

    /** Where a task is. Tekton's conditions say more; these are what a task table needs to tell apart. */
    public enum State {

        PENDING, RUNNING, SUCCEEDED, FAILED, CANCELLED, SKIPPED;

        /** The name the page and the API use: {@code succeeded}, {@code failed}, ... */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A task Tekton ran (or is about to), from its TaskRun's {@code Succeeded} condition and times. */
    static TaskSummary ran(String pipelineTask, String taskRun, TrackedRun.Condition condition, Instant started,
            Instant finished) {
        return new TaskSummary(pipelineTask, taskRun, state(condition), condition == null ? null : condition.reason(),
                started, finished);
    }

    /** A task Tekton skipped ({@code status.skippedTasks}), for its reason. */
    static TaskSummary skipped(String pipelineTask, String reason) {
        return new TaskSummary(pipelineTask, null, State.SKIPPED, reason, null, null);
    }

    /** Mapped by the condition's status first; the reason only tells a cancellation from a failure. */
    static State state(TrackedRun.Condition condition) {
        if (condition == null || condition.status() == null) {
            return State.PENDING;
        }
        return switch (condition.status()) {
            case "True" -> State.SUCCEEDED;
            case "False" -> CANCELLATIONS.contains(condition.reason()) ? State.CANCELLED : State.FAILED;
            default -> State.RUNNING;
        };
    }

    /** Whether it failed by running out of its timeout. */
    public boolean timedOut() {
        return state == State.FAILED && TIMEOUT.equals(reason);
    }

    /**
     * How long it ran: start to finish, or start to {@code now} while it runs; {@code null} before it started (and for
     * a skipped task), or when it ended without a completion time.
     */
    public Duration duration(Instant now) {
        boolean ongoing = state == State.RUNNING || state == State.PENDING;
        if (started == null || finished == null && !ongoing) {
            return null;
        }
        Duration duration = Duration.between(started, finished != null ? finished : now);
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
