package dev.hookline.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.hookline.github.FakeGitHub.API_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import dev.hookline.config.HandClock;
import dev.hookline.tekton.TektonCrds;
import dev.hookline.trigger.PullRequestReads;
import dev.hookline.trigger.PullRequestReads.ChangedFiles;
import dev.hookline.webhook.GitHubDeliveries;
import dev.hookline.webhook.PullRequest;
import dev.hookline.webhook.WebhookProblem;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * Reading pull requests, their files and permissions with the personal access token, against WireMock under /api/v3.
 * The pull request is octokit/webhooks' captured {@code pull_request.opened} example's object, which is also what
 * {@code GET /repos/{o}/{r}/pulls/{n}} answers.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
@WithTestResource(FakeGitHub.class)
class GitHubPullRequestsTest {

    static final String REPOSITORY = "Codertocat/Hello-World";
    static final String PULL_PATH = API_PATH + "/repos/Codertocat/Hello-World/pulls/2";
    static final String FILES_PATH = PULL_PATH + "/files";
    static final String PERMISSION_PATH = API_PATH + "/repos/Codertocat/Hello-World/collaborators/octocat/permission";
    static final PullRequest OPENED = new PullRequest(2, "open", false, "Update the README with new information.",
            "Codertocat", "OWNER", "ec26c3e57ca3a959ca5aad62de7213c562f8c821", "changes", REPOSITORY,
            "https://github.com/Codertocat/Hello-World.git", "master", REPOSITORY);

    @InjectGitHub
    WireMockServer github;

    @Inject
    PullRequestReads reads;

    @Inject
    PullRequestsApi api;

    @Inject
    GitHubTokens tokens;

    @BeforeEach
    void resetGitHub() {
        github.resetAll();
    }

