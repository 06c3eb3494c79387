package dev.hookline.github;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.hookline.config.HooklineConfig;
import io.quarkus.logging.Log;

/**
 * Posts commit statuses to GitHub, and reads what a commit shows: every write to GitHub goes through here, so dry-run
 * is honoured in one place. Each call makes at most one request (plus a token exchange when a GitHub App token is due) and classifies the
 * answer; retrying is the caller's queue's business, guided by {@link PostResult.RetryLater#after()}.
 */
@ApplicationScoped
public class GitHubClient {

    /** Contexts per page of the combined status: GitHub's maximum; a commit with more is read as not showing it. */
    private static final int COMBINED_STATUS_PAGE = 100;

    private final boolean dryRun;
    private final GitHubApi api;
    private final GitHubTokens tokens;
    private final GitHubRequests requests;
    private final Clock clock;
    private final PostedStatuses posted;

    @Inject
    GitHubClient(HooklineConfig config, GitHubApi api, GitHubTokens tokens, GitHubRequests requests, Clock clock,
            PostedStatuses posted) {
        this(config.github().dryRun(), api, tokens, requests, clock, posted);
    }

    GitHubClient(boolean dryRun, GitHubApi api, GitHubTokens tokens, GitHubRequests requests, Clock clock,
            PostedStatuses posted) {
        this.dryRun = dryRun;
        this.api = api;
        this.tokens = tokens;
        this.requests = requests;
        this.clock = clock;
        this.posted = posted;
        if (dryRun) {
            Log.warn("hookline.github.dry-run=true: commit statuses are logged, not posted");
        }
    }

    /**
     * Posts one commit status. Never throws for anything GitHub answers or fails to answer.
     *
     * @param status the status to post
     * @param installationId the GitHub App installation the run's push came through, or {@code null}
     */
    public PostResult post(CommitStatus status, Long installationId) {
        if (dryRun) {
            String target = status.targetUrl() == null ? "none" : status.targetUrl();
            Log.infof("Dry run: would post %s to %s@%s, context '%s', description '%s', target %s",
                    status.state().wireName(), status.repository(), status.sha(), status.context(),
                    status.description(), target);
            posted.record(status, true);
            return new PostResult.Accepted(true);
        }
        PostResult result = GitHubRead.send(tokens, requests, clock, installationId, authorization -> api.createStatus(
                authorization, status.owner(), status.name(), status.sha(), GitHubApi.StatusBody.of(status))).result();
        if (result.accepted()) {
            posted.record(status, false);
        }
        return logged(status, result);
    }

    /**
     * What GitHub shows now for the context of {@code status} on its commit: the latest status GitHub keeps for that
     * context. A dry run answers from the statuses it recorded. Never throws for anything GitHub answers.
     */
    public StatusLookup shown(CommitStatus status, Long installationId) {
        if (dryRun) {
            return posted.recent().stream()
                    .filter(p -> p.repository().equals(status.repository()) && p.sha().equals(status.sha())
                            && p.context().equals(status.context()))
                    .findFirst()
                    .<StatusLookup>map(p -> new StatusLookup.Shown(p.state(), p.description(), p.targetUrl()))
                    .orElse(new StatusLookup.NotShown());
        }
        GitHubRead read = GitHubRead.send(tokens, requests, clock, installationId, authorization -> api.combinedStatus(
                authorization, status.owner(), status.name(), status.sha(), COMBINED_STATUS_PAGE));
        PostResult result = read.result();
        if (result instanceof PostResult.RetryLater retry) {
            return new StatusLookup.Unknown(retry.after(), retry.reason());
        }
        if (result instanceof PostResult.Rejected rejected) {
            Log.debugf("Cannot read the statuses of %s@%s (%s): %s", status.repository(), status.sha(), rejected.status(),
                    rejected.message());
            return new StatusLookup.NotShown();
        }
        return read.answer().latestOf(status.context());
    }

    private static PostResult logged(CommitStatus status, PostResult result) {
        if (result instanceof PostResult.Accepted) {
            Log.debugf("Posted %s to %s@%s, context '%s'", status.state().wireName(), status.repository(),
                    status.sha(), status.context());
        } else if (result instanceof PostResult.RetryLater retry) {
            Log.infof("Status %s for %s@%s, context '%s', to be retried%s: %s", status.state().wireName(),
                    status.repository(), status.sha(), status.context(),
                    retry.after() == null ? "" : " after " + retry.after(), retry.reason());
        } else if (result instanceof PostResult.Rejected rejected) {
            Log.warnf("Status %s for %s@%s, context '%s', rejected%s: %s", status.state().wireName(),
                    status.repository(), status.sha(), status.context(),
                    rejected.status() == null ? "" : " with " + rejected.status(), rejected.message());
        }
        return result;
    }
}
