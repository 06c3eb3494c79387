package dev.hookline.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The App's choices that need no HTTP; the exchange itself is in {@link GitHubAppTest}. */
class AppInstallationTokensTest {

    private final AppJwt jwt = new AppJwt("7", TestKeys.generate().getPrivate(), Clock.systemUTC());
    private final GitHubRequests requests = new GitHubRequests(new SimpleMeterRegistry());

    @Test
    void runWithoutInstallation_andNoToken_isRejectedSayingWhy() {
        AppInstallationTokens tokens = new AppInstallationTokens(jwt, null, requests, Clock.systemUTC(), null);

        GitHubTokens.TokenResult result = tokens.token(null);

        assertThat(result).isInstanceOf(GitHubTokens.Unavailable.class);
        PostResult.Rejected rejected = (PostResult.Rejected) ((GitHubTokens.Unavailable) result).result();
        assertThat(rejected.status()).isNull();
        assertThat(rejected.message()).contains("no GitHub App installation id").contains("HOOKLINE_GITHUB_TOKEN");
    }

    @Test
    void runWithoutInstallation_usesThePersonalToken() {
        AppInstallationTokens tokens = new AppInstallationTokens(jwt, null, requests, Clock.systemUTC(),
                new PersonalAccessToken("ghp_fallback"));

        assertThat(tokens.token(null)).isEqualTo(new GitHubTokens.Issued("ghp_fallback"));
        assertThat(tokens.invalidate(null)).as("a personal token does not change by asking again").isFalse();
    }

    @Test
    void tokens_neverShowInToString() {
        assertThat(new GitHubTokens.Issued("ghs_secret")).hasToString("Issued[value=***]");
        assertThat(new PersonalAccessToken("ghp_secret").toString()).doesNotContain("ghp_secret");
    }
}
