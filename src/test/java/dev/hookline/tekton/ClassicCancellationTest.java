package dev.hookline.tekton;

import static dev.hookline.webhook.GitHubDeliveries.newDeliveryId;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.hookline.status.TektonStatus;
import dev.hookline.trigger.RunPlanner;
import dev.hookline.trigger.Trigger;
import dev.hookline.trigger.TriggersFileParser;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * Cancel-in-progress and keep-runs on classic clusters, whose Tekton refuses one of the two {@code spec.status} values
 * depending on its version: each test has its own mock cluster behind a {@link TektonAdmission} of one era. The
 * service's own mock server is declared only so that the application starts as it does for the other tests.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
class ClassicCancellationTest {

    private static final String NAMESPACE = "ci-classic";
    private static final Trigger CANCELLING = classic("classic-cancel", "cancel-in-progress: true");
    private static final Trigger CANCELLING_AND_KEEPING_ONE = classic("classic-keep-one",
            "cancel-in-progress: true\n    keep-runs: 1");
    private static final Trigger KEEPING_ONE = classic("classic-prune", "keep-runs: 1");

    private final Instant asked = Instant.now();
    private TektonAdmission.Server cluster;
    private KubernetesClient client;

    @AfterEach
    void stopCluster() {
        client.close();
        cluster.server().destroy();
    }

    @Test
    void classicRunOnATektonThatRefusesPipelineRunCancelled_isCancelledWithCancelled() {
        start(TektonAdmission.Era.CURRENT);
        RunHousekeeping housekeeping = housekeeping();
        String older = launch(housekeeping, CANCELLING, 0);

        String newer = launch(housekeeping, CANCELLING, 1);

        assertThat(spec(older)).containsEntry("status", "Cancelled");
        assertThat(annotations(older)).containsEntry(RunLabels.ANNOTATION_SUPERSEDED_BY, newer);
        assertThat(spec(newer)).doesNotContainKey("status");
    }

    @Test
    void classicRunOnATektonThatRefusesCancelled_isCancelledWithPipelineRunCancelled_whichLaterPassesTryFirst() {
        start(TektonAdmission.Era.CLASSIC);
        RunHousekeeping housekeeping = housekeeping();
        String first = launch(housekeeping, CANCELLING, 0);
        String second = launch(housekeeping, CANCELLING, 1);

        String third = launch(housekeeping, CANCELLING, 2);

        assertThat(spec(first)).containsEntry("status", "PipelineRunCancelled");
        assertThat(annotations(first)).containsEntry(RunLabels.ANNOTATION_SUPERSEDED_BY, second);
        assertThat(spec(second)).containsEntry("status", "PipelineRunCancelled");
        assertThat(annotations(second)).containsEntry(RunLabels.ANNOTATION_SUPERSEDED_BY, third);
        // Cancelled was tried once, for the first; the namespace's answer was remembered for the second.
        assertThat(cluster.refusals()).isEqualTo(1);
    }

    @Test
    void oneRunsFailedCancel_neitherStopsTheCancelOfTheOthers_norPruning() {
        start(TektonAdmission.Era.CURRENT);
        String oldestFinished = launch(seeding(), CANCELLING_AND_KEEPING_ONE, 0);
        String newestFinished = launch(seeding(), CANCELLING_AND_KEEPING_ONE, 1);
        finish(oldestFinished);
        finish(newestFinished);
        String failing = launch(seeding(), CANCELLING_AND_KEEPING_ONE, 2);
        String running = launch(seeding(), CANCELLING_AND_KEEPING_ONE, 3);
        // The client's retry meets the same answer.
        cluster.server().expect().patch().withPath(path(failing))
                .andReturn(500, new StatusBuilder().withStatus("Failure").withCode(500).withReason("InternalError")
                        .withMessage("etcdserver: request timed out").build())
                .always();

        String newest = launch(housekeeping(), CANCELLING_AND_KEEPING_ONE, 4);

        assertThat(spec(failing)).doesNotContainKey("status");
        assertThat(spec(running)).containsEntry("status", "Cancelled");
        assertThat(annotations(running)).containsEntry(RunLabels.ANNOTATION_SUPERSEDED_BY, newest);
        assertThat(names()).containsExactlyInAnyOrder(newestFinished, failing, running, newest);
    }

