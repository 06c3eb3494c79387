package dev.hookline.trigger;

import java.util.List;

import dev.hookline.webhook.PullRequest;
import dev.hookline.webhook.WebhookProblem;

/**
 * What Hookline reads from GitHub to act on pull requests and their comments: the pull request (a comment's payload
 * names no head commit), the files it changes (for path filters) and a user's permission (for trust). Implemented by
 * the {@code github} package over the same client and credentials as commit statuses; every call is bounded so that a
 * delivery is still answered within GitHub's 10 s.
 */
public interface PullRequestReads {

    /**
     * The pull request as GitHub shows it now.
     *
     * @throws WebhookProblem 503 naming the call, when GitHub cannot be read (a redelivery finishes the job)
     */
    PullRequest pullRequest(String repository, int number, Long installationId);

    /**
     * The files the pull request changes, as far as GitHub lists them in time: never throws, since a list that
     * cannot be read only means path filters cannot rule the pull request out.
     */
    ChangedFiles changedFiles(String repository, int number, Long installationId);

    /**
     * Whether GitHub says {@code user} may write to {@code repository} ({@code admin}, {@code maintain} or
     * {@code write}).
     *
     * @throws WebhookProblem 503 naming the call, when GitHub cannot be read
     */
    boolean canWrite(String repository, String user, Long installationId);

    /**
     * A pull request a verified delivery showed. A dry run (local mode), which reads nothing from GitHub, answers
     * {@link #pullRequest} from these; the real reader ignores them.
     */
    default void observed(String repository, PullRequest pullRequest) {
    }

    /**
     * The files a change touches.
     *
     * @param paths the paths, in GitHub's order
     * @param unknownReason why the list may be incomplete (more files than GitHub lists, not read in time), or
     *        {@code null} when it is complete
     */
    record ChangedFiles(List<String> paths, String unknownReason) {

        public ChangedFiles {
            paths = List.copyOf(paths);
        }
    }
}
