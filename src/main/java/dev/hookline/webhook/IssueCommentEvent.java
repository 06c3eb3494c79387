package dev.hookline.webhook;

import java.time.Instant;

/**
 * A verified {@code issue_comment} delivery. GitHub sends comments on pull requests under this event too; the payload
 * then names the pull request's number, but not its head commit.
 *
 * @param action {@code created}, {@code edited} or {@code deleted}
 * @param commentId the comment's id, stable across redeliveries: the key that makes a command act once
 * @param body the comment's text
 * @param commenter the commenter's login
 * @param commenterIsBot whether the commenter is a bot account ({@code user.type} {@code Bot})
 * @param authorAssociation the commenter's relation to the repository ({@code OWNER}, {@code MEMBER}, ...)
 * @param number the issue's or pull request's number
 * @param onPullRequest whether the comment is on a pull request rather than an issue
 * @param repository the repository
 * @param installationId the GitHub App installation the delivery came through, or {@code null}
 * @param createdAt when the comment was written, or {@code null} when the payload does not say
 */
public record IssueCommentEvent(String action, long commentId, String body, String commenter, boolean commenterIsBot,
        String authorAssociation, int number, boolean onPullRequest, PushEvent.Repository repository,
        Long installationId, Instant createdAt) {
}
