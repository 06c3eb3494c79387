package dev.hookline.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.hookline.github.FakeGitHub.API_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.hookline.tekton.TektonCrds;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/** Posting with the personal access token (runs without an installation id) against WireMock under /api/v3. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
@WithTestResource(FakeGitHub.class)
class GitHubClientTest {

    static final String SHA = "9f3c2a1b7d4e5f60718293a4b5c6d7e8f9012345";
    static final String STATUS_PATH = API_PATH + "/repos/acme/api/statuses/" + SHA;

    @InjectGitHub
    WireMockServer github;

    @Inject
    GitHubClient client;

    @Inject
    GitHubApi api;

    @Inject
    GitHubTokens tokens;

    @Inject
    GitHubRequests requests;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "quarkus.application.version")
    String version;

    @BeforeEach
    void resetGitHub() {
        github.resetAll();
    }

    @Test
    void accepted201_sendsTheExactBodyAndHeaders() {
        github.stubFor(post(urlEqualTo(STATUS_PATH)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("X-RateLimit-Remaining", "4987")
                .withBody("{\"id\":1,\"state\":\"success\"}")));
        // Its own meters: the service's status reporter may post in the background of a shared test run, and a
        // registry shared across the run's service starts keeps the first start's gauge.
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        GitHubClient isolated = new GitHubClient(false, api, tokens, new GitHubRequests(meters), Clock.systemUTC(),
                new PostedStatuses(Clock.systemUTC()));

        PostResult result = isolated.post(new CommitStatus("acme/api", SHA, CommitState.SUCCESS, "Build passed in 2m",
                "hookline/build", "https://dash.example/#/namespaces/ci/pipelineruns/api-7f3a"), null);

        assertThat(result).isEqualTo(new PostResult.Accepted(false));
        github.verify(1, postRequestedFor(urlEqualTo(STATUS_PATH))
                .withHeader("Authorization", equalTo("Bearer " + FakeGitHub.PERSONAL_TOKEN))
                .withHeader("Accept", equalTo("application/vnd.github+json"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
                .withHeader("User-Agent", equalTo("hookline/" + version))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson("""
                        {"state": "success", "description": "Build passed in 2m", "context": "hookline/build",
                         "target_url": "https://dash.example/#/namespaces/ci/pipelineruns/api-7f3a"}""")));
        assertThat(version).isNotBlank();
        assertThat(meters.get(GitHubRequests.REQUESTS).tag("status", "201").counter().count()).isEqualTo(1);
        assertThat(meters.get(GitHubRequests.RATE_LIMIT_REMAINING).gauge().value()).isEqualTo(4987);
    }

    @Test
    void statusWithoutTargetUrl_omitsItFromTheBody() {
        github.stubFor(post(urlEqualTo(STATUS_PATH)).willReturn(aResponse().withStatus(201)));

        assertThat(client.post(status(CommitState.PENDING), null).accepted()).isTrue();

        github.verify(postRequestedFor(urlEqualTo(STATUS_PATH)).withRequestBody(equalToJson("""
                {"state": "pending", "description": "Running", "context": "hookline/build"}""")));
    }

    @Test
    void serverError500_isRetriedWithTheCallersBackoff() {
        github.stubFor(post(urlEqualTo(STATUS_PATH)).willReturn(aResponse().withStatus(500)
                .withBody("{\"message\":\"Server Error\"}")));
        double before = requestCount("500");

        PostResult result = client.post(status(CommitState.SUCCESS), null);

        assertThat(result).isEqualTo(new PostResult.RetryLater(null, "GitHub answered 500: Server Error"));
        assertThat(requestCount("500")).isEqualTo(before + 1);
    }

    @Test
    void validationFailed422_isRejectedWithGitHubsMessage() {
        github.stubFor(post(urlEqualTo(STATUS_PATH)).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"No commit found for SHA: " + SHA + "\",\"documentation_url\":"
                        + "\"https://docs.github.com/rest/commits/statuses#create-a-commit-status\",\"status\":\"422\"}")));

        PostResult result = client.post(status(CommitState.FAILURE), null);

        assertThat(result).isEqualTo(new PostResult.Rejected(422, "No commit found for SHA: " + SHA));
    }

    @Test
    void rateLimited403_waitsUntilReset() {
        Instant reset = Instant.now().plusSeconds(120);
        github.stubFor(post(urlEqualTo(STATUS_PATH)).willReturn(aResponse().withStatus(403)
                .withHeader("X-RateLimit-Limit", "5000")
                .withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", Long.toString(reset.getEpochSecond()))
                .withBody("{\"message\":\"API rate limit exceeded for user ID 1.\"}")));

        // Its own meters: a registry shared across the test run's service starts keeps the first start's gauge.
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        GitHubClient isolated = new GitHubClient(false, api, tokens, new GitHubRequests(meters), Clock.systemUTC(),
                new PostedStatuses(Clock.systemUTC()));

        PostResult result = isolated.post(status(CommitState.SUCCESS), null);

        assertThat(result).isInstanceOf(PostResult.RetryLater.class);
        Duration after = ((PostResult.RetryLater) result).after();
        assertThat(after).isBetween(Duration.ofSeconds(110), Duration.ofSeconds(120));
        assertThat(meters.get(GitHubRequests.RATE_LIMIT_REMAINING).gauge().value()).isZero();
    }

    @Test
    void rateLimited429_waitsForRetryAfter() {
        github.stubFor(post(urlEqualTo(STATUS_PATH)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "42")
                .withBody("{\"message\":\"You have exceeded a secondary rate limit.\"}")));

        PostResult result = client.post(status(CommitState.SUCCESS), null);

        assertThat(result).isEqualTo(new PostResult.RetryLater(Duration.ofSeconds(42),
                "rate limited (429): You have exceeded a secondary rate limit.", true));
    }

    @Test
    void readTimeout_isRetried_withinTheBound() {
        github.stubFor(post(urlEqualTo(STATUS_PATH)).willReturn(aResponse().withStatus(201).withFixedDelay(6_000)));
        double before = requestCount("error");

        long start = System.nanoTime();
        PostResult result = client.post(status(CommitState.SUCCESS), null);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result).isInstanceOf(PostResult.RetryLater.class);
        assertThat(((PostResult.RetryLater) result).reason()).contains("timed out");
        // read-timeout is 2s in this test; the answer would only come after 6s.
        assertThat(took).isBetween(Duration.ofMillis(1_900), Duration.ofMillis(5_000));
        // At least: the service's own reporter may count errors of its own in a shared test run.
        assertThat(requestCount("error")).isGreaterThanOrEqualTo(before + 1);
    }

    @Test
    void connectionRefused_isRetried() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        GitHubApi unreachable = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create("http://127.0.0.1:" + closedPort + API_PATH))
                .disableDefaultMapper(true)
                .build(GitHubApi.class);
        GitHubClient offline = new GitHubClient(false, unreachable, tokens, requests, Clock.systemUTC(),
                new PostedStatuses(Clock.systemUTC()));

        PostResult result = offline.post(status(CommitState.SUCCESS), null);

        assertThat(result).isInstanceOf(PostResult.RetryLater.class);
        assertThat(((PostResult.RetryLater) result).reason()).startsWith("request to GitHub failed")
                .doesNotContain("Exception:").doesNotContain("\tat ");
        assertThat(((PostResult.RetryLater) result).after()).isNull();
    }

    @Test
    void dryRun_postsNothing_andCountsAsAccepted() {
        GitHubClient dryRun = new GitHubClient(true, api, tokens, requests, Clock.systemUTC(),
                new PostedStatuses(Clock.systemUTC()));

        PostResult result = dryRun.post(status(CommitState.FAILURE), 99L);

        assertThat(result).isEqualTo(new PostResult.Accepted(true));
        github.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void shown_isTheLatestStatusOfTheContext_inTheCombinedStatus() {
        // Shaped after the example of GitHub's REST reference for "Get the combined status for a specific reference".
        github.stubFor(get(urlPathEqualTo(API_PATH + "/repos/acme/api/commits/" + SHA + "/status"))
                .withQueryParam("per_page", equalTo("100"))
                .withHeader("Authorization", equalTo("Bearer " + FakeGitHub.PERSONAL_TOKEN))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody("""
                                {"state":"pending","sha":"%s","total_count":2,"statuses":[
                                 {"url":"https://api.github.com/repos/acme/api/statuses/%s","id":1,"node_id":"MDY6U3RhdHVzMQ==",
                                  "state":"success","description":"Succeeded in 2m13s",
                                  "target_url":"https://dash.example/ci/api-image-1","context":"hookline/build",
                                  "created_at":"2026-12-01T20:04:43Z","updated_at":"2026-12-01T20:04:43Z"},
                                 {"url":"https://api.github.com/repos/acme/api/statuses/%s","id":2,"node_id":"MDY6U3RhdHVzMg==",
                                  "state":"pending","description":null,"target_url":null,"context":"security/scan",
                                  "created_at":"2026-12-01T20:04:40Z","updated_at":"2026-12-01T20:04:40Z"}],
                                 "repository":{"id":1296269,"full_name":"acme/api"}}
                                """.formatted(SHA, SHA, SHA))));

        assertThat(client.shown(status(CommitState.SUCCESS), null))
                .isEqualTo(new StatusLookup.Shown(CommitState.SUCCESS, "Succeeded in 2m13s",
                        "https://dash.example/ci/api-image-1"));
        assertThat(client.shown(new CommitStatus("acme/api", SHA, CommitState.PENDING, null, "security/scan", null), null))
                .isEqualTo(new StatusLookup.Shown(CommitState.PENDING, null, null));
        assertThat(client.shown(new CommitStatus("acme/api", SHA, CommitState.PENDING, null, "other", null), null))
                .isInstanceOf(StatusLookup.NotShown.class);
    }

    @Test
    void shown_whenGitHubFails_isUnknown_andWhenItRefuses_isNotShown() {
        github.stubFor(get(urlPathEqualTo(API_PATH + "/repos/acme/api/commits/" + SHA + "/status"))
                .willReturn(aResponse().withStatus(502).withHeader("Retry-After", "7")));
        assertThat(client.shown(status(CommitState.SUCCESS), null))
                .isEqualTo(new StatusLookup.Unknown(Duration.ofSeconds(7), "GitHub answered 502: HTTP 502"));

        github.stubFor(get(urlPathEqualTo(API_PATH + "/repos/acme/api/commits/" + SHA + "/status"))
                .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));
        assertThat(client.shown(status(CommitState.SUCCESS), null)).isInstanceOf(StatusLookup.NotShown.class);
    }

    @Test
    void fakeGitHub_showsWhatItAccepted() {
        github.stubFor(post(urlEqualTo(STATUS_PATH)).willReturn(aResponse().withStatus(201).withBody("{}")));
        client.post(status(CommitState.PENDING), null);
        client.post(new CommitStatus("acme/api", SHA, CommitState.FAILURE, "Failed", "hookline/build",
                "https://dash.example/x"), null);

        assertThat(client.shown(status(CommitState.FAILURE), null))
                .isEqualTo(new StatusLookup.Shown(CommitState.FAILURE, "Failed", "https://dash.example/x"));
    }

    @Test
    void dryRun_showsWhatItRecorded() {
        GitHubClient dryRun = new GitHubClient(true, api, tokens, requests, Clock.systemUTC(),
                new PostedStatuses(Clock.systemUTC()));
        assertThat(dryRun.shown(status(CommitState.PENDING), null)).isInstanceOf(StatusLookup.NotShown.class);

        dryRun.post(status(CommitState.PENDING), null);

        assertThat(dryRun.shown(status(CommitState.SUCCESS), null))
                .isEqualTo(new StatusLookup.Shown(CommitState.PENDING, "Running", null));
        github.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void apiUrl_withTrailingSlash_isNormalised() {
        assertThat(GitHubApiProducer.baseUri("https://ghe.example/api/v3/"))
                .isEqualTo(URI.create("https://ghe.example/api/v3"));
        assertThat(GitHubApiProducer.baseUri("https://api.github.com")).isEqualTo(URI.create("https://api.github.com"));
    }

    static CommitStatus status(CommitState state) {
        return new CommitStatus("acme/api", SHA, state, "Running", "hookline/build", null);
    }

    private double requestCount(String status) {
        var counter = registry.find(GitHubRequests.REQUESTS).tag("status", status).counter();
        return counter == null ? 0 : counter.count();
    }

}
