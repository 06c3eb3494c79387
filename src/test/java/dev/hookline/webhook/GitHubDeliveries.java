package dev.hookline.webhook;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Builds deliveries the way GitHub sends them, from the fixtures in {@code src/test/resources/github}. */
public final class GitHubDeliveries {

    /** The current secret of the test configuration ({@code test-secret-old} is the one being rotated out). */
    public static final String SECRET = "test-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private GitHubDeliveries() {
    }

    public static byte[] fixture(String name) {
        try (InputStream in = GitHubDeliveries.class.getResourceAsStream("/github/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture with some fields changed, e.g. {@code p -> p.put("ref", "refs/heads/other")}. */
    public static byte[] fixture(String name, Consumer<ObjectNode> edit) {
        try {
            ObjectNode payload = (ObjectNode) JSON.readTree(fixture(name));
            edit.accept(payload);
            return JSON.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String newDeliveryId() {
        return UUID.randomUUID().toString();
    }

    /** A request with GitHub's headers, signed with {@link #SECRET}, not yet sent. */
    public static RequestSpecification signed(String event, String deliveryId, byte[] body) {
        return given()
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", deliveryId)
                .header("X-GitHub-Hook-ID", "483920117")
                .header("User-Agent", "GitHub-Hookshot/8e03811")
                .header("X-Hub-Signature-256", SignatureVerifier.sign(SECRET, body))
                .contentType("application/json")
                .body(body);
    }

    /** Sends a fixture as a signed JSON delivery. */
    public static Response send(String event, String deliveryId, String fixture) {
        return signed(event, deliveryId, fixture(fixture)).post("/hooks/github");
    }

    /** The body GitHub sends for the form content type: the JSON URL-encoded in the {@code payload} field. */
    public static String asForm(byte[] json) {
        return "payload=" + URLEncoder.encode(new String(json, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    /** A signed {@code application/x-www-form-urlencoded} delivery of the given JSON, not yet sent. */
    public static RequestSpecification signedForm(String event, String deliveryId, byte[] json) {
        String form = asForm(json);
        return signed(event, deliveryId, form.getBytes(StandardCharsets.US_ASCII))
                .contentType("application/x-www-form-urlencoded")
                .body(form);
    }
}
