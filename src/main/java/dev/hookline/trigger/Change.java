package dev.hookline.trigger;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.hookline.webhook.MergeGroupEvent;
import dev.hookline.webhook.PullRequest;
import dev.hookline.webhook.PushEvent;

/**
 * What a run builds, whichever event announced it: a push, a pull request's head or a merge group's commit. Matching
 * and templates read this, so every event is matched by the same rules.
 *
 * @param event the kind of event
 * @param repository the repository the run is for (the base repository of a pull request), where statuses go
 * @param sha the commit to build
 * @param ref the ref to fetch it by: the pushed ref, {@code refs/pull/<n>/head}, or the merge group's ref
 * @param branch the pushed branch, the pull request's head branch or the queue branch; {@code null} for a tag
 * @param tag the pushed tag, else {@code null}
 * @param baseBranch the branch a pull request or merge group goes into; {@code null} for a push
 * @param actor who pushed, or who caused the pull request event
 * @param title the head commit's subject, or the pull request's title, at most 200 characters; or {@code null}
 * @param installationId the GitHub App installation, or {@code null}
 * @param pullRequest the pull request, for {@link EventKind#PULL_REQUEST}
 * @param mergeGroupRef the merge group's ref, for {@link EventKind#MERGE_GROUP}
 * @param files the files the change touches, as far as known
 */
public record Change(EventKind event, PushEvent.Repository repository, String sha, String ref, String branch,
        String tag, String baseBranch, String actor, String title, Long installationId, PullRequest pullRequest,
        String mergeGroupRef, PullRequestReads.ChangedFiles files) {

    /**
     * GitHub lists at most this many commits in a push payload; a push that reaches it may have changed files the
     * payload does not show, so path filters cannot rule it out.
     */
    static final int PAYLOAD_COMMIT_LIMIT = 2048;
    private static final int TITLE_MAX = 200;

    /** A push, with the files its payload lists. */
    public static Change of(PushEvent push) {
        String title = push.headCommit() == null ? null : subject(push.headCommit().message());
        return new Change(EventKind.PUSH, push.repository(), push.after(), push.ref(), push.branch(), push.tag(), null,
                push.pusher(), title, push.installationId(), null, null, files(push));
    }

    /** A pull request's head, with the files GitHub listed for it. */
    public static Change of(PushEvent.Repository repository, PullRequest pr, String actor, Long installationId,
            PullRequestReads.ChangedFiles files) {
        return new Change(EventKind.PULL_REQUEST, repository, pr.headSha(), pr.headRefInBase(), pr.headRef(), null,
                pr.baseRef(), actor == null ? pr.author() : actor, subject(pr.title()), installationId, pr, null, files);
    }

    /** A merge group's commit; GitHub names no files for it, so path filters do not rule it out. */
    public static Change of(MergeGroupEvent group) {
        return new Change(EventKind.MERGE_GROUP, group.repository(), group.headSha(), group.headRef(),
                group.headBranch(), null, group.baseBranch(), group.sender(), group.title(), group.installationId(),
                null, group.headRef(),
                new PullRequestReads.ChangedFiles(List.of(), "GitHub does not list a merge group's files"));
    }

    /**
     * A commit that ran before, to run again as it ran: the same event kind, ref and commit. It lists no files: a
     * re-run is not matched again, its trigger ran this commit already.
     *
     * @param title the commit's subject the run recorded, or {@code null}; a pull request's comes from {@code pr}
     * @param pr the pull request as GitHub shows it now, for {@link EventKind#PULL_REQUEST}; else {@code null}
     */
    static Change rerun(EventKind event, PushEvent.Repository repository, String sha, String ref, String title,
            String actor, Long installationId, PullRequest pr) {
        PullRequestReads.ChangedFiles files = new PullRequestReads.ChangedFiles(List.of(),
                "a re-run is not matched again");
        return switch (event) {
            case PULL_REQUEST -> new Change(event, repository, sha, ref, pr.headRef(), null, pr.baseRef(), actor,
                    subject(pr.title()), installationId, pr, null, files);
            case MERGE_GROUP -> new Change(event, repository, sha, ref, after(ref, "refs/heads/"), null, null, actor, title,
                    installationId, null, ref, files);
            case PUSH -> new Change(event, repository, sha, ref, after(ref, "refs/heads/"), after(ref, "refs/tags/"), null,
                    actor, title, installationId, null, null, files);
        };
    }

    private static String after(String ref, String prefix) {
        return ref.startsWith(prefix) ? ref.substring(prefix.length()) : null;
    }

    /** The branch or tag name, or the ref, made safe for labels and image tags. */
    public String refSlug() {
        return TemplateContext.refSlug(branch != null ? branch : tag != null ? tag : ref);
    }

    /** {@code owner/name ref} for messages. */
    String where() {
        return repository.fullName() + " " + ref;
    }

    private static PullRequestReads.ChangedFiles files(PushEvent push) {
        if (push.commits().isEmpty()) {
            return new PullRequestReads.ChangedFiles(List.of(),
                    "the payload lists no commits (a new tag or a branch without new commits)");
        }
        if (push.commits().size() >= PAYLOAD_COMMIT_LIMIT) {
            return new PullRequestReads.ChangedFiles(List.of(),
                    "the payload lists " + push.commits().size() + " commits, GitHub's limit");
        }
        Set<String> paths = new LinkedHashSet<>();
        for (PushEvent.Commit commit : push.commits()) {
            paths.addAll(commit.added());
            paths.addAll(commit.modified());
            paths.addAll(commit.removed());
        }
        return new PullRequestReads.ChangedFiles(List.copyOf(paths), null);
    }

    private static String subject(String message) {
        if (message == null || message.isBlank()) {
            return null;
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.codePointCount(0, line.length()) > TITLE_MAX
                ? line.substring(0, line.offsetByCodePoints(0, TITLE_MAX))
                : line;
    }
}
