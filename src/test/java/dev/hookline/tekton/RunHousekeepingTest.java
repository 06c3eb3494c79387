package dev.hookline.tekton;

import static dev.hookline.webhook.GitHubDeliveries.fixture;
import static dev.hookline.webhook.GitHubDeliveries.newDeliveryId;
import static dev.hookline.webhook.GitHubDeliveries.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.hookline.status.TektonStatus;
import dev.hookline.trigger.RunPlanner;
import dev.hookline.trigger.Trigger;
import dev.hookline.trigger.TriggersFileParser;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * What follows a new run of {@code api-image} ({@code cancel-in-progress: true}, {@code keep-runs: 3}): older running
 * runs on the same branch are cancelled, and finished runs beyond the newest three are deleted once their final state
 * is reported.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
class RunHousekeepingTest {

    private static final Duration BOUND = Duration.ofSeconds(10);
    /** A namespace no trigger of the service uses: no informer watches it, so its ledgers are this test's to write. */
    private static final String UNWATCHED = "ci-unwatched";
    private static final Trigger KEEP_ONE = TriggersFileParser.parse("triggers.yaml", """
            triggers:
              - name: keep-one
                repository: acme/api
                namespace: %s
                pipeline: build
                keep-runs: 1
            """.formatted(UNWATCHED)).get(0);

    @Inject
    KubernetesClient client;

    @KubernetesTestServer
    KubernetesServer server;

    /** The service's own: the ledger read against the commit state each run maps to. */
    @Inject
    ReportLedger ledger;

    @TestHTTPResource("/hooks/github")
    URI webhook;

    @BeforeEach
    void noEarlierRunsOfApiImage() {
        // Other test classes share the mock cluster and push to main too.
        runs("tekton.dev/v1", "ci").withLabel(RunLabels.TRIGGER, "api-image").delete();
        runs("tekton.dev/v1", UNWATCHED).delete();
    }

    @Test
    void newerPushOnTheSameBranch_cancelsTheOlderRunningRun_namingItsSuccessor() {
        String finished = deliver("refs/heads/main", "1111111111111111111111111111111111111111");
        markFinished(finished, "True");
        String older = deliver("refs/heads/main", "2222222222222222222222222222222222222222");
        String otherBranch = deliver("refs/heads/release/1.0", "3333333333333333333333333333333333333333");

        String newer = deliver("refs/heads/main", "4444444444444444444444444444444444444444");

        // Housekeeping runs after the webhook answered.
        await().atMost(BOUND).untilAsserted(() -> {
            assertThat(spec(older)).containsEntry("status", "Cancelled");
            assertThat(annotations(older)).containsEntry(RunLabels.ANNOTATION_SUPERSEDED_BY, newer);
        });
        for (String untouched : List.of(finished, otherBranch, newer)) {
            assertThat(spec(untouched)).as(untouched).doesNotContainKey("status");
            assertThat(annotations(untouched)).as(untouched).doesNotContainKey(RunLabels.ANNOTATION_SUPERSEDED_BY);
        }
    }

    @Test
    void concurrentPushesOnOneBranch_neverCancelEveryRun() throws Exception {
        List<HttpRequest> pushes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            pushes.add(ConcurrentDeliveries.push(webhook, newDeliveryId(),
                    payload("refs/heads/main", String.format("%040x", 0xabc000 + i))));
        }

