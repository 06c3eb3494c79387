package dev.hookline.trigger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.hookline.webhook.GitHubDeliveries.fixture;
import static dev.hookline.webhook.GitHubDeliveries.newDeliveryId;
import static dev.hookline.webhook.GitHubDeliveries.send;
import static dev.hookline.webhook.GitHubDeliveries.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;

import dev.hookline.github.FakeGitHub;
import dev.hookline.github.InjectGitHub;
import dev.hookline.status.TektonStatus;
import dev.hookline.tekton.ClusterRuns;
import dev.hookline.tekton.RunLabels;
import dev.hookline.tekton.TektonCrds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * Pull request and merge group deliveries from GitHub's own examples (octokit/webhooks), over HTTP, against the test
 * triggers ({@code hello-pr} on v1, {@code hello-pr-classic} on v1beta1 with resources, {@code octo-queue} for
 * merge groups), the mock cluster and the fake GitHub.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
@WithTestResource(FakeGitHub.class)
class PullRequestDeliveryTest {

    static final String HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
    static final String FORK_HEAD = "5a7f0c3e9b1d2a4c6e8f0a1b3c5d7e9f1a2b4c6d";
    static final String GROUP_HEAD = "2ffea6db159f6b6c47a24e778fb9ef40cf6b1c7d";

    @InjectGitHub
    WireMockServer github;

    @Inject
    KubernetesClient client;

    @BeforeEach
    void gitHub() {
        FakeGitHub.acceptingStatuses(github, "ghs_pr-test");
    }

    @Test
    void opened_runsTheHeadOnEveryPullRequestTrigger_inBothFlavours() {
        String id = newDeliveryId();
        send("pull_request", id, "pull_request-opened.json").then().statusCode(202)
                .body("outcome", equalTo("triggered"))
                .body("runs.trigger", contains("hello-pr", "hello-pr-classic"));
        List<GenericKubernetesResource> runs = ClusterRuns.ofDelivery(client, id);
        assertThat(runs).extracting(r -> r.getApiVersion()).containsExactlyInAnyOrder("tekton.dev/v1", "tekton.dev/v1beta1");
        for (GenericKubernetesResource run : runs) {
            Map<String, String> labels = run.getMetadata().getLabels();
            Map<String, String> annotations = run.getMetadata().getAnnotations();
            assertThat(labels).containsEntry(RunLabels.EVENT, "pull_request").containsEntry(RunLabels.PULL_REQUEST, "2")
                    .doesNotContainKey(RunLabels.BRANCH);
            assertThat(annotations).containsEntry(RunLabels.ANNOTATION_SHA, HEAD)
                    .containsEntry(RunLabels.ANNOTATION_REF, "refs/pull/2/head")
                    .containsEntry(RunLabels.ANNOTATION_REPOSITORY, "Codertocat/Hello-World")
                    .containsEntry(RunLabels.ANNOTATION_PULL_REQUEST, "2");
        }
        GenericKubernetesResource v1 = runs.stream().filter(r -> r.getApiVersion().equals("tekton.dev/v1")).findFirst()
                .orElseThrow();
        assertThat(params(v1)).containsEntry("revision", HEAD).containsEntry("ref", "refs/pull/2/head")
                .containsEntry("pr", "2").containsEntry("head-repo", "Codertocat/Hello-World");
    }

    @Test
    void everyRunAction_runs_andOtherActionsAreIgnoredByName() {
        for (String action : List.of("synchronize", "reopened", "ready_for_review")) {
            String id = newDeliveryId();
            send("pull_request", id, "pull_request-" + action + ".json").then().statusCode(202)
                    .body("outcome", equalTo("triggered"));
            assertThat(ClusterRuns.ofDelivery(client, id)).hasSize(2);
        }
        String labeled = newDeliveryId();
        send("pull_request", labeled, "pull_request-labeled.json").then().statusCode(202)
                .body("outcome", equalTo("ignored"))
                .body("reason", containsString("pull_request action 'labeled' is not acted on"));
        assertThat(ClusterRuns.ofDelivery(client, labeled)).isEmpty();
    }

    @Test
    void draft_runsOnlyWhereTheTriggerSaysSo() {
        String id = newDeliveryId();
        send("pull_request", id, "pull_request-opened-draft.json").then().statusCode(202)
                .body("outcome", equalTo("ignored"))
                .body("reason", containsString("draft pull request #2"));
        assertThat(ClusterRuns.ofDelivery(client, id)).isEmpty();
    }

