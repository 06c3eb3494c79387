package dev.hookline.github;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import dev.hookline.config.HooklineConfig;
import dev.hookline.trigger.PullRequestReads;
import dev.hookline.webhook.InvalidPayloadException;
import dev.hookline.webhook.PullRequest;
import dev.hookline.webhook.PullRequestParser;
import dev.hookline.webhook.WebhookProblem;
import io.quarkus.logging.Log;

/**
 * Reads pull requests, the files they change and collaborators' permissions from GitHub, with the credentials and
 * answer rules of commit statuses ({@link GitHubTokens}, {@link GitHubAnswer}). A read GitHub does not answer is a
 * 503 for the delivery, so that GitHub shows it as failed and a redelivery finishes the job; only the changed files
 * never fail a delivery, since a list not read only means path filters cannot rule the pull request out.
 * <p>
 * Time: a delivery waits at most {@code hookline.pull-requests.read-timeout} (2 s) for the pull request and for a
 * permission, and {@code hookline.pull-requests.files-budget} (3 s) for all pages of files together, the page in flight
 * included: a comment's reads take 7 s at most, so its answer stays within the 10 s GitHub waits for it. The wait is
 * cut on the answer's future, shorter than the client's own read timeout, which still ends the request behind it.
 * An installation token exchange, once an hour, is not part of that bound.
 * <p>
 * A dry run (local mode) reads nothing from GitHub: pull requests come from the deliveries that showed them.
 */
@ApplicationScoped
public class GitHubPullRequests implements PullRequestReads {

    /** Files per page: GitHub's maximum. A shorter page is the last one. */
    static final int FILES_PAGE = 100;
    /** GitHub lists no more files than this, whatever the pull request changes. */
    static final int GITHUB_FILES_MAX = 3_000;
    /** Pull requests a dry run remembers. */
    static final int OBSERVED_MAX = 500;

    private static final String UNAVAILABLE = "GitHub unavailable";
    /** {@code maintain} is reported as {@code write} today; accepted too, should GitHub start naming it. */
    private static final Set<String> WRITE_PERMISSIONS = Set.of("admin", "maintain", "write");

    private final boolean dryRun;
    private final int filesLimit;
    private final Duration filesBudget;
    private final Duration readTimeout;
    private final PullRequestsApi api;
    private final GitHubTokens tokens;
    private final GitHubRequests requests;
    private final Clock clock;
    private final ObservedPullRequests observed = new ObservedPullRequests(OBSERVED_MAX);

    @Inject
    GitHubPullRequests(HooklineConfig config, PullRequestsApi api, GitHubTokens tokens, GitHubRequests requests, Clock clock) {
        this(config.github().dryRun(), config.pullRequests().filesLimit(), config.pullRequests().filesBudget(),
                config.pullRequests().readTimeout(), api, tokens, requests, clock);
    }

    GitHubPullRequests(boolean dryRun, int filesLimit, Duration filesBudget, Duration readTimeout, PullRequestsApi api,
            GitHubTokens tokens, GitHubRequests requests, Clock clock) {
        this.dryRun = dryRun;
        // More than GitHub lists would read as a complete list when GitHub has cut it.
        this.filesLimit = Math.min(filesLimit, GITHUB_FILES_MAX);
        this.filesBudget = filesBudget;
        this.readTimeout = readTimeout;
        this.api = api;
        this.tokens = tokens;
        this.requests = requests;
        this.clock = clock;
    }

    @Override
    public PullRequest pullRequest(String repository, int number, Long installationId) {
        if (dryRun) {
            PullRequest seen = observed.get(repository, number);
            if (seen == null) {
                throw new WebhookProblem(503, UNAVAILABLE, "dry run: pull request #" + number + " of " + repository
                        + " was not seen in a delivery yet; send its pull_request event first");
            }
            return seen;
        }
        String[] repo = ownerAndName(repository);
        String call = "GET /repos/" + repository + "/pulls/" + number;
        GitHubRead read = read(installationId, readTimeout, auth -> api.pullRequest(auth, repo[0], repo[1], number));
        if (!read.successful()) {
            throw unavailable(call, read);
        }
        PullRequest pullRequest;
        try {
            pullRequest = PullRequestParser.parse(read.json());
        } catch (InvalidPayloadException e) {
            throw unreadable(call, e.getMessage());
        }
        Log.debugf("Read pull request #%d of %s: %s, head %s", number, repository, pullRequest.state(),
                pullRequest.headSha());
        return pullRequest;
    }

    /** {@inheritDoc} A 404 (not a collaborator, or no such user) is {@code false}, not an outage. */
    @Override
    public boolean canWrite(String repository, String user, Long installationId) {
        if (dryRun) {
            // Nothing is read: trust then comes from the author_association a delivery carries.
            Log.debugf("Dry run: GitHub is not asked whether %s can write to %s", user, repository);
            return false;
        }
        String[] repo = ownerAndName(repository);
        String call = "GET /repos/" + repository + "/collaborators/" + user + "/permission";
        GitHubRead read = read(installationId, readTimeout,
                auth -> api.collaboratorPermission(auth, repo[0], repo[1], user));
        if (read.notFound()) {
            Log.debugf("GitHub says %s is not a collaborator of %s", user, repository);
            return false;
        }
        if (!read.successful()) {
            throw unavailable(call, read);
        }
        JsonNode permission = read.json().path("permission");
        if (!permission.isTextual()) {
            throw unreadable(call, "no 'permission' string");
        }
        Log.debugf("GitHub says %s has %s permission on %s", user, permission.asText(), repository);
        return WRITE_PERMISSIONS.contains(permission.asText().toLowerCase(Locale.ROOT));
    }

