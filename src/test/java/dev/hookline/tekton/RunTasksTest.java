package dev.hookline.tekton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.hookline.tekton.TaskSummary.State;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * A run's task table from the shapes real Tekton writes: TaskRuns labelled with their run and pipeline task on v1
 * (and on v1beta1 from v0.45), the embedded {@code status.taskRuns} of classic clusters. Runs here carry Hookline's
 * annotations but not its managed-by label, so no informer or reporter takes them up.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
class RunTasksTest {

    private static final String NAMESPACE = "ci";
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @Inject
    KubernetesClient client;

    @Inject
    RunTasks tasks;

    @KubernetesTestServer
    KubernetesServer server;

    @BeforeEach
    void forgetEarlierRequests() throws InterruptedException {
        while (server.getKubernetesMockServer().takeRequest(100, TimeUnit.MILLISECONDS) != null) {
            // drained: each test looks only at the requests it caused
        }
    }

    @Test
    void v1Run_listsItsTaskRuns_inTheOrderTektonRanThem_withStatesAndDurations() throws InterruptedException {
        String run = newName();
        run("tekton.dev/v1", run, Map.of("childReferences", List.of(child(run, "fetch-source"),
                child(run, "unit-tests"), child(run, "lint"))));
        // Created out of order, so the list's own order proves nothing; unit-tests and lint started together.
        taskRun("tekton.dev/v1", run, "lint", condition("Unknown", "Running"), T0.plusSeconds(12), null);
        taskRun("tekton.dev/v1", run, "unit-tests", condition("False", "Failed"), T0.plusSeconds(12),
                T0.plusSeconds(40));
        taskRun("tekton.dev/v1", run, "fetch-source", condition("True", "Succeeded"), T0, T0.plusSeconds(12));
        // Another run's TaskRun in the same namespace stays out.
        taskRun("tekton.dev/v1", "other-" + run, "fetch-source", condition("True", "Succeeded"), T0, T0.plusSeconds(1));
        forgetEarlierRequests();

        List<TaskSummary> table = tasks.of(tracked("tekton.dev/v1", run));

        assertThat(table).extracting(TaskSummary::pipelineTask, TaskSummary::taskRun, TaskSummary::state)
                .containsExactly(tuple("fetch-source", run + "-fetch-source", State.SUCCEEDED),
                        tuple("unit-tests", run + "-unit-tests", State.FAILED),
                        tuple("lint", run + "-lint", State.RUNNING));
        Instant now = T0.plusSeconds(100);
        assertThat(table).extracting(task -> task.duration(now)).containsExactly(Duration.ofSeconds(12),
                Duration.ofSeconds(28), Duration.ofSeconds(88));
        assertThat(table.get(1).timedOut()).isFalse();
        assertThat(taskRunLists(run)).containsExactly(
                "/apis/tekton.dev/v1/namespaces/ci/taskruns?labelSelector=tekton.dev%2FpipelineRun%3D" + run);
    }

    @Test
    void classicRun_readsItsEmbeddedStatus_withoutListingTaskRuns() throws InterruptedException {
        Map<String, Object> embedded = new LinkedHashMap<>();
        embedded.put("r-build", Map.of("pipelineTaskName", "build", "status", taskStatus(condition("Unknown", "Running"),
                T0.plusSeconds(30), null)));
        embedded.put("r-fetch", Map.of("pipelineTaskName", "fetch", "status", taskStatus(condition("True", "Succeeded"),
                T0, T0.plusSeconds(30))));
        embedded.put("r-queued", Map.of("pipelineTaskName", "publish", "status", Map.of("podName", "")));
        // As v0.44's full embedded status has it; no TaskRun exists at all, so a table can only come from the run.
        String run = run("tekton.dev/v1beta1", newName(), Map.of("taskRuns", embedded));

        List<TaskSummary> table = tasks.of(tracked("tekton.dev/v1beta1", run));

        assertThat(table).extracting(TaskSummary::pipelineTask, TaskSummary::taskRun, TaskSummary::state,
                TaskSummary::started).containsExactly(tuple("fetch", "r-fetch", State.SUCCEEDED, T0),
                        tuple("build", "r-build", State.RUNNING, T0.plusSeconds(30)),
                        tuple("publish", "r-queued", State.PENDING, null));
        assertThat(table.get(2).duration(T0.plusSeconds(60))).isNull();
        assertThat(taskRunLists(run)).isEmpty();
    }

