package dev.hookline.trigger;

import java.time.Instant;
import java.util.List;

import dev.hookline.webhook.RunRef;

/**
 * The runs a pull request or a merge group already has, read from the cluster (their labels and annotations), and
 * cancelling them: what {@code closed}, {@code destroyed}, {@code /cancel}, {@code /retest} and remembered approvals
 * decide on. Implemented by the {@code tekton} package; reads the API server, not one replica's memory.
 */
public interface RunHistory {

    /**
     * Hookline's runs of the group, of these triggers, oldest first.
     *
     * @throws dev.hookline.webhook.WebhookProblem 503 when the cluster cannot be read
     */
    List<PastRun> runs(List<Trigger> triggers, String repository, Group group);

    /**
     * Cancels the group's runs of these triggers that have not finished, each naming {@code reason}.
     *
     * @param launchedBefore only runs Hookline asked for before this time (what a {@code /cancel} comment saw, so
     *        that its late redelivery spares runs started after it), or {@code null} for all
     * @return the runs cancelled
     * @throws dev.hookline.webhook.WebhookProblem 503 when the cluster cannot be read
     */
    List<RunRef> cancel(List<Trigger> triggers, String repository, Group group, String reason, String deliveryId,
            Instant launchedBefore);

    /**
     * Whose runs: a pull request's, or a merge group's.
     *
     * @param pullRequest the pull request's number, or {@code null}
     * @param mergeGroupSha the merge group's commit, or {@code null}
     */
    record Group(Integer pullRequest, String mergeGroupSha) {

        public static Group pullRequest(int number) {
            return new Group(number, null);
        }

        public static Group mergeGroup(String headSha) {
            return new Group(null, headSha);
        }
    }

    /** Where a run stands. */
    enum State {
        /** Not decided yet. */
        RUNNING,
        /** Succeeded. */
        SUCCEEDED,
        /** Failed, timed out or was cancelled: what {@code /retest} runs again. */
        FAILED
    }

    /**
     * One run of a group.
     *
     * @param run where it is
     * @param sha the commit it builds
     * @param launchedAt when Hookline asked for it (or its creation time), for ordering
     * @param state where it stands
     * @param approvedBy who approved it with {@code /ok-to-test}, or {@code null}
     * @param runKey what named it: its delivery's id, or {@code comment-<id>} for a comment's command
     */
    record PastRun(RunRef run, String sha, Instant launchedAt, State state, String approvedBy, String runKey) {
    }
}
