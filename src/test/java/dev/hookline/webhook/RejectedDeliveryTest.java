package dev.hookline.webhook;

import static dev.hookline.webhook.GitHubDeliveries.SECRET;
import static dev.hookline.webhook.GitHubDeliveries.fixture;
import static dev.hookline.webhook.GitHubDeliveries.newDeliveryId;
import static dev.hookline.webhook.GitHubDeliveries.signed;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.hookline.tekton.ClusterRuns;
import dev.hookline.tekton.TektonCrds;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.response.ValidatableResponse;

/** Every refusal: its status, its problem body, and that nothing behind it ran. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
class RejectedDeliveryTest {

    static final byte[] PUSH = fixture("push-existing-branch.json");

    @Inject
    DeliveryLog log;

    @Inject
    KubernetesClient client;

    static Stream<Arguments> forgedSignatures() {
        String valid = SignatureVerifier.sign(SECRET, PUSH);
        byte[] altered = Arrays.copyOf(PUSH, PUSH.length);
        altered[altered.length / 2] ^= 1;
        return Stream.of(
                Arguments.of("missing", null, "header is missing"),
                Arguments.of("sha1 only", "sha1=" + "a".repeat(40), "must start with 'sha256='"),
                Arguments.of("no prefix", valid.substring("sha256=".length()), "must start with 'sha256='"),
                Arguments.of("too short", valid.substring(0, valid.length() - 2), "64 hex digits"),
                Arguments.of("too long", valid + "00", "64 hex digits"),
                Arguments.of("not hex", "sha256=" + "zz" + valid.substring(9), "64 hex digits"),
                Arguments.of("wrong secret", SignatureVerifier.sign("not-the-secret", PUSH), "does not match"),
                Arguments.of("body altered by one byte", SignatureVerifier.sign(SECRET, altered), "does not match"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgedSignatures")
    void forgedSignature_isRefusedWith401AndNothingHappens(String name, String signature, String detail) {
        String id = newDeliveryId();
        var request = given().header("X-GitHub-Event", "push").header("X-GitHub-Delivery", id)
                .contentType("application/json").body(PUSH);
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        problem(request.post("/hooks/github").then(), 401, "Invalid signature", detail);

        assertNothingProcessed(id, Outcome.REJECTED);
    }

    @Test
    void sha1SignatureAlongsideNoSha256_isRefused() {
        String id = newDeliveryId();
        problem(given().header("X-GitHub-Event", "push").header("X-GitHub-Delivery", id)
                .header("X-Hub-Signature", "sha1=" + "0".repeat(40))
                .contentType("application/json").body(PUSH).post("/hooks/github").then(), 401, "Invalid signature",
                "header is missing");
        assertNothingProcessed(id, Outcome.REJECTED);
    }

    @Test
    void secondOfTwoRotatedSecrets_isAccepted() {
        String id = newDeliveryId();
        given().header("X-GitHub-Event", "push").header("X-GitHub-Delivery", id)
                .header("X-Hub-Signature-256", SignatureVerifier.sign("test-secret-old", PUSH))
                .contentType("application/json").body(PUSH).post("/hooks/github")
                .then().statusCode(202);
        assertThat(ClusterRuns.ofDelivery(client, id)).isNotEmpty();
    }

    @Test
    void unsupportedContentType_is415() {
        String id = newDeliveryId();
        problem(signed("push", id, PUSH).contentType("text/plain").post("/hooks/github").then(), 415,
                "Unsupported content type", "set the GitHub webhook's content type to application/json");
        assertNothingProcessed(id, Outcome.REJECTED);
    }

    @Test
    void missingEventHeader_is400() {
        String id = newDeliveryId();
        problem(given().header("X-GitHub-Delivery", id).header("X-Hub-Signature-256", SignatureVerifier.sign(SECRET, PUSH))
                .contentType("application/json").body(PUSH).post("/hooks/github").then(), 400, "Missing header",
                "X-GitHub-Event header is missing");
        assertNothingProcessed(id, Outcome.REJECTED);
    }

    @Test
    void missingDeliveryHeader_is400() {
        given().header("X-GitHub-Event", "push").header("X-Hub-Signature-256", SignatureVerifier.sign(SECRET, PUSH))
                .contentType("application/json").body(PUSH).post("/hooks/github").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("the X-GitHub-Delivery header is missing"));
    }

    static Stream<Arguments> invalidPayloads() {
        return Stream.of(
                Arguments.of("not JSON", "{\"ref\": ".getBytes(StandardCharsets.UTF_8), "not valid JSON"),
                Arguments.of("trailing garbage", "{} {}".getBytes(StandardCharsets.UTF_8), "not valid JSON"),
                Arguments.of("an array", "[1,2]".getBytes(StandardCharsets.UTF_8), "must be a JSON object"),
                Arguments.of("invalid UTF-8", new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                        "not valid UTF-8"),
                Arguments.of("push without ref", withoutField("\"ref\": \"refs/heads/main\","), "'ref'"),
                Arguments.of("push without repository", "{\"ref\":\"refs/heads/main\",\"before\":\"a\",\"after\":\"b\"}"
                        .getBytes(StandardCharsets.UTF_8), "no 'repository' object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPayloads")
    void invalidPayload_is400(String name, byte[] body, String detail) {
        String id = newDeliveryId();
        problem(signed("push", id, body).post("/hooks/github").then(), 400, "Invalid payload", detail);
        assertNothingProcessed(id, Outcome.REJECTED);
    }

    @Test
    void formWithoutPayloadField_is400() {
        byte[] form = "config=1".getBytes(StandardCharsets.US_ASCII);
        String id = newDeliveryId();
        problem(signed("push", id, form).contentType("application/x-www-form-urlencoded").body("config=1")
                .post("/hooks/github").then(), 400, "Invalid payload", "no 'payload' field");
        assertNothingProcessed(id, Outcome.REJECTED);
    }

    @Test
    void unknownException_neverLeaksAStackTrace() {
        given().get("/api/deliveries").then().statusCode(200);
        given().contentType("application/json").body("{}").post("/api/deliveries").then().statusCode(405);
    }

    private static byte[] withoutField(String field) {
        String json = new String(PUSH, StandardCharsets.UTF_8);
        assertThat(json).contains(field);
        return json.replace(field, "").getBytes(StandardCharsets.UTF_8);
    }

    private static void problem(ValidatableResponse response, int status, String title, String detail) {
        response.statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("title", equalTo(title))
                .body("type", containsString("urn:hookline:problem:"))
                .body("detail", containsString(detail));
    }

    private void assertNothingProcessed(String id, Outcome outcome) {
        assertThat(ClusterRuns.ofDelivery(client, id)).isEmpty();
        Delivery logged = log.recent().stream().filter(d -> id.equals(d.id())).findFirst().orElseThrow();
        assertThat(logged.outcome()).isEqualTo(outcome);
        assertThat(logged.repository()).isNull();
        assertThat(logged.runs()).isEmpty();
        given().get("/api/deliveries").then().body("find { it.id == '" + id + "' }.outcome", equalTo(outcome.label()));
    }
}