    @Test
    void redeliveries_createNothingTwice_evenTwentyAtOnce() throws Exception {
        String id = newDeliveryId();
        byte[] body = fixture("pull_request-opened.json");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Integer>> sends = java.util.stream.IntStream.range(0, 20)
                    .<Callable<Integer>>mapToObj(i -> () -> signed("pull_request", id, body).post("/hooks/github")
                            .statusCode())
                    .toList();
            List<Integer> statuses = pool.invokeAll(sends).stream().map(PullRequestDeliveryTest::resultOf).toList();
            assertThat(statuses).allMatch(s -> s == 200 || s == 202).contains(202);
        } finally {
            pool.shutdownNow();
        }
        assertThat(ClusterRuns.ofDelivery(client, id)).hasSize(2);
        send("pull_request", id, "pull_request-opened.json").then().statusCode(200).body("outcome", equalTo("duplicate"));
    }

    @Test
    void newHead_cancelsThePullRequestsOlderRun() {
        int number = 31;
        String first = newDeliveryId();
        signed("pull_request", first, pullRequest("pull_request-opened.json", number, HEAD)).post("/hooks/github")
                .then().statusCode(202);
        String second = newDeliveryId();
        String newHead = "b".repeat(40);
        signed("pull_request", second, pullRequest("pull_request-synchronize.json", number, newHead))
                .post("/hooks/github").then().statusCode(202);
        String newer = v1Run(second).getMetadata().getName();
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            GenericKubernetesResource older = v1Run(first);
            assertThat(older.getMetadata().getAnnotations()).containsEntry(RunLabels.ANNOTATION_SUPERSEDED_BY, newer);
            assertThat(((Map<?, ?>) older.getAdditionalProperties().get("spec")).get("status")).isEqualTo("Cancelled");
        });
        assertThat(((Map<?, ?>) v1Run(second).getAdditionalProperties().get("spec")).get("status")).isNull();
    }

    @Test
    void closed_cancelsTheRunningRuns_andCreatesNothing() {
        int number = 32;
        String opened = newDeliveryId();
        signed("pull_request", opened, pullRequest("pull_request-opened.json", number, HEAD)).post("/hooks/github")
                .then().statusCode(202);
        String closed = newDeliveryId();
        signed("pull_request", closed, pullRequest("pull_request-closed.json", number, HEAD)).post("/hooks/github")
                .then().statusCode(202)
                .body("reason", containsString("pull request #" + number + " closed: cancelled"));
        assertThat(ClusterRuns.ofDelivery(client, closed)).isEmpty();
        for (GenericKubernetesResource run : ClusterRuns.ofDelivery(client, opened)) {
            assertThat(run.getMetadata().getAnnotations())
                    .containsEntry(RunLabels.ANNOTATION_SUPERSEDED_BY, "pull request #" + number + " closed");
            assertThat(((Map<?, ?>) run.getAdditionalProperties().get("spec")).get("status")).isIn("Cancelled",
                    "PipelineRunCancelled");
        }
        // Closing again finds nothing running.
        signed("pull_request", newDeliveryId(), pullRequest("pull_request-closed.json", number, HEAD))
                .post("/hooks/github").then().statusCode(202).body("outcome", equalTo("ignored"))
                .body("reason", containsString("no running run to cancel"));
    }

    @Test
    void untrustedFork_createsNoRun_andItsHeadSaysWhy() {
        String id = newDeliveryId();
        send("pull_request", id, "pull_request-opened-fork.json").then().statusCode(202)
                .body("outcome", equalTo("ignored"))
                .body("reason", containsString("waiting for a maintainer's /ok-to-test"))
                .body("reason", containsString("stranger/Hello-World"));
        assertThat(ClusterRuns.ofDelivery(client, id)).isEmpty();
        for (String context : List.of("hookline/hello-pr", "ci/hello-classic")) {
            awaitStatus("Codertocat/Hello-World", FORK_HEAD, context, "pending", "Waiting for a maintainer's /ok-to-test");
        }
    }

    @Test
    void authorWithoutTrustedAssociation_isAskedOfGitHub_andAnOutageIs503NamingTheCall() {
        github.stubFor(get(urlEqualTo(FakeGitHub.API_PATH + "/repos/Codertocat/Hello-World/collaborators/newcomer/permission"))
                .willReturn(aResponse().withStatus(502).withBody("{\"message\":\"Server Error\"}")));
        byte[] body = contributor(34, "newcomer");
        String id = newDeliveryId();
        signed("pull_request", id, body).post("/hooks/github").then().statusCode(503)
                .contentType("application/problem+json")
                .body("detail", containsString("GET /repos/Codertocat/Hello-World/collaborators/newcomer/permission"));
        assertThat(ClusterRuns.ofDelivery(client, id)).isEmpty();

        github.stubFor(get(urlEqualTo(FakeGitHub.API_PATH + "/repos/Codertocat/Hello-World/collaborators/newcomer/permission"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"permission\":\"write\",\"role_name\":\"write\",\"user\":{\"login\":\"newcomer\"}}")));
        signed("pull_request", id, body).post("/hooks/github").then().statusCode(202).body("outcome", equalTo("triggered"));
        assertThat(ClusterRuns.ofDelivery(client, id)).hasSize(2);
    }

    @Test
    void authorWhoCannotWrite_waitsLikeAFork() {
        github.stubFor(get(urlEqualTo(FakeGitHub.API_PATH + "/repos/Codertocat/Hello-World/collaborators/reader/permission"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"permission\":\"read\",\"role_name\":\"read\",\"user\":{\"login\":\"reader\"}}")));
        String id = newDeliveryId();
        signed("pull_request", id, contributor(35, "reader")).post("/hooks/github").then().statusCode(202)
                .body("outcome", equalTo("ignored"))
                .body("reason", containsString("its author reader (CONTRIBUTOR) cannot write to Codertocat/Hello-World"));
        assertThat(ClusterRuns.ofDelivery(client, id)).isEmpty();
    }

    @Test
    void paths_useTheFilesThePullRequestChanges_readFromGitHub() {
        stubFiles(41, "[{\"filename\":\"docs/guide.md\"},{\"filename\":\"src/README.md\"}]");
        String docsOnly = newDeliveryId();
        signed("pull_request", docsOnly, pathsWorld(41)).post("/hooks/github").then().statusCode(202)
                .body("outcome", equalTo("ignored"))
                .body("reason", equalTo("no trigger matches pull request #41 of Codertocat/Paths-World into master"));
        assertThat(ClusterRuns.ofDelivery(client, docsOnly)).isEmpty();

        stubFiles(42, "[{\"filename\":\"docs/guide.md\"},{\"filename\":\"src/Main.java\"}]");
        String source = newDeliveryId();
        signed("pull_request", source, pathsWorld(42)).post("/hooks/github").then().statusCode(202)
                .body("outcome", equalTo("triggered")).body("runs.trigger", contains("paths-pr"));
    }

    @Test
    void paths_whenGitHubCannotListTheFiles_runAnyway_andSayWhy() {
        github.stubFor(get(urlPathEqualTo(FakeGitHub.API_PATH + "/repos/Codertocat/Paths-World/pulls/43/files"))
                .willReturn(aResponse().withStatus(502)));
        String id = newDeliveryId();
        signed("pull_request", id, pathsWorld(43)).post("/hooks/github").then().statusCode(202)
                .body("outcome", equalTo("triggered"))
                .body("reason", containsString("paths-pr: path filters not applied: could not read GET "
                        + "/repos/Codertocat/Paths-World/pulls/43/files?page=1"));
        assertThat(ClusterRuns.ofDelivery(client, id)).hasSize(1);
    }

    @Test
    void untrustedFork_closedUnapproved_endsItsPendingStatuses() {
        byte[] opened = fixture("pull_request-opened-fork.json", p -> setNumber(p, 33));
        signed("pull_request", newDeliveryId(), opened).post("/hooks/github").then().statusCode(202);
        byte[] closed = fixture("pull_request-opened-fork.json", p -> {
            setNumber(p, 33);
            p.put("action", "closed");
            ((ObjectNode) p.get("pull_request")).put("state", "closed");
        });
        signed("pull_request", newDeliveryId(), closed).post("/hooks/github").then().statusCode(202);
        for (String context : List.of("hookline/hello-pr", "ci/hello-classic")) {
            awaitStatus("Codertocat/Hello-World", FORK_HEAD, context, "error", "closed before a maintainer's /ok-to-test");
        }
    }

    @Test
    void mergeGroup_runsOnItsHead_andReportsThere_whileItsQueuePushCreatesNone() {
        String group = newDeliveryId();
        send("merge_group", group, "merge_group-checks_requested.json").then().statusCode(202)
                .body("outcome", equalTo("triggered"))
                .body("runs.trigger", contains("octo-queue"));
        GenericKubernetesResource run = ClusterRuns.ofDelivery(client, group).get(0);
        assertThat(run.getMetadata().getLabels()).containsEntry(RunLabels.EVENT, "merge_group")
                .containsEntry(RunLabels.MERGE_GROUP, GROUP_HEAD);
        assertThat(run.getMetadata().getAnnotations()).containsEntry(RunLabels.ANNOTATION_SHA, GROUP_HEAD)
                .containsEntry(RunLabels.ANNOTATION_MERGE_GROUP,
                        "refs/heads/gh-readonly-queue/main/pr-104-929f8209d40f77f4abc622a499c93a83babdbe64");

        String push = newDeliveryId();
        send("push", push, "push-merge-queue.json").then().statusCode(202)
                .body("outcome", equalTo("ignored"))
                .body("reason", containsString("merge queue"));
        assertThat(ClusterRuns.ofDelivery(client, push)).isEmpty();

        TektonStatus.write(client, "tekton.dev/v1", "ci", run.getMetadata().getName(), "True", "Succeeded",
                "Tasks Completed: 1", Instant.now(), Instant.now());
        awaitStatus("octo-org/octo-repo", GROUP_HEAD, "hookline/octo-queue", "success", "");
    }

    @Test
    void destroyedMergeGroup_cancelsItsRuns() {
        String headSha = "c".repeat(40);
        String group = newDeliveryId();
        signed("merge_group", group, mergeGroup("merge_group-checks_requested.json", headSha)).post("/hooks/github")
                .then().statusCode(202);
        signed("merge_group", newDeliveryId(), mergeGroup("merge_group-destroyed.json", headSha)).post("/hooks/github")
                .then().statusCode(202).body("reason", containsString("merge group destroyed (dequeued): cancelled"));
        GenericKubernetesResource run = ClusterRuns.ofDelivery(client, group).get(0);
        assertThat(run.getMetadata().getAnnotations()).containsEntry(RunLabels.ANNOTATION_SUPERSEDED_BY,
                "merge group destroyed (dequeued)");
    }

    /** Waits for GitHub to have been sent that status on that commit. */
    private void awaitStatus(String repository, String sha, String context, String state, String text) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> github.verify(
                postRequestedFor(urlEqualTo(FakeGitHub.API_PATH + "/repos/" + repository + "/statuses/" + sha))
                        .withRequestBody(matchingJsonPath("$.context", wireEqual(context)))
                        .withRequestBody(matchingJsonPath("$.state", wireEqual(state)))
                        .withRequestBody(containing(text))));
    }

    private GenericKubernetesResource v1Run(String deliveryId) {
        return ClusterRuns.ofDelivery(client, deliveryId).stream().filter(r -> r.getApiVersion().equals("tekton.dev/v1"))
                .findFirst().orElseThrow();
    }

    private static byte[] pullRequest(String fixture, int number, String head) {
        return fixture(fixture, p -> {
            p.put("number", number);
            ObjectNode pr = (ObjectNode) p.get("pull_request");
            pr.put("number", number);
            ((ObjectNode) pr.get("head")).put("sha", head);
        });
    }

    private void stubFiles(int number, String page) {
        github.stubFor(get(urlPathEqualTo(FakeGitHub.API_PATH + "/repos/Codertocat/Paths-World/pulls/" + number + "/files"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(page)));
    }

    /** The example pull request, moved to the repository of the trigger that filters on paths. */
    private static byte[] pathsWorld(int number) {
        return fixture("pull_request-opened.json", p -> {
            setNumber(p, number);
            ((ObjectNode) p.get("repository")).put("full_name", "Codertocat/Paths-World").put("name", "Paths-World");
            ObjectNode pr = (ObjectNode) p.get("pull_request");
            ((ObjectNode) pr.get("base").get("repo")).put("full_name", "Codertocat/Paths-World");
            ((ObjectNode) pr.get("head").get("repo")).put("full_name", "Codertocat/Paths-World");
        });
    }

    /** The example pull request, opened from the base repository by someone whose association does not decide. */
    private static byte[] contributor(int number, String login) {
        return fixture("pull_request-opened.json", p -> {
            setNumber(p, number);
            ObjectNode pr = (ObjectNode) p.get("pull_request");
            pr.put("author_association", "CONTRIBUTOR");
            ((ObjectNode) pr.get("user")).put("login", login);
        });
    }

    private static void setNumber(ObjectNode payload, int number) {
        payload.put("number", number);
        ((ObjectNode) payload.get("pull_request")).put("number", number);
    }

    private static byte[] mergeGroup(String fixture, String headSha) {
        return fixture(fixture, p -> ((ObjectNode) p.get("merge_group")).put("head_sha", headSha));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> params(GenericKubernetesResource run) {
        List<Map<String, Object>> params = (List<Map<String, Object>>) ((Map<String, Object>) run
                .getAdditionalProperties().get("spec")).get("params");
        Map<String, String> values = new java.util.LinkedHashMap<>();
        params.forEach(p -> values.put((String) p.get("name"), String.valueOf(p.get("value"))));
        return values;
    }

    private static com.github.tomakehurst.wiremock.matching.StringValuePattern wireEqual(String value) {
        return com.github.tomakehurst.wiremock.client.WireMock.equalTo(value);
    }

    private static <T> T resultOf(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
