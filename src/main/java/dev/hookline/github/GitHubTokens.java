package dev.hookline.github;

/**
 * Where the bearer token for a request comes from: one implementation per way of authenticating, chosen from the
 * configuration by {@link GitHubTokensProducer}.
 */
public interface GitHubTokens {

    /**
     * The token for a request about a repository, or why there is none.
     *
     * @param installationId the GitHub App installation the push came through, or {@code null}
     */
    TokenResult token(Long installationId);

    /**
     * Forgets the token GitHub just refused with 401.
     *
     * @return whether asking again can give a different token, so the request is worth retrying
     */
    default boolean invalidate(Long installationId) {
        return false;
    }

    /** A token, or the result to hand back instead of posting. */
    sealed interface TokenResult {
    }

    /**
     * A token to send as {@code Authorization: Bearer}.
     *
     * @param value the token itself; never logged, so {@link #toString()} hides it
     */
    record Issued(String value) implements TokenResult {

        @Override
        public String toString() {
            return "Issued[value=***]";
        }
    }

    /**
     * No token: the request is not sent, and this is its result.
     *
     * @param result why, as the caller's queue understands it (retry the exchange later, or give up)
     */
    record Unavailable(PostResult result) implements TokenResult {
    }
}
