package dev.hookline.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.hookline.tekton.FailedSteps;
import dev.hookline.tekton.TektonCrds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * A run's task table on its page ({@code /runs/{namespace}/{name}}, linked from the status page) and in the API
 * ({@code /api/runs/{namespace}/{name}/tasks}), for a run created through the webhook whose TaskRuns are written as
 * Tekton writes them.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
class RunTasksPageTest {

    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final String HOSTILE = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";
    private static final String ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;";

    @Inject
    KubernetesClient client;

    @Test
    void statusPage_linksEachRunToItsTasks_andTheRunPageShowsThemWithStateAndDuration() {
        String name = runWithTasks();

        await().atMost(BOUND).untilAsserted(() -> assertThat(StatusPageTest.row(
                given().get("/").then().statusCode(200).extract().asString(), "ci/" + name))
                .contains("<a class=\"tasks\" href=\"runs/ci/" + name + "\">tasks</a>"));

        String page = given().get("/runs/ci/" + name).then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'")).extract().asString();
        assertThat(page).contains("<link rel=\"stylesheet\" href=\"../../hookline.css\">",
                "<main id=\"live\" data-src=\"" + name + "/live\" data-period=\"5000\">");
        assertThat(task(page, "fetch-source")).contains("class=\"pill task-succeeded\"", ">succeeded<", ">12s<",
                name + "-fetch-source");
        assertThat(task(page, "unit-tests")).contains("class=\"pill task-failed\"", "timed out", ">1m<");
        assertThat(task(page, "lint")).contains("class=\"pill task-running\"", ">running<");
        assertThat(page.indexOf("data-task=\"fetch-source\"")).isLessThan(page.indexOf("data-task=\"unit-tests\""));
        assertThat(page.indexOf("data-task=\"unit-tests\"")).isLessThan(page.indexOf("data-task=\"lint\""));

        String live = given().get("/runs/ci/" + name + "/live").then().statusCode(200).extract().asString();
        assertThat(live).contains("<table class=\"tasks\">", "data-task=\"fetch-source\"")
                .doesNotContain("<html", "hookline.js");
    }

    @Test
    void tasksApi_listsTheRunsTasks_inOrder_withStatesAndSeconds() {
        String name = runWithTasks();
        await().atMost(BOUND).untilAsserted(() -> given().get("/api/runs/ci/" + name + "/tasks").then().statusCode(200)
                .contentType(containsString("application/json"))
                .body("pipelineTask", equalTo(List.of("fetch-source", "unit-tests", "lint", HOSTILE)))
                .body("[0].state", equalTo("succeeded"))
                .body("[0].taskRun", equalTo(name + "-fetch-source"))
                .body("[0].seconds", equalTo(12))
                .body("[0].started", equalTo("2026-11-26T10:00:00Z"))
                .body("[1].state", equalTo("failed"))
                .body("[1].reason", equalTo("TaskRunTimeout"))
                .body("[1].timedOut", equalTo(true))
                .body("[2].state", equalTo("running"))
                .body("[2].finished", nullValue())
                .body("[3].state", equalTo("skipped"))
                .body("[3].taskRun", nullValue())
                .body("[3].seconds", nullValue()));
    }

    @Test
    void runPage_escapesAHostileTaskName() {
        String name = runWithTasks();
        await().atMost(BOUND).untilAsserted(() -> given().get("/runs/ci/" + name).then().statusCode(200));
        for (String path : new String[]{"/runs/ci/" + name, "/runs/ci/" + name + "/live"}) {
            String html = given().get(path).then().statusCode(200).extract().asString();
            assertThat(html).contains("<tr data-task=\"" + ESCAPED + "\">", "<code>" + ESCAPED + "</code>",
                    "<div class=\"sub\">" + ESCAPED + "</div>")
                    .doesNotContain("<script>alert", "<img src");
        }
    }

