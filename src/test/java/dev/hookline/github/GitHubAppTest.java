package dev.hookline.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.hookline.github.FakeGitHub.API_PATH;
import static dev.hookline.github.GitHubClientTest.STATUS_PATH;
import static dev.hookline.github.GitHubClientTest.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;

import dev.hookline.tekton.TektonCrds;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * Posting as a GitHub App installation. The App bean's token cache lives as long as Quarkus, so each test uses its
 * own installation id.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
@WithTestResource(FakeGitHub.class)
class GitHubAppTest {

    @InjectGitHub
    WireMockServer github;

    @InjectGitHub
    KeyPair appKeys;

    @Inject
    GitHubClient client;

    @BeforeEach
    void resetGitHub() {
        github.resetAll();
        github.stubFor(post(urlEqualTo(STATUS_PATH)).willReturn(aResponse().withStatus(201)));
    }

    @Test
    void installation_exchangesAJwtSignedByTheApp_thenServesTheTokenFromCache() throws Exception {
        long installation = 1001;
        stubToken(installation, "ghs_token1001", Instant.now().plus(Duration.ofHours(1)));
        long before = Instant.now().getEpochSecond();

        assertThat(client.post(status(CommitState.PENDING), installation).accepted()).isTrue();
        assertThat(client.post(status(CommitState.SUCCESS), installation).accepted()).isTrue();
        long after = Instant.now().getEpochSecond();

        github.verify(1, postRequestedFor(urlEqualTo(tokenPath(installation)))
                .withHeader("Accept", equalTo("application/vnd.github+json"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
        github.verify(2, postRequestedFor(urlEqualTo(STATUS_PATH))
                .withHeader("Authorization", equalTo("Bearer ghs_token1001")));

        String authorization = github.findAll(postRequestedFor(urlEqualTo(tokenPath(installation)))).get(0)
                .getHeader("Authorization");
        assertThat(authorization).startsWith("Bearer ");
        JsonNode claims = TestKeys.verifiedClaims(authorization.substring("Bearer ".length()), appKeys.getPublic());
        assertThat(claims.path("iss").asText()).isEqualTo(FakeGitHub.APP_ID);
        assertThat(claims.path("iat").asLong()).isBetween(before - 60, after - 60);
        assertThat(claims.path("exp").asLong()).isBetween(before + 9 * 60, after + 9 * 60);
    }

    @Test
    void tokenCloseToExpiry_isExchangedAgain() {
        long installation = 1002;
        // Within five minutes of its expiry a token is not used any more.
        stubToken(installation, "ghs_token1002", Instant.now().plus(Duration.ofMinutes(4)));

        client.post(status(CommitState.PENDING), installation);
        client.post(status(CommitState.SUCCESS), installation);

        github.verify(2, postRequestedFor(urlEqualTo(tokenPath(installation))));
    }

    @Test
    void tokenRefused401_isRetried_withAFreshTokenNextTime() {
        long installation = 1003;
        stubToken(installation, "ghs_token1003", Instant.now().plus(Duration.ofHours(1)));
        github.stubFor(post(urlEqualTo(STATUS_PATH)).willReturn(aResponse().withStatus(401)
                .withBody("{\"message\":\"Bad credentials\"}")));

        PostResult first = client.post(status(CommitState.SUCCESS), installation);
        client.post(status(CommitState.SUCCESS), installation);

        assertThat(first).isInstanceOf(PostResult.RetryLater.class);
        github.verify(2, postRequestedFor(urlEqualTo(tokenPath(installation))));
    }

    @Test
    void tokenExchangeRefused_isRejectedNamingTheInstallation_andPostsNothing() {
        long installation = 1004;
        github.stubFor(post(urlEqualTo(tokenPath(installation))).willReturn(aResponse().withStatus(404)
                .withBody("{\"message\":\"Not Found\"}")));

        PostResult result = client.post(status(CommitState.SUCCESS), installation);

        assertThat(result).isEqualTo(new PostResult.Rejected(404,
                "GitHub App " + FakeGitHub.APP_ID + " got no token for installation 1004: Not Found"));
        github.verify(0, postRequestedFor(urlEqualTo(STATUS_PATH)));
    }

    @Test
    void tokenExchangeServerError_isRetried() {
        long installation = 1005;
        github.stubFor(post(urlEqualTo(tokenPath(installation))).willReturn(aResponse().withStatus(502)));

        assertThat(client.post(status(CommitState.SUCCESS), installation)).isInstanceOf(PostResult.RetryLater.class);
        github.verify(0, postRequestedFor(urlEqualTo(STATUS_PATH)));
    }

    @Test
    void runWithoutInstallation_postsWithThePersonalToken() {
        assertThat(client.post(status(CommitState.SUCCESS), null).accepted()).isTrue();

        github.verify(postRequestedFor(urlEqualTo(STATUS_PATH))
                .withHeader("Authorization", equalTo("Bearer " + FakeGitHub.PERSONAL_TOKEN)));
    }

    @Test
    void tokensAndJwts_neverReachTheLog() {
        long installation = 1006;
        stubToken(installation, "ghs_token1006", Instant.now().plus(Duration.ofHours(1)));
        github.stubFor(post(urlEqualTo(STATUS_PATH)).willReturn(aResponse().withStatus(401)
                .withBody("{\"message\":\"Bad credentials\"}")));
        List<String> lines = new CopyOnWriteArrayList<>();
        LogCapture.during(Level.ALL, lines, () -> {
            client.post(status(CommitState.FAILURE), installation);
            return client.post(status(CommitState.FAILURE), null);
        });

        assertThat(lines).isNotEmpty().noneMatch(line -> line.contains("ghs_token1006")
                || line.contains(FakeGitHub.PERSONAL_TOKEN) || line.contains("eyJ"));
    }

    private void stubToken(long installation, String token, Instant expiresAt) {
        github.stubFor(post(urlEqualTo(tokenPath(installation))).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"token\":\"" + token + "\",\"expires_at\":\"" + expiresAt + "\","
                        + "\"permissions\":{\"statuses\":\"write\"},\"repository_selection\":\"all\"}")));
    }

    private static String tokenPath(long installation) {
        return API_PATH + "/app/installations/" + installation + "/access_tokens";
    }
}
