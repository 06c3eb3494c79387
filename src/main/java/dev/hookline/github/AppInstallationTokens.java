package dev.hookline.github;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.jwt.build.JwtException;

/**
 * Authenticates as a GitHub App installation: the App's JWT is exchanged for an installation token, which is cached
 * per installation until shortly before it expires (GitHub issues them for an hour).
 */
final class AppInstallationTokens implements GitHubTokens {

    /** A token this close to its expiry is replaced, so that no request goes out with one that dies on the way. */
    static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AppJwt jwt;
    private final GitHubApi api;
    private final GitHubRequests requests;
    private final Clock clock;
    private final GitHubTokens withoutInstallation;
    private final ConcurrentMap<Long, CachedToken> cache = new ConcurrentHashMap<>();
    private final ConcurrentMap<Long, Object> exchangeLocks = new ConcurrentHashMap<>();

    /**
     * @param withoutInstallation the tokens for runs that came without an installation id (a personal access
     *        token), or {@code null} to reject those runs
     */
    AppInstallationTokens(AppJwt jwt, GitHubApi api, GitHubRequests requests, Clock clock,
            GitHubTokens withoutInstallation) {
        this.jwt = jwt;
        this.api = api;
        this.requests = requests;
        this.clock = clock;
        this.withoutInstallation = withoutInstallation;
    }

    @Override
    public TokenResult token(Long installationId) {
        if (installationId == null) {
            // The push did not come through the App's webhook (a repository webhook, or a replayed payload): the App
            // cannot tell which installation to act as.
            return withoutInstallation != null
                    ? withoutInstallation.token(null)
                    : new Unavailable(new PostResult.Rejected(null, "the run has no GitHub App installation id (its "
                            + "push did not come through the App's webhook) and no HOOKLINE_GITHUB_TOKEN is set to "
                            + "report without one"));
        }
        CachedToken cached = fresh(cache.get(installationId));
        if (cached != null) {
            return new Issued(cached.value());
        }
        // One exchange per installation at a time; the others wait for it and take its token from the cache.
        synchronized (exchangeLocks.computeIfAbsent(installationId, id -> new Object())) {
            cached = fresh(cache.get(installationId));
            return cached != null ? new Issued(cached.value()) : exchange(installationId);
        }
    }

    @Override
    public boolean invalidate(Long installationId) {
        if (installationId == null) {
            return withoutInstallation != null && withoutInstallation.invalidate(null);
        }
        cache.remove(installationId);
        return true;
    }

    private TokenResult exchange(long installationId) {
        String appJwt;
        try {
            appJwt = jwt.create();
        } catch (JwtException e) {
            // The key was read at start, so this is a key smallrye-jwt will not sign RS256 with (too short, say).
            return new Unavailable(new PostResult.Rejected(null,
                    "cannot sign the GitHub App JWT (" + e.getClass().getSimpleName() + ")"));
        }
        GitHubAnswer answer = requests.send(() -> api.createInstallationToken("Bearer " + appJwt, installationId));
        if (!answer.successful()) {
            PostResult result = answer.toResult(clock.instant());
            // Named here, so that the one line GitHubClient logs for it says it was the token, not the status.
            String prefix = "GitHub App " + jwt.appId() + " got no token for installation " + installationId + ": ";
            if (result instanceof PostResult.Rejected rejected) {
                result = new PostResult.Rejected(rejected.status(), prefix + rejected.message());
            } else if (result instanceof PostResult.RetryLater retry) {
                result = new PostResult.RetryLater(retry.after(), prefix + retry.reason());
            }
            return new Unavailable(result);
        }
        JsonNode body;
        try {
            body = JSON.readTree(answer.body() == null ? "" : answer.body());
        } catch (JacksonException e) {
            body = JSON.missingNode();
        }
        String token = body == null ? "" : body.path("token").asText("");
        if (token.isBlank()) {
            return new Unavailable(new PostResult.RetryLater(null,
                    "GitHub's installation token answer (" + answer.status() + ") carried no token"));
        }
        Instant expiresAt = expiresAt(body.path("expires_at").asText(""));
        cache.put(installationId, new CachedToken(token, expiresAt));
        Log.infof("GitHub App %s: new token for installation %d, valid until %s", jwt.appId(), installationId,
                expiresAt);
        return new Issued(token);
    }

    /** GitHub's {@code expires_at}; when missing or odd, the token is used once and not cached. */
    private Instant expiresAt(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            Log.warnf("GitHub App %s: installation token without a readable expires_at ('%s'); not caching it",
                    jwt.appId(), text);
            return clock.instant();
        }
    }

    private CachedToken fresh(CachedToken cached) {
        return cached != null && clock.instant().isBefore(cached.expiresAt().minus(REFRESH_BEFORE_EXPIRY))
                ? cached
                : null;
    }

    /** An installation token and when GitHub lets it expire; its {@link #toString()} hides the token. */
    private record CachedToken(String value, Instant expiresAt) {

        @Override
        public String toString() {
            return "CachedToken[value=***, expiresAt=" + expiresAt + "]";
        }
    }
}