    @Test
    void timedOutAndCancelledTaskRuns_ofAV1beta1Run_areReadUnderV1beta1() throws InterruptedException {
        String run = newName();
        run("tekton.dev/v1beta1", run, Map.of("childReferences", List.of(child(run, "slow"))));
        taskRun("tekton.dev/v1beta1", run, "slow", condition("False", "TaskRunTimeout"), T0, T0.plusSeconds(3600));
        taskRun("tekton.dev/v1beta1", run, "sibling", condition("False", "TaskRunCancelled"), T0.plusSeconds(5),
                T0.plusSeconds(3600));
        forgetEarlierRequests();

        List<TaskSummary> table = tasks.of(tracked("tekton.dev/v1beta1", run));

        assertThat(table).extracting(TaskSummary::pipelineTask, TaskSummary::state, TaskSummary::reason,
                TaskSummary::timedOut).containsExactly(tuple("slow", State.FAILED, "TaskRunTimeout", true),
                        tuple("sibling", State.CANCELLED, "TaskRunCancelled", false));
        assertThat(taskRunLists(run)).containsExactly(
                "/apis/tekton.dev/v1beta1/namespaces/ci/taskruns?labelSelector=tekton.dev%2FpipelineRun%3D" + run);
    }

    @Test
    void skippedTasks_areListedAsSkipped_afterTheTasksThatRan() {
        String run = run("tekton.dev/v1", newName(), Map.of("skippedTasks", List.of(
                Map.of("name", "deploy", "reason", "When Expressions evaluated to false", "whenExpressions",
                        List.of(Map.of("input", "main", "operator", "in", "values", List.of("release")))),
                Map.of("name", "announce", "reason", "Parent Tasks were skipped"))));
        taskRun("tekton.dev/v1", run, "build", condition("True", "Succeeded"), T0, T0.plusSeconds(75));

        assertThat(tasks.of(tracked("tekton.dev/v1", run)))
                .extracting(TaskSummary::pipelineTask, TaskSummary::taskRun, TaskSummary::state, TaskSummary::reason)
                .containsExactly(tuple("build", run + "-build", State.SUCCEEDED, "Succeeded"),
                        tuple("announce", null, State.SKIPPED, "Parent Tasks were skipped"),
                        tuple("deploy", null, State.SKIPPED, "When Expressions evaluated to false"));
    }

    @Test
    void runWithoutTaskRuns_hasNoTasks() {
        String run = run("tekton.dev/v1", newName(), Map.of());
        assertThat(tasks.of(tracked("tekton.dev/v1", run))).isEmpty();
    }

    @Test
    void runGoneSinceItWasTracked_hasNoTasks() {
        String run = run("tekton.dev/v1", newName(), Map.of());
        TrackedRun tracked = tracked("tekton.dev/v1", run);
        client.genericKubernetesResources("tekton.dev/v1", "PipelineRun").inNamespace(NAMESPACE).withName(run).delete();
        assertThat(tasks.of(tracked)).isEmpty();
    }

    @Test
    void taskRunsRefused_isNoTasks_notAnException() {
        String run = run("tekton.dev/v1", newName(), Map.of("skippedTasks", List.of(Map.of("name", "deploy", "reason", "x"))));
        taskRun("tekton.dev/v1", run, "build", condition("True", "Succeeded"), T0, T0.plusSeconds(5));
        server.expect().get()
                .withPath("/apis/tekton.dev/v1/namespaces/ci/taskruns?labelSelector=tekton.dev%2FpipelineRun%3D" + run)
                .andReturn(403, new StatusBuilder().withStatus("Failure").withCode(403).withReason("Forbidden")
                        .withMessage("taskruns.tekton.dev is forbidden").build())
                .always();
        // A skipped task alone would look like the whole table; nothing is shown instead.
        assertThat(tasks.of(tracked("tekton.dev/v1", run))).isEmpty();
    }

