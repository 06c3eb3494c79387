package dev.hookline.web;

import static dev.hookline.webhook.GitHubDeliveries.fixture;
import static dev.hookline.webhook.GitHubDeliveries.newDeliveryId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.hookline.tekton.ClusterRuns;
import dev.hookline.tekton.TektonCrds;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.response.Response;

/** {@code POST /api/render}: the run a push would create, as YAML, and nothing created. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
class RenderResourceTest {

    /** The delivery id the golden files were rendered with. */
    private static final String GOLDEN_DELIVERY = "72d3162e-cc78-11e3-81ab-4c9367dc0958";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Inject
    KubernetesClient client;

    @Test
    void matchingPush_rendersTheRunTheWebhookWouldCreate_andCreatesNothing() throws IOException {
        int before = ClusterRuns.all(client).size();

        String yaml = render("api-image", GOLDEN_DELIVERY, fixture("push-existing-branch.json")).then().statusCode(200)
                .contentType("application/yaml")
                .header("X-Hookline-Match", "yes")
                .extract().asString();

        assertThat(yaml).isEqualTo(golden("pipelinerun-v1.yaml"));
        assertThat(ClusterRuns.ofDelivery(client, GOLDEN_DELIVERY)).isEmpty();
        assertThat(ClusterRuns.all(client)).hasSize(before);
    }

    @Test
    void classicTrigger_rendersTheV1beta1Run() throws IOException {
        String yaml = render("api-classic", GOLDEN_DELIVERY, fixture("push-existing-branch.json")).then().statusCode(200)
                .header("X-Hookline-Match", "yes").extract().asString();
        assertThat(yaml).isEqualTo(golden("pipelinerun-v1beta1-resources.yaml"));
    }

    @Test
    void withoutDeliveryHeader_theRunIsNamedForARenderDelivery() throws IOException {
        JsonNode run = YAML.readTree(given().contentType("application/json").body(fixture("push-existing-branch.json"))
                .post("/api/render?trigger=api-image").then().statusCode(200).extract().asString());
        assertThat(run.at("/metadata/annotations/hookline.dev~1delivery").asText()).isEqualTo("render");
    }

    @Test
    void pushThatWouldNotMatch_saysWhyInAYamlComment_andStillRenders() throws IOException {
        String yaml = render("api-image", newDeliveryId(), fixture("push-branch-created.json")).then().statusCode(200)
                .contentType("application/yaml")
                .header("X-Hookline-Match", "no")
                .body(startsWith("# This push would NOT set off trigger 'api-image': "
                        + "no trigger matches acme/api refs/heads/feature/login\n"))
                .extract().asString();
        assertThat(documents(yaml)).singleElement().satisfies(run -> assertThat(run.path("kind").asText())
                .isEqualTo("PipelineRun"));
    }

    @Test
    void skippedPush_namesTheMarker() {
        byte[] payload = fixture("push-existing-branch.json",
                p -> ((ObjectNode) p.get("head_commit")).put("message", "Update README [skip ci]"));
        render("api-image", newDeliveryId(), payload).then().statusCode(200)
                .header("X-Hookline-Match", "no")
                .body(startsWith("# This push would NOT set off trigger 'api-image': "
                        + "head commit message contains [skip ci]\n"));
    }

    @ParameterizedTest(name = "a ref with U+{0} stays on the comment line")
    @ValueSource(strings = {"000A", "000D", "0085", "2028", "2029", "0007", "0000"})
    void refWithALineBreakOrControlCharacter_staysOnTheCommentLine(String codePoint) {
        String yaml = render("api-image", newDeliveryId(), hostileRef(codePoint)).then().statusCode(200)
                .header("X-Hookline-Match", "no").extract().asString();

        // Every character YAML reads as a line break, or refuses, would end the comment or spoil the document.
        String comment = yaml.substring(0, yaml.indexOf('\n'));
        assertThat(comment).isEqualTo("# This push would NOT set off trigger 'api-image': no trigger matches acme/api "
                + "refs/heads/x kind: Secret --- a: b");
        assertThat(yaml.substring(comment.length() + 1)).startsWith("---\napiVersion: \"tekton.dev/v1\"");
    }

    @ParameterizedTest(name = "a ref with U+{0} renders one PipelineRun")
    // Not U+0085, U+2028, U+2029: fabric8's YAML writer (SnakeYAML) emits those raw, and YAML readers take them for
    // line breaks; the webhook itself sends JSON, so only this debugging view is affected.
    @ValueSource(strings = {"000A", "000D", "0007", "0000"})
    void refWithALineBreakOrControlCharacter_rendersOnePipelineRunWithTheExactRef(String codePoint) throws IOException {
        String yaml = render("api-image", newDeliveryId(), hostileRef(codePoint)).then().statusCode(200)
                .extract().asString();

        List<JsonNode> documents = documents(yaml);
        assertThat(documents).hasSize(1);
        assertThat(documents.get(0).path("kind").asText()).isEqualTo("PipelineRun");
        assertThat(documents.get(0).at("/metadata/annotations/hookline.dev~1ref").asText())
                .isEqualTo(hostileRefValue(codePoint));
    }

    @Test
    void unknownTrigger_is404ProblemListingTheKnownOnes() {
        int before = ClusterRuns.all(client).size();
        render("nope", newDeliveryId(), fixture("push-existing-branch.json")).then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", equalTo(
                        "no trigger named 'nope'; known are [api-image, api-classic, any-branch, hello-pr, hello-pr-classic, octo-queue, octo-any-push, paths-pr]"));
        assertThat(ClusterRuns.all(client)).hasSize(before);
    }

    @Test
    void missingTrigger_is400Problem() {
        given().contentType("application/json").body(fixture("push-existing-branch.json")).post("/api/render")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("'trigger' query parameter is required"));
    }

    @Test
    void bodyThatIsNoPush_is400Problem() {
        render("api-image", newDeliveryId(), "{\"zen\": \"Design for failure.\"}".getBytes(StandardCharsets.UTF_8))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("the payload has no 'repository' object"));
    }

    /** A push to a branch whose name tries to add YAML after the comment, around the given code point. */
    private static byte[] hostileRef(String codePoint) {
        return fixture("push-existing-branch.json", p -> p.put("ref", hostileRefValue(codePoint)));
    }

    private static String hostileRefValue(String codePoint) {
        String c = Character.toString(Integer.parseInt(codePoint, 16));
        return "refs/heads/x" + c + "kind: Secret" + c + "---" + c + "a: b";
    }

    private static Response render(String trigger, String deliveryId, byte[] payload) {
        return given().contentType("application/json").header("X-GitHub-Delivery", deliveryId).body(payload)
                .queryParam("trigger", trigger).post("/api/render");
    }

    private static List<JsonNode> documents(String yaml) throws IOException {
        return YAML.readValues(YAML.getFactory().createParser(yaml), JsonNode.class).readAll();
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = RenderResourceTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