    @Override
    public ChangedFiles changedFiles(String repository, int number, Long installationId) {
        if (dryRun) {
            return new ChangedFiles(List.of(), "dry run: GitHub is not read");
        }
        String[] repo = ownerAndName(repository);
        Instant start = clock.instant();
        List<String> paths = new ArrayList<>();
        for (int page = 1;; page++) {
            if (paths.size() >= filesLimit) {
                // The limit reached on a full page: whether more follow, GitHub's cap or ours hides.
                return files(repository, number, paths, overLimit());
            }
            Duration spent = Duration.between(start, clock.instant());
            if (spent.compareTo(filesBudget) >= 0) {
                return files(repository, number, paths, "the changed files were not read in time: " + paths.size()
                        + " read in " + spent.toMillis() + " ms, the budget being " + filesBudget.toMillis()
                        + " ms (hookline.pull-requests.files-budget)");
            }
            int current = page;
            String call = "GET /repos/" + repository + "/pulls/" + number + "/files?page=" + page;
            GitHubRead read = read(installationId, filesBudget.minus(spent),
                    auth -> api.pullRequestFiles(auth, repo[0], repo[1], number, FILES_PAGE, current));
            if (!read.successful()) {
                return files(repository, number, paths, "could not read " + call + ": " + read.reason());
            }
            JsonNode files = read.json();
            if (!files.isArray()) {
                return files(repository, number, paths, "could not read " + call + ": GitHub's answer is not a list");
            }
            for (JsonNode file : files) {
                if (!file.path("filename").isTextual()) {
                    continue;
                }
                if (paths.size() == filesLimit) {
                    return files(repository, number, paths, overLimit());
                }
                paths.add(file.get("filename").asText());
            }
            if (files.size() < FILES_PAGE) {
                return files(repository, number, paths, null);
            }
        }
    }

    /** Remembered only in a dry run, the one case that answers from them. */
    @Override
    public void observed(String repository, PullRequest pullRequest) {
        if (dryRun) {
            observed.put(repository, pullRequest);
        }
    }

    private GitHubRead read(Long installationId, Duration wait, Function<String, CompletionStage<Response>> call) {
        return GitHubRead.send(tokens, requests, clock, installationId, auth -> within(call.apply(auth), wait));
    }

    /** GitHub's answer, or a timeout once {@code wait} has passed without one. */
    private static Response within(CompletionStage<Response> call, Duration wait) {
        CompletableFuture<Response> answer = call.toCompletableFuture();
        try {
            return answer.get(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new ProcessingException(
                    new TimeoutException("no answer within " + wait.toMillis() + " ms (hookline.pull-requests)"));
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ProcessingException processing ? processing : new ProcessingException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessingException(e);
        }
    }

    private String overLimit() {
        return "the pull request changes at least " + filesLimit + " files, and no more are read "
                + "(hookline.pull-requests.files-limit; GitHub lists " + GITHUB_FILES_MAX + " at most)";
    }

    private static ChangedFiles files(String repository, int number, List<String> paths, String unknownReason) {
        Log.debugf("Read %d changed files of %s#%d%s", paths.size(), repository, number,
                unknownReason == null ? "" : ", incomplete: " + unknownReason);
        return new ChangedFiles(paths, unknownReason);
    }

    private static WebhookProblem unavailable(String call, GitHubRead read) {
        if (read.result() instanceof PostResult.RetryLater retry) {
            return new WebhookProblem(503, UNAVAILABLE, "could not read " + call + ": " + retry.reason()
                    + "; nothing was lost, a redelivery finishes the job", retry.after(), null);
        }
        // Refused for good (credentials, visibility): a redelivery succeeds only once Hookline's side is fixed.
        return new WebhookProblem(503, UNAVAILABLE, "could not read " + call + ": " + read.reason()
                + "; nothing was lost, a redelivery finishes the job once Hookline's GitHub credentials can read it");
    }

    private static WebhookProblem unreadable(String call, String why) {
        return new WebhookProblem(503, UNAVAILABLE, "could not read " + call + ": GitHub's answer is not what it "
                + "documents (" + why + "); nothing was lost, a redelivery finishes the job");
    }

    private static String[] ownerAndName(String repository) {
        int slash = repository.indexOf('/');
        if (slash <= 0 || slash != repository.lastIndexOf('/') || slash == repository.length() - 1) {
            throw new IllegalArgumentException("repository must be owner/name, not '" + repository + "'");
        }
        return new String[]{repository.substring(0, slash), repository.substring(slash + 1)};
    }
}
