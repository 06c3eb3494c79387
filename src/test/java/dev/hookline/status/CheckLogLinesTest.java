package dev.hookline.status;

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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import dev.hookline.github.CheckRunsStandIn;
import dev.hookline.github.FakeGitHub;
import dev.hookline.github.InjectGitHub;
import dev.hookline.tekton.FailedSteps;
import dev.hookline.tekton.TektonCrds;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * With {@code hookline.checks.log-lines} on, a failed run's check run carries its failed step's last log lines,
 * credentials masked, in a code block. The kubelet's {@code pods/log} is served by an expectation: the mock server's
 * CRUD mode does not serve it.
 */
@QuarkusTest
@TestProfile(CheckLogLinesTest.ChecksWithLogLines.class)
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
@WithTestResource(FakeGitHub.class)
class CheckLogLinesTest {

    public static class ChecksWithLogLines implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hookline.github.report", "checks", "hookline.checks.log-lines", String.valueOf(LINES));
        }
    }

    private static final int LINES = 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BOUND = Duration.ofSeconds(10);

    @InjectGitHub
    WireMockServer github;

    @Inject
    KubernetesClient client;

    @KubernetesTestServer
    KubernetesServer server;

    CheckRunsStandIn checks;
    String sha;

    @BeforeEach
    void freshCommit() {
        FakeGitHub.acceptingStatuses(github, "ghs_installation-token");
        checks = FakeGitHub.checkRuns();
        checks.reset();
        byte[] bytes = new byte[20];
        ThreadLocalRandom.current().nextBytes(bytes);
        sha = HexFormat.of().formatHex(bytes);
    }

    @Test
    void failedRun_showsTheFailedStepsLastLines_masked() {
        String run = push();
        String pod = "pod-" + run;
        FailedSteps.taskRun(client, "tekton.dev/v1", "ci", run, "unit-tests", pod, "test");
        FailedSteps.serveLog(server.getKubernetesMockServer(), "ci", pod, "step-test", LINES, FailedSteps.LEAKY_LOG);
        Instant start = Instant.now();
        TektonStatus.write(client, "tekton.dev/v1", "ci", run, "False", "Failed",
                "Tasks Completed: 1 (Failed: 1, Cancelled 0), Skipped: 0", start, start.plusSeconds(20));

        await().atMost(BOUND).until(() -> "failure".equals(checkRun().path("conclusion").asText(null)));
        JsonNode output = checkRun().path("output");
        assertThat(output.path("title").asText()).isEqualTo("Failed: task unit-tests");
        assertThat(output.path("text").asText()).startsWith("```\nTask unit-tests, step test, last lines of its log:")
                .contains("FAILED: 3 tests, 1 failure", "using ***", "-----BEGIN PRIVATE KEY-----\n***")
                .doesNotContain("ghp_abcdef", "MIIEvQ").endsWith("```");
    }

    private JsonNode checkRun() {
        List<JsonNode> runs = checks.checkRuns(sha).stream()
                .filter(r -> "hookline/api-image".equals(r.path("name").asText())).toList();
        return runs.isEmpty() ? JSON.createObjectNode() : runs.get(0);
    }

    private String push() {
        return AppPushes.push(client, sha);
    }
}
