package dev.hookline.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.hookline.tekton.FailedSteps;
import dev.hookline.tekton.TektonCrds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * With {@code hookline.checks.log-lines} on, a failed run's page and {@code GET /api/runs/{namespace}/{name}/log} show
 * its failed step's last lines, masked; a log the cluster refuses leaves the page as it was without them. (Off, the
 * default, {@link RunTasksPageTest} shows nothing changes.)
 */
@QuarkusTest
@TestProfile(StepLogsPageTest.LogLinesOn.class)
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
class StepLogsPageTest {

    static final int LINES = 5;
    private static final Duration BOUND = Duration.ofSeconds(10);

    public static class LogLinesOn implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hookline.checks.log-lines", String.valueOf(LINES));
        }
    }

    @Inject
    KubernetesClient client;

    @KubernetesTestServer
    KubernetesServer server;

    @Test
    void failedRunsPage_showsTheFailedStepsLastLines_masked() {
        String name = failedRun();
        FailedSteps.serveLog(server.getKubernetesMockServer(), "ci", "pod-" + name, "step-test", LINES,
                FailedSteps.LEAKY_LOG + "\u001B[31mred\u001B[0m <b>bold</b>\n");

        String page = awaitFailedPage(name);
        String log = page.substring(page.indexOf("<section class=\"step-log\">"));
        assertThat(log).contains("Failed step <code>unit-tests</code> / <code>test</code>", "last 5 log lines",
                "-----BEGIN PRIVATE KEY-----\n***\n-----END PRIVATE KEY-----", "FAILED: 3 tests, 1 failure",
                // Colour codes go, markup is escaped.
                "red &lt;b&gt;bold&lt;/b&gt;")
                .doesNotContain("ghp_", "MIIEvQ", "\u001B", "<b>");
        // The part of the page that refreshes reads no log.
        assertThat(given().get("/runs/ci/" + name + "/live").then().statusCode(200).extract().asString())
                .doesNotContain("step-log", "PRIVATE KEY");

        given().get("/api/runs/ci/" + name + "/log").then().statusCode(200)
                .body("task", equalTo("unit-tests"))
                .body("step", equalTo("test"))
                .body("lines", equalTo(List.of("-----BEGIN PRIVATE KEY-----", "***", "-----END PRIVATE KEY-----",
                        "FAILED: 3 tests, 1 failure", "red <b>bold</b>")));
    }

    @Test
    void refusedLog_leavesThePageWithoutLines_andTheApiEmpty() {
        String name = failedRun();
        FailedSteps.refuseLog(server.getKubernetesMockServer(), "ci", "pod-" + name, "step-test", LINES, 403,
                "Forbidden");

        String page = awaitFailedPage(name);
        assertThat(page).contains("data-task=\"unit-tests\"").doesNotContain("step-log");
        given().get("/api/runs/ci/" + name + "/log").then().statusCode(200)
                .body("task", equalTo(null))
                .body("lines", equalTo(List.of()));
    }

    @Test
    void unknownRun_isA404_forItsLog() {
        given().get("/api/runs/ci/no-such-run/log").then().statusCode(404).contentType("application/problem+json")
                .body("title", equalTo("No such run"));
    }

    /** A pushed run whose unit-tests task failed in its step {@code test}, on pod {@code pod-<run>}. */
    private String failedRun() {
        GenericKubernetesResource run = Pushes.push(client, Pushes.hostileRepository("logs"), "refs/heads/main",
                Pushes.randomSha(),
                "any-branch");
        String name = run.getMetadata().getName();
        FailedSteps.taskRun(client, "tekton.dev/v1", "ci", name, "unit-tests", "pod-" + name, "test");
        Map<String, Object> status = Map.of("conditions", List.of(Map.of("type", "Succeeded", "status", "False",
                "reason", "Failed")), "startTime", "2026-11-26T10:00:00Z", "completionTime", "2026-11-26T10:00:30Z");
        client.genericKubernetesResources("tekton.dev/v1", "PipelineRun").inNamespace("ci").withName(name)
                .subresource("status").patch(PatchContext.of(PatchType.JSON), client.getKubernetesSerialization()
                        .asJson(List.of(Map.of("op", "add", "path", "/status", "value", status))));
        return name;
    }

    /** The run's page once the service's informer has seen the run fail. */
    private String awaitFailedPage(String name) {
        String[] page = new String[1];
        await().atMost(BOUND).untilAsserted(() -> {
            page[0] = given().get("/runs/ci/" + name).then().statusCode(200).extract().asString();
            assertThat(page[0]).contains("class=\"pill state-failure\"");
        });
        return page[0];
    }
}