    @Test
    void logLinesOff_failedRunsPageShowsNoLog_andReadsNone() {
        GenericKubernetesResource run = Pushes.push(client, Pushes.hostileRepository("off"), "refs/heads/main",
                Pushes.randomSha(),
                "any-branch");
        String name = run.getMetadata().getName();
        // A failed step on a pod: with log lines on, this page would read its log.
        FailedSteps.taskRun(client, "tekton.dev/v1", "ci", name, "unit-tests", "pod-" + name, "test");
        client.genericKubernetesResources("tekton.dev/v1", "PipelineRun").inNamespace("ci").withName(name)
                .subresource("status").patch(PatchContext.of(PatchType.JSON), client.getKubernetesSerialization()
                        .asJson(List.of(Map.of("op", "add", "path", "/status", "value", Map.of("conditions",
                                List.of(Map.of("type", "Succeeded", "status", "False", "reason", "Failed")))))));

        await().atMost(BOUND).untilAsserted(() -> assertThat(given().get("/runs/ci/" + name).then().statusCode(200)
                .extract().asString()).contains("class=\"pill state-failure\"", "data-task=\"unit-tests\"")
                .doesNotContain("step-log", "/log"));
        given().get("/api/runs/ci/" + name + "/log").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("hookline.checks.log-lines is 0"));
    }

    @Test
    void unknownRun_is404_onThePageAndInTheApi() {
        given().get("/api/runs/ci/no-such-run/tasks").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", containsString("no PipelineRun no-such-run in namespace ci"));
        String page = given().get("/runs/ci/no-such-run").then().statusCode(404).contentType(containsString("text/html"))
                .extract().asString();
        assertThat(page).contains("No such run", "<code>no-such-run</code>").doesNotContain("id=\"live\"");
        given().get("/runs/ci/no-such-run/live").then().statusCode(404);
        // A name from the address bar is escaped like any other value.
        assertThat(given().get("/runs/ci/{name}", "<b>x</b>").then().statusCode(404).extract().asString())
                .contains("&lt;b&gt;x&lt;/b&gt;").doesNotContain("<b>x</b>");
    }

    /**
     * A run pushed through the webhook, tracked, with Tekton's status: fetch-source succeeded in 12 s, unit-tests timed
     * out after a minute, lint running, and a skipped task whose name is hostile.
     */
    private String runWithTasks() {
        GenericKubernetesResource run = Pushes.push(client, Pushes.hostileRepository("tasks"), "refs/heads/main",
                Pushes.randomSha(), "any-branch");
        String name = run.getMetadata().getName();
        Instant t0 = Instant.parse("2026-11-26T10:00:00Z");
        taskRun(name, "lint", "Unknown", "Running", t0.plusSeconds(12), null);
        taskRun(name, "unit-tests", "False", "TaskRunTimeout", t0.plusSeconds(12), t0.plusSeconds(72));
        taskRun(name, "fetch-source", "True", "Succeeded", t0, t0.plusSeconds(12));
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("conditions", List.of(Map.of("type", "Succeeded", "status", "Unknown", "reason", "Running")));
        status.put("startTime", t0.toString());
        status.put("childReferences", List.of(child(name, "fetch-source"), child(name, "unit-tests"),
                child(name, "lint")));
        status.put("skippedTasks", List.of(Map.of("name", HOSTILE, "reason", HOSTILE)));
        client.genericKubernetesResources("tekton.dev/v1", "PipelineRun").inNamespace("ci").withName(name)
                .subresource("status").patch(PatchContext.of(PatchType.JSON), client.getKubernetesSerialization()
                        .asJson(List.of(Map.of("op", "add", "path", "/status", "value", status))));
        return name;
    }

    private void taskRun(String run, String pipelineTask, String status, String reason, Instant start,
            Instant completion) {
        GenericKubernetesResource taskRun = new GenericKubernetesResource();
        taskRun.setApiVersion("tekton.dev/v1");
        taskRun.setKind("TaskRun");
        taskRun.setMetadata(new ObjectMetaBuilder().withName(run + "-" + pipelineTask).withNamespace("ci")
                .withLabels(Map.of("tekton.dev/pipelineRun", run, "tekton.dev/pipelineTask", pipelineTask)).build());
        Map<String, Object> taskStatus = new LinkedHashMap<>();
        taskStatus.put("conditions", List.of(Map.of("type", "Succeeded", "status", status, "reason", reason)));
        taskStatus.put("startTime", start.toString());
        if (completion != null) {
            taskStatus.put("completionTime", completion.toString());
        }
        taskRun.setAdditionalProperty("status", taskStatus);
        client.genericKubernetesResources("tekton.dev/v1", "TaskRun").inNamespace("ci").resource(taskRun).create();
    }

    private static Map<String, Object> child(String run, String pipelineTask) {
        return Map.of("apiVersion", "tekton.dev/v1", "kind", "TaskRun", "name", run + "-" + pipelineTask,
                "pipelineTaskName", pipelineTask);
    }

    /** The table row of one task, or the empty string. */
    private static String task(String html, String pipelineTask) {
        int start = html.indexOf("<tr data-task=\"" + pipelineTask + "\">");
        return start < 0 ? "" : html.substring(start, html.indexOf("</tr>", start));
    }
}