    @Test
    void pullRequest_isReadWithTheToken_andParsed() {
        github.stubFor(get(urlPathEqualTo(PULL_PATH)).willReturn(json(200,
                new String(GitHubDeliveries.fixture("api-pull-request.json"), StandardCharsets.UTF_8))));

        assertThat(reads.pullRequest(REPOSITORY, 2, null)).isEqualTo(OPENED);

        github.verify(1, getRequestedFor(urlPathEqualTo(PULL_PATH))
                .withHeader("Authorization", equalTo("Bearer " + FakeGitHub.PERSONAL_TOKEN))
                .withHeader("Accept", equalTo("application/vnd.github+json"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
    }

    @Test
    void pullRequest_whenGitHubAnswers502_isA503NamingTheCall_withGitHubsWait() {
        github.stubFor(get(urlPathEqualTo(PULL_PATH))
                .willReturn(aResponse().withStatus(502).withHeader("Retry-After", "9")));

        assertThatThrownBy(() -> reads.pullRequest(REPOSITORY, 2, null))
                .isInstanceOfSatisfying(WebhookProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(503);
                    assertThat(problem.title()).isEqualTo("GitHub unavailable");
                    assertThat(problem.detail()).isEqualTo("could not read GET /repos/Codertocat/Hello-World/pulls/2: "
                            + "GitHub answered 502: HTTP 502; nothing was lost, a redelivery finishes the job");
                    assertThat(problem.retryAfter()).isEqualTo(Duration.ofSeconds(9));
                });
    }

    @Test
    void pullRequest_whenGitHubStalls_isCutAtTheReadTimeout_asA503() {
        github.stubFor(get(urlPathEqualTo(PULL_PATH)).willReturn(json(200,
                new String(GitHubDeliveries.fixture("api-pull-request.json"), StandardCharsets.UTF_8))
                .withFixedDelay(1_500)));
        GitHubPullRequests impatient = new GitHubPullRequests(false, 3_000, Duration.ofSeconds(3),
                Duration.ofMillis(300), api, tokens, new GitHubRequests(new SimpleMeterRegistry()), Clock.systemUTC());

        // The client's own read timeout (2 s in these tests) would have let the answer in.
        assertThatThrownBy(() -> impatient.pullRequest(REPOSITORY, 2, null))
                .isInstanceOfSatisfying(WebhookProblem.class, problem -> assertThat(problem.detail())
                        .startsWith("could not read GET /repos/Codertocat/Hello-World/pulls/2: request to GitHub timed out: "
                                + "no answer within 300 ms"));
    }

    @Test
    void files_whenAPageStallsPastTheBudget_areIncomplete() {
        github.stubFor(get(urlPathEqualTo(PULL_PATH + "/files")).willReturn(json(200, "[]").withFixedDelay(1_500)));
        GitHubPullRequests budgeted = new GitHubPullRequests(false, 3_000, Duration.ofMillis(300),
                Duration.ofSeconds(2), api, tokens, new GitHubRequests(new SimpleMeterRegistry()), Clock.systemUTC());

        PullRequestReads.ChangedFiles files = budgeted.changedFiles(REPOSITORY, 2, null);

        assertThat(files.unknownReason()).contains("no answer within");
    }

    @Test
    void pullRequest_whenGitHubAnswers404_isA503NamingTheCallAndGitHubsMessage() {
        github.stubFor(get(urlPathEqualTo(PULL_PATH)).willReturn(json(404,
                """
                        {"message":"Not Found","documentation_url":"https://docs.github.com/rest/pulls/pulls#get-a-pull-request","status":"404"}""")));

        assertThatThrownBy(() -> reads.pullRequest(REPOSITORY, 2, null))
                .isInstanceOfSatisfying(WebhookProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(503);
                    assertThat(problem.detail()).startsWith("could not read GET /repos/Codertocat/Hello-World/pulls/2: "
                            + "GitHub refused with 404: Not Found;").contains("credentials");
                });
    }

    @Test
    void pullRequest_whenTheAnswerIsNotAPullRequest_isA503() {
        github.stubFor(get(urlPathEqualTo(PULL_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Proxy says hello</body></html>")));

        assertThatThrownBy(() -> reads.pullRequest(REPOSITORY, 2, null))
                .isInstanceOfSatisfying(WebhookProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(503);
                    assertThat(problem.detail()).startsWith("could not read GET /repos/Codertocat/Hello-World/pulls/2: "
                            + "GitHub's answer is not what it documents");
                });
    }

    @Test
    void withoutCredentials_nothingIsSent_theReadIsA503_andTheFilesAreUnknown() {
        GitHubPullRequests uncredentialed = reader(false, 3_000, Duration.ofSeconds(4), new NoCredentials(),
                new GitHubRequests(new SimpleMeterRegistry()), Clock.systemUTC());

        assertThatThrownBy(() -> uncredentialed.pullRequest(REPOSITORY, 2, null))
                .isInstanceOfSatisfying(WebhookProblem.class, problem -> assertThat(problem.detail())
                        .startsWith("could not read GET /repos/Codertocat/Hello-World/pulls/2: no GitHub credentials"));
        assertThat(uncredentialed.changedFiles(REPOSITORY, 2, null).unknownReason())
                .startsWith("could not read GET /repos/Codertocat/Hello-World/pulls/2/files?page=1: no GitHub credentials");
        github.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void changedFiles_acrossThreePages_areComplete_inGitHubsOrder() {
        stubFilesPage(1, 0, 100);
        stubFilesPage(2, 100, 100);
        stubFilesPage(3, 200, 7);

        ChangedFiles files = reads.changedFiles(REPOSITORY, 2, null);

        assertThat(files.unknownReason()).isNull();
        assertThat(files.paths()).hasSize(207).startsWith("src/File0.java", "src/File1.java")
                .endsWith("src/File205.java", "src/File206.java").doesNotHaveDuplicates();
        github.verify(3, getRequestedFor(urlPathEqualTo(FILES_PATH)).withQueryParam("per_page", equalTo("100"))
                .withHeader("Authorization", equalTo("Bearer " + FakeGitHub.PERSONAL_TOKEN)));
    }

    @Test
    void changedFiles_overTheLimit_areIncomplete_andNoFurtherPageIsRead() {
        stubFilesPage(1, 0, 100);
        stubFilesPage(2, 100, 100);
        stubFilesPage(3, 200, 7);
        GitHubPullRequests limited = reader(false, 150, Duration.ofSeconds(4), tokens,
                new GitHubRequests(new SimpleMeterRegistry()), Clock.systemUTC());

        ChangedFiles files = limited.changedFiles(REPOSITORY, 2, null);

        assertThat(files.paths()).hasSize(150).endsWith("src/File149.java");
        assertThat(files.unknownReason()).startsWith("the pull request changes at least 150 files");
        github.verify(0, getRequestedFor(urlPathEqualTo(FILES_PATH)).withQueryParam("page", equalTo("3")));
    }

    @Test
    void changedFiles_exactlyAtTheLimit_onAShortPage_areComplete() {
        stubFilesPage(1, 0, 100);
        stubFilesPage(2, 100, 50);
        GitHubPullRequests limited = reader(false, 150, Duration.ofSeconds(4), tokens,
                new GitHubRequests(new SimpleMeterRegistry()), Clock.systemUTC());

        ChangedFiles files = limited.changedFiles(REPOSITORY, 2, null);

        assertThat(files.unknownReason()).isNull();
        assertThat(files.paths()).hasSize(150);
    }

    @Test
    void changedFiles_at3000_theMostGitHubLists_areIncomplete_evenWhenTheLimitAllowsMore() {
        github.stubFor(get(urlPathEqualTo(FILES_PATH)).willReturn(json(200, filesPage(0, 100))));
        GitHubPullRequests generous = reader(false, 5_000, Duration.ofSeconds(30), tokens,
                new GitHubRequests(new SimpleMeterRegistry()), Clock.systemUTC());

        ChangedFiles files = generous.changedFiles(REPOSITORY, 2, null);

        assertThat(files.paths()).hasSize(3_000);
        assertThat(files.unknownReason()).contains("at least 3000 files");
        github.verify(30, getRequestedFor(urlPathEqualTo(FILES_PATH)));
    }

    @Test
    void changedFiles_whenAPageFails_areIncomplete_withTheCallAndTheReason() {
        stubFilesPage(1, 0, 100);
        github.stubFor(filesPage(2).willReturn(json(502, "{\"message\":\"Server Error\"}")));

        ChangedFiles files = reads.changedFiles(REPOSITORY, 2, null);

        assertThat(files.paths()).hasSize(100);
        assertThat(files.unknownReason()).isEqualTo("could not read GET /repos/Codertocat/Hello-World/pulls/2/files"
                + "?page=2: GitHub answered 502: Server Error");
    }

    @Test
    void changedFiles_whenTheBudgetIsSpentBeforeAPage_areIncomplete_andThatPageIsNotRead() {
        stubFilesPage(1, 0, 100);
        stubFilesPage(2, 100, 100);
        stubFilesPage(3, 200, 7);
        HandClock clock = new HandClock(Instant.parse("2026-12-02T10:00:00Z"));
        // Every request takes 3 s by this clock: pages 1 and 2 start within the 4 s, page 3 would start at 6 s.
        GitHubRequests slow = new GitHubRequests(new SimpleMeterRegistry()) {

            @Override
            GitHubAnswer send(Supplier<Response> call) {
                GitHubAnswer answer = super.send(call);
                clock.advance(Duration.ofSeconds(3));
                return answer;
            }
        };
        GitHubPullRequests budgeted = reader(false, 3_000, Duration.ofSeconds(4), tokens, slow, clock);

        ChangedFiles files = budgeted.changedFiles(REPOSITORY, 2, null);

        assertThat(files.paths()).hasSize(200);
        assertThat(files.unknownReason()).startsWith("the changed files were not read in time: 200 read in 6000 ms");
        github.verify(0, getRequestedFor(urlPathEqualTo(FILES_PATH)).withQueryParam("page", equalTo("3")));
    }

    @Test
    void canWrite_isTrueForAdminAndWrite_falseForReadAndNone() {
        stubPermission("admin", "admin");
        assertThat(reads.canWrite(REPOSITORY, "octocat", null)).isTrue();
        // A maintainer: GitHub reports the maintain role as write permission.
        stubPermission("write", "maintain");
        assertThat(reads.canWrite(REPOSITORY, "octocat", null)).isTrue();
        stubPermission("read", "triage");
        assertThat(reads.canWrite(REPOSITORY, "octocat", null)).isFalse();
        stubPermission("none", "none");
        assertThat(reads.canWrite(REPOSITORY, "octocat", null)).isFalse();
        github.verify(4, getRequestedFor(urlPathEqualTo(PERMISSION_PATH))
                .withHeader("Authorization", equalTo("Bearer " + FakeGitHub.PERSONAL_TOKEN)));
    }

    @Test
    void canWrite_forSomeoneNotACollaborator_404_isFalse() {
        github.stubFor(get(urlPathEqualTo(PERMISSION_PATH)).willReturn(json(404,
                """
                        {"message":"Not Found","documentation_url":"https://docs.github.com/rest/collaborators/collaborators#get-repository-permissions-for-a-user","status":"404"}""")));

        assertThat(reads.canWrite(REPOSITORY, "octocat", null)).isFalse();
    }

    @Test
    void canWrite_whenGitHubAnswers500_isA503NamingTheCall() {
        github.stubFor(get(urlPathEqualTo(PERMISSION_PATH)).willReturn(json(500, "{\"message\":\"Server Error\"}")));

        assertThatThrownBy(() -> reads.canWrite(REPOSITORY, "octocat", null))
                .isInstanceOfSatisfying(WebhookProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(503);
                    assertThat(problem.detail()).startsWith("could not read GET /repos/Codertocat/Hello-World/"
                            + "collaborators/octocat/permission: GitHub answered 500: Server Error;");
                });
    }

    @Test
    void dryRun_answersFromObservedPullRequests_andReadsNothing() {
        GitHubPullRequests dryRun = reader(true, 3_000, Duration.ofSeconds(4), tokens,
                new GitHubRequests(new SimpleMeterRegistry()), Clock.systemUTC());
        assertThatThrownBy(() -> dryRun.pullRequest(REPOSITORY, 2, null))
                .isInstanceOfSatisfying(WebhookProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(503);
                    assertThat(problem.detail()).isEqualTo("dry run: pull request #2 of Codertocat/Hello-World was not "
                            + "seen in a delivery yet; send its pull_request event first");
                });

        dryRun.observed(REPOSITORY, OPENED);
        PullRequest pushedTo = new PullRequest(2, "open", false, OPENED.title(), "Codertocat", "OWNER",
                "34c5c7793cb3b279e22454cb6750c80560547b3a", "changes", REPOSITORY, OPENED.headRepoCloneUrl(), "master",
                REPOSITORY);
        dryRun.observed(REPOSITORY, pushedTo);

        assertThat(dryRun.pullRequest(REPOSITORY, 2, null)).isEqualTo(pushedTo);
        assertThat(dryRun.pullRequest("codertocat/hello-world", 2, null)).isEqualTo(pushedTo);
        assertThat(dryRun.canWrite(REPOSITORY, "octocat", null)).isFalse();
        assertThat(dryRun.changedFiles(REPOSITORY, 2, null)).isEqualTo(new ChangedFiles(List.of(),
                "dry run: GitHub is not read"));
        github.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void dryRun_remembersABoundedNumber_forgettingTheLeastRecentlyUsed() {
        GitHubPullRequests dryRun = reader(true, 3_000, Duration.ofSeconds(4), tokens,
                new GitHubRequests(new SimpleMeterRegistry()), Clock.systemUTC());
        for (int number = 1; number <= GitHubPullRequests.OBSERVED_MAX; number++) {
            dryRun.observed(REPOSITORY, numbered(number));
        }
        // Read, so the second is the least recently used when one more arrives.
        dryRun.pullRequest(REPOSITORY, 1, null);
        dryRun.observed(REPOSITORY, numbered(GitHubPullRequests.OBSERVED_MAX + 1));

        assertThat(dryRun.pullRequest(REPOSITORY, 1, null).number()).isEqualTo(1);
        assertThat(dryRun.pullRequest(REPOSITORY, GitHubPullRequests.OBSERVED_MAX + 1, null).number())
                .isEqualTo(GitHubPullRequests.OBSERVED_MAX + 1);
        assertThatThrownBy(() -> dryRun.pullRequest(REPOSITORY, 2, null)).isInstanceOf(WebhookProblem.class);
    }

    @Test
    void theRealReader_ignoresObservedPullRequests() {
        github.stubFor(get(urlPathEqualTo(PULL_PATH)).willReturn(json(200,
                new String(GitHubDeliveries.fixture("api-pull-request.json"), StandardCharsets.UTF_8))));

        reads.observed(REPOSITORY, numbered(2));

        assertThat(reads.pullRequest(REPOSITORY, 2, null)).isEqualTo(OPENED);
    }

    private GitHubPullRequests reader(boolean dryRun, int filesLimit, Duration filesBudget, GitHubTokens tokens,
            GitHubRequests requests, Clock clock) {
        return new GitHubPullRequests(dryRun, filesLimit, filesBudget, Duration.ofSeconds(2), api, tokens, requests,
                clock);
    }

    private static PullRequest numbered(int number) {
        return new PullRequest(number, "open", false, "Change " + number, "Codertocat", "OWNER", OPENED.headSha(),
                "changes", REPOSITORY, OPENED.headRepoCloneUrl(), "master", REPOSITORY);
    }

    private void stubPermission(String permission, String roleName) {
        // Shaped after the example of GitHub's REST reference for "Get repository permissions for a user".
        github.stubFor(get(urlPathEqualTo(PERMISSION_PATH)).willReturn(json(200, """
                {"permission":"%s","role_name":"%s","user":{"login":"octocat","id":1,"node_id":"MDQ6VXNlcjE=",
                 "avatar_url":"https://github.com/images/error/octocat_happy.gif","type":"User","site_admin":false,
                 "permissions":{"admin":false,"maintain":false,"push":false,"triage":false,"pull":true}}}
                """.formatted(permission, roleName))));
    }

    private void stubFilesPage(int page, int first, int count) {
        github.stubFor(filesPage(page).willReturn(json(200, filesPage(first, count))));
    }

    private static MappingBuilder filesPage(int page) {
        return get(urlPathEqualTo(FILES_PATH)).withQueryParam("per_page", equalTo("100"))
                .withQueryParam("page", equalTo(Integer.toString(page)));
    }

    /** Files as GitHub lists them ("List pull requests files"), named {@code src/File<i>.java}. */
    private static String filesPage(int first, int count) {
        return IntStream.range(first, first + count).mapToObj(i -> """
                {"sha":"bbcd538c8e72b8c175046e27cc8f907076331401","filename":"src/File%1$d.java","status":"modified",
                 "additions":3,"deletions":1,"changes":4,
                 "blob_url":"https://github.com/Codertocat/Hello-World/blob/ec26c3e5/src/File%1$d.java",
                 "raw_url":"https://github.com/Codertocat/Hello-World/raw/ec26c3e5/src/File%1$d.java",
                 "contents_url":"https://api.github.com/repos/Codertocat/Hello-World/contents/src/File%1$d.java?ref=ec26c3e5",
                 "patch":"@@ -1,3 +1,5 @@"}""".formatted(i)).collect(Collectors.joining(",", "[", "]"));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body);
    }
}
