package dev.hookline.artifact;

import static dev.hookline.webhook.GitHubDeliveries.newDeliveryId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.hookline.local.LocalModeConfigSourceFactory;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged application in local mode, as the quick start runs it: only {@code hookline.local.enabled} set, no
 * cluster, no GitHub, no secret and no triggers file configured. It must start its embedded Kubernetes API from the
 * resources it carries (a native executable has only those it was told to include), serve the status page, and take a
 * push and a pull request signed with the development secret to {@code success}.
 */
@QuarkusIntegrationTest
@WithTestResource(LocalModeIT.LocalMode.class)
class LocalModeIT {

    /** Local mode and nothing else; a short simulated run, so that the test waits seconds, not the default. */
    public static class LocalMode implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            return Map.of("hookline.local.enabled", "true", "hookline.local.run-duration", "2s");
        }

        @Override
        public void stop() {
        }
    }

    private static final Duration BOUND = Duration.ofSeconds(20);

    @Test
    void statusPage_andReadiness_answer() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<h1>Hookline</h1>"));
    }

    @Test
    void pushSignedWithTheDevelopmentSecret_runsToSuccess() {
        String sha = push("Add health endpoint");
        await().atMost(BOUND).until(() -> states(sha).contains("success"));
        assertThat(states(sha)).containsExactly("pending", "success");
    }

    @Test
    void localFailMarker_endsInFailure() {
        String sha = push("Break the build [local:fail]");
        await().atMost(BOUND).until(() -> states(sha).contains("failure"));
        assertThat(states(sha)).containsExactly("pending", "failure");
    }

    @Test
    void pullRequest_runsToSuccess_andACommentIsReadAgainstIt() {
        String head = ArtifactPushes.randomSha();
        ArtifactPushes.delivery("pull_request", newDeliveryId(), "pull_request-opened.json", p -> {
            p.put("number", 77);
            ObjectNode pr = (ObjectNode) p.get("pull_request");
            pr.put("number", 77);
            ((ObjectNode) pr.get("head")).put("sha", head);
        }, LocalModeConfigSourceFactory.DEV_SECRET).post("/hooks/github").then().statusCode(202)
                .body("outcome", equalTo("triggered"));
        await().atMost(BOUND).until(() -> states(head).contains("success"));

        // The dry run answers the comment's pull request read from the delivery above; nothing failed, nothing runs.
        ArtifactPushes.delivery("issue_comment", newDeliveryId(), "issue_comment-retest.json", p -> {
            ((ObjectNode) p.get("issue")).put("number", 77);
        }, LocalModeConfigSourceFactory.DEV_SECRET).post("/hooks/github").then().statusCode(202)
                .body("outcome", equalTo("ignored"))
                .body("reason", containsString("nothing to re-run"));
    }

    /** Pushes a fresh commit to a branch of its own, where cancel-in-progress cannot reach another test's run. */
    private static String push(String message) {
        String sha = ArtifactPushes.randomSha();
        ArtifactPushes.push(newDeliveryId(), "refs/heads/topic-" + sha.substring(0, 8), sha, message,
                LocalModeConfigSourceFactory.DEV_SECRET)
                .post("/hooks/github").then().statusCode(202).body("outcome", equalTo("triggered"));
        return sha;
    }

    /** The states recorded for a commit, oldest first, from the API (the API lists newest first). */
    private static List<String> states(String sha) {
        List<String> states = new ArrayList<>(given().get("/api/statuses").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.sha == '" + sha + "' }.state", String.class));
        Collections.reverse(states);
        return states;
    }
}
