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
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;

import dev.hookline.github.CommitState;
import dev.hookline.github.CommitStatus;
import dev.hookline.github.FakeGitHub;
import dev.hookline.github.GitHubClient;
import dev.hookline.github.InjectGitHub;
import dev.hookline.github.PostResult;
import dev.hookline.github.StatusLookup;
import dev.hookline.local.StaleMetadataWriter;
import dev.hookline.tekton.ClusterRuns;
import dev.hookline.tekton.PipelineRuns;
import dev.hookline.tekton.RunInformers;
import dev.hookline.tekton.RunLabels;
import dev.hookline.tekton.StaleTekton;
import dev.hookline.tekton.TektonCrds;
import dev.hookline.tekton.TrackedRun;
import dev.hookline.trigger.TriggerRules;
import dev.hookline.webhook.GitHubDeliveries;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * Reporters started and stopped by hand against one cluster and one GitHub, as replicas and restarts would: the
 * service's own reporter is off here, so every post comes from the replicas of the test.
 */
@QuarkusTest
@TestProfile(ReporterReplicasTest.OwnReporterOff.class)
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
@WithTestResource(FakeGitHub.class)
class ReporterReplicasTest {

    public static class OwnReporterOff implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hookline.status.enabled", "false");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BOUND = Duration.ofSeconds(20);

    @InjectGitHub
    WireMockServer github;

    @Inject
    KubernetesClient client;

    @Inject
    GitHubClient gitHubClient;

    @Inject
    TriggerRules rules;

    private final List<Replica> replicas = new ArrayList<>();
    private String sha;
    private String lease;

    record Replica(RunInformers informers, Leadership leadership, StatusReporter reporter) {

        void stop() {
            leadership.stop();
            informers.stop();
            reporter.shutdown();
        }
    }

    @BeforeEach
    void setUp() {
        github.resetAll();
        github.stubFor(post(urlPathMatching(FakeGitHub.API_PATH + "/repos/acme/api/statuses/.*"))
                .willReturn(aResponse().withStatus(201).withBody("{}")));
        byte[] bytes = new byte[20];
        ThreadLocalRandom.current().nextBytes(bytes);
        sha = HexFormat.of().formatHex(bytes);
        lease = "lease-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void stopReplicas() {
        replicas.forEach(Replica::stop);
    }

    @Test
    void restart_reportsTheFinalStateOnce_withoutRepostingPending() {
        Replica first = start("first");
        GenericKubernetesResource run = push();
        await().atMost(BOUND).untilAsserted(() -> assertThat(posts("pending")).hasSize(1));
        first.stop();
        replicas.remove(first);

        // While no reporter runs, the run finishes.
        Instant start = Instant.now();
        TektonStatus.write(client, "tekton.dev/v1", "ci", run.getMetadata().getName(), "True", "Succeeded", "done", start,
                start.plusSeconds(42));

        start("second");
        await().atMost(BOUND).untilAsserted(() -> assertThat(posts("success")).hasSize(1));
        await().during(Duration.ofSeconds(1)).atMost(BOUND)
                .until(() -> posts("pending").size() == 1 && posts("success").size() == 1);
    }

    @Test
    void twoReplicas_postEachStateOnce() {
        Replica a = start("replica-a");
        Replica b = start("replica-b");
        await().atMost(BOUND).until(() -> a.leadership().getAsBoolean() || b.leadership().getAsBoolean());
        GenericKubernetesResource run = push();
        await().atMost(BOUND).untilAsserted(() -> assertThat(posts("pending")).hasSize(1));

        Instant start = Instant.now();
        TektonStatus.running(client, "ci", run.getMetadata().getName(), start, 1, 2);
        TektonStatus.write(client, "tekton.dev/v1", "ci", run.getMetadata().getName(), "False", "Failed",
                "Tasks Completed: 2 (Failed: 1, Cancelled 0), Skipped: 1", start, start.plusSeconds(7));

        await().atMost(BOUND).untilAsserted(() -> assertThat(posts("failure")).hasSize(1));
        await().during(Duration.ofSeconds(1)).atMost(BOUND)
                .until(() -> posts("pending").size() == 1 && posts("failure").size() == 1);
        assertThat(a.leadership().getAsBoolean() ^ b.leadership().getAsBoolean()).as("exactly one leader").isTrue();
    }

