package dev.hookline.webhook;

import java.util.List;

/**
 * A verified GitHub {@code push} delivery, reduced to what Hookline uses. Immutable.
 *
 * @param repository the repository pushed to
 * @param ref the full ref, {@code refs/heads/main} or {@code refs/tags/v1.0}
 * @param before the sha the ref pointed to before the push (all zeros when the ref was created)
 * @param after the sha the ref points to now (all zeros when the ref was deleted)
 * @param created whether the push created the ref
 * @param deleted whether the push deleted the ref
 * @param forced whether the push was forced
 * @param baseRef the branch a created tag or branch was based on, or {@code null}
 * @param headCommit the newest commit, {@code null} when the ref was deleted
 * @param commits the pushed commits as the payload lists them, oldest first
 * @param pusher the name of who pushed
 * @param installationId the GitHub App installation the delivery came through, or {@code null}
 */
public record PushEvent(
        Repository repository,
        String ref,
        String before,
        String after,
        boolean created,
        boolean deleted,
        boolean forced,
        String baseRef,
        Commit headCommit,
        List<Commit> commits,
        String pusher,
        Long installationId) {

    private static final String BRANCH_PREFIX = "refs/heads/";
    private static final String TAG_PREFIX = "refs/tags/";

    public PushEvent {
        commits = List.copyOf(commits);
    }

    /** The branch name when the ref is a branch, else {@code null}. */
    public String branch() {
        return ref.startsWith(BRANCH_PREFIX) ? ref.substring(BRANCH_PREFIX.length()) : null;
    }

    /** The tag name when the ref is a tag, else {@code null}. */
    public String tag() {
        return ref.startsWith(TAG_PREFIX) ? ref.substring(TAG_PREFIX.length()) : null;
    }

    /**
     * The repository a push went to.
     *
     * @param owner the owner's login
     * @param name the repository name
     * @param fullName {@code owner/name}
     * @param cloneUrl the HTTPS clone URL
     * @param sshUrl the SSH clone URL, or {@code null}
     * @param htmlUrl the repository's web page, or {@code null}
     */
    public record Repository(String owner, String name, String fullName, String cloneUrl, String sshUrl, String htmlUrl) {
    }

    /**
     * One commit of a push.
     *
     * @param id the sha
     * @param message the full commit message
     * @param author the author's name, or {@code null}
     * @param added paths added by the commit
     * @param modified paths modified by the commit
     * @param removed paths removed by the commit
     */
    public record Commit(String id, String message, String author, List<String> added, List<String> modified,
            List<String> removed) {

        public Commit {
            added = List.copyOf(added);
            modified = List.copyOf(modified);
            removed = List.copyOf(removed);
        }
    }
}
