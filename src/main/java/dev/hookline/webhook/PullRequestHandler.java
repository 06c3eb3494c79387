package dev.hookline.webhook;

/**
 * Acts on verified pull request, merge group and comment deliveries. Like {@link PushHandler}, each method is called
 * on the HTTP event loop and must not block: reading GitHub or talking to the cluster goes into a
 * {@link Handling.Launch}.
 */
public interface PullRequestHandler {

    /** A {@code pull_request} delivery. */
    Handling pullRequest(String deliveryId, PullRequestEvent event);

    /** A {@code merge_group} delivery. */
    Handling mergeGroup(String deliveryId, MergeGroupEvent event);

    /** An {@code issue_comment} delivery. */
    Handling comment(String deliveryId, IssueCommentEvent event);
}
