package dev.hookline.github;

/** Used when neither a token nor a GitHub App is configured: every post is rejected with what to set. */
final class NoCredentials implements GitHubTokens {

    static final String MESSAGE = "no GitHub credentials configured: set HOOKLINE_GITHUB_TOKEN, or "
            + "HOOKLINE_GITHUB_APP_ID and HOOKLINE_GITHUB_PRIVATE_KEY_FILE for a GitHub App";

    @Override
    public TokenResult token(Long installationId) {
        return new Unavailable(new PostResult.Rejected(null, MESSAGE));
    }
}
