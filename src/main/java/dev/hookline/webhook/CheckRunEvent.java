package dev.hookline.webhook;

import java.util.List;

/**
 * A verified {@code check_run} delivery: a check run was created, completed, re-requested ("Re-run") or one of its
 * buttons was pressed ({@code requested_action}).
 *
 * @param action {@code created}, {@code completed}, {@code rerequested}, {@code requested_action}
 * @param checkRunId the check run's id on GitHub
 * @param name the check run's name; Hookline's are the trigger's status context
 * @param headSha the commit the check run is about
 * @param externalId the check run's {@code external_id}, for Hookline's the PipelineRun's uid; {@code null} when empty
 * @param requestedAction the identifier of the button pressed, for {@code requested_action}; else {@code null}
 * @param app the App the check run belongs to
 * @param headBranch the check suite's head branch, or {@code null} (a fork's, or a commit on no branch)
 * @param pullRequests the numbers of the pull requests GitHub matched the check run to (none for a fork's)
 * @param repository the repository
 * @param sender who pressed the button, or {@code null} when the payload names nobody
 * @param installationId the GitHub App installation the delivery came through, or {@code null}
 */
public record CheckRunEvent(String action, long checkRunId, String name, String headSha, String externalId,
        String requestedAction, CheckApp app, String headBranch, List<Integer> pullRequests,
        PushEvent.Repository repository, Sender sender, Long installationId) {

    public CheckRunEvent {
        pullRequests = List.copyOf(pullRequests);
    }
}
