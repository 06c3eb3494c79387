package dev.hookline.github;

import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.hookline.config.HooklineConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * Chooses how to authenticate from {@code hookline.github.*}: a GitHub App when an app id and key are set (with the
 * personal access token, if also set, for runs without an installation), else the token, else nothing. Runs at start,
 * so a half-configured App or an unreadable key stops the service with a message instead of failing every report.
 */
public class GitHubTokensProducer {

    @Produces
    @Singleton
    @Startup
    GitHubTokens gitHubTokens(HooklineConfig config, GitHubApi api, GitHubRequests requests, Clock clock) {
        HooklineConfig.GitHub github = config.github();
        Optional<String> appId = github.appId().map(String::strip).filter(id -> !id.isEmpty());
        PersonalAccessToken token = github.token().filter(t -> !t.isBlank()).map(PersonalAccessToken::new)
                .orElse(null);
        if (appId.isPresent() != github.privateKeyFile().isPresent()) {
            throw new IllegalStateException("A GitHub App needs both HOOKLINE_GITHUB_APP_ID (hookline.github.app-id) "
                    + "and HOOKLINE_GITHUB_PRIVATE_KEY_FILE (hookline.github.private-key-file); only "
                    + (appId.isPresent() ? "the app id" : "the private key file") + " is set");
        }
        if (appId.isPresent()) {
            AppJwt jwt = new AppJwt(appId.get(), PemPrivateKey.read(github.privateKeyFile().get()), clock);
            Log.infof("GitHub: authenticating as GitHub App %s%s", appId.get(),
                    token != null ? ", with the personal access token for runs without an installation" : "");
            return new AppInstallationTokens(jwt, api, requests, clock, token);
        }
        if (token != null) {
            Log.info("GitHub: authenticating with a personal access token");
            return token;
        }
        if (!github.dryRun()) {
            Log.warn("GitHub: no credentials configured, commit statuses will be rejected; set HOOKLINE_GITHUB_TOKEN, "
                    + "or HOOKLINE_GITHUB_APP_ID and HOOKLINE_GITHUB_PRIVATE_KEY_FILE");
        }
        return new NoCredentials();
    }
}
