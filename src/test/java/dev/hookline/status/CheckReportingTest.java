package dev.hookline.status;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import dev.hookline.github.CheckRunsStandIn;
import dev.hookline.github.FakeGitHub;
import dev.hookline.github.InjectGitHub;
import dev.hookline.tekton.RunLabels;
import dev.hookline.tekton.TektonCrds;
import dev.hookline.tekton.TrackedRun;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * Runs created through the webhook by an App installation's push, status written as Tekton writes it, check runs
 * arriving at a stateful stand-in of GitHub's check runs API: one check run per run, each state once, in GitHub's shapes.
 */
@QuarkusTest
@TestProfile(CheckReportingTest.Checks.class)
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
@WithTestResource(FakeGitHub.class)
class CheckReportingTest {

    public static class Checks implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hookline.github.report", "checks", "hookline.github.target-url-template",
                    "https://tekton.example.com/#/namespaces/{namespace}/pipelineruns/{name}");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTEXT = "hookline/api-image";
    private static final Duration BOUND = Duration.ofSeconds(10);

    @InjectGitHub
    WireMockServer github;

    @Inject
    KubernetesClient client;

    @Inject
    MeterRegistry registry;

    CheckRunsStandIn checks;
    String sha;

    @BeforeEach
    void freshCommit() {
        FakeGitHub.acceptingStatuses(github, "ghs_installation-token");
        checks = FakeGitHub.checkRuns();
        checks.reset();
        sha = HexFormat.of().formatHex(randomBytes(20));
    }

    @Test
    void success_oneCheckRun_queuedThenInProgressThenCompleted_withTheRunsUidAndNoStatus() {
        GenericKubernetesResource run = push();
        JsonNode queued = awaitCheckRun("queued", null);
        assertThat(queued.path("external_id").asText()).isEqualTo(run.getMetadata().getUid());
        assertThat(queued.path("details_url").asText()).endsWith("/pipelineruns/" + name(run));
        assertThat(queued.path("actions").get(0).path("identifier").asText()).isEqualTo("cancel");

        // Tekton writes times to the second, and so does GitHub.
        Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        TektonStatus.running(client, "ci", name(run), start, 0, 2);
        JsonNode running = awaitCheckRun("in_progress", null);
        assertThat(running.path("started_at").asText()).isEqualTo(start.toString());
        TektonStatus.write(client, "tekton.dev/v1", "ci", name(run), "True", "Succeeded", "done", start,
                start.plusSeconds(42));

        JsonNode done = awaitCheckRun("completed", "success");
        assertThat(done.path("output").path("title").asText()).isEqualTo("Succeeded in 42s");
        assertThat(done.path("completed_at").asText()).isEqualTo(start.plusSeconds(42).toString());
        assertThat(done.path("actions")).isEmpty();
        await().atMost(BOUND).until(() -> {
            TrackedRun tracked = TrackedRun.of(fetch(run));
            return tracked.check().equals(new TrackedRun.Check(done.path("id").asLong(), "completed:success"));
        });
        // Each state once: one create, then one update per later state; no commit status in checks mode.
        await().during(Duration.ofSeconds(1)).atMost(BOUND).until(() -> creates() == 1 && updates() == 2);
        assertThat(github.findAll(postRequestedFor(urlPathMatching(".*/statuses/" + sha)))).isEmpty();
        // Timed by its check run, since it gets no status.
        assertThat(registry.find("hookline.run.duration").tags("trigger", "api-image", "outcome", "success").timer())
                .isNotNull().satisfies(timer -> assertThat(timer.count()).isPositive());
    }

    @ParameterizedTest
    @CsvSource({
            "False, Failed, failure",
            "False, PipelineRunTimeout, timed_out",
            "False, Cancelled, cancelled",
    })
    void eachEnding_hasItsConclusion(String status, String reason, String conclusion) {
        GenericKubernetesResource run = push();
        awaitCheckRun("queued", null);
        Instant start = Instant.now();
        TektonStatus.write(client, "tekton.dev/v1", "ci", name(run), status, reason, "it ended", start,
                start.plusSeconds(5));
        awaitCheckRun("completed", conclusion);
        await().during(Duration.ofMillis(500)).atMost(BOUND).until(() -> creates() == 1);
    }

    @Test
    void runDeletedBeforeItFinished_isNeutral_sayingSo() {
        GenericKubernetesResource run = push();
        awaitCheckRun("queued", null);
        client.genericKubernetesResources("tekton.dev/v1", "PipelineRun").inNamespace("ci").withName(name(run)).delete();
        JsonNode done = awaitCheckRun("completed", "neutral");
        assertThat(done.path("output").path("title").asText()).isEqualTo("Deleted before it finished");
    }

    @Test
    void taskTable_updatesAsTasksFinish() {
        GenericKubernetesResource run = push();
        awaitCheckRun("queued", null);
        Instant start = Instant.now().minusSeconds(30);
        taskRun(run, "fetch", "True", "Succeeded", start, start.plusSeconds(12));
        taskRun(run, "build", "Unknown", "Running", start.plusSeconds(12), null);
        TektonStatus.running(client, "ci", name(run), start, 1, 1);
        await().atMost(BOUND).untilAsserted(() -> assertThat(checkRun().path("output").path("summary").asText())
                .contains("| fetch | succeeded | 12s |").contains("| build | running |"));

        taskRun(run, "build", "False", "Failed", start.plusSeconds(12), start.plusSeconds(20));
        TektonStatus.write(client, "tekton.dev/v1", "ci", name(run), "False", "Failed",
                "Tasks Completed: 2 (Failed: 1, Cancelled 0), Skipped: 0", start, start.plusSeconds(20));
        JsonNode done = awaitCheckRun("completed", "failure");
        assertThat(done.path("output").path("title").asText()).isEqualTo("Failed: task build");
        assertThat(done.path("output").path("summary").asText()).contains("| build | failed | 8s |");
        // Log lines are off by default: no text, and no pods/log read.
        assertThat(done.path("output").has("text")).isFalse();
    }

    @Test
    void createWhoseAnswerWasLost_isFoundAndAdopted_neverCreatedTwice() {
        checks.loseNextCreateAnswer();
        GenericKubernetesResource run = push();
        await().atMost(BOUND).until(() -> named().size() == 1);
        Instant start = Instant.now();
        TektonStatus.write(client, "tekton.dev/v1", "ci", name(run), "True", "Succeeded", "done", start,
                start.plusSeconds(3));
        awaitCheckRun("completed", "success");
        await().during(Duration.ofSeconds(1)).atMost(BOUND).until(() -> named().size() == 1);
        assertThat(creates()).isEqualTo(1);
    }

    @Test
    void secondaryLimit_pausesThenDeliversTheStateOnce() {
        // An installation of its own: what its lane learns from the refusal slows no other test's.
        GenericKubernetesResource run = client.genericKubernetesResources("tekton.dev/v1", "PipelineRun").inNamespace("ci")
                .withName(AppPushes.push(client, sha, 4242)).get();
        awaitCheckRun("queued", null);
        github.stubFor(patch(urlPathMatching(FakeGitHub.API_PATH + "/repos/acme/api/check-runs/\\d+"))
                .inScenario("limit").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("passed")
                .willReturn(aResponse().withStatus(403).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes "
                                + "before you try again.\"}")));
        Instant limited = Instant.now();
        Instant start = Instant.now();
        TektonStatus.write(client, "tekton.dev/v1", "ci", name(run), "True", "Succeeded", "done", start,
                start.plusSeconds(3));
        awaitCheckRun("completed", "success");
        List<Instant> patches = github.findAll(patchRequestedFor(urlPathMatching(".*/check-runs/\\d+"))).stream()
                .map(r -> r.getLoggedDate().toInstant()).filter(at -> !at.isBefore(limited)).toList();
        // Refused once, sent again no sooner than GitHub asked, and then once only.
        assertThat(patches).hasSize(2);
        assertThat(Duration.between(patches.get(0), patches.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        await().during(Duration.ofMillis(500)).atMost(BOUND).until(() -> updates() == 2);
    }

    @Test
    void checkRunRefusedForGood_theRunIsReportedAsCommitStatusesInstead() {
        // An App installed before it asked for "Checks: write": GitHub refuses every check run.
        github.stubFor(post(urlPathMatching(FakeGitHub.API_PATH + "/repos/acme/api/check-runs"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Resource not accessible by integration\"}")));
        GenericKubernetesResource run = push();
        await().atMost(BOUND).until(() -> statuses("pending") == 1);
        Instant start = Instant.now();
        TektonStatus.write(client, "tekton.dev/v1", "ci", name(run), "True", "Succeeded", "done", start,
                start.plusSeconds(3));
        await().atMost(BOUND).until(() -> statuses("success") == 1);
        // The check run is tried once per stage (the permission may have been granted meanwhile), each state posted once.
        await().during(Duration.ofMillis(500)).atMost(BOUND)
                .until(() -> creates() == 2 && statuses("pending") == 1 && statuses("success") == 1);
        assertThat(named()).isEmpty();
    }

    private long statuses(String state) {
        return github.findAll(postRequestedFor(urlPathMatching(FakeGitHub.API_PATH + "/repos/acme/api/statuses/" + sha)))
                .stream().filter(r -> r.getBodyAsString().contains("\"state\":\"" + state + "\""))
                .filter(r -> r.getBodyAsString().contains("\"context\":\"" + CONTEXT + "\"")).count();
    }

    private JsonNode awaitCheckRun(String status, String conclusion) {
        await().atMost(BOUND).untilAsserted(() -> {
            JsonNode run = checkRun();
            assertThat(run.path("status").asText()).isEqualTo(status);
            if (conclusion != null) {
                assertThat(run.path("conclusion").asText()).isEqualTo(conclusion);
            }
        });
        return checkRun();
    }

    /** The one check run of this commit named after the api-image trigger. */
    private JsonNode checkRun() {
        List<JsonNode> runs = named();
        assertThat(runs).hasSize(1);
        return runs.get(0);
    }

    /** This commit's check runs named after the api-image trigger, as GitHub has them. */
    private List<JsonNode> named() {
        return checks.checkRuns(sha).stream().filter(r -> CONTEXT.equals(r.path("name").asText())).toList();
    }

    private long creates() {
        return github.findAll(postRequestedFor(urlPathMatching(FakeGitHub.API_PATH + "/repos/acme/api/check-runs")))
                .stream().filter(r -> r.getBodyAsString().contains("\"head_sha\":\"" + sha + "\""))
                .filter(r -> r.getBodyAsString().contains("\"name\":\"" + CONTEXT + "\"")).count();
    }

    private long updates() {
        long id = checkRun().path("id").asLong();
        return github.findAll(patchRequestedFor(urlPathMatching(FakeGitHub.API_PATH + "/repos/acme/api/check-runs/" + id)))
                .size();
    }

    /** A TaskRun of the run, labelled and with its status as Tekton writes them. */
    private void taskRun(GenericKubernetesResource run, String task, String status, String reason, Instant start,
            Instant completion) {
        GenericKubernetesResource taskRun = new GenericKubernetesResource();
        taskRun.setApiVersion("tekton.dev/v1");
        taskRun.setKind("TaskRun");
        taskRun.setMetadata(new ObjectMetaBuilder().withName(name(run) + "-" + task).withNamespace("ci")
                .withLabels(Map.of(RunLabels.TEKTON_PIPELINE_RUN, name(run), RunLabels.TEKTON_PIPELINE_TASK, task))
                .build());
        if (client.genericKubernetesResources("tekton.dev/v1", "TaskRun").inNamespace("ci")
                .withName(taskRun.getMetadata().getName()).get() == null) {
            client.genericKubernetesResources("tekton.dev/v1", "TaskRun").inNamespace("ci").resource(taskRun).create();
        }
        TektonStatus.write(client, "tekton.dev/v1", "ci", taskRun.getMetadata().getName(), status, reason, reason, start,
                completion, "TaskRun");
    }

    private GenericKubernetesResource fetch(GenericKubernetesResource run) {
        return client.genericKubernetesResources("tekton.dev/v1", "PipelineRun").inNamespace("ci").withName(name(run))
                .get();
    }

    private static String name(GenericKubernetesResource run) {
        return run.getMetadata().getName();
    }

    /** An App installation's push of this test's sha; returns the api-image run. */
    private GenericKubernetesResource push() {
        return client.genericKubernetesResources("tekton.dev/v1", "PipelineRun").inNamespace("ci")
                .withName(AppPushes.push(client, sha)).get();
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
