package dev.hookline.status;

import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.hookline.github.CommitState;
import dev.hookline.tekton.TrackedRun;

/**
 * From a run's {@code Succeeded} condition to a commit state and a description a person wants to read. The state
 * follows the condition's status, never its reason, because Tekton's list of reasons is open: {@code Unknown} or no
 * condition is pending, {@code True} success, {@code False} failure, except cancellations, which are errors.
 */
final class CommitStatusMapper {

    static final Set<String> CANCELLED = Set.of("Cancelled", "PipelineRunCancelled", "CancelledRunFinally",
            "StoppedRunFinally");
    static final Set<String> TIMED_OUT = Set.of("PipelineRunTimeout", "TimedOut");
    // Tekton's running message: "Tasks Completed: 2 (Failed: 0, Cancelled 0), Incomplete: 3, Skipped: 0"
    private static final Pattern PROGRESS = Pattern.compile(
            "Tasks Completed: (\\d+) \\(Failed: (\\d+), Cancell?ed:? (\\d+)\\), (?:Incomplete: (\\d+), )?Skipped: (\\d+)");

    private CommitStatusMapper() {
    }

    /** The state and description for a run; {@code failedTask} names the failed pipeline task when known. */
    static Report map(TrackedRun run, String failedTask) {
        TrackedRun.Condition condition = run.condition();
        if (condition == null) {
            return new Report(CommitState.PENDING, "Waiting for Tekton to start the run");
        }
        String reason = condition.reason() == null ? "" : condition.reason();
        return switch (condition.status()) {
            case "True" -> new Report(CommitState.SUCCESS, "Succeeded" + took(run, " in "));
            case "False" -> {
                if (CANCELLED.contains(reason)) {
                    yield new Report(CommitState.ERROR,
                            run.supersededBy() != null
                                    // A run's name, or why it was cancelled ("pull request #12 closed").
                                    ? "Cancelled: " + (run.supersededBy().contains(" ") ? "" : "superseded by ")
                                            + run.supersededBy()
                                    : "Cancelled");
                }
                if (TIMED_OUT.contains(reason)) {
                    yield new Report(CommitState.ERROR, "Timed out" + took(run, " after "));
                }
                if (failedTask != null) {
                    yield new Report(CommitState.FAILURE, "Failed: task " + failedTask);
                }
                yield new Report(CommitState.FAILURE, "Failed: " + failureDetail(reason, condition.message()));
            }
            default -> new Report(CommitState.PENDING, running(condition.message()));
        };
    }

    /**
     * The final report of a run that was deleted: its own final state if it had finished, else an error, since no
     * later state will ever come.
     */
    static Report mapDeleted(TrackedRun run, String failedTask) {
        if (run.finished()) {
            return map(run, failedTask);
        }
        return new Report(CommitState.ERROR, "Deleted before it finished");
    }

    /** How many tasks Tekton's running message counts as completed; 0 when it says nothing of them. */
    static int completedTasks(String message) {
        Matcher progress = message == null ? null : PROGRESS.matcher(message);
        return progress != null && progress.find() ? Integer.parseInt(progress.group(1)) : 0;
    }

    private static String running(String message) {
        Matcher progress = message == null ? null : PROGRESS.matcher(message);
        if (progress == null || !progress.find()) {
            return "Running";
        }
        int completed = Integer.parseInt(progress.group(1));
        int incomplete = progress.group(4) == null ? 0 : Integer.parseInt(progress.group(4));
        int skipped = Integer.parseInt(progress.group(5));
        return "Running " + completed + "/" + (completed + incomplete + skipped) + " tasks";
    }

    private static String took(TrackedRun run, String prefix) {
        if (run.startTime() == null || run.completionTime() == null) {
            return "";
        }
        return prefix + format(Duration.between(run.startTime(), run.completionTime()));
    }

    /** {@code 2m13s}, {@code 1h}, {@code 1h5m}, {@code 45s}: Go's style, whole units only. */
    static String format(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        StringBuilder text = new StringBuilder();
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (minutes > 0) {
            text.append(minutes).append('m');
        }
        if (rest > 0 || text.length() == 0) {
            text.append(rest).append('s');
        }
        return text.toString();
    }

    /** Tekton's generic "Failed" says only how many tasks failed; any other reason is worth naming. */
    private static String failureDetail(String reason, String message) {
        Matcher progress = message == null ? null : PROGRESS.matcher(message);
        if ("Failed".equals(reason) && progress != null && progress.find()) {
            int total = Integer.parseInt(progress.group(1))
                    + (progress.group(4) == null ? 0 : Integer.parseInt(progress.group(4)))
                    + Integer.parseInt(progress.group(5));
            return progress.group(2) + " of " + total + " tasks failed";
        }
        String line = firstLine(message);
        return reason.isEmpty() ? line : line.isEmpty() ? reason : reason + ": " + line;
    }

    /** Only the first line of Tekton's message: enough to act on, never a stack trace. */
    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "";
        }
        return message.strip().lines().findFirst().orElse("");
    }

    /**
     * What to post for a run.
     *
     * @param state the commit state
     * @param description the human text (cut to GitHub's limit when posted)
     */
    record Report(CommitState state, String description) {
    }
}
