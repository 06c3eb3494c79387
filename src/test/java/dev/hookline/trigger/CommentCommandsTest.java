package dev.hookline.trigger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.hookline.webhook.GitHubDeliveries.fixture;
import static dev.hookline.webhook.GitHubDeliveries.newDeliveryId;
import static dev.hookline.webhook.GitHubDeliveries.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;

import dev.hookline.github.FakeGitHub;
import dev.hookline.github.InjectGitHub;
import dev.hookline.tekton.ClusterRuns;
import dev.hookline.tekton.RunLabels;
import dev.hookline.tekton.TektonCrds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.response.Response;

/**
 * {@code /retest}, {@code /ok-to-test} and {@code /cancel} over HTTP, from GitHub's example comment deliveries moved
 * onto pull requests, against the test triggers ({@code hello-pr} on v1, {@code hello-pr-classic} on v1beta1), the
 * mock cluster and the fake GitHub. The cluster is shared by every test: each uses a pull request number, a head and
 * comment ids of its own.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
@WithTestResource(FakeGitHub.class)
class CommentCommandsTest {

    private static final String REPO_API = PullRequestRuns.REPO_API;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong COMMENT_IDS = new AtomicLong(700_000_000L);

    @InjectGitHub
    WireMockServer github;

    @Inject
    KubernetesClient client;

    @BeforeEach
    void gitHub() {
        FakeGitHub.acceptingStatuses(github, "ghs_comment-test");
    }

    @ParameterizedTest
    @CsvSource({"101, hello-pr, hello-pr-classic, tekton.dev/v1", "102, hello-pr-classic, hello-pr, tekton.dev/v1beta1"})
    void retest_rerunsOnlyTheFailedTrigger(int number, String failed, String passed, String apiVersion) {
        String head = newHead();
        openWithOutcomes(number, head, Map.of(failed, false, passed, true));
        long id = COMMENT_IDS.incrementAndGet();
        String delivery = newDeliveryId();
        comment(delivery, "issue_comment-retest.json", number, id, p -> {
        }).then().statusCode(202)
                .body("outcome", equalTo("triggered"))
                .body("runs.trigger", contains(failed))
                .body("reason", containsString("/retest by Codertocat on #" + number + " (head " + head.substring(0, 7)))
                .body("reason", containsString("to re-run: " + failed + " (its latest run of " + head.substring(0, 7)
                        + " failed)"))
                .body("reason", containsString("left alone: " + passed + ": passed"));
        List<GenericKubernetesResource> reruns = ClusterRuns.ofDelivery(client, delivery);
        assertThat(reruns).hasSize(1);
        GenericKubernetesResource rerun = reruns.get(0);
        assertThat(rerun.getApiVersion()).isEqualTo(apiVersion);
        assertThat(rerun.getMetadata().getLabels()).containsEntry(RunLabels.TRIGGER, failed)
                .containsEntry(RunLabels.PULL_REQUEST, String.valueOf(number));
        assertThat(rerun.getMetadata().getAnnotations()).containsEntry(RunLabels.ANNOTATION_SHA, head)
                .containsEntry(RunLabels.ANNOTATION_RUN_KEY, "comment-" + id);
        assertThat(runsOf(number)).hasSize(3);
    }

    @Test
    void retest_redelivered_isADuplicate_evenOnceItsRerunPassed() {
        int number = 103;
        String head = newHead();
        openWithOutcomes(number, head, Map.of("hello-pr", false, "hello-pr-classic", true));
        long id = COMMENT_IDS.incrementAndGet();
        comment(newDeliveryId(), "issue_comment-retest.json", number, id, p -> {
        }).then().statusCode(202).body("outcome", equalTo("triggered"));
        // A redelivery while the re-run runs: hello-pr's latest run is no longer the failed one.
        comment(newDeliveryId(), "issue_comment-retest.json", number, id, p -> {
        }).then().statusCode(200)
                .body("outcome", equalTo("duplicate"))
                .body("runs.trigger", contains("hello-pr"))
                .body("reason", containsString("re-run by this comment before"));
        GenericKubernetesResource rerun = runsOf(number).stream()
                .filter(r -> ("comment-" + id).equals(r.getMetadata().getAnnotations().get(RunLabels.ANNOTATION_RUN_KEY)))
                .findFirst().orElseThrow();
        finish(rerun, true);
        comment(newDeliveryId(), "issue_comment-retest.json", number, id, p -> {
        }).then().statusCode(200).body("outcome", equalTo("duplicate"));
        assertThat(runsOf(number)).hasSize(3);
    }

    @Test
    void retest_twentyConcurrentRedeliveries_createOneRerun() throws Exception {
        int number = 104;
        String head = newHead();
        openWithOutcomes(number, head, Map.of("hello-pr", false, "hello-pr-classic", true));
        byte[] body = commentBody("issue_comment-retest.json", number, COMMENT_IDS.incrementAndGet(), p -> {
        });
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Integer>> sends = IntStream.range(0, 20)
                    .<Callable<Integer>>mapToObj(i -> () -> signed("issue_comment", newDeliveryId(), body)
                            .post("/hooks/github").statusCode())
                    .toList();
            List<Integer> statuses = pool.invokeAll(sends).stream().map(CommentCommandsTest::result).toList();
            assertThat(statuses).allMatch(s -> s == 200 || s == 202).containsOnlyOnce(202);
        } finally {
            pool.shutdownNow();
        }
        assertThat(runsOf(number)).hasSize(3)
                .filteredOn(r -> r.getMetadata().getAnnotations().containsKey(RunLabels.ANNOTATION_RUN_KEY))
                .extracting(r -> r.getMetadata().getLabels().get(RunLabels.TRIGGER)).containsExactly("hello-pr");
    }

    @Test
    void retest_whenTheLatestRunsPassed_runsNothing_andSaysSo() {
        int number = 105;
        String head = newHead();
        openWithOutcomes(number, head, Map.of("hello-pr", true, "hello-pr-classic", true));
        String delivery = newDeliveryId();
        comment(delivery, "issue_comment-retest.json", number, COMMENT_IDS.incrementAndGet(), p -> {
        }).then().statusCode(202)
                .body("outcome", equalTo("ignored"))
                .body("reason", containsString("nothing to re-run: the latest runs of " + head.substring(0, 7)
                        + " passed or are running (hello-pr: passed; hello-pr-classic: passed)"));
        assertThat(runsOf(number)).hasSize(2);
    }

    @Test
    void retestTrigger_rerunsThatTrigger_evenThoughItPassed() {
        int number = 106;
        String head = newHead();
        openWithOutcomes(number, head, Map.of("hello-pr", false, "hello-pr-classic", true));
        String delivery = newDeliveryId();
        comment(delivery, "issue_comment-retest.json", number, COMMENT_IDS.incrementAndGet(),
                p -> comment(p).put("body", "Once more, please.\r\n/retest hello-pr-classic\r\n")).then().statusCode(202)
                .body("outcome", equalTo("triggered"))
                .body("runs.trigger", contains("hello-pr-classic"))
                .body("reason", containsString("to re-run as asked: hello-pr-classic (its latest run of "
                        + head.substring(0, 7) + " passed)"));
        assertThat(ClusterRuns.ofDelivery(client, delivery)).extracting(GenericKubernetesResource::getApiVersion)
                .containsExactly("tekton.dev/v1beta1");
    }

    @Test
    void retestOfAnUnknownTrigger_isIgnored_namingTheKnownOnes_withoutAskingGitHub() {
        String delivery = newDeliveryId();
        comment(delivery, "issue_comment-retest.json", 107, COMMENT_IDS.incrementAndGet(),
                p -> comment(p).put("body", "/retest nope")).then().statusCode(202)
                .body("outcome", equalTo("ignored"))
                .body("reason", equalTo("/retest nope by Codertocat on #107: no pull request trigger of this repository "
                        + "is named 'nope'; known: hello-pr, hello-pr-classic"));
        assertNoPullRequestRead();
    }

    @Test
    void untrustedCommenter_isIgnored_andNothingRunsNorIsPosted() {
        int number = 108;
        String head = newHead();
        stubForkPullRequest(number, head);
        github.stubFor(get(urlEqualTo(REPO_API + "/collaborators/mallory/permission"))
                .willReturn(okJson("{\"permission\":\"read\",\"role_name\":\"read\"}")));
        for (String command : List.of("/retest hello-pr", "/ok-to-test", "/ok-to-test " + head.substring(0, 7))) {
            comment(newDeliveryId(), "issue_comment-ok-to-test.json", number, COMMENT_IDS.incrementAndGet(),
                    p -> untrusted(p, "mallory", command)).then().statusCode(202)
                    .body("outcome", equalTo("ignored"))
                    .body("reason", equalTo(command + " by mallory on #" + number + ": mallory (NONE) cannot write to "
                            + "Codertocat/Hello-World, and commands are taken only from those who can"));
        }
        github.verify(3, getRequestedFor(urlEqualTo(REPO_API + "/collaborators/mallory/permission")));
        assertNoPullRequestRead();
        assertThat(runsOf(number)).isEmpty();
        // A trusted /retest hello-pr here would post a pending "waiting" status: nothing may come.
        Awaitility.await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> github
                .verify(0, postRequestedFor(urlEqualTo(REPO_API + "/statuses/" + head))));
    }

    @Test
    void untrustedCommenter_cannotCancel() {
        int number = 109;
        open(number, newHead());
        github.stubFor(get(urlEqualTo(REPO_API + "/collaborators/mallory/permission"))
                .willReturn(okJson("{\"permission\":\"read\"}")));
        comment(newDeliveryId(), "issue_comment-cancel.json", number, COMMENT_IDS.incrementAndGet(),
                p -> untrusted(p, "mallory", "/cancel")).then().statusCode(202)
                .body("outcome", equalTo("ignored"))
                .body("reason", containsString("mallory (NONE) cannot write to Codertocat/Hello-World"));
        assertThat(runsOf(number)).hasSize(2).allSatisfy(r -> assertThat(specStatus(r)).isNull());
    }

    @Test
    void botComment_isIgnored() {
        comment(newDeliveryId(), "issue_comment-retest.json", 110, COMMENT_IDS.incrementAndGet(), p -> {
            ObjectNode user = (ObjectNode) comment(p).get("user");
            user.put("login", "renovate[bot]");
            user.put("type", "Bot");
        }).then().statusCode(202)
                .body("outcome", equalTo("ignored"))
                .body("reason", containsString("comment by the bot renovate[bot] on #110: commands from bots are not"));
        assertNoPullRequestRead();
    }

    @Test
    void editedDeletedIssueAndProseComments_areIgnored_eachSayingWhy() {
        int number = 111;
        open(number, newHead());
        Map<String, String> reasons = Map.of(
                "issue_comment-edited.json", "comment edited on #1: commands act only when a comment is created",
                "issue_comment-deleted.json", "comment deleted on #1: commands act only when a comment is created",
                "issue_comment-created.json", "comment on issue #1, not on a pull request",
                "issue_comment-no-command.json", "no command in the comment by Codertocat on #2: Hookline acts on "
                        + "/retest, /ok-to-test, /cancel, each on a line of its own");
        reasons.forEach((fixture, reason) -> signed("issue_comment", newDeliveryId(), fixture(fixture))
                .post("/hooks/github").then().statusCode(202)
                .body("outcome", equalTo("ignored")).body("reason", containsString(reason)));
        // The same, with a command that would act on a created comment: what decides is the action and the place.
        for (String action : List.of("edited", "deleted")) {
            comment(newDeliveryId(), "issue_comment-cancel.json", number, COMMENT_IDS.incrementAndGet(),
                    p -> p.put("action", action)).then().statusCode(202)
                    .body("reason", containsString("comment " + action + " on #" + number));
        }
        comment(newDeliveryId(), "issue_comment-cancel.json", number, COMMENT_IDS.incrementAndGet(),
                p -> ((ObjectNode) p.get("issue")).remove("pull_request")).then().statusCode(202)
                .body("reason", containsString("comment on issue #" + number + ", not on a pull request"));
        comment(newDeliveryId(), "issue_comment-cancel.json", number, COMMENT_IDS.incrementAndGet(),
                p -> comment(p).put("body", "/cancel please, this is wrong")).then().statusCode(202)
                .body("reason", containsString("no command in the comment"));
        assertNoPullRequestRead();
        assertThat(runsOf(number)).hasSize(2).allSatisfy(r -> assertThat(specStatus(r)).isNull());
    }

    @Test
    void okToTest_runsTheForkHead_onEveryTrigger_approvedByTheCommenter() {
        int number = 112;
        String head = newHead();
        signed("pull_request", newDeliveryId(), forkPullRequestDelivery(number, head)).post("/hooks/github").then()
                .statusCode(202).body("outcome", equalTo("ignored"));
        assertThat(runsOf(number)).isEmpty();
        stubForkPullRequest(number, head);
        String delivery = newDeliveryId();
        comment(delivery, "issue_comment-ok-to-test.json", number, COMMENT_IDS.incrementAndGet(), p -> {
        }).then().statusCode(202)
                .body("outcome", equalTo("triggered"))
                .body("runs.trigger", contains("hello-pr", "hello-pr-classic"))
                .body("reason", containsString("/ok-to-test by Codertocat on #" + number + " (head "
                        + head.substring(0, 7) + "): approved by Codertocat for " + head.substring(0, 7) + " only"));
        assertThat(ClusterRuns.ofDelivery(client, delivery)).hasSize(2).allSatisfy(run -> assertThat(
                run.getMetadata().getAnnotations()).containsEntry(RunLabels.ANNOTATION_APPROVED_BY, "Codertocat")
                .containsEntry(RunLabels.ANNOTATION_SHA, head));
    }

    @Test
    void okToTest_ofAStaleCommit_runsNothing_whileAPrefixOfTheHeadRuns() {
        int number = 113;
        String head = newHead();
        stubForkPullRequest(number, head);
        comment(newDeliveryId(), "issue_comment-ok-to-test.json", number, COMMENT_IDS.incrementAndGet(),
                p -> comment(p).put("body", "/ok-to-test 0123abc")).then().statusCode(202)
                .body("outcome", equalTo("ignored"))
                .body("reason", equalTo("/ok-to-test 0123abc by Codertocat on #" + number + ": stale: the head of #"
                        + number + " is now " + head.substring(0, 7) + ", not 0123abc; nothing run"));
        assertThat(runsOf(number)).isEmpty();
        comment(newDeliveryId(), "issue_comment-ok-to-test.json", number, COMMENT_IDS.incrementAndGet(),
                p -> comment(p).put("body", "/ok-to-test " + head.substring(0, 9).toUpperCase())).then()
                .statusCode(202).body("outcome", equalTo("triggered"));
        assertThat(runsOf(number)).hasSize(2);
    }

    @Test
    void okToTest_redeliveredAfterAPush_approvesNothingNew() {
        int number = 118;
        String approved = newHead();
        stubForkPullRequest(number, approved);
        byte[] okToTest = commentBody("issue_comment-ok-to-test.json", number, COMMENT_IDS.incrementAndGet(), p -> {
        });
        signed("issue_comment", newDeliveryId(), okToTest).post("/hooks/github").then().statusCode(202)
                .body("outcome", equalTo("triggered"));
        String pushed = newHead();
        stubForkPullRequest(number, pushed);
        signed("issue_comment", newDeliveryId(), okToTest).post("/hooks/github").then().statusCode(202)
                .body("outcome", equalTo("ignored"))
                .body("reason", containsString("this comment already ran " + approved.substring(0, 7)
                        + ", the head before a push; nothing run for " + pushed.substring(0, 7)));
        assertThat(runsOf(number)).hasSize(2).allSatisfy(r -> assertThat(r.getMetadata().getAnnotations())
                .containsEntry(RunLabels.ANNOTATION_SHA, approved));
    }

    @Test
    void retest_onAFork_rerunsOnlyAnApprovedHead_andOtherwiseSaysItWaits() {
        int number = 114;
        String head = newHead();
        stubForkPullRequest(number, head);
        comment(newDeliveryId(), "issue_comment-retest.json", number, COMMENT_IDS.incrementAndGet(),
                p -> comment(p).put("body", "/retest hello-pr")).then().statusCode(202)
                .body("outcome", equalTo("ignored"))
                .body("reason", containsString("hello-pr: not run, the pull request is untrusted (its head is in the "
                        + "fork stranger/Hello-World); waiting for a maintainer's /ok-to-test"));
        assertThat(runsOf(number)).isEmpty();
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> github.verify(
                postRequestedFor(urlEqualTo(REPO_API + "/statuses/" + head))
                        .withRequestBody(matchingJsonPath("$.state", wireEqual("pending")))));

        comment(newDeliveryId(), "issue_comment-ok-to-test.json", number, COMMENT_IDS.incrementAndGet(), p -> {
        }).then().statusCode(202).body("outcome", equalTo("triggered"));
        runsOf(number).forEach(r -> finish(r, !"hello-pr".equals(r.getMetadata().getLabels().get(RunLabels.TRIGGER))));
        String retest = newDeliveryId();
        comment(retest, "issue_comment-retest.json", number, COMMENT_IDS.incrementAndGet(), p -> {
        }).then().statusCode(202).body("outcome", equalTo("triggered")).body("runs.trigger", contains("hello-pr"));
        assertThat(ClusterRuns.ofDelivery(client, retest)).singleElement().satisfies(r -> assertThat(
                r.getMetadata().getAnnotations()).containsEntry(RunLabels.ANNOTATION_APPROVED_BY, "Codertocat"));
    }

    @Test
    void cancel_cancelsThePullRequestsRunningRuns() {
        int number = 115;
        open(number, newHead());
        comment(newDeliveryId(), "issue_comment-cancel.json", number, COMMENT_IDS.incrementAndGet(), p -> {
        }).then().statusCode(202)
                .body("outcome", equalTo("triggered"))
                .body("runs.trigger", containsInAnyOrder("hello-pr", "hello-pr-classic"))
                .body("reason", containsString("/cancel by Codertocat on #" + number + ": cancelled ci/hello-pr-"));
        assertThat(runsOf(number)).hasSize(2).allSatisfy(run -> {
            assertThat(specStatus(run)).isIn("Cancelled", "PipelineRunCancelled");
            assertThat(run.getMetadata().getAnnotations())
                    .containsEntry(RunLabels.ANNOTATION_SUPERSEDED_BY, "cancelled by Codertocat (/cancel)");
        });
        comment(newDeliveryId(), "issue_comment-cancel.json", number, COMMENT_IDS.incrementAndGet(), p -> {
        }).then().statusCode(202).body("outcome", equalTo("ignored"))
                .body("reason", containsString("no running run to cancel"));
    }

    @Test
    void cancel_redeliveredLate_sparesRunsAskedForAfterTheComment() {
        int number = 119;
        open(number, newHead());
        // A /cancel written five minutes before these runs existed, delivered only now.
        comment(newDeliveryId(), "issue_comment-cancel.json", number, COMMENT_IDS.incrementAndGet(),
                p -> comment(p).put("created_at", Instant.now().minus(Duration.ofMinutes(5)).toString())).then()
                .statusCode(202).body("outcome", equalTo("ignored"))
                .body("reason", containsString("no running run to cancel"));
        assertThat(runsOf(number)).hasSize(2).allSatisfy(run -> assertThat(specStatus(run)).isNull());
    }

    @Test
    void okToTest_onATrustedPullRequest_runsItsHeadNoSecondTime() {
        int number = 120;
        open(number, newHead());
        comment(newDeliveryId(), "issue_comment-ok-to-test.json", number, COMMENT_IDS.incrementAndGet(), p -> {
        }).then().statusCode(202).body("outcome", equalTo("ignored"))
                .body("reason", containsString("the pull request is trusted and its head runs without approval"));
        assertThat(runsOf(number)).hasSize(2);
    }

    @Test
    void cancelTrigger_cancelsOnlyThatTrigger() {
        int number = 116;
        open(number, newHead());
        comment(newDeliveryId(), "issue_comment-cancel.json", number, COMMENT_IDS.incrementAndGet(),
                p -> comment(p).put("body", "/cancel hello-pr")).then().statusCode(202)
                .body("outcome", equalTo("triggered")).body("runs.trigger", contains("hello-pr"));
        for (GenericKubernetesResource run : runsOf(number)) {
            boolean v1 = "hello-pr".equals(run.getMetadata().getLabels().get(RunLabels.TRIGGER));
            assertThat(specStatus(run)).isEqualTo(v1 ? "Cancelled" : null);
            assertThat(run.getMetadata().getAnnotations().get(RunLabels.ANNOTATION_SUPERSEDED_BY))
                    .isEqualTo(v1 ? "cancelled by Codertocat (/cancel hello-pr)" : null);
        }
    }

    @Test
    void closedPullRequest_runsNothing() {
        int number = 117;
        String head = newHead();
        github.stubFor(get(urlEqualTo(REPO_API + "/pulls/" + number))
                .willReturn(okJson(PullRequestRuns.pullRequestJson(number, head, p -> p.put("state", "closed")))));
        comment(newDeliveryId(), "issue_comment-ok-to-test.json", number, COMMENT_IDS.incrementAndGet(), p -> {
        }).then().statusCode(202).body("outcome", equalTo("ignored"))
                .body("reason", equalTo("/ok-to-test by Codertocat on #" + number
                        + ": the pull request is closed; nothing run"));
        assertThat(runsOf(number)).isEmpty();
    }

    @Test
    void unreadablePullRequest_is503_namingTheCall() {
        github.stubFor(get(urlEqualTo(REPO_API + "/pulls/2")).willReturn(aResponse().withStatus(502)));
        signed("issue_comment", newDeliveryId(), fixture("issue_comment-retest.json")).post("/hooks/github").then()
                .statusCode(503)
                .body("detail", containsString("GET /repos/Codertocat/Hello-World/pulls/2"));
    }

    private void open(int number, String head) {
        PullRequestRuns.open(github, number, head);
    }

    /** Opens the pull request and has Tekton end each trigger's run: passed ({@code true}) or failed. */
    private void openWithOutcomes(int number, String head, Map<String, Boolean> passed) {
        open(number, head);
        List<GenericKubernetesResource> runs = runsOf(number);
        assertThat(runs).hasSize(passed.size());
        runs.forEach(run -> finish(run, passed.get(run.getMetadata().getLabels().get(RunLabels.TRIGGER))));
    }

    private void finish(GenericKubernetesResource run, boolean passed) {
        PullRequestRuns.finish(client, run, passed);
    }

    private void stubForkPullRequest(int number, String head) {
        try {
            ObjectNode pr = (ObjectNode) JSON.readTree(forkPullRequestDelivery(number, head)).get("pull_request");
            github.stubFor(get(urlEqualTo(REPO_API + "/pulls/" + number)).willReturn(okJson(pr.toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] forkPullRequestDelivery(int number, String head) {
        return fixture("pull_request-opened-fork.json", p -> {
            p.put("number", number);
            ObjectNode pr = (ObjectNode) p.get("pull_request");
            pr.put("number", number);
            ((ObjectNode) pr.get("head")).put("sha", head);
        });
    }

    private static Response comment(String deliveryId, String fixture, int number, long id,
            Consumer<ObjectNode> edit) {
        return signed("issue_comment", deliveryId, commentBody(fixture, number, id, edit)).post("/hooks/github");
    }

    private static byte[] commentBody(String fixture, int number, long id, Consumer<ObjectNode> edit) {
        return fixture(fixture, p -> {
            ((ObjectNode) p.get("issue")).put("number", number);
            comment(p).put("id", id);
            // Written now, as GitHub delivers a new comment: the example's 2019 would predate every run.
            comment(p).put("created_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            edit.accept(p);
        });
    }

    private static ObjectNode comment(ObjectNode payload) {
        return (ObjectNode) payload.get("comment");
    }

    private static void untrusted(ObjectNode payload, String login, String body) {
        ObjectNode comment = comment(payload);
        comment.put("body", body);
        comment.put("author_association", "NONE");
        ((ObjectNode) comment.get("user")).put("login", login);
    }

    private List<GenericKubernetesResource> runsOf(int number) {
        return PullRequestRuns.runsOf(client, number);
    }

    private static Object specStatus(GenericKubernetesResource run) {
        return PullRequestRuns.specStatus(run);
    }

    private void assertNoPullRequestRead() {
        github.verify(0, getRequestedFor(urlPathMatching(REPO_API + "/pulls/.*")));
    }

    private static String newHead() {
        return PullRequestRuns.newHead();
    }

    private static StringValuePattern wireEqual(String value) {
        return WireMock.equalTo(value);
    }

    private static <T> T result(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
