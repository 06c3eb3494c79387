package dev.hookline.tekton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.hookline.status.CredentialMasks;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * The failed step's last log lines, found from the run's TaskRuns (v1) or its embedded status (v1beta1 on classic
 * clusters) and read from its container's log, bounded; off by default, and never an exception. The service's own
 * {@link StepLogs} runs with the default setting; one with log lines on is built on the same client.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
class StepLogsTest {

    private static final String NAMESPACE = "ci";
    private static final int LINES = 5;
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @Inject
    KubernetesClient client;

    @Inject
    RunTasks tasks;

    /** The service's, with {@code hookline.checks.log-lines} as it defaults. */
    @Inject
    StepLogs byDefault;

    @KubernetesTestServer
    KubernetesServer server;

    private StepLogs on;

    @BeforeEach
    void setUp() throws InterruptedException {
        on = new StepLogs(client, tasks, LINES);
        requests();
    }

    @Test
    void v1Run_readsTheFailedStepsLastLines_fromItsContainer_boundedInLinesAndBytes() throws InterruptedException {
        String run = run("tekton.dev/v1", "False", Map.of());
        String pod = "pod-" + run;
        FailedSteps.taskRun(client, "tekton.dev/v1", NAMESPACE, run, "unit-tests", pod, "test");
        // The mock ignores tailLines and answers 8 lines: only the last 5 may come back.
        FailedSteps.serveLog(server.getKubernetesMockServer(), NAMESPACE, pod, "step-test", LINES, FailedSteps.LEAKY_LOG);
        requests();

        StepLog log = on.failedStep(tracked("tekton.dev/v1", run)).orElseThrow();

        assertThat(log.task()).isEqualTo("unit-tests");
        assertThat(log.step()).isEqualTo("test");
        // Raw: masking is for whoever shows them.
        assertThat(log.lines()).containsExactly("using ghp_abcdefghijklmnopqrstuvwxyz0123456789", "-----BEGIN PRIVATE KEY-----",
                "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC",
                "-----END PRIVATE KEY-----", "FAILED: 3 tests, 1 failure");
        assertThat(requests()).filteredOn(path -> path.contains("/log?"))
                .containsExactly(FailedSteps.logPath(NAMESPACE, pod, "step-test", LINES));
    }

    @Test
    void maskedLines_hideTheTokenAndTheKey() {
        List<String> masked = CredentialMasks.maskLines(List.of(FailedSteps.LEAKY_LOG.split("\n")));
        assertThat(String.join("\n", masked)).contains("using ***", "-----BEGIN PRIVATE KEY-----\n***\n-----END")
                .doesNotContain("ghp_abc", "MIIEvQ");
    }

    @Test
    void v1beta1ClassicRun_findsThePodAndContainer_inItsEmbeddedStatus() throws InterruptedException {
        Map<String, Object> failed = new LinkedHashMap<>(FailedSteps.status("classic-pod", "compile", T0));
        // Tekton names the container in status.steps[].container; the step's own name may differ from it.
        failed.put("steps", List.of(Map.of("name", "compile", "container", "step-compile-0", "terminated",
                Map.of("exitCode", 1, "reason", "Error"))));
        failed.put("pipelineTaskName", "build");
        Map<String, Object> embedded = Map.of("r-build", Map.of("pipelineTaskName", "build", "status", failed));
        String run = run("tekton.dev/v1beta1", "False", Map.of("taskRuns", embedded));
        FailedSteps.serveLog(server.getKubernetesMockServer(), NAMESPACE, "classic-pod", "step-compile-0", LINES,
                "error: cannot find symbol\n");
        requests();

        StepLog log = on.failedStep(tracked("tekton.dev/v1beta1", run)).orElseThrow();

        assertThat(log).isEqualTo(new StepLog("build", "compile", List.of("error: cannot find symbol")));
        assertThat(requests()).noneMatch(path -> path.contains("/taskruns"))
                .contains(FailedSteps.logPath(NAMESPACE, "classic-pod", "step-compile-0", LINES));
    }

