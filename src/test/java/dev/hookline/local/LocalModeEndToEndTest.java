package dev.hookline.local;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hookline.github.PostedStatuses;
import dev.hookline.webhook.DeliveryLog;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Local mode as a newcomer meets it: no cluster and no GitHub configured, a push signed with the development secret,
 * the run moved by the simulated Tekton, and its statuses recorded in order, once each.
 */
@QuarkusTest
@TestProfile(LocalModeEndToEndTest.LocalMode.class)
class LocalModeEndToEndTest {

    public static class LocalMode implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hookline.local.enabled", "true", "hookline.local.run-duration", "3s");
        }

        /** Not "test": the test profile's triggers file, secrets and dry-run are for the mock-cluster tests. */
        @Override
        public String getConfigProfile() {
            return "local-test";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BOUND = Duration.ofSeconds(15);

    @Inject
    PostedStatuses statuses;

    @Inject
    DeliveryLog log;

    @Test
    void signedPush_runsToSuccess_withPendingThenSuccessRecordedOnce() {
        String sha = push("Add health endpoint");
        await().atMost(BOUND).until(() -> states(sha).contains("success"));
        assertThat(states(sha)).containsExactly("pending", "success");
        await().during(Duration.ofMillis(800)).atMost(BOUND).until(() -> states(sha).size() == 2);
    }

    @Test
    void signedPush_recordsOneCheckRun_completedWithSuccess_andItsLedgerOnTheRun() {
        String sha = push("Checks too");
        await().atMost(BOUND).untilAsserted(() -> given().get("/api/check-runs").then().statusCode(200)
                .body("findAll { it.sha == '" + sha + "' }.size()", equalTo(1))
                .body("find { it.sha == '" + sha + "' }.status", equalTo("completed"))
                .body("find { it.sha == '" + sha + "' }.conclusion", equalTo("success"))
                .body("find { it.sha == '" + sha + "' }.name", equalTo("hookline/build"))
                .body("find { it.sha == '" + sha + "' }.dryRun", equalTo(true)));
        await().atMost(BOUND).untilAsserted(() -> given().get("/api/runs").then().statusCode(200)
                .body("find { it.sha == '" + sha + "' }.checkState", equalTo("completed:success")));
    }

    @Test
    void localFailMarker_endsInFailureNamingTheTask() {
        String sha = push("Break the build [local:fail]");
        await().atMost(BOUND).until(() -> states(sha).contains("failure"));
        assertThat(states(sha)).containsExactly("pending", "failure");
        assertThat(statuses.recent().stream().filter(s -> s.sha().equals(sha) && s.state().wireName().equals("failure"))
                .findFirst().orElseThrow().description()).isEqualTo("Failed: task build-push");
    }

    @Test
    void push_showsItsSimulatedTasks_asTheyRun_onTheRunsPageAndInTheApi() {
        String sha = push("Show me the tasks");
        String name = await().atMost(BOUND).until(() -> given().get("/api/runs").then().statusCode(200).extract()
                .jsonPath().<String>getString("find { it.sha == '" + sha + "' }.name"), n -> n != null);
        String tasks = "/api/runs/ci/" + name + "/tasks";
        // The simulated Tekton runs the Pipeline's tasks one after the other, as TaskRuns labelled as Tekton labels them:
        // while the run runs, the table ends in the task running now, those before it succeeded.
        await().atMost(BOUND).until(() -> {
            List<String> states = given().get(tasks).then().statusCode(200).extract().jsonPath().getList("state");
            return !states.isEmpty() && states.get(states.size() - 1).equals("running")
                    && states.subList(0, states.size() - 1).stream().allMatch("succeeded"::equals);
        });
        await().atMost(BOUND).until(() -> states(sha).contains("success"));
        given().get(tasks).then().statusCode(200)
                .body("pipelineTask", equalTo(List.of("fetch-source", "unit-tests", "build-push")))
                .body("taskRun", equalTo(List.of(name + "-fetch-source", name + "-unit-tests", name + "-build-push")))
                .body("state", equalTo(List.of("succeeded", "succeeded", "succeeded")))
                .body("findAll { it.seconds != null }.size()", equalTo(3));
        assertThat(given().get("/runs/ci/" + name).then().statusCode(200).extract().asString())
                .contains("<tr data-task=\"build-push\">", "class=\"pill task-succeeded\"");
    }

    @Test
    void localFailMarker_failsTheLastTask_inTheTaskTable() {
        String sha = push("Break the build [local:fail]");
        await().atMost(BOUND).until(() -> states(sha).contains("failure"));
        String name = given().get("/api/runs").then().extract().jsonPath()
                .getString("find { it.sha == '" + sha + "' }.name");
        given().get("/api/runs/ci/" + name + "/tasks").then().statusCode(200)
                .body("state", equalTo(List.of("succeeded", "succeeded", "failed")))
                .body("[2].reason", equalTo("Failed"));
    }

    @Test
    void statusesApi_servesTheRecordedStatuses() {
        String sha = push("Served over the API");
        await().atMost(BOUND).until(() -> states(sha).contains("success"));
        given().get("/api/statuses").then().statusCode(200)
                .body("find { it.sha == '" + sha + "' && it.state == 'success' }.dryRun", equalTo(true))
                .body("find { it.sha == '" + sha + "' && it.state == 'success' }.context", equalTo("hookline/build"));
    }

    @Test
    void deliveriesApi_listsALocalPushFromItsEventInTheEmbeddedApi() {
        push("Recorded as an Event");
        String id = log.recent().get(0).id();
        // replica null: read back from the Event in the embedded API, not from this replica's memory.
        await().atMost(BOUND).untilAsserted(() -> given().get("/api/deliveries").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.outcome", equalTo("triggered"))
                .body("find { it.id == '" + id + "' }.replica", nullValue())
                .body("find { it.id == '" + id + "' }.runs.size()", equalTo(1)));
    }

    /** The states recorded for a commit, oldest first. */
    private List<String> states(String sha) {
        return LocalPushes.states(statuses, sha);
    }

    private static String push(String message) {
        return LocalPushes.push(message, null);
    }
}
