package dev.hookline.local;

import static dev.hookline.webhook.GitHubDeliveries.newDeliveryId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.hookline.github.PostedStatuses;
import dev.hookline.webhook.GitHubDeliveries;
import dev.hookline.webhook.SignatureVerifier;
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

    @Test
    void signedPush_runsToSuccess_withPendingThenSuccessRecordedOnce() {
        String sha = push("Add health endpoint");
        await().atMost(BOUND).until(() -> states(sha).contains("success"));
        assertThat(states(sha)).containsExactly("pending", "success");
        await().during(Duration.ofMillis(800)).atMost(BOUND).until(() -> states(sha).size() == 2);
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
    void statusesApi_servesTheRecordedStatuses() {
        String sha = push("Served over the API");
        await().atMost(BOUND).until(() -> states(sha).contains("success"));
        given().get("/api/statuses").then().statusCode(200)
                .body("find { it.sha == '" + sha + "' && it.state == 'success' }.dryRun", equalTo(true))
                .body("find { it.sha == '" + sha + "' && it.state == 'success' }.context", equalTo("hookline/build"));
    }

    @Test
    void newerPushToTheSameBranch_cancelsTheRunningRun_whichEndsInErrorOnce() {
        String branch = "topic-" + HexFormat.of().formatHex(new byte[]{(byte) ThreadLocalRandom.current().nextInt(256),
                (byte) ThreadLocalRandom.current().nextInt(256), (byte) ThreadLocalRandom.current().nextInt(256)});
        String first = push("First attempt", branch);
        long firstCreated = Instant.now().getEpochSecond();
        await().atMost(BOUND).until(() -> states(first).contains("pending"));
        // Creation timestamps have whole seconds, and runs created in the same one are ordered by name: the second
        // push must come in a later second to be the newer run for certain.
        await().atMost(BOUND).until(() -> Instant.now().getEpochSecond() > firstCreated);
        String second = push("Second attempt", branch);

        await().atMost(BOUND).until(() -> states(first).contains("error") && states(second).contains("success"));
        assertThat(states(first)).containsExactly("pending", "error");
        assertThat(statuses.recent().stream().filter(s -> s.sha().equals(first) && s.state().wireName().equals("error"))
                .findFirst().orElseThrow().description()).startsWith("Cancelled: superseded by");
        assertThat(states(second)).containsExactly("pending", "success");
    }

    /** A push to a branch of its own (cancel-in-progress must not interfere), signed with the development secret. */
    private static String push(String message) {
        return push(message, null);
    }

    private static String push(String message, String branch) {
        byte[] random = new byte[20];
        ThreadLocalRandom.current().nextBytes(random);
        String sha = HexFormat.of().formatHex(random);
        try {
            ObjectNode push = (ObjectNode) JSON.readTree(GitHubDeliveries.fixture("push-forced.json"));
            push.put("after", sha);
            push.put("ref", "refs/heads/" + (branch != null ? branch : "topic-" + sha.substring(0, 8)));
            ObjectNode head = (ObjectNode) push.get("head_commit");
            head.put("id", sha);
            head.put("message", message);
            byte[] body = JSON.writeValueAsBytes(push);
            given().header("X-GitHub-Event", "push").header("X-GitHub-Delivery", newDeliveryId())
                    .header("X-Hub-Signature-256", SignatureVerifier.sign(LocalModeConfigSourceFactory.DEV_SECRET, body))
                    .contentType("application/json").body(new String(body, StandardCharsets.UTF_8))
                    .post("/hooks/github").then().statusCode(202).body("outcome", equalTo("triggered"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return sha;
    }

    /** The states recorded for a commit, oldest first. */
    private List<String> states(String sha) {
        List<String> states = new java.util.ArrayList<>(statuses.recent().stream().filter(s -> s.sha().equals(sha))
                .map(s -> s.state().wireName()).toList());
        java.util.Collections.reverse(states);
        return states;
    }
}