        List<HttpResponse<String>> answers = ConcurrentDeliveries.sendAtOnce(pushes);

        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202));
        // Once housekeeping has caught up, at most one run of the branch is still uncancelled.
        await().atMost(BOUND).until(() -> runs("tekton.dev/v1", "ci").withLabel(RunLabels.TRIGGER, "api-image").list()
                .getItems().stream().filter(r -> r.<Map<String, Object>>get("spec").get("status") == null).count() == 1);
        List<GenericKubernetesResource> runs = runs("tekton.dev/v1", "ci").withLabel(RunLabels.TRIGGER, "api-image")
                .list().getItems();
        assertThat(runs).hasSize(8);
        // Whatever the interleaving, a cancelled run leads, through its successors, to one that still builds.
        Map<String, GenericKubernetesResource> byName = runs.stream()
                .collect(Collectors.toMap(r -> r.getMetadata().getName(), r -> r));
        for (GenericKubernetesResource run : runs) {
            List<String> chain = new ArrayList<>(List.of(run.getMetadata().getName()));
            GenericKubernetesResource last = run;
            while (last.<Map<String, Object>>get("spec").get("status") != null) {
                String successor = last.getMetadata().getAnnotations().get(RunLabels.ANNOTATION_SUPERSEDED_BY);
                assertThat(chain).as("runs that cancelled each other").doesNotContain(successor);
                chain.add(successor);
                last = byName.get(successor);
            }
        }
    }

    @Test
    void passThatFindsANewerRunOfItsBranch_cancelsItsOwnRun() {
        Trigger cancelling = TriggersFileParser.parse("triggers.yaml", """
                triggers:
                  - name: cancel-own
                    repository: acme/api
                    namespace: %s
                    pipeline: build
                    cancel-in-progress: true
                """.formatted(UNWATCHED)).get(0);
        Instant asked = Instant.now();
        // Two pushes handled concurrently: the one asked for first is created last, after the other's pass has run.
        String newer = launchAt(cancelling, asked.plusMillis(1));
        String older = launchAt(cancelling, asked);

        GenericKubernetesResource olderRun = runs("tekton.dev/v1", UNWATCHED).withName(older).get();
        assertThat(olderRun.<Map<String, Object>>get("spec")).containsEntry("status", "Cancelled");
        assertThat(olderRun.getMetadata().getAnnotations()).containsEntry(RunLabels.ANNOTATION_SUPERSEDED_BY, newer);
        assertThat(runs("tekton.dev/v1", UNWATCHED).withName(newer).get().<Map<String, Object>>get("spec"))
                .doesNotContainKey("status");
    }

    @Test
    void cancellationThatMeetsAConflict_isWrittenOnTheRunReadAgain() {
        Trigger cancelling = TriggersFileParser.parse("triggers.yaml", """
                triggers:
                  - name: cancel-conflict
                    repository: acme/api
                    namespace: %s
                    pipeline: build
                    cancel-in-progress: true
                """.formatted(UNWATCHED)).get(0);
        Instant asked = Instant.now();
        String older = launchAt(cancelling, asked);
        // Tekton or the reporter wrote the run between the cancellation's read and its write: the API server says 409.
        server.expect().patch().withPath("/apis/tekton.dev/v1/namespaces/" + UNWATCHED + "/pipelineruns/" + older)
                .andReturn(409, new StatusBuilder().withCode(409).withReason("Conflict")
                        .withMessage("the object has been modified; please apply your changes to the latest version")
                        .build())
                .once();

        String newer = launchAt(cancelling, asked.plusMillis(1));

        GenericKubernetesResource olderRun = runs("tekton.dev/v1", UNWATCHED).withName(older).get();
        assertThat(olderRun.<Map<String, Object>>get("spec")).containsEntry("status", "Cancelled");
        assertThat(olderRun.getMetadata().getAnnotations()).containsEntry(RunLabels.ANNOTATION_SUPERSEDED_BY, newer);
    }

    @Test
    void runsCreatedInOneSecond_areOrderedByWhenTheyWereAskedFor_notByName() {
        Trigger cancelling = TriggersFileParser.parse("triggers.yaml", """
                triggers:
                  - name: cancel-older
                    repository: acme/api
                    namespace: %s
                    pipeline: build
                    cancel-in-progress: true
                """.formatted(UNWATCHED)).get(0);
        Instant second = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> launched = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            launched.add(launchAt(cancelling, second.plusMillis(100 * i)));
        }

        // Whatever their names, the last asked for is the one left running, and each cancelled run names it.
        String last = launched.get(launched.size() - 1);
        assertThat(runs("tekton.dev/v1", UNWATCHED).withName(last).get().<Map<String, Object>>get("spec"))
                .doesNotContainKey("status");
        for (String earlier : launched.subList(0, launched.size() - 1)) {
            GenericKubernetesResource run = runs("tekton.dev/v1", UNWATCHED).withName(earlier).get();
            assertThat(run.<Map<String, Object>>get("spec")).as(earlier).containsEntry("status", "Cancelled");
        }
    }

    @Test
    void newRun_prunesFinishedRunsBeyondTheNewestThree_andKeepsRunningOnes() {
        // Release branches, so that cancel-in-progress stays out of it.
        String running = deliver("refs/heads/release/1", "1111111111111111111111111111111111111111");
        String oldest = deliver("refs/heads/release/2", "2222222222222222222222222222222222222222");
        String older = deliver("refs/heads/release/3", "3333333333333333333333333333333333333333");
        List<String> newest = List.of(deliver("refs/heads/release/4", "4444444444444444444444444444444444444444"),
                deliver("refs/heads/release/5", "5555555555555555555555555555555555555555"),
                deliver("refs/heads/release/6", "6666666666666666666666666666666666666666"));
        for (String finished : List.of(oldest, older, newest.get(0), newest.get(1), newest.get(2))) {
            markFinished(finished, finished.equals(older) ? "False" : "True");
        }
        // The service's reporter (dry run in tests) posts each final state and records it in the run's ledger.
        for (String finished : List.of(oldest, older)) {
            await().atMost(BOUND).untilAsserted(() -> assertThat(annotations(finished))
                    .containsEntry(TrackedRun.ANNOTATION_REPORTED, finished.equals(older) ? "failure" : "success"));
        }

        String created = deliver("refs/heads/main", "7777777777777777777777777777777777777777");

        await().atMost(BOUND).untilAsserted(() -> assertThat(names()).containsExactlyInAnyOrder(running, newest.get(0),
                newest.get(1), newest.get(2), created));
    }

    @Test
    void finishedRunNotYetReported_survivesPruning_andGoesWithTheNextPassOnceItsLedgerHoldsTheFinalState() {
        PipelineRunLauncher launcher = launcherAt(Clock.systemUTC());
        String reported = launch(launcher);
        String unreported = launch(launcher);
        String newest = launch(launcher);
        Instant ended = Instant.now();
        finish(reported, "False", "Cancelled", ended);
        recordReported(reported, "error");
        finish(unreported, "False", "Failed", ended);
        // Reported while it ran; its failure is not posted yet.
        recordReported(unreported, "pending");
        finish(newest, "True", "Succeeded", ended);
        recordReported(newest, "success");

        String next = launch(launcher);

        // keep-runs: 1 keeps the newest finished run; of the two beyond it, only the reported one goes.
        assertThat(unwatchedNames()).containsExactlyInAnyOrder(unreported, newest, next);

        recordReported(unreported, "failure");
        String after = launch(launcher);

        assertThat(unwatchedNames()).containsExactlyInAnyOrder(newest, next, after);
    }

    @Test
    void runReportedAfterItsTriggersLastPush_isPrunedByTheSweep_withoutAnotherPush() {
        PipelineRunLauncher launcher = launcherAt(Clock.systemUTC());
        String older = launch(launcher);
        String newer = launch(launcher);
        Instant ended = Instant.now();
        finish(older, "True", "Succeeded", ended);
        finish(newer, "True", "Succeeded", ended);
        // Both reported after the last push, whose pass found nothing finished to prune.
        recordReported(older, "success");
        recordReported(newer, "success");
        assertThat(unwatchedNames()).containsExactlyInAnyOrder(older, newer);

        new RunHousekeeping(client, ledger, Clock.systemUTC(), Runnable::run).sweep(List.of(KEEP_ONE));

        assertThat(unwatchedNames()).containsExactly(newer);
    }

    @Test
    void finishedRunWhoseFinalStateIsNeverReported_isPrunedAnywayOnceItEndedLongerAgoThanTheGrace() {
        Instant ended = Instant.parse("2026-11-26T10:00:00Z");
        PipelineRunLauncher launcher = launcherAt(Clock.systemUTC());
        String refused = launch(launcher);
        String newest = launch(launcher);
        finish(refused, "True", "Succeeded", ended);
        // GitHub refused its success for good (422): the ledger keeps the pending state posted before.
        recordReported(refused, "pending");
        finish(newest, "True", "Succeeded", ended);
        recordReported(newest, "success");

        String next = launch(launcherAt(Clock.fixed(ended.plus(RunHousekeeping.REPORT_GRACE).minusSeconds(1),
                ZoneOffset.UTC)));

        assertThat(unwatchedNames()).containsExactlyInAnyOrder(refused, newest, next);

        String after = launch(launcherAt(Clock.fixed(ended.plus(RunHousekeeping.REPORT_GRACE), ZoneOffset.UTC)));

        assertThat(unwatchedNames()).containsExactlyInAnyOrder(newest, next, after);
    }

    /** A launcher whose housekeeping is done before {@code launch} returns, at the given time. */
    private PipelineRunLauncher launcherAt(Clock clock) {
        return new PipelineRunLauncher(client, new RunHousekeeping(client, ledger, clock, Runnable::run), clock);
    }

    /** Launches a run of the trigger for a new delivery of the push to main, as asked for at that time. */
    private String launchAt(Trigger trigger, Instant asked) {
        return launcherAt(Clock.fixed(asked, ZoneOffset.UTC)).launch(RunPlanner.plan(trigger,
                PipelineRunGoldenTest.push("push-existing-branch.json"), newDeliveryId())).run().name();
    }

    /** Launches a run of {@code keep-one} for a new delivery and returns its name. */
    private static String launch(PipelineRunLauncher launcher) {
        return launcher.launch(RunPlanner.plan(KEEP_ONE, PipelineRunGoldenTest.push("push-existing-branch.json"),
                newDeliveryId())).run().name();
    }

    private void finish(String name, String status, String reason, Instant ended) {
        TektonStatus.write(client, "tekton.dev/v1", UNWATCHED, name, status, reason, reason, ended.minusSeconds(60), ended);
    }

    /** Writes the ledger as the reporter does after GitHub accepted {@code state}. */
    private void recordReported(String name, String state) {
        TrackedRun run = TrackedRun.of(runs("tekton.dev/v1", UNWATCHED).withName(name).get());
        assertThat(new PipelineRuns(client).recordReported(run, new PipelineRuns.Ledger(state, null, List.of()))).isTrue();
    }

    private List<String> unwatchedNames() {
        return runs("tekton.dev/v1", UNWATCHED).list().getItems().stream().map(r -> r.getMetadata().getName()).toList();
    }

    /** Sends a push of api-image's repository and returns the name of the api-image run it created. */
    private String deliver(String ref, String sha) {
        return signed("push", newDeliveryId(), payload(ref, sha)).post("/hooks/github").then().statusCode(202)
                .extract().jsonPath().getString("runs.find { it.trigger == 'api-image' }.name");
    }

    /** The push to main of the fixture, moved to another ref and commit. */
    private static byte[] payload(String ref, String sha) {
        return fixture("push-existing-branch.json", p -> {
            p.put("ref", ref);
            p.put("after", sha);
            ((ObjectNode) p.get("head_commit")).put("id", sha);
        });
    }

    /** Writes the condition Tekton writes when a run ends, through the status subresource. */
    private void markFinished(String name, String succeeded) {
        // Without a resourceVersion, so that the reporter's ledger patch on the same run cannot make it conflict.
        Map<String, Object> status = Map.of("conditions", List.of(Map.of("type", "Succeeded", "status", succeeded,
                "reason", succeeded.equals("True") ? "Succeeded" : "Failed")));
        runs("tekton.dev/v1", "ci").withName(name).subresource("status").patch(PatchContext.of(PatchType.JSON),
                client.getKubernetesSerialization().asJson(List.of(Map.of("op", "add", "path", "/status", "value", status))));
        assertThat(RunHousekeeping.finished(runs("tekton.dev/v1", "ci").withName(name).get())).isTrue();
    }

    private List<String> names() {
        return runs("tekton.dev/v1", "ci").withLabel(RunLabels.TRIGGER, "api-image").list().getItems().stream()
                .map(r -> r.getMetadata().getName()).toList();
    }

    private Map<String, Object> spec(String name) {
        return runs("tekton.dev/v1", "ci").withName(name).get().get("spec");
    }

    private Map<String, String> annotations(String name) {
        return runs("tekton.dev/v1", "ci").withName(name).get().getMetadata().getAnnotations();
    }

    private NonNamespaceOperation<GenericKubernetesResource, io.fabric8.kubernetes.api.model.GenericKubernetesResourceList, Resource<GenericKubernetesResource>> runs(
            String apiVersion, String namespace) {
        return client.genericKubernetesResources(apiVersion, "PipelineRun").inNamespace(namespace);
    }
}
