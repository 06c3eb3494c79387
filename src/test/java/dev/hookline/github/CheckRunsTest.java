package dev.hookline.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.hookline.github.FakeGitHub.API_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import dev.hookline.tekton.TektonCrds;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * Check runs against WireMock under /api/v3: as a GitHub App installation (each test its own installation id, since
 * the App's token cache lives as long as Quarkus), and with the personal access token, which GitHub refuses.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
@WithTestResource(FakeGitHub.class)
class CheckRunsTest {

    static final String SHA = GitHubClientTest.SHA;
    static final String CREATE_PATH = API_PATH + "/repos/acme/api/check-runs";
    static final String LIST_PATH = API_PATH + "/repos/acme/api/commits/" + SHA + "/check-runs";
    static final String EXTERNAL_ID = "ci/api-build-7f3a";
    static final Instant STARTED = Instant.parse("2026-12-01T20:02:30.123456Z");

    @InjectGitHub
    WireMockServer github;

    @Inject
    CheckRuns checkRuns;

    @Inject
    ChecksApi api;

    @Inject
    GitHubTokens tokens;

    @Inject
    GitHubRequests requests;

    @BeforeEach
    void resetGitHub() {
        github.resetAll();
    }

    @Test
    void create_sendsTheExactBody_andReadsTheNewId() {
        long installation = 2001;
        stubToken(installation);
        // Shaped after the example answer of GitHub's REST reference for "Create a check run".
        github.stubFor(post(urlEqualTo(CREATE_PATH)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("""
                        {"id":4,"head_sha":"%s","node_id":"MDg6Q2hlY2tSdW40","external_id":"%s",
                         "url":"https://api.github.com/repos/acme/api/check-runs/4",
                         "html_url":"https://github.com/acme/api/runs/4","details_url":"https://dash.example/ci/api-build-7f3a",
                         "status":"in_progress","conclusion":null,"started_at":"2026-12-01T20:02:30Z","completed_at":null,
                         "output":{"title":"Running 1/3 tasks","summary":"3 tasks","text":null,"annotations_count":0,
                          "annotations_url":"https://api.github.com/repos/acme/api/check-runs/4/annotations"},
                         "name":"hookline/build","check_suite":{"id":5},"app":{"id":424242,"slug":"hookline"},
                         "pull_requests":[]}
                        """.formatted(SHA, EXTERNAL_ID))));

        CheckRunCreation result = checkRuns.create(new CheckRun("acme/api", SHA, "hookline/build",
                "https://dash.example/ci/api-build-7f3a", EXTERNAL_ID, CheckStatus.IN_PROGRESS, STARTED, null, null,
                new CheckOutput("Running 1/3 tasks", "3 tasks", null),
                List.of(new CheckAction("Cancel", "Cancel this PipelineRun", "cancel"))), installation);

        assertThat(result).isEqualTo(new CheckRunCreation.Created(4, false));
        github.verify(1, postRequestedFor(urlEqualTo(CREATE_PATH))
                .withHeader("Authorization", equalTo("Bearer ghs_token" + installation))
                .withHeader("Accept", equalTo("application/vnd.github+json"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
                .withRequestBody(equalToJson("""
                        {"name": "hookline/build", "head_sha": "%s",
                         "details_url": "https://dash.example/ci/api-build-7f3a", "external_id": "%s",
                         "status": "in_progress", "started_at": "2026-12-01T20:02:30Z",
                         "output": {"title": "Running 1/3 tasks", "summary": "3 tasks"},
                         "actions": [{"label": "Cancel", "description": "Cancel this PipelineRun",
                                      "identifier": "cancel"}]}""".formatted(SHA, EXTERNAL_ID))));
    }

    @Test
    void update_patchesOnlyTheFieldsGiven_withoutTheCommit() {
        long installation = 2002;
        stubToken(installation);
        github.stubFor(patch(urlEqualTo(CREATE_PATH + "/4")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"id\":4,\"status\":\"completed\",\"conclusion\":\"failure\"}")));

        PostResult result = checkRuns.update("acme/api", 4, new CheckRunUpdate(null, null, CheckStatus.COMPLETED, null,
                CheckConclusion.FAILURE, Instant.parse("2026-12-01T20:04:43Z"),
                new CheckOutput("Failed: task test", "3 tasks: 1 failed.", "```\nFAIL\n```"), List.of()),
                installation);

        assertThat(result).isEqualTo(new PostResult.Accepted(false));
        github.verify(1, patchRequestedFor(urlEqualTo(CREATE_PATH + "/4"))
                .withHeader("Authorization", equalTo("Bearer ghs_token" + installation))
                .withRequestBody(equalToJson("""
                        {"status": "completed", "conclusion": "failure", "completed_at": "2026-12-01T20:04:43Z",
                         "output": {"title": "Failed: task test", "summary": "3 tasks: 1 failed.",
                                    "text": "```\\nFAIL\\n```"},
                         "actions": []}""")));
    }

    @Test
    void find_adoptsTheOldestCheckRunWithTheExternalId_amongSeveralOfTheSameName() {
        long installation = 2003;
        stubToken(installation);
        github.stubFor(get(urlPathEqualTo(LIST_PATH))
                .withQueryParam("check_name", equalTo("hookline/build"))
                .withQueryParam("filter", equalTo("all"))
                .withQueryParam("per_page", equalTo("100"))
                .withQueryParam("page", equalTo("1"))
                .withHeader("Authorization", equalTo("Bearer ghs_token" + installation))
                .willReturn(list(3, run(15, "hookline/build", EXTERNAL_ID, "queued", null),
                        run(13, "hookline/build", "ci/api-build-1b2c", "completed", "success"),
                        run(12, "hookline/build", EXTERNAL_ID, "in_progress", null))));

        assertThat(checkRuns.find("acme/api", SHA, "hookline/build", EXTERNAL_ID, installation))
                .isEqualTo(new CheckRunLookup.Found(12, CheckStatus.IN_PROGRESS, null));
        assertThat(checkRuns.find("acme/api", SHA, "hookline/build", "ci/api-build-1b2c", installation))
                .isEqualTo(new CheckRunLookup.Found(13, CheckStatus.COMPLETED, CheckConclusion.SUCCESS));
    }

    @Test
    void find_readsFurtherPages_untilItFindsTheCheckRun() {
        long installation = 2004;
        stubToken(installation);
        List<String> others = new ArrayList<>();
        for (int i = 0; i < CheckRuns.PAGE; i++) {
            others.add(run(1000 - i, "hookline/build", "ci/api-build-retest-" + i, "completed", "failure"));
        }
        github.stubFor(get(urlPathEqualTo(LIST_PATH)).withQueryParam("page", equalTo("1"))
                .willReturn(list(101, others.toArray(String[]::new))));
        github.stubFor(get(urlPathEqualTo(LIST_PATH)).withQueryParam("page", equalTo("2"))
                .willReturn(list(101, run(7, "hookline/build", EXTERNAL_ID, "completed", "success"))));

        assertThat(checkRuns.find("acme/api", SHA, "hookline/build", EXTERNAL_ID, installation))
                .isEqualTo(new CheckRunLookup.Found(7, CheckStatus.COMPLETED, CheckConclusion.SUCCESS));
        github.verify(2, getRequestedFor(urlPathEqualTo(LIST_PATH)));
    }

    @Test
    void find_withoutAMatchingExternalId_isNotFound() {
        long installation = 2005;
        stubToken(installation);
        github.stubFor(get(urlPathEqualTo(LIST_PATH)).willReturn(list(1,
                run(13, "hookline/build", "ci/api-build-1b2c", "completed", "success"))));

        assertThat(checkRuns.find("acme/api", SHA, "hookline/build", EXTERNAL_ID, installation))
                .isInstanceOf(CheckRunLookup.NotFound.class);
        github.verify(1, getRequestedFor(urlPathEqualTo(LIST_PATH)));
    }

    @Test
    void find_whenGitHubFails502_isUnknown_neverNotFound() {
        long installation = 2006;
        stubToken(installation);
        github.stubFor(get(urlPathEqualTo(LIST_PATH)).willReturn(aResponse().withStatus(502).withHeader("Retry-After",
                "5").withBody("<html><body>502 Bad Gateway</body></html>")));

        assertThat(checkRuns.find("acme/api", SHA, "hookline/build", EXTERNAL_ID, installation))
                .isEqualTo(new CheckRunLookup.Unknown(Duration.ofSeconds(5), "GitHub answered 502: HTTP 502"));

        // A 200 that is not GitHub's JSON (a proxy's page) is no list either.
        github.stubFor(get(urlPathEqualTo(LIST_PATH)).willReturn(aResponse().withStatus(200)
                .withBody("<html>sign in</html>")));
        assertThat(checkRuns.find("acme/api", SHA, "hookline/build", EXTERNAL_ID, installation))
                .isInstanceOf(CheckRunLookup.Unknown.class);
    }

    @Test
    void personalAccessToken_isRefusedForGood_andTheLogSaysWhy() {
        // GitHub's real answers: a classic token, then a fine-grained one.
        String[] refusals = {"You must authenticate via a GitHub App.",
                "Resource not accessible by personal access token"};
        for (String refusal : refusals) {
            github.resetAll();
            github.stubFor(post(urlEqualTo(CREATE_PATH)).willReturn(aResponse().withStatus(403)
                    .withHeader("Content-Type", "application/json; charset=utf-8")
                    .withHeader("X-RateLimit-Limit", "5000")
                    .withHeader("X-RateLimit-Remaining", "4999")
                    .withBody("{\"message\":\"" + refusal + "\",\"documentation_url\":"
                            + "\"https://docs.github.com/rest/checks/runs#create-a-check-run\",\"status\":\"403\"}")));
            List<String> lines = new CopyOnWriteArrayList<>();

            CheckRunCreation result = LogCapture.during(Level.INFO, lines, () -> checkRuns.create(queued(), null));

            assertThat(result).isInstanceOf(CheckRunCreation.NotCreated.class);
            PostResult reason = ((CheckRunCreation.NotCreated) result).result();
            assertThat(reason).isInstanceOf(PostResult.Rejected.class);
            assertThat(((PostResult.Rejected) reason).status()).isEqualTo(403);
            assertThat(((PostResult.Rejected) reason).message())
                    .startsWith("GitHub accepts check runs only from a GitHub App installation")
                    .contains("the run came without an installation id").endsWith(refusal);
            github.verify(1, postRequestedFor(urlEqualTo(CREATE_PATH))
                    .withHeader("Authorization", equalTo("Bearer " + FakeGitHub.PERSONAL_TOKEN)));
            assertThat(lines).anyMatch(line -> line.contains("rejected with 403")
                    && line.contains("only from a GitHub App") && line.contains(EXTERNAL_ID))
                    .noneMatch(line -> line.contains(FakeGitHub.PERSONAL_TOKEN));
        }
    }

    @Test
    void secondaryRateLimit403_withRetryAfter_isRetriedAfterGitHubsWait() {
        long installation = 2007;
        stubToken(installation);
        String message = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";
        github.stubFor(post(urlEqualTo(CREATE_PATH)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("Retry-After", "60")
                .withHeader("X-RateLimit-Remaining", "4990")
                .withBody("{\"message\":\"" + message + "\",\"documentation_url\":\"https://docs.github.com/"
                        + "rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits\"}")));

        assertThat(checkRuns.create(queued(), installation)).isEqualTo(new CheckRunCreation.NotCreated(
                new PostResult.RetryLater(Duration.ofSeconds(60), "rate limited (403): " + message, true)));

        // Without Retry-After, GitHub's message alone says it: the caller's own backoff applies.
        github.stubFor(post(urlEqualTo(CREATE_PATH)).willReturn(aResponse().withStatus(403)
                .withHeader("X-RateLimit-Remaining", "4989")
                .withBody("{\"message\":\"" + message + "\"}")));
        assertThat(checkRuns.create(queued(), installation)).isEqualTo(new CheckRunCreation.NotCreated(
                new PostResult.RetryLater(null, "rate limited (403): " + message, true)));
    }

    @Test
    void appWithoutChecksPermission_isRefusedForGood_namingThePermission() {
        long installation = 2008;
        stubToken(installation);
        github.stubFor(post(urlEqualTo(CREATE_PATH)).willReturn(aResponse().withStatus(403)
                .withBody("{\"message\":\"Resource not accessible by integration\"}")));

        CheckRunCreation result = checkRuns.create(queued(), installation);

        assertThat(result).isEqualTo(new CheckRunCreation.NotCreated(new PostResult.Rejected(403, "the GitHub App may "
                + "not write check runs here: grant it the \"Checks: write\" permission and accept it in installation "
                + installation + ": Resource not accessible by integration")));
    }

    @Test
    void dryRun_recordsCheckRuns_findsThemAgain_andSendsNothing() {
        PostedCheckRuns posted = new PostedCheckRuns(Clock.systemUTC());
        CheckRuns dryRun = new CheckRuns(true, api, tokens, requests, Clock.systemUTC(), posted);
        assertThat(dryRun.find("acme/api", SHA, "hookline/build", EXTERNAL_ID, 99L))
                .isInstanceOf(CheckRunLookup.NotFound.class);

        CheckRunCreation first = dryRun.create(queued(), 99L);
        CheckRunCreation second = dryRun.create(new CheckRun("acme/api", SHA, "hookline/test", null, "ci/api-test-7f3a",
                CheckStatus.QUEUED, null, null, null, null, List.of()), 99L);
        PostResult update = dryRun.update("acme/api", 1, new CheckRunUpdate(null, null, null, null,
                CheckConclusion.SUCCESS, Instant.parse("2026-12-01T20:04:43Z"),
                new CheckOutput("Succeeded in 2m13s", "1 task: 1 succeeded.", null), null), 99L);

        assertThat(first).isEqualTo(new CheckRunCreation.Created(1, true));
        assertThat(second).isEqualTo(new CheckRunCreation.Created(2, true));
        assertThat(update).isEqualTo(new PostResult.Accepted(true));
        assertThat(dryRun.find("acme/api", SHA, "hookline/build", EXTERNAL_ID, 99L))
                .isEqualTo(new CheckRunLookup.Found(1, CheckStatus.COMPLETED, CheckConclusion.SUCCESS));
        assertThat(dryRun.find("acme/api", SHA, "hookline/build", "ci/api-test-7f3a", 99L))
                .isInstanceOf(CheckRunLookup.NotFound.class);
        assertThat(posted.recent()).extracting(PostedCheckRuns.Posted::id, PostedCheckRuns.Posted::title,
                PostedCheckRuns.Posted::dryRun)
                .containsExactly(tuple(1L, "Succeeded in 2m13s", true),
                        tuple(2L, null, true));
        github.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void checkRuns_outsideGitHubsLimits_cannotBeBuilt() {
        CheckAction cancel = new CheckAction("Cancel", "Cancel this PipelineRun", "cancel");
        assertThatThrownBy(() -> new CheckAction("x".repeat(21), "d", "i")).hasMessageContaining("label")
                .hasMessageContaining("20 at most");
        assertThat(new CheckAction("x".repeat(20), "d".repeat(40), "i".repeat(20)).label()).hasSize(20);
        assertThatThrownBy(() -> new CheckAction("l", "d".repeat(41), "i")).hasMessageContaining("40 at most");
        assertThatThrownBy(() -> new CheckAction("l", "d", "i".repeat(21))).hasMessageContaining("identifier");
        // Code points, not chars: twenty emoji are twenty characters to GitHub.
        assertThat(new CheckAction("\uD83D\uDE80".repeat(20), "d", "i").label()).hasSize(40);
        assertThatThrownBy(() -> new CheckRun("acme/api", SHA, "hookline/build", null, EXTERNAL_ID, CheckStatus.QUEUED,
                null, null, null, null, Collections.nCopies(4, cancel))).hasMessageContaining("3 actions at most");
        assertThatThrownBy(() -> new CheckRun("acme/api", SHA, "hookline/build", null, EXTERNAL_ID,
                CheckStatus.COMPLETED, null, null, null, null, List.of())).hasMessageContaining("needs a conclusion");
        assertThatThrownBy(() -> new CheckRun("acme/api", SHA, "hookline/build", null, EXTERNAL_ID,
                CheckStatus.IN_PROGRESS, null, CheckConclusion.SUCCESS, null, null, List.of()))
                .hasMessageContaining("completed, not in_progress");
        assertThatThrownBy(() -> new CheckRun("acme/api", SHA, "hookline/build", null, null, CheckStatus.QUEUED, null,
                null, null, null, List.of())).hasMessageContaining("external id");
        assertThatThrownBy(() -> new CheckRunUpdate(null, null, null, null, null, null, null,
                Collections.nCopies(4, cancel))).hasMessageContaining("3 actions at most");
    }

    private static CheckRun queued() {
        return new CheckRun("acme/api", SHA, "hookline/build", null, EXTERNAL_ID, CheckStatus.QUEUED, null, null, null,
                null, List.of());
    }

    private static String run(long id, String name, String externalId, String status, String conclusion) {
        return """
                {"id":%d,"head_sha":"%s","node_id":"MDg6Q2hlY2tSdW4%d","external_id":"%s",
                 "url":"https://api.github.com/repos/acme/api/check-runs/%d","html_url":"https://github.com/acme/api/runs/%d",
                 "details_url":null,"status":"%s","conclusion":%s,"started_at":"2026-12-01T20:02:30Z",
                 "completed_at":null,"output":{"title":null,"summary":null,"text":null,"annotations_count":0},
                 "name":"%s","check_suite":{"id":5},"app":{"id":424242,"slug":"hookline"},"pull_requests":[]}"""
                .formatted(id, SHA, id, externalId, id, id, status, conclusion == null ? "null" : "\"" + conclusion + "\"",
                        name);
    }

    private static ResponseDefinitionBuilder list(int total, String... runs) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"total_count\":" + total + ",\"check_runs\":[" + String.join(",", runs) + "]}");
    }

    private void stubToken(long installation) {
        github.stubFor(post(urlEqualTo(API_PATH + "/app/installations/" + installation + "/access_tokens"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody("{\"token\":\"ghs_token" + installation + "\",\"expires_at\":\""
                                + Instant.now().plus(Duration.ofHours(1)) + "\",\"permissions\":{\"checks\":\"write\"},"
                                + "\"repository_selection\":\"all\"}")));
    }
}
