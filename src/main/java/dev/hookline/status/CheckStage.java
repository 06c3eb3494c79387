package dev.hookline.status;

import java.util.Locale;

import dev.hookline.github.CheckConclusion;
import dev.hookline.github.CheckStatus;
import dev.hookline.tekton.TrackedRun;

/**
 * Where a run's check run stands, as the check ledger ({@link TrackedRun#ANNOTATION_CHECK_STATE}) writes it:
 * {@code queued}, {@code in_progress:<tasks completed>} (so that the task table is updated as tasks finish) or
 * {@code completed:<conclusion>}. Stages only move forward: a completed check run is never reopened, and a stale copy
 * of a run never takes one back.
 *
 * @param status queued, in progress or completed
 * @param tasksDone the tasks Tekton counts as completed, while in progress
 * @param conclusion how it ended, once completed
 */
record CheckStage(CheckStatus status, int tasksDone, CheckConclusion conclusion) {

    static final CheckStage QUEUED = new CheckStage(CheckStatus.QUEUED, 0, null);

    /** The stage a run is at now: queued until Tekton starts it, in progress until it decides, then completed. */
    static CheckStage of(TrackedRun run) {
        TrackedRun.Condition condition = run.condition();
        if (run.finished()) {
            return completed(conclusion(run));
        }
        if (condition == null && run.startTime() == null) {
            return QUEUED;
        }
        return new CheckStage(CheckStatus.IN_PROGRESS,
                condition == null ? 0 : CommitStatusMapper.completedTasks(condition.message()), null);
    }

    /** The last stage of a deleted run: its own when it had finished, else {@code neutral}, since none will come. */
    static CheckStage ofDeleted(TrackedRun run) {
        return run.finished() ? of(run) : completed(CheckConclusion.NEUTRAL);
    }

    static CheckStage completed(CheckConclusion conclusion) {
        return new CheckStage(CheckStatus.COMPLETED, 0, conclusion);
    }

    /** The stage a ledger value names, or {@code null} for none or one this version cannot read. */
    static CheckStage parse(String ledger) {
        if (ledger == null) {
            return null;
        }
        int colon = ledger.indexOf(':');
        CheckStatus status = CheckStatus.of(colon < 0 ? ledger : ledger.substring(0, colon));
        String detail = colon < 0 ? "" : ledger.substring(colon + 1);
        if (status == CheckStatus.QUEUED) {
            return QUEUED;
        }
        if (status == CheckStatus.IN_PROGRESS) {
            try {
                return new CheckStage(status, detail.isEmpty() ? 0 : Math.max(0, Integer.parseInt(detail)), null);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        CheckConclusion conclusion = CheckConclusion.of(detail);
        return status == CheckStatus.COMPLETED && conclusion != null ? completed(conclusion) : null;
    }

    /** The ledger's value for this stage. */
    String ledger() {
        return switch (status) {
            case QUEUED -> "queued";
            case IN_PROGRESS -> "in_progress:" + tasksDone;
            default -> "completed:" + conclusion.wireName();
        };
    }

    boolean completed() {
        return status == CheckStatus.COMPLETED;
    }

    /** Whether this stage comes after {@code other} ({@code null} being before any). */
    boolean after(CheckStage other) {
        if (other == null) {
            return true;
        }
        if (other.completed()) {
            return false;
        }
        return completed() || rank() > other.rank();
    }

    /** The later of two stages, either of which may be {@code null}. */
    static CheckStage later(CheckStage a, CheckStage b) {
        return a == null || b != null && b.after(a) ? b : a;
    }

    private long rank() {
        return status == CheckStatus.QUEUED ? 0 : 1L + tasksDone;
    }

    /**
     * The conclusion of a decided run, from its {@code Succeeded} condition's status first, the reason only telling
     * cancellations and timeouts from failures (Tekton's list of reasons is open).
     */
    private static CheckConclusion conclusion(TrackedRun run) {
        if ("True".equals(run.condition().status())) {
            return CheckConclusion.SUCCESS;
        }
        String reason = run.condition().reason() == null ? "" : run.condition().reason();
        if (CommitStatusMapper.CANCELLED.contains(reason)) {
            return CheckConclusion.CANCELLED;
        }
        return CommitStatusMapper.TIMED_OUT.contains(reason) ? CheckConclusion.TIMED_OUT : CheckConclusion.FAILURE;
    }

    @Override
    public String toString() {
        return ledger().toLowerCase(Locale.ROOT);
    }
}
