package dev.hookline.github;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import dev.hookline.config.HooklineConfig;
import io.quarkus.logging.Log;

/**
 * Creates, updates and finds check runs: every check run write to GitHub goes through here, so dry-run is honoured in
 * one place, as {@link GitHubClient} does for statuses. Each call makes one request (plus a token exchange when an
 * installation's token is due; {@link #find} a page per 100 check runs of the name) and classifies the answer with
 * GitHub's rules; retrying is the caller's business. Only a GitHub App installation can write check runs.
 */
@ApplicationScoped
public class CheckRuns {

    /** Check runs per page of a commit's list: GitHub's maximum. */
    static final int PAGE = 100;
    /** GitHub keeps 1,000 check runs of a name per check suite and deletes older ones: more pages find nothing. */
    static final int MAX_PAGES = 10;

    private final boolean dryRun;
    private final ChecksApi api;
    private final GitHubTokens tokens;
    private final GitHubRequests requests;
    private final Clock clock;
    private final PostedCheckRuns posted;

    @Inject
    CheckRuns(HooklineConfig config, ChecksApi api, GitHubTokens tokens, GitHubRequests requests, Clock clock,
            PostedCheckRuns posted) {
        this(config.github().dryRun(), api, tokens, requests, clock, posted);
    }

    CheckRuns(boolean dryRun, ChecksApi api, GitHubTokens tokens, GitHubRequests requests, Clock clock,
            PostedCheckRuns posted) {
        this.dryRun = dryRun;
        this.api = api;
        this.tokens = tokens;
        this.requests = requests;
        this.clock = clock;
        this.posted = posted;
    }

    /**
     * Creates one check run. Never throws for anything GitHub answers or fails to answer.
     *
     * @param installationId the GitHub App installation the run's delivery came through, or {@code null} (then the
     *        personal access token is used, which GitHub refuses)
     */
    public CheckRunCreation create(CheckRun run, Long installationId) {
        if (dryRun) {
            long id = posted.recordDryRun(run);
            Log.infof("Dry run: would create check run '%s' on %s@%s, %s, external id %s (dry-run id %d)", run.name(),
                    run.repository(), run.sha(), state(run.status(), run.conclusion()), run.externalId(), id);
            return new CheckRunCreation.Created(id, true);
        }
        GitHubRead read = GitHubRead.send(tokens, requests, clock, installationId, authorization -> api.createCheckRun(
                authorization, CheckRun.owner(run.repository()), CheckRun.repo(run.repository()),
                ChecksApi.CheckRunBody.of(run)));
        String what = "Check run '" + run.name() + "' (" + state(run.status(), run.conclusion()) + ") for "
                + run.repository() + "@" + run.sha() + ", external id " + run.externalId();
        PostResult result = explained(read, installationId);
        if (result.accepted()) {
            long id = read.json().path("id").asLong(0);
            if (id > 0) {
                posted.record(run, id, false);
                Log.debugf("%s created with id %d", what, id);
                return new CheckRunCreation.Created(id, false);
            }
            // It may well exist now: a retry must find it first, which a RetryLater tells the caller to do.
            result = new PostResult.RetryLater(null, "GitHub answered " + read.answer().status()
                    + " without a check run id");
        }
        logged(what, result);
        return new CheckRunCreation.NotCreated(result);
    }

    /**
     * Updates the check run {@code id} of {@code repository}. Never throws for anything GitHub answers or fails to
     * answer.
     */
    public PostResult update(String repository, long id, CheckRunUpdate update, Long installationId) {
        CheckRun.requireRepository(repository);
        String state = state(update.effectiveStatus(), update.conclusion());
        if (dryRun) {
            posted.update(id, update);
            Log.infof("Dry run: would update check run %d of %s (%s)", id, repository, state);
            return new PostResult.Accepted(true);
        }
        GitHubRead read = GitHubRead.send(tokens, requests, clock, installationId, authorization -> api.updateCheckRun(
                authorization, CheckRun.owner(repository), CheckRun.repo(repository), id,
                ChecksApi.CheckRunBody.of(update)));
        PostResult result = explained(read, installationId);
        if (result.accepted()) {
            posted.update(id, update);
        }
        return logged("Update of check run " + id + " of " + repository + " (" + state + ")", result);
    }

