package dev.hookline.local;

import static dev.hookline.webhook.GitHubDeliveries.newDeliveryId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.hookline.github.PostedStatuses;
import dev.hookline.webhook.GitHubDeliveries;
import dev.hookline.webhook.SignatureVerifier;
import io.restassured.path.json.JsonPath;

/** Pushes to a service in local mode, as a newcomer's curl would, and the statuses it recorded for them. */
final class LocalPushes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalPushes() {
    }

    /**
     * Sends a push of a new random commit, signed with the development secret, and returns the commit. Without a
     * branch, the push goes to a branch of its own, where cancel-in-progress cannot interfere.
     */
    static String push(String message, String branch) {
        String sha = randomSha();
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sha;
    }

    /** A new commit id. */
    static String randomSha() {
        byte[] random = new byte[20];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** Sends a delivery signed with the development secret, expects it to trigger runs, and returns the answer. */
    static JsonPath deliver(String event, byte[] body) {
        return given().header("X-GitHub-Event", event).header("X-GitHub-Delivery", newDeliveryId())
                .header("X-Hub-Signature-256", SignatureVerifier.sign(LocalModeConfigSourceFactory.DEV_SECRET, body))
                .contentType("application/json").body(body)
                .post("/hooks/github").then().statusCode(202).body("outcome", equalTo("triggered")).extract().jsonPath();
    }

    /** The states recorded for a commit, oldest first. */
    static List<String> states(PostedStatuses statuses, String sha) {
        List<String> states = new ArrayList<>(statuses.recent().stream().filter(s -> s.sha().equals(sha))
                .map(s -> s.state().wireName()).toList());
        Collections.reverse(states);
        return states;
    }
}
