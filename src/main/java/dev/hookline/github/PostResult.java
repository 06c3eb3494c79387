package dev.hookline.github;

import java.time.Duration;

/**
 * What became of one request to GitHub, and so what the caller's queue should do with it. The client never retries
 * by itself: it only says whether and when a retry makes sense.
 */
public sealed interface PostResult {

    /** Whether GitHub took the status (or a dry run pretended it did). */
    default boolean accepted() {
        return this instanceof Accepted;
    }

    /**
     * GitHub stored the status.
     *
     * @param dryRun whether nothing was actually sent because {@code hookline.github.dry-run} is on
     */
    record Accepted(boolean dryRun) implements PostResult {
    }

    /**
     * Not stored this time, but the same request can succeed later: a 5xx, a rate limit, a timeout, a connection
     * failure, or an expired App token.
     *
     * @param after how long GitHub asked to wait (from {@code Retry-After} or {@code X-RateLimit-Reset}), or
     *        {@code null} when it did not say and the caller's own backoff applies
     * @param reason why, for the log; never a token or a stack trace
     * @param limited whether GitHub refused it for a rate limit (429, or a 403 that says so): every write of that
     *        token or installation is to wait, not only this one
     */
    record RetryLater(Duration after, String reason, boolean limited) implements PostResult {

        /** Not a rate limit: a 5xx, a timeout, a connection failure. */
        public RetryLater(Duration after, String reason) {
            this(after, reason, false);
        }
    }

    /**
     * Refused for good: sending it again gives the same answer (422 validation, 404 repository not visible, missing
     * credentials, ...).
     *
     * @param status GitHub's HTTP status, or {@code null} when nothing was sent
     * @param message GitHub's {@code message}, or Hookline's explanation when nothing was sent
     */
    record Rejected(Integer status, String message) implements PostResult {
    }
}
