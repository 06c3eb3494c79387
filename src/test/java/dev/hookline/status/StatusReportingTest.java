package dev.hookline.status;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.hookline.webhook.GitHubDeliveries.newDeliveryId;
import static dev.hookline.webhook.GitHubDeliveries.signed;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.CountMatchingStrategy;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.hookline.github.FakeGitHub;
import dev.hookline.github.InjectGitHub;
import dev.hookline.tekton.ClusterRuns;
import dev.hookline.tekton.PipelineRuns;
import dev.hookline.tekton.TektonCrds;
import dev.hookline.tekton.TrackedRun;
import dev.hookline.webhook.GitHubDeliveries;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * Runs created through the webhook, status written as Tekton writes it, commit statuses arriving at a fake GitHub:
 * each state is posted, and the number of posts per run is counted, not just the last state.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
@WithTestResource(FakeGitHub.class)
class StatusReportingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTEXT = "hookline/api-image";
    private static final Duration BOUND = Duration.ofSeconds(10);

    @InjectGitHub
    WireMockServer github;

    @Inject
    KubernetesClient client;

    String sha;

    @BeforeEach
    void freshCommit() {
        github.resetAll();
        github.stubFor(post(urlPathMatching(FakeGitHub.API_PATH + "/repos/acme/api/statuses/.*"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{}")));
        sha = HexFormat.of().formatHex(randomBytes(20));
    }

    @Test
    void pendingThenSuccess_eachPostedOnce_andLedgerRecorded() {
        GenericKubernetesResource run = push();
        awaitPosts("pending", 1);
        LoggedRequest pending = posts("pending").get(0);
        assertThat(pending.getBodyAsString()).contains("\"description\":\"Waiting for Tekton to start the run\"");

        Instant start = Instant.parse("2026-11-26T10:00:00Z");
        TektonStatus.running(client, "ci", name(run), start, 3, 4);
        TektonStatus.write(client, "tekton.dev/v1", "ci", name(run), "True", "Succeeded",
                "Tasks Completed: 7 (Failed: 0, Cancelled 0), Skipped: 0", start, start.plusSeconds(133));

        awaitPosts("success", 1);
        assertThat(posts("success").get(0).getBodyAsString()).contains("\"description\":\"Succeeded in 2m13s\"");
        await().atMost(BOUND).until(() -> "success".equals(ledger(run)));
        assertStaysAt(1, 1);
    }

    @Test
    void failure_namesTheFailedTask() {
        GenericKubernetesResource run = push();
        awaitPosts("pending", 1);
        // Tekton labels each TaskRun with its PipelineRun and pipeline task; the message does not name the task.
        client.genericKubernetesResources("tekton.dev/v1", "TaskRun").inNamespace("ci").resource(taskRun(name(run)))
                .create();
        Instant start = Instant.now();
        TektonStatus.write(client, "tekton.dev/v1", "ci", name(run), "False", "Failed",
                "Tasks Completed: 2 (Failed: 1, Cancelled 0), Skipped: 3", start, start.plusSeconds(20));
        awaitPosts("failure", 1);
        assertThat(posts("failure").get(0).getBodyAsString()).contains("\"description\":\"Failed: task build-push\"");
    }

    @Test
    void timeout_isAnError_sayingHowLong() {
        GenericKubernetesResource run = push();
        awaitPosts("pending", 1);
        Instant start = Instant.now();
        TektonStatus.write(client, "tekton.dev/v1", "ci", name(run), "False", "PipelineRunTimeout",
                "PipelineRun \"" + name(run) + "\" failed to finish within \"1h0m0s\"", start, start.plusSeconds(3600));
        awaitPosts("error", 1);
        assertThat(posts("error").get(0).getBodyAsString()).contains("\"description\":\"Timed out after 1h\"");
    }

    @Test
    void cancelled_isAnError() {
        GenericKubernetesResource run = push();
        awaitPosts("pending", 1);
        Instant start = Instant.now();
        TektonStatus.write(client, "tekton.dev/v1", "ci", name(run), "False", "Cancelled",
                "PipelineRun \"" + name(run) + "\" was cancelled", start, start.plusSeconds(5));
        awaitPosts("error", 1);
        assertThat(posts("error").get(0).getBodyAsString()).contains("\"description\":\"Cancelled\"");
    }

    @Test
    void validationFailureWithAnyReason_isAFailure_neverStuckPending() {
        GenericKubernetesResource run = push();
        awaitPosts("pending", 1);
        Instant start = Instant.now();
        TektonStatus.write(client, "tekton.dev/v1", "ci", name(run), "False", "CouldntGetPipeline",
                "Error retrieving pipeline for pipelinerun ci/" + name(run)
                        + ": pipelines.tekton.dev \"build-and-push\" not found\n"
                        + "\tat some.go.stack(trace.go:12)",
                start, start);
        awaitPosts("failure", 1);
        String body = posts("failure").get(0).getBodyAsString();
        assertThat(body).contains("\"description\":\"Failed: CouldntGetPipeline: Error retrieving pipeline");
        assertThat(body).doesNotContain("trace.go");
    }

    @Test
    void runDeletedWhileRunning_endsInAnError_insteadOfStayingPending() {
        GenericKubernetesResource run = push();
        awaitPosts("pending", 1);
        TektonStatus.running(client, "ci", name(run), Instant.now(), 1, 4);

        runs().withName(name(run)).delete();

        awaitPosts("error", 1);
        assertThat(posts("error").get(0).getBodyAsString()).contains("\"description\":\"Deleted before it finished\"");
        await().during(Duration.ofSeconds(1)).atMost(BOUND).until(() -> posts("error").size() == 1);
    }

    @Test
    void runDeletedBeforeItsFinalStateWasPosted_stillGetsItsFinalState() {
        GenericKubernetesResource run = push();
        awaitPosts("pending", 1);
        answer("failure", aResponse().withStatus(502));
        Instant start = Instant.now();
        TektonStatus.write(client, "tekton.dev/v1", "ci", name(run), "False", "Failed",
                "Tasks Completed: 2 (Failed: 1, Cancelled 0), Skipped: 3", start, start.plusSeconds(20));
        awaitPosts("failure", 1);

        // Deleted (by hand, or by a pruner) while GitHub was failing: the run's ledger goes with it.
        runs().withName(name(run)).delete();
        answer("failure", aResponse().withStatus(201).withBody("{}"));

        await().atMost(BOUND).until(() -> acceptedPosts("failure") == 1);
        assertThat(posts("failure").get(posts("failure").size() - 1).getBodyAsString())
                .contains("\"description\":\"Failed: 1 of 5 tasks failed\"");
        await().during(Duration.ofSeconds(1)).atMost(BOUND).until(() -> acceptedPosts("failure") == 1);
        assertThat(posts("error")).isEmpty();
    }

    @Test
    void runDeletedWhileItsFinalStateIsBeingPosted_getsItOnce() {
        GenericKubernetesResource run = push();
        awaitPosts("pending", 1);
        // GitHub takes its time: the run goes while the post is in flight, before the ledger can record it.
        answer("success", aResponse().withStatus(201).withBody("{}").withFixedDelay(1500));
        Instant start = Instant.now();
        TektonStatus.write(client, "tekton.dev/v1", "ci", name(run), "True", "Succeeded", "done", start, start.plusSeconds(1));
        awaitPosts("success", 1);

        runs().withName(name(run)).delete();

        await().during(Duration.ofMillis(2500)).atMost(BOUND).until(() -> posts("success").size() == 1);
        assertThat(posts("error")).isEmpty();
    }

    @Test
    void serverErrorsThenCreated_postsSuccessOnce_andWritesTheLedgerOnce() {
        GenericKubernetesResource run = push();
        awaitPosts("pending", 1);
        String path = FakeGitHub.API_PATH + "/repos/acme/api/statuses/" + sha;
        github.stubFor(post(urlPathEqualTo(path)).withRequestBody(matchingJsonPath("$.state", equalTo("success")))
                .inScenario("flaky").whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(500))
                .willSetStateTo("second"));
        github.stubFor(post(urlPathEqualTo(path)).withRequestBody(matchingJsonPath("$.state", equalTo("success")))
                .inScenario("flaky").whenScenarioStateIs("second").willReturn(aResponse().withStatus(500))
                .willSetStateTo("healthy"));
        github.stubFor(post(urlPathEqualTo(path)).withRequestBody(matchingJsonPath("$.state", equalTo("success")))
                .inScenario("flaky").whenScenarioStateIs("healthy").willReturn(aResponse().withStatus(201).withBody("{}")));
        String versionBefore = client.genericKubernetesResources("tekton.dev/v1", "PipelineRun").inNamespace("ci")
                .withName(name(run)).get().getMetadata().getResourceVersion();

        Instant start = Instant.now();
        TektonStatus.write(client, "tekton.dev/v1", "ci", name(run), "True", "Succeeded", "done", start, start.plusSeconds(1));

        awaitPosts("success", 3);
        await().atMost(BOUND).until(() -> "success".equals(ledger(run)));
        assertThat(versionBefore).isNotNull();
        assertStaysAt(1, 3);
    }

    @Test
    void ratelimited403_waitsForTheReset() {
        GenericKubernetesResource run = push();
        awaitPosts("pending", 1);
        long reset = Instant.now().plusSeconds(2).getEpochSecond();
        String path = FakeGitHub.API_PATH + "/repos/acme/api/statuses/" + sha;
        github.stubFor(post(urlPathEqualTo(path)).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(403).withHeader("X-RateLimit-Remaining", "0")
                        .withHeader("X-RateLimit-Reset", String.valueOf(reset))
                        .withBody("{\"message\":\"API rate limit exceeded\"}"))
                .willSetStateTo("reset"));
        github.stubFor(post(urlPathEqualTo(path)).inScenario("limited").whenScenarioStateIs("reset")
                .willReturn(aResponse().withStatus(201).withBody("{}")));

        Instant start = Instant.now();
        TektonStatus.write(client, "tekton.dev/v1", "ci", name(run), "True", "Succeeded", "done", start, start.plusSeconds(1));

        awaitPosts("success", 2);
        List<LoggedRequest> success = posts("success");
        assertThat(success.get(1).getLoggedDate().toInstant()).isAfterOrEqualTo(Instant.ofEpochSecond(reset));
    }

    @Test
    void unprocessable422_isNotRetried_andIsCounted() {
        String path = FakeGitHub.API_PATH + "/repos/acme/api/statuses/" + sha;
        github.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(422)
                .withBody("{\"message\":\"Validation Failed\",\"errors\":[{\"message\":\"No commit found for SHA\"}]}")));
        push();
        awaitPosts("pending", 1);
        await().during(Duration.ofMillis(1500)).atMost(BOUND).until(() -> posts("pending").size() == 1);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern(
                "hookline_status_reports_total\\{[^}]*result=\"rejected\"[^}]*state=\"pending\"[^}]*\\} [1-9]");
    }

    @Test
    void statusesApi_listsWhatTheRunsRecord_includingWhatAnotherReplicaPosted() {
        GenericKubernetesResource run = push();
        awaitPosts("pending", 1);
        await().atMost(BOUND).until(() -> TrackedRun.of(runs().withName(name(run)).get()).statuses().size() == 1);
        // Another replica (a former leader) posted for this run too; this one knows it only from the run.
        TrackedRun recorded = TrackedRun.of(runs().withName(name(run)).get());
        List<TrackedRun.Posted> statuses = new java.util.ArrayList<>(recorded.statuses());
        statuses.add(0, new TrackedRun.Posted("pending", "Posted by another replica", null,
                Instant.parse("2026-11-30T08:00:00Z"), false));
        new PipelineRuns(client).recordReported(recorded, new PipelineRuns.Ledger("pending", null, statuses));

        await().atMost(BOUND).untilAsserted(() -> given().get("/api/statuses").then().statusCode(200)
                .body("findAll { it.sha == '" + sha + "' && it.context == '" + CONTEXT + "' }.description",
                        org.hamcrest.Matchers.contains(
                                "Waiting for Tekton to start the run", "Posted by another replica")));
    }

    @Test
    void runsApi_listsTrackedRunsWithStates() {
        GenericKubernetesResource run = push();
        awaitPosts("pending", 1);
        await().atMost(BOUND).untilAsserted(() -> given().get("/api/runs").then().statusCode(200)
                .body("find { it.name == '" + name(run) + "' }.reported", org.hamcrest.Matchers.equalTo("pending"))
                .body("find { it.name == '" + name(run) + "' }.state", org.hamcrest.Matchers.equalTo("pending"))
                .body("find { it.name == '" + name(run) + "' }.sha", org.hamcrest.Matchers.equalTo(sha)));
    }

    /** Pushes the forced-push fixture with this test's sha; returns the api-image run. */
    private GenericKubernetesResource push() {
        String id = newDeliveryId();
        signed("push", id, payload()).post("/hooks/github").then().statusCode(202);
        return ClusterRuns.ofDelivery(client, id).stream()
                .filter(r -> "api-image".equals(r.getMetadata().getLabels().get("hookline.dev/trigger"))).findFirst()
                .orElseThrow();
    }

    private byte[] payload() {
        try {
            ObjectNode push = (ObjectNode) JSON.readTree(GitHubDeliveries.fixture("push-forced.json"));
            push.put("after", sha);
            ((ObjectNode) push.get("head_commit")).put("id", sha);
            return JSON.writeValueAsBytes(push);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<LoggedRequest> posts(String state) {
        return github.findAll(postRequestedFor(urlPathEqualTo(FakeGitHub.API_PATH + "/repos/acme/api/statuses/" + sha))
                .withRequestBody(matchingJsonPath("$.state", equalTo(state)))
                .withRequestBody(matchingJsonPath("$.context", equalTo(CONTEXT))));
    }

    /** How the fake GitHub answers this commit's statuses of one state from now on. */
    private void answer(String state, ResponseDefinitionBuilder response) {
        github.stubFor(post(urlPathEqualTo(FakeGitHub.API_PATH + "/repos/acme/api/statuses/" + sha))
                .withRequestBody(matchingJsonPath("$.state", equalTo(state))).willReturn(response));
    }

    /** Posts of this state that GitHub answered 201. */
    private long acceptedPosts(String state) {
        return github.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith(FakeGitHub.API_PATH + "/repos/acme/api/statuses/" + sha))
                .filter(e -> e.getRequest().getBodyAsString().contains("\"state\":\"" + state + "\""))
                .filter(e -> e.getResponse().getStatus() == 201)
                .count();
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> runs() {
        return client.genericKubernetesResources("tekton.dev/v1", "PipelineRun").inNamespace("ci");
    }

    private void awaitPosts(String state, int count) {
        await().atMost(BOUND).untilAsserted(() -> assertThat(posts(state)).hasSize(count));
    }

    /** No further post arrives: the counts stay put for a while after the last expected one. */
    private void assertStaysAt(int pending, int success) {
        await().during(Duration.ofSeconds(1)).atMost(BOUND).until(() -> posts("pending").size() == pending
                && posts("success").size() == success);
        github.verify(new CountMatchingStrategy(CountMatchingStrategy.EQUAL_TO, 0), postRequestedFor(
                urlPathEqualTo(FakeGitHub.API_PATH + "/repos/acme/api/statuses/" + sha))
                .withRequestBody(matchingJsonPath("$.state", equalTo("failure"))));
    }

    private String ledger(GenericKubernetesResource run) {
        GenericKubernetesResource fresh = client.genericKubernetesResources("tekton.dev/v1", "PipelineRun").inNamespace("ci")
                .withName(name(run)).get();
        return fresh.getMetadata().getAnnotations().get(TrackedRun.ANNOTATION_REPORTED);
    }

    private static GenericKubernetesResource taskRun(String pipelineRun) {
        GenericKubernetesResource taskRun = new GenericKubernetesResource();
        taskRun.setApiVersion("tekton.dev/v1");
        taskRun.setKind("TaskRun");
        taskRun.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(pipelineRun + "-build-push")
                .withNamespace("ci")
                .withLabels(Map.of("tekton.dev/pipelineRun", pipelineRun, "tekton.dev/pipelineTask", "build-push"))
                .build());
        taskRun.setAdditionalProperty("status", Map.of("conditions",
                List.of(Map.of("type", "Succeeded", "status", "False", "reason", "Failed"))));
        return taskRun;
    }

    private static String name(GenericKubernetesResource run) {
        return run.getMetadata().getName();
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
