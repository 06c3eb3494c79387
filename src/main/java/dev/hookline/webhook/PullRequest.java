package dev.hookline.webhook;

/**
 * A pull request as GitHub describes it, in a {@code pull_request} delivery and in {@code GET /repos/{o}/{r}/pulls/{n}}
 * alike (the same object in both).
 *
 * @param number the pull request's number in its base repository
 * @param state {@code open} or {@code closed}
 * @param draft whether it is a draft
 * @param title its title
 * @param author the login of who opened it
 * @param authorAssociation the author's relation to the base repository ({@code OWNER}, {@code MEMBER},
 *        {@code COLLABORATOR}, {@code CONTRIBUTOR}, {@code FIRST_TIME_CONTRIBUTOR}, {@code NONE}, ...)
 * @param headSha the newest commit of the head branch
 * @param headRef the head branch's name (no {@code refs/heads/})
 * @param headRepoFullName {@code owner/name} of the head repository, or {@code null} when it was deleted
 * @param headRepoCloneUrl its HTTPS clone URL, or {@code null}
 * @param baseRef the base branch's name
 * @param baseRepoFullName {@code owner/name} of the base repository
 */
public record PullRequest(int number, String state, boolean draft, String title, String author,
        String authorAssociation, String headSha, String headRef, String headRepoFullName, String headRepoCloneUrl,
        String baseRef, String baseRepoFullName) {

    /** Whether the head lives in another repository than the base (a fork), or in one since deleted. */
    public boolean fromFork() {
        return headRepoFullName == null || !headRepoFullName.equalsIgnoreCase(baseRepoFullName);
    }

    /** Whether it is open. */
    public boolean open() {
        return "open".equals(state);
    }

    /** The ref GitHub keeps in the base repository for the head, fetchable there even for a fork. */
    public String headRefInBase() {
        return "refs/pull/" + number + "/head";
    }
}
