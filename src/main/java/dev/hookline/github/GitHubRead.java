package dev.hookline.github;

import java.time.Clock;
import java.util.function.Function;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One read from GitHub with the token for an installation: the answer and what it means by GitHub's rules
 * ({@link GitHubAnswer#toResult}), or, when no token could be had, no answer and why.
 *
 * @param answer GitHub's answer, or {@code null} when no request was sent
 * @param result what it means: {@link PostResult.Accepted} for a 2xx
 */
record GitHubRead(GitHubAnswer answer, PostResult result) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Sends {@code call} with the bearer token it is given; never throws for anything GitHub answers or fails to
     * answer.
     */
    static GitHubRead send(GitHubTokens tokens, GitHubRequests requests, Clock clock, Long installationId,
            Function<String, Response> call) {
        GitHubTokens.TokenResult token = tokens.token(installationId);
        if (token instanceof GitHubTokens.Unavailable unavailable) {
            return new GitHubRead(null, unavailable.result());
        }
        String authorization = "Bearer " + ((GitHubTokens.Issued) token).value();
        GitHubAnswer answer = requests.send(() -> call.apply(authorization));
        PostResult result = answer.toResult(clock.instant());
        if (answer.status() == 401 && tokens.invalidate(installationId)) {
            // An installation token revoked or expired early: the next attempt exchanges a fresh one.
            result = new PostResult.RetryLater(null, "GitHub refused the installation token (401); a new one is "
                    + "requested on the next attempt");
        }
        return new GitHubRead(answer, result);
    }

    /** Whether GitHub answered 2xx. */
    boolean successful() {
        return result.accepted();
    }

    /** Whether GitHub answered 404. */
    boolean notFound() {
        return answer != null && answer.status() == 404;
    }

    /** Why the read failed, for a log or a problem's detail; never a token. */
    String reason() {
        if (result instanceof PostResult.RetryLater retry) {
            return retry.reason();
        }
        if (result instanceof PostResult.Rejected rejected) {
            return rejected.status() == null
                    ? rejected.message()
                    : "GitHub refused with " + rejected.status() + ": " + rejected.message();
        }
        return "GitHub answered " + answer.status();
    }

    /** The body as JSON; a missing node when there is none or it is not JSON (a proxy's HTML page). */
    JsonNode json() {
        if (answer == null || answer.body() == null || answer.body().isBlank()) {
            return JSON.missingNode();
        }
        try {
            JsonNode node = JSON.readTree(answer.body());
            return node == null ? JSON.missingNode() : node;
        } catch (JacksonException e) {
            return JSON.missingNode();
        }
    }
}
