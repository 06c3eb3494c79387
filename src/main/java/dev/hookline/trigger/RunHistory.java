package dev.hookline.trigger;

import java.time.Instant;
import java.util.List;

import dev.hookline.webhook.RunRef;

/**
 * The runs a pull request, a merge group or a commit already has, read from the cluster (their labels and
 * annotations), and cancelling them: what {@code closed}, {@code destroyed}, {@code /cancel}, {@code /retest},
 * remembered approvals and the Checks tab's buttons decide on. Implemented by the {@code tekton} package; reads the API
 * server, not one replica's memory.
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
     * Cancels one run unless it finished or was cancelled meanwhile, naming {@code reason}.
     *
     * @param trigger the run's trigger (its API flavour decides how to cancel)
     * @return whether this call cancelled it
     * @throws dev.hookline.webhook.WebhookProblem 503 when the cluster cannot be written
     */
    boolean cancel(Trigger trigger, RunRef run, String reason, String deliveryId);

    /**
     * Whose runs: a pull request's, a merge group's, or a commit's (whatever event ran it).
     *
     * @param pullRequest the pull request's number, or {@code null}
     * @param mergeGroupSha the merge group's commit, or {@code null}
     * @param commitSha the commit, or {@code null}
     */
    record Group(Integer pullRequest, String mergeGroupSha, String commitSha) {

        public static Group pullRequest(int number) {
            return new Group(number, null, null);
        }

        public static Group mergeGroup(String headSha) {
            return new Group(null, headSha, null);
        }

        /** A commit's runs: of pushes, pull requests and merge groups alike. */
        public static Group commit(String sha) {
            return new Group(null, null, sha);
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
     * @param uid the PipelineRun's {@code metadata.uid}, a check run's {@code external_id}
     * @param origin what the run was for, to run it again with the same inputs
     */
    record PastRun(RunRef run, String sha, Instant launchedAt, State state, String approvedBy, String runKey, String uid,
            Origin origin) {
    }

    /**
     * The event a run was for, as its annotations recorded it.
     *
     * @param event the kind of event, or {@code null} when the run names none Hookline knows
     * @param ref the ref it fetched: the pushed ref, {@code refs/pull/<n>/head} or the merge group's ref
     * @param pullRequest the pull request's number, or {@code null}
     * @param title the commit's subject or the pull request's title, or {@code null}
     */
    record Origin(EventKind event, String ref, Integer pullRequest, String title) {
    }
}
