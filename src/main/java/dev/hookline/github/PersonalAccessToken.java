package dev.hookline.github;

/** Authenticates every request with one personal access token ({@code hookline.github.token}). */
final class PersonalAccessToken implements GitHubTokens {

    private final Issued token;

    PersonalAccessToken(String token) {
        this.token = new Issued(token.strip());
    }

    @Override
    public TokenResult token(Long installationId) {
        return token;
    }

    @Override
    public String toString() {
        return "PersonalAccessToken[***]";
    }
}