    @Test
    void oneRunsFailedDeletion_leavesTheOtherRunsBeyondKeepRunsPruned() {
        start(TektonAdmission.Era.CURRENT);
        String oldest = launch(seeding(), KEEPING_ONE, 0);
        String failing = launch(seeding(), KEEPING_ONE, 1);
        String kept = launch(seeding(), KEEPING_ONE, 2);
        for (String name : new String[]{oldest, failing, kept}) {
            finish(name);
        }
        // Pruning goes newest first: the failing deletion comes before the oldest run's.
        cluster.server().expect().delete().withPath(path(failing))
                .andReturn(500, new StatusBuilder().withStatus("Failure").withCode(500).withReason("InternalError")
                        .withMessage("etcdserver: request timed out").build())
                .always();

        String newest = launch(housekeeping(), KEEPING_ONE, 3);

        assertThat(names()).containsExactlyInAnyOrder(failing, kept, newest);
    }

    private void start(TektonAdmission.Era era) {
        cluster = TektonAdmission.start(era);
        // The retries of application.properties.
        client = cluster.server().createClient(b -> b.editOrNewConfig().withRequestRetryBackoffLimit(1)
                .withRequestRetryBackoffInterval(200).endConfig());
    }

    /** Housekeeping done before {@code launch} returns; every final state counts as reported. */
    private RunHousekeeping housekeeping() {
        return new RunHousekeeping(client, run -> true, Clock.systemUTC(), Runnable::run);
    }

    /** Housekeeping that never runs: for the runs that exist before the push under test. */
    private RunHousekeeping seeding() {
        return new RunHousekeeping(client, run -> true, Clock.systemUTC(), pass -> {
        });
    }

    /** Launches a run of the trigger for a new delivery of the push to main, asked for {@code order} ms after the first. */
    private String launch(RunHousekeeping housekeeping, Trigger trigger, int order) {
        Clock clock = Clock.fixed(asked.plusMillis(order), ZoneOffset.UTC);
        return new PipelineRunLauncher(client, housekeeping, clock).launch(RunPlanner.plan(trigger,
                PipelineRunGoldenTest.push("push-existing-branch.json"), newDeliveryId())).run().name();
    }

    private void finish(String name) {
        TektonStatus.write(client, "tekton.dev/v1beta1", NAMESPACE, name, "True", "Succeeded", "Tasks Completed: 1",
                asked, asked.plusSeconds(60));
    }

    private static Trigger classic(String name, String housekeeping) {
        return TriggersFileParser.parse("triggers.yaml", """
                triggers:
                  - name: %s
                    repository: acme/api
                    api: v1beta1-resources
                    namespace: %s
                    pipeline: build
                    resources: { git: source }
                    %s
                """.formatted(name, NAMESPACE, housekeeping)).get(0);
    }

    private static String path(String name) {
        return "/apis/tekton.dev/v1beta1/namespaces/" + NAMESPACE + "/pipelineruns/" + name;
    }

    private java.util.List<String> names() {
        return client.genericKubernetesResources("tekton.dev/v1beta1", "PipelineRun").inNamespace(NAMESPACE).list()
                .getItems().stream().map(r -> r.getMetadata().getName()).toList();
    }

    private Map<String, Object> spec(String name) {
        return run(name).get("spec");
    }

    private Map<String, String> annotations(String name) {
        return run(name).getMetadata().getAnnotations();
    }

    private GenericKubernetesResource run(String name) {
        return client.genericKubernetesResources("tekton.dev/v1beta1", "PipelineRun").inNamespace(NAMESPACE).withName(name)
                .get();
    }
}
