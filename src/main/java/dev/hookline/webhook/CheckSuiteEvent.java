package dev.hookline.webhook;

/**
 * A verified {@code check_suite} delivery: an App's checks of one commit, requested, completed or re-requested
 * ("Re-run checks" on the pull request's Checks tab).
 *
 * @param action {@code requested}, {@code rerequested} or {@code completed}
 * @param headSha the commit the suite is about
 * @param headBranch the suite's head branch, or {@code null}
 * @param app the App the suite belongs to
 * @param repository the repository
 * @param sender who asked, or {@code null} when the payload names nobody
 * @param installationId the GitHub App installation the delivery came through, or {@code null}
 */
public record CheckSuiteEvent(String action, String headSha, String headBranch, CheckApp app,
        PushEvent.Repository repository, Sender sender, Long installationId) {
}