    @Test
    void clusterAway_isNoTasks_notAnException() {
        TrackedRun tracked = tracked("tekton.dev/v1", run("tekton.dev/v1", newName(), Map.of()));
        try (KubernetesClient away = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl("http://127.0.0.1:1").withRequestRetryBackoffLimit(0).withConnectionTimeout(500).build())
                .build()) {
            assertThat(new RunTasks(away).of(tracked)).isEmpty();
        }
    }

    /** The calls for the run's TaskRuns the mock API server received since the last drain. */
    private List<String> taskRunLists(String run) throws InterruptedException {
        List<String> paths = new ArrayList<>();
        RecordedRequest request;
        while ((request = server.getKubernetesMockServer().takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
            if ("GET".equals(request.getMethod()) && request.getPath().contains("/taskruns")
                    && request.getPath().contains(run)) {
                paths.add(request.getPath());
            }
        }
        return paths;
    }

    private static String newName() {
        return "tasks-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A PipelineRun with Hookline's annotations, running, with {@code status} besides. */
    private String run(String apiVersion, String name, Map<String, Object> status) {
        Map<String, Object> full = new LinkedHashMap<>(status);
        full.put("conditions", List.of(condition("Unknown", "Running")));
        full.put("startTime", T0.toString());
        ClusterRuns.create(client, apiVersion, NAMESPACE, name, full);
        return name;
    }

    private TrackedRun tracked(String apiVersion, String name) {
        return TrackedRun.of(client.genericKubernetesResources(apiVersion, "PipelineRun").inNamespace(NAMESPACE)
                .withName(name).get());
    }

    /** A TaskRun as Tekton creates one for a pipeline task: named and labelled after its run and task. */
    private void taskRun(String apiVersion, String run, String pipelineTask, Map<String, Object> condition,
            Instant start, Instant completion) {
        GenericKubernetesResource taskRun = new GenericKubernetesResource();
        taskRun.setApiVersion(apiVersion);
        taskRun.setKind("TaskRun");
        taskRun.setMetadata(new ObjectMetaBuilder().withName(run + "-" + pipelineTask).withNamespace(NAMESPACE)
                .withLabels(Map.of("tekton.dev/pipelineRun", run, "tekton.dev/pipelineTask", pipelineTask,
                        "tekton.dev/memberOf", "tasks", "app.kubernetes.io/managed-by", "tekton-pipelines"))
                .build());
        taskRun.setAdditionalProperty("spec", Map.of("taskRef", Map.of("name", pipelineTask, "kind", "Task")));
        taskRun.setAdditionalProperty("status", taskStatus(condition, start, completion));
        client.genericKubernetesResources(apiVersion, "TaskRun").inNamespace(NAMESPACE).resource(taskRun).create();
    }

    private static Map<String, Object> taskStatus(Map<String, Object> condition, Instant start, Instant completion) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("conditions", List.of(condition));
        status.put("podName", "pod-" + UUID.randomUUID());
        status.put("startTime", start.toString());
        if (completion != null) {
            status.put("completionTime", completion.toString());
        }
        return status;
    }

    private static Map<String, Object> condition(String status, String reason) {
        return Map.of("type", "Succeeded", "status", status, "reason", reason, "lastTransitionTime", T0.toString());
    }

    private static Map<String, Object> child(String run, String pipelineTask) {
        return Map.of("apiVersion", "tekton.dev/v1", "kind", "TaskRun", "name", run + "-" + pipelineTask,
                "pipelineTaskName", pipelineTask);
    }
}
