package dev.hookline.artifact;

import static io.restassured.RestAssured.given;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.hookline.webhook.GitHubDeliveries;
import dev.hookline.webhook.SignatureVerifier;
import io.restassured.specification.RequestSpecification;

/**
 * Pushes of a fresh commit to a ref of their own, built from the {@code push-existing-branch.json} delivery (which
 * came through GitHub App installation 42), signed as GitHub signs them: each test sees only its own runs and
 * statuses, and {@code cancel-in-progress} between tests cannot interfere.
 */
final class ArtifactPushes {

    private ArtifactPushes() {
    }

    static String randomSha() {
        byte[] bytes = new byte[20];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** One of GitHub's example deliveries, edited, signed with {@code secret}, not yet sent. */
    static RequestSpecification delivery(String event, String deliveryId, String fixture, Consumer<ObjectNode> edit,
            String secret) {
        byte[] body = GitHubDeliveries.fixture(fixture, edit);
        return given()
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", deliveryId)
                .header("User-Agent", "GitHub-Hookshot/8e03811")
                .header("X-Hub-Signature-256", SignatureVerifier.sign(secret, body))
                .contentType("application/json")
                .body(body);
    }

    /** A push of {@code sha} to {@code ref}, signed with {@code secret}, not yet sent. */
    static RequestSpecification push(String deliveryId, String ref, String sha, String message, String secret) {
        return delivery("push", deliveryId, "push-existing-branch.json", push -> {
            push.put("ref", ref);
            push.put("after", sha);
            ObjectNode head = (ObjectNode) push.get("head_commit");
            head.put("id", sha);
            head.put("message", message);
        }, secret);
    }
}
