package dev.hookline.webhook;

/**
 * A verified {@code merge_group} delivery: GitHub's merge queue asking for checks on a commit no push announces.
 *
 * @param action {@code checks_requested} or {@code destroyed}
 * @param headSha the merge group's commit, where the required statuses go
 * @param headRef its ref, {@code refs/heads/gh-readonly-queue/<base>/pr-<n>-<sha>}
 * @param baseSha the base branch's commit the group is built on
 * @param baseRef the base branch, {@code refs/heads/<base>}
 * @param title the first line of the head commit's message, or {@code null}
 * @param reason why a group was destroyed ({@code merged}, {@code invalidated}, {@code dequeued}), or {@code null}
 * @param repository the repository
 * @param sender the login of who caused the action, or {@code null}
 * @param installationId the GitHub App installation the delivery came through, or {@code null}
 */
public record MergeGroupEvent(String action, String headSha, String headRef, String baseSha, String baseRef,
        String title, String reason, PushEvent.Repository repository, String sender, Long installationId) {

    private static final String BRANCH_PREFIX = "refs/heads/";

    /** The base branch's name. */
    public String baseBranch() {
        return baseRef.startsWith(BRANCH_PREFIX) ? baseRef.substring(BRANCH_PREFIX.length()) : baseRef;
    }

    /** The queue branch's name, {@code gh-readonly-queue/...}. */
    public String headBranch() {
        return headRef.startsWith(BRANCH_PREFIX) ? headRef.substring(BRANCH_PREFIX.length()) : headRef;
    }
}
