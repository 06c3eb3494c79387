package dev.hookline.status;

import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
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

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import dev.hookline.config.ReportMode;
import dev.hookline.github.CheckRuns;
import dev.hookline.github.CheckRunsStandIn;
import dev.hookline.github.FakeGitHub;
import dev.hookline.github.InjectGitHub;
import dev.hookline.local.StaleMetadataWriter;
import dev.hookline.tekton.PipelineRuns;
import dev.hookline.tekton.RunInformers;
import dev.hookline.tekton.RunTasks;
import dev.hookline.tekton.StaleTekton;
import dev.hookline.tekton.TektonCrds;
import dev.hookline.tekton.TrackedRun;
import dev.hookline.trigger.TriggerRules;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * Check runs written by reporters started and stopped by hand, as replicas, restarts and leader changes would, against
 * one cluster and a stateful stand-in of GitHub's check runs: one check run per run, each state sent once.
 */
@QuarkusTest
@TestProfile(ReporterReplicasTest.OwnReporterOff.class)
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
@WithTestResource(FakeGitHub.class)
class CheckReplicasTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final String CONTEXT = "hookline/api-image";

    @InjectGitHub
    WireMockServer github;

    @Inject
    KubernetesClient client;

    @Inject
    CheckRuns checkRuns;

    @Inject
    TriggerRules rules;

    private final List<Replica> replicas = new ArrayList<>();
    private CheckRunsStandIn checks;
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
        FakeGitHub.acceptingStatuses(github, "ghs_installation-token");
        checks = FakeGitHub.checkRuns();
        checks.reset();
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
    void leaderChange_leavesOneCheckRun_eachStateSentOnce() {
        Replica a = start("replica-a");
        Replica b = start("replica-b");
        await().atMost(BOUND).until(() -> a.leadership().getAsBoolean() || b.leadership().getAsBoolean());
        Replica leader = a.leadership().getAsBoolean() ? a : b;
        String name = push();
        await().atMost(BOUND).until(() -> "queued".equals(status()));
        await().atMost(BOUND).until(() -> ledgerOf(name).id() != null);

        leader.stop();
        replicas.remove(leader);
        Replica next = leader == a ? b : a;
        await().atMost(BOUND).until(() -> next.leadership().getAsBoolean());
        Instant start = Instant.now();
        TektonStatus.running(client, "ci", name, start, 0, 2);
        await().atMost(BOUND).until(() -> "in_progress".equals(status()));
        TektonStatus.write(client, "tekton.dev/v1", "ci", name, "True", "Succeeded", "done", start, start.plusSeconds(9));

        await().atMost(BOUND).until(() -> "completed".equals(status()));
        await().during(Duration.ofSeconds(1)).atMost(BOUND).until(() -> named().size() == 1 && creates() == 1
                && updates("in_progress") == 1 && updates("success") == 1);
    }

    @Test
    void leaderThatDiesBetweenGitHubsCreateAndItsLedger_isAdoptedByTheNextLeader_notCreatedAgain() {
        Replica first = start("first");
        await().atMost(BOUND).until(() -> first.leadership().getAsBoolean());
        Replica second = start("second");
        checks.loseNextCreateAnswer();
        String name = push();
        // GitHub has the check run; the leader never learnt its id, and dies.
        await().atMost(BOUND).until(() -> named().size() == 1);
        first.stop();
        replicas.remove(first);
        assertThat(ledgerOf(name).id()).isNull();

        await().atMost(BOUND).until(() -> second.leadership().getAsBoolean());
        Instant start = Instant.now();
        TektonStatus.write(client, "tekton.dev/v1", "ci", name, "False", "Failed", "it failed", start,
                start.plusSeconds(4));
        await().atMost(BOUND).until(() -> "completed".equals(status()));
        long id = named().get(0).path("id").asLong();
        await().atMost(BOUND).until(() -> ledgerOf(name).equals(new TrackedRun.Check(id, "completed:failure")));
        await().during(Duration.ofSeconds(1)).atMost(BOUND).until(() -> named().size() == 1 && creates() == 1);
    }

    @Test
    void tektonWritingBackAnOlderCopy_undoesTheCheckLedger_whichIsRestored_andNothingIsSentTwice() {
        try (StaleTekton tekton = new StaleTekton(client, "tekton.dev/v1", "ci", StaleMetadataWriter.Merge.WHOLESALE, 3,
                Duration.ofMillis(150), Set.of(TrackedRun.ANNOTATION_CHECK_RUN, TrackedRun.ANNOTATION_CHECK_STATE))) {
            start("only");
            String name = push();
            await().atMost(BOUND).until(() -> "queued".equals(status()));
            await().atMost(BOUND).until(() -> tekton.writeBacks(name) >= 1);
            Instant start = Instant.now();
            TektonStatus.running(client, "ci", name, start, 1, 1);
            TektonStatus.write(client, "tekton.dev/v1", "ci", name, "True", "Succeeded", "done", start,
                    start.plusSeconds(9));

            await().atMost(BOUND).until(() -> "completed".equals(status()));
            long id = named().get(0).path("id").asLong();
            await().atMost(BOUND).until(() -> ledgerOf(name).equals(new TrackedRun.Check(id, "completed:success")));
            await().during(Duration.ofSeconds(1)).atMost(BOUND)
                    .until(() -> named().size() == 1 && creates() == 1 && updates("success") == 1);
        }
    }

    private Replica start(String identity) {
        RunInformers informers = new RunInformers(client, () -> StatusReporting.watched(rules), Duration.ofMinutes(5));
        StatusReporter[] reporter = new StatusReporter[1];
        Leadership leadership = new Leadership(client, "hookline", lease, identity,
                () -> reporter[0].leadershipGained(informers.tracked()));
        PipelineRuns runs = new PipelineRuns(client);
        ReportedStates known = new ReportedStates();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ReportRoutes routes = new ReportRoutes(ReportMode.CHECKS, false);
        CheckRunChannel channel = new CheckRunChannel(runs, checkRuns, known,
                new CheckRunOutputs(runs, new RunTasks(client), run -> List.of(), Optional.empty(), Clock.systemUTC()),
                registry, routes::checks, run -> {
                });
        reporter[0] = new StatusReporter(runs, List.of(channel), leadership, known, registry, 6000, 2,
                Duration.ofMillis(200), Duration.ofSeconds(2));
        informers.addListener(run -> reporter[0].changed(run, informers.watchedFromCreation(run)));
        informers.addDeleteListener(reporter[0]::deleted);
        informers.ensureStarted();
        leadership.start();
        Replica replica = new Replica(informers, leadership, reporter[0]);
        replicas.add(replica);
        return replica;
    }

    private String push() {
        return AppPushes.push(client, sha);
    }

    private List<JsonNode> named() {
        return checks.checkRuns(sha).stream().filter(r -> CONTEXT.equals(r.path("name").asText())).toList();
    }

    private String status() {
        List<JsonNode> runs = named();
        return runs.size() == 1 ? runs.get(0).path("status").asText() : null;
    }

    private long creates() {
        return github.findAll(postRequestedFor(urlPathMatching(FakeGitHub.API_PATH + "/repos/acme/api/check-runs")))
                .stream().filter(r -> r.getBodyAsString().contains(sha))
                .filter(r -> r.getBodyAsString().contains("\"name\":\"" + CONTEXT + "\"")).count();
    }

    /** Updates of this commit's check run that asked for {@code state}: a status or a conclusion. */
    private long updates(String state) {
        long id = named().get(0).path("id").asLong();
        return github.findAll(patchRequestedFor(urlPathMatching(FakeGitHub.API_PATH + "/repos/acme/api/check-runs/" + id)))
                .stream().filter(r -> r.getBodyAsString().contains("\"status\":\"" + state + "\"")
                        || r.getBodyAsString().contains("\"conclusion\":\"" + state + "\""))
                .count();
    }

    private TrackedRun.Check ledgerOf(String name) {
        GenericKubernetesResource run = client.genericKubernetesResources("tekton.dev/v1", "PipelineRun").inNamespace("ci")
                .withName(name).get();
        Map<String, String> annotations = run.getMetadata().getAnnotations();
        String id = annotations.get(TrackedRun.ANNOTATION_CHECK_RUN);
        return new TrackedRun.Check(id == null ? null : Long.valueOf(id), annotations.get(TrackedRun.ANNOTATION_CHECK_STATE));
    }
}