    @Test
    void statusesPostedByTheLeader_areReadByTheFollower_andByAReplicaStartedLater() {
        Replica a = start("replica-a");
        Replica b = start("replica-b");
        await().atMost(BOUND).until(() -> a.leadership().getAsBoolean() || b.leadership().getAsBoolean());
        Replica follower = a.leadership().getAsBoolean() ? b : a;
        String name = push().getMetadata().getName();
        Instant start = Instant.now();
        TektonStatus.write(client, "tekton.dev/v1", "ci", name, "False", "Failed",
                "Tasks Completed: 2 (Failed: 1, Cancelled 0), Skipped: 1", start, start.plusSeconds(7));
        await().atMost(BOUND).untilAsserted(() -> assertThat(posts("failure")).hasSize(1));

        // What the page and GET /api/statuses read: the run as each replica's informer has it.
        await().atMost(BOUND).untilAsserted(() -> assertThat(statesOf(follower, name)).containsExactly("pending", "failure"));
        Replica later = start("replica-c");
        await().atMost(BOUND).untilAsserted(() -> assertThat(statesOf(later, name)).containsExactly("pending", "failure"));
        TrackedRun.Posted failure = tracked(later, name).statuses().get(1);
        assertThat(failure.description()).isEqualTo("Failed: 1 of 3 tasks failed");
        assertThat(failure.at()).isAfterOrEqualTo(start.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    @Test
    void tektonWritingBackAnOlderCopy_merged_postsEachStateOnce_andTheLedgerIsRestored() {
        // Tekton v0.45 and later: the older copy's values win, keys added since stay.
        try (StaleTekton tekton = new StaleTekton(client, "tekton.dev/v1", "ci", StaleMetadataWriter.Merge.UNION, 3,
                Duration.ofMillis(150))) {
            start("only");
            String name = push().getMetadata().getName();
            await().atMost(BOUND).untilAsserted(() -> assertThat(posts("pending")).hasSize(1));
            Instant start = Instant.now();
            TektonStatus.running(client, "ci", name, start, 1, 2);
            TektonStatus.write(client, "tekton.dev/v1", "ci", name, "True", "Succeeded", "done", start,
                    start.plusSeconds(9));

            await().atMost(BOUND).untilAsserted(() -> assertThat(posts("success")).hasSize(1));
            // Undone at least twice (a write-back that meets a conflict is dropped, as Tekton drops it), yet restored.
            await().atMost(BOUND).until(() -> tekton.writeBacks(name) >= 2 && "success".equals(ledger(name)));
            await().during(Duration.ofSeconds(1)).atMost(BOUND)
                    .until(() -> posts("pending").size() == 1 && posts("success").size() == 1);
        }
    }

    @Test
    void tektonWritingBackAnOlderCopy_wholesale_postsEachStateOnce_andTheLedgerIsRestored() {
        // Tekton v0.27: the older copy's maps as they were; the ledger key disappears when it was added since.
        try (StaleTekton tekton = new StaleTekton(client, "tekton.dev/v1", "ci", StaleMetadataWriter.Merge.WHOLESALE, 4,
                Duration.ofMillis(150))) {
            start("only");
            String name = push().getMetadata().getName();
            await().atMost(BOUND).untilAsserted(() -> assertThat(posts("pending")).hasSize(1));
            await().atMost(BOUND).until(() -> tekton.writeBacks(name) >= 2 && "pending".equals(ledger(name)));
            Instant start = Instant.now();
            TektonStatus.write(client, "tekton.dev/v1", "ci", name, "False", "Failed",
                    "Tasks Completed: 2 (Failed: 1, Cancelled 0), Skipped: 1", start, start.plusSeconds(7));

            await().atMost(BOUND).untilAsserted(() -> assertThat(posts("failure")).hasSize(1));
            await().atMost(BOUND).until(() -> tekton.writeBacks(name) >= 3 && "failure".equals(ledger(name)));
            await().during(Duration.ofSeconds(1)).atMost(BOUND)
                    .until(() -> posts("pending").size() == 1 && posts("failure").size() == 1);
        }
    }

    @Test
    void restartWhileTektonHasUndoneTheLedger_adoptsWhatGitHubShows_insteadOfPostingAgain() {
        try (StaleTekton tekton = new StaleTekton(client, "tekton.dev/v1", "ci", StaleMetadataWriter.Merge.UNION, 1,
                Duration.ofMillis(150))) {
            // So slow to write the ledger back that it is stopped before it does.
            Replica first = start("first", Duration.ofSeconds(60));
            String name = push().getMetadata().getName();
            await().atMost(BOUND).untilAsserted(() -> assertThat(posts("pending")).hasSize(1));
            Instant start = Instant.now();
            TektonStatus.write(client, "tekton.dev/v1", "ci", name, "True", "Succeeded", "done", start,
                    start.plusSeconds(3));
            await().atMost(BOUND).untilAsserted(() -> assertThat(posts("success")).hasSize(1));
            await().atMost(BOUND).until(() -> tekton.writeBacks(name) == 1 && "pending".equals(ledger(name)));
            first.stop();
            replicas.remove(first);

            start("second");

            await().atMost(BOUND).until(() -> "success".equals(ledger(name)));
            await().during(Duration.ofSeconds(1)).atMost(BOUND)
                    .until(() -> posts("pending").size() == 1 && posts("success").size() == 1);
        }
    }

    @Test
    void leaderThatDiesBetweenGitHubsAnswerAndItsLedger_isNotRepeatedByTheNextLeader() {
        AtomicReference<Replica> dying = new AtomicReference<>();
        Poster github = Poster.of(gitHubClient);
        Poster diesAfterSuccess = new Poster() {

            @Override
            public PostResult post(CommitStatus status, Long installationId) {
                PostResult result = github.post(status, installationId);
                if (status.state() == CommitState.SUCCESS && result.accepted()) {
                    // Gone before the ledger is written: the lease is released, nothing is recorded.
                    dying.get().leadership().stop();
                    return new PostResult.RetryLater(null, "this replica died");
                }
                return result;
            }

            @Override
            public StatusLookup shown(CommitStatus status, Long installationId) {
                return github.shown(status, installationId);
            }
        };
        Replica first = start("first", Duration.ofMillis(200), diesAfterSuccess);
        dying.set(first);
        await().atMost(BOUND).until(() -> first.leadership().getAsBoolean());
        Replica second = start("second");
        String name = push().getMetadata().getName();
        await().atMost(BOUND).untilAsserted(() -> assertThat(posts("pending")).hasSize(1));
        Instant start = Instant.now();
        TektonStatus.write(client, "tekton.dev/v1", "ci", name, "True", "Succeeded", "done", start, start.plusSeconds(4));

        await().atMost(BOUND).untilAsserted(() -> assertThat(posts("success")).hasSize(1));
        await().atMost(BOUND).until(() -> second.leadership().getAsBoolean() && "success".equals(ledger(name)));
        await().during(Duration.ofSeconds(1)).atMost(BOUND).until(() -> posts("success").size() == 1);
    }

    @Test
    void supersededByDroppedByAWholesaleWriteBack_isStillNamed_andPutBack() {
        // Tekton v0.27 undoes the cancel's annotation; the cancellation itself, in spec, stays.
        try (StaleTekton tekton = new StaleTekton(client, "tekton.dev/v1", "ci", StaleMetadataWriter.Merge.WHOLESALE, 1,
                Duration.ofMillis(150), Set.of(RunLabels.ANNOTATION_SUPERSEDED_BY))) {
            start("only");
            String name = push().getMetadata().getName();
            await().atMost(BOUND).untilAsserted(() -> assertThat(posts("pending")).hasSize(1));
            client.genericKubernetesResources("tekton.dev/v1", "PipelineRun").inNamespace("ci").withName(name)
                    .patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"add\",\"path\":\"/metadata/annotations/"
                            + "hookline.dev~1superseded-by\",\"value\":\"api-image-newer\"},"
                            + "{\"op\":\"add\",\"path\":\"/spec/status\",\"value\":\"Cancelled\"}]");
            await().atMost(BOUND).until(() -> tekton.writeBacks(name) == 1 && supersededBy(name) == null);
            Instant start = Instant.now();
            TektonStatus.write(client, "tekton.dev/v1", "ci", name, "False", "Cancelled",
                    "PipelineRun \"" + name + "\" was cancelled", start, start.plusSeconds(2));

            await().atMost(BOUND).untilAsserted(() -> assertThat(posts("error")).hasSize(1));
            assertThat(posts("error").get(0).getBodyAsString())
                    .contains("\"description\":\"Cancelled: superseded by api-image-newer\"");
            await().atMost(BOUND).until(() -> "api-image-newer".equals(supersededBy(name)) && "error".equals(ledger(name)));
        }
    }

    private Replica start(String identity) {
        return start(identity, Duration.ofMillis(200));
    }

    private Replica start(String identity, Duration initialBackoff) {
        return start(identity, initialBackoff, Poster.of(gitHubClient));
    }

    private Replica start(String identity, Duration initialBackoff, Poster poster) {
        RunInformers informers = new RunInformers(client, () -> StatusReporting.watched(rules), Duration.ofMinutes(5));
        StatusReporter[] reporter = new StatusReporter[1];
        Leadership leadership = new Leadership(client, "hookline", lease, identity,
                () -> reporter[0].leadershipGained(informers.tracked()));
        PipelineRuns runs = new PipelineRuns(client);
        ReportedStates known = new ReportedStates();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CommitStatusChannel statuses = new CommitStatusChannel(runs, new ReportPoster(poster, Optional.empty(), registry),
                known, Clock.systemUTC(), registry, run -> true);
        reporter[0] = new StatusReporter(runs, List.of(statuses), leadership, known, registry, 6000, 2, initialBackoff,
                initialBackoff.multipliedBy(10));
        informers.addListener(run -> reporter[0].changed(run, informers.watchedFromCreation(run)));
        informers.addDeleteListener(reporter[0]::deleted);
        informers.ensureStarted();
        leadership.start();
        Replica replica = new Replica(informers, leadership, reporter[0]);
        replicas.add(replica);
        return replica;
    }

    private GenericKubernetesResource push() {
        String id = newDeliveryId();
        try {
            ObjectNode push = (ObjectNode) JSON.readTree(GitHubDeliveries.fixture("push-forced.json"));
            push.put("after", sha);
            ((ObjectNode) push.get("head_commit")).put("id", sha);
            signed("push", id, JSON.writeValueAsBytes(push)).post("/hooks/github").then().statusCode(202);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ClusterRuns.ofDelivery(client, id).stream()
                .filter(r -> "api-image".equals(r.getMetadata().getLabels().get("hookline.dev/trigger"))).findFirst()
                .orElseThrow();
    }

    private static TrackedRun tracked(Replica replica, String name) {
        return replica.informers().tracked().stream().filter(run -> run.name().equals(name)).findFirst().orElse(null);
    }

    private static List<String> statesOf(Replica replica, String name) {
        TrackedRun run = tracked(replica, name);
        return run == null ? List.of() : run.statuses().stream().map(TrackedRun.Posted::state).toList();
    }

    private String supersededBy(String name) {
        GenericKubernetesResource run = client.genericKubernetesResources("tekton.dev/v1", "PipelineRun").inNamespace("ci")
                .withName(name).get();
        return run.getMetadata().getAnnotations().get(RunLabels.ANNOTATION_SUPERSEDED_BY);
    }

    private String ledger(String name) {
        GenericKubernetesResource run = client.genericKubernetesResources("tekton.dev/v1", "PipelineRun").inNamespace("ci")
                .withName(name).get();
        return run.getMetadata().getAnnotations().get(TrackedRun.ANNOTATION_REPORTED);
    }

    private List<com.github.tomakehurst.wiremock.verification.LoggedRequest> posts(String state) {
        return github.findAll(postRequestedFor(urlPathEqualTo(FakeGitHub.API_PATH + "/repos/acme/api/statuses/" + sha))
                .withRequestBody(matchingJsonPath("$.state", equalTo(state)))
                .withRequestBody(matchingJsonPath("$.context", equalTo("hookline/api-image"))));
    }
}
