package dev.hookline.webhook;

/**
 * A verified {@code pull_request} delivery.
 *
 * @param action what happened: {@code opened}, {@code synchronize}, {@code reopened}, {@code ready_for_review},
 *        {@code closed}, or one of the actions Hookline ignores
 * @param pullRequest the pull request as it is after the action
 * @param repository the base repository
 * @param sender the login of who caused the action
 * @param installationId the GitHub App installation the delivery came through, or {@code null}
 */
public record PullRequestEvent(String action, PullRequest pullRequest, PushEvent.Repository repository, String sender,
        Long installationId) {
}