    @Test
    void offByDefault_makesNoCallAtAll() throws InterruptedException {
        TrackedRun tracked = withFailedTask("False");
        requests();

        assertThat(byDefault.enabled()).isFalse();
        assertThat(byDefault.failedStep(tracked)).isEmpty();
        assertThat(requests()).isEmpty();
        // The run's page reads its table anyway; the log stays unread.
        TaskTable table = tasks.table(tracked);
        assertThat(table.failedStep()).isPresent();
        assertThat(byDefault.of(tracked, table)).isEmpty();
        assertThat(requests()).noneMatch(path -> path.contains("/log?"));
    }

    @Test
    void runThatDidNotFail_readsNoLog() throws InterruptedException {
        TrackedRun tracked = withFailedTask("Unknown");
        requests();

        assertThat(on.failedStep(tracked)).isEmpty();
        assertThat(requests()).isEmpty();
    }

    /** 403: the Role lacks get on pods/log (the component is not installed); 404: the pod was deleted since. */
    @ParameterizedTest
    @CsvSource({"403, Forbidden", "404, NotFound"})
    void logTheClusterCannotGive_isNoLines_notAnException(int code, String reason) {
        TrackedRun tracked = withFailedTask("False");
        // An expectation: without one, the CRUD mock answers a log path with a list of every object it stores.
        FailedSteps.refuseLog(server.getKubernetesMockServer(), NAMESPACE, "pod-" + tracked.name(), "step-test", LINES,
                code, reason);

        assertThat(on.failedStep(tracked)).isEmpty();
        // A second time too: the 403's WARN is logged once per namespace, the answer stays the same.
        assertThat(on.failedStep(tracked)).isEmpty();
    }

    @Test
    void logCutAtItsByteBound_dropsThePartialLine_andSaysSo() {
        String huge = "a".repeat(StepLogs.MAX_BYTES - 20) + "\nstill whole\npartial li";
        assertThat(StepLogs.tail("one\ntwo\nthree\n", 2)).containsExactly("two", "three");
        assertThat(StepLogs.tail(huge, 3)).hasSize(3).endsWith("still whole",
                "[hookline: the log was cut at 1,048,576 bytes; its later lines are not shown]");
        assertThat(StepLogs.tail("", 3)).isEmpty();
    }

    @Test
    void logLinesOutOfRange_stopTheServiceAtStart() {
        assertThatThrownBy(() -> new StepLogs(client, tasks, -1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("hookline.checks.log-lines (HOOKLINE_CHECKS_LOG_LINES) is -1");
        assertThatThrownBy(() -> new StepLogs(client, tasks, 1001)).hasMessageContaining("up to 1000");
        assertThat(new StepLogs(client, tasks, 1000).enabled()).isTrue();
    }

    /** The paths the mock API server received since the last call, but the service's Lease renewals. */
    private List<String> requests() throws InterruptedException {
        List<String> paths = new ArrayList<>();
        RecordedRequest request;
        while ((request = server.getKubernetesMockServer().takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
            if (!request.getPath().contains("/leases/")) {
                paths.add(request.getPath());
            }
        }
        return paths;
    }

    /** A PipelineRun with Hookline's annotations and a {@code Succeeded} condition of {@code status}. */
    private String run(String apiVersion, String status, Map<String, Object> more) {
        String name = "logs-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> full = new LinkedHashMap<>(more);
        full.put("conditions", List.of(Map.of("type", "Succeeded", "status", status, "reason",
                "False".equals(status) ? "Failed" : "Running")));
        ClusterRuns.create(client, apiVersion, NAMESPACE, name, full);
        return name;
    }

    /** A v1 run in condition {@code status} whose unit-tests task failed in its step test, on pod {@code pod-<run>}. */
    private TrackedRun withFailedTask(String status) {
        String run = run("tekton.dev/v1", status, Map.of());
        FailedSteps.taskRun(client, "tekton.dev/v1", NAMESPACE, run, "unit-tests", "pod-" + run, "test");
        return tracked("tekton.dev/v1", run);
    }

    private TrackedRun tracked(String apiVersion, String name) {
        return TrackedRun.of(client.genericKubernetesResources(apiVersion, "PipelineRun").inNamespace(NAMESPACE)
                .withName(name).get());
    }
}