    /**
     * The check run named {@code name} on {@code sha} whose external id is {@code externalId}: the oldest, should a
     * crash have made two, so that every replica adopts the same one. Reads every check run of the name
     * ({@code filter=all}: the default lists only the newest, which may be a rerun's). A dry run answers from what it
     * recorded.
     */
    public CheckRunLookup find(String repository, String sha, String name, String externalId, Long installationId) {
        CheckRun.requireRepository(repository);
        if (dryRun) {
            return posted.find(repository, sha, name, externalId)
                    .<CheckRunLookup>map(p -> new CheckRunLookup.Found(p.id(), p.status(), p.conclusion()))
                    .orElse(new CheckRunLookup.NotFound());
        }
        List<CheckRunLookup.Found> matches = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES && matches.isEmpty(); page++) {
            int number = page;
            GitHubRead read = GitHubRead.send(tokens, requests, clock, installationId, authorization -> api
                    .checkRunsForRef(authorization, CheckRun.owner(repository), CheckRun.repo(repository), sha, name,
                            "all", PAGE, number));
            if (read.result() instanceof PostResult.RetryLater retry) {
                return new CheckRunLookup.Unknown(retry.after(), retry.reason());
            }
            if (!read.successful()) {
                Log.debugf("Cannot list the check runs '%s' of %s@%s: %s", name, repository, sha, read.reason());
                return new CheckRunLookup.NotFound();
            }
            JsonNode runs = read.json().path("check_runs");
            if (!runs.isArray()) {
                // Not GitHub's answer (a proxy's page): "none" would create a second check run.
                return new CheckRunLookup.Unknown(null, "GitHub's answer " + read.answer().status()
                        + " to listing check runs carried no check_runs");
            }
            for (JsonNode run : runs) {
                if (name.equals(run.path("name").asText(null)) && externalId.equals(run.path("external_id").asText(null))
                        && run.path("id").asLong(0) > 0) {
                    matches.add(new CheckRunLookup.Found(run.path("id").asLong(),
                            CheckStatus.of(run.path("status").asText("")),
                            CheckConclusion.of(run.path("conclusion").asText(""))));
                }
            }
            if (runs.size() < PAGE || (long) page * PAGE >= read.json().path("total_count").asLong(0)) {
                break;
            }
        }
        if (matches.isEmpty()) {
            return new CheckRunLookup.NotFound();
        }
        if (matches.size() > 1) {
            Log.warnf("%d check runs '%s' on %s@%s carry external id %s; adopting the oldest", matches.size(), name,
                    repository, sha, externalId);
        }
        return Collections.min(matches, Comparator.comparingLong(CheckRunLookup.Found::id));
    }

    /**
     * GitHub's refusal with what to do about it. GitHub lets only Apps write check runs: a personal access token gets
     * 403 "You must authenticate via a GitHub App" (classic) or "Resource not accessible by personal access token"
     * (fine-grained), and so on every retry. Told apart by GitHub's message, since a token is what a run without an
     * installation id is sent with, and also what every run is sent with when no App is configured.
     */
    private static PostResult explained(GitHubRead read, Long installationId) {
        if (!(read.result() instanceof PostResult.Rejected rejected) || rejected.status() == null
                || rejected.status() != 403) {
            return read.result();
        }
        String message = rejected.message().toLowerCase(Locale.ROOT);
        if (message.contains("github app") || message.contains("personal access token")) {
            return new PostResult.Rejected(403, "GitHub accepts check runs only from a GitHub App installation, and "
                    + "this one was sent with the personal access token (" + (installationId == null
                            ? "the run came without an installation id"
                            : "no GitHub App is configured")
                    + "); deliver the run's events through the App, or report it as a commit status: "
                    + rejected.message());
        }
        if (message.contains("not accessible by integration")) {
            return new PostResult.Rejected(403, "the GitHub App may not write check runs here: grant it the "
                    + "\"Checks: write\" permission and accept it in installation " + installationId + ": "
                    + rejected.message());
        }
        return rejected;
    }

    private static String state(CheckStatus status, CheckConclusion conclusion) {
        if (conclusion != null) {
            return "completed: " + conclusion.wireName();
        }
        return status == null ? "status unchanged" : status.wireName();
    }

    private static PostResult logged(String what, PostResult result) {
        if (result instanceof PostResult.Accepted) {
            Log.debugf("%s accepted", what);
        } else if (result instanceof PostResult.RetryLater retry) {
            Log.infof("%s to be retried%s: %s", what, retry.after() == null ? "" : " after " + retry.after(),
                    retry.reason());
        } else if (result instanceof PostResult.Rejected rejected) {
            Log.warnf("%s rejected%s: %s", what, rejected.status() == null ? "" : " with " + rejected.status(),
                    rejected.message());
        }
        return result;
    }
}
