package dev.hookline.tekton;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.hookline.webhook.GitHubDeliveries.fixture;
import static dev.hookline.webhook.GitHubDeliveries.newDeliveryId;
import static dev.hookline.webhook.GitHubDeliveries.signed;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.hookline.github.FakeGitHub;
import dev.hookline.github.InjectGitHub;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * A run the cluster refuses for good is not answered as a passing failure: the answer says what to change, the
 * delivery log says refused, and the commit gets one {@code error} status naming the trigger and the cluster's
 * reason. What can pass (a webhook that cannot be called, Tekton not served) stays a 503 a redelivery can finish.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
@WithTestResource(FakeGitHub.class)
class PermanentRefusalTest {

    private static final String CLASSIC_RUNS = "/apis/tekton.dev/v1beta1/namespaces/ci-classic/pipelineruns";
    private static final String SHA = "630bc9ca202b83edc7cebcb455baeb7502819363";
    private static final String STATUSES = FakeGitHub.API_PATH + "/repos/acme/api/statuses/" + SHA;
    private static final Duration BOUND = Duration.ofSeconds(10);

    @KubernetesTestServer
    KubernetesServer server;

    @InjectGitHub
    WireMockServer github;

    @Inject
    KubernetesClient client;

    @BeforeEach
    void freshGitHub() {
        github.resetAll();
        github.stubFor(post(urlPathMatching(FakeGitHub.API_PATH + "/repos/acme/api/statuses/.*"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{}")));
    }

    @AfterEach
    void clusterAcceptsAgain() {
        server.getKubernetesMockServer().clearExpectations();
    }

    @Test
    void admissionDenial_answers422SayingWhatToChange_keepsTheOtherRun_andPostsOneErrorStatus() {
        // What Tekton >= v0.46's webhook answers for a classic run, as kube-apiserver passes it on.
        refuseClassicRuns(400, "BadRequest", "admission webhook \"validation.webhook.pipeline.tekton.dev\" denied the "
                + "request: validation failed: must not set the field(s): spec.resources", null);
        String id = newDeliveryId();
        int before = recordedErrors();

        push(id).then().statusCode(422)
                .contentType("application/problem+json")
                .header("Retry-After", nullValue())
                .body("type", equalTo("urn:hookline:problem:run-refused"))
                .body("status", equalTo(422))
                .body("delivery", equalTo(id))
                .body("detail", containsString("trigger 'api-classic' in namespace ci-classic (400)"))
                .body("detail", containsString("must not set the field(s): spec.resources"))
                .body("detail", containsString("move the trigger to api: v1"))
                .body("detail", containsString("the runs of trigger(s) ['api-image'] exist and stay"))
                .body("runs.trigger", contains("api-image"));
        assertThat(ClusterRuns.ofDelivery(client, id)).extracting(r -> r.getMetadata().getLabels().get(RunLabels.TRIGGER))
                .containsExactly("api-image");

        JsonPath deliveries = new JsonPath(given().get("/api/deliveries").asString());
        assertThat(deliveries.getString("find { it.id == '" + id + "' }.outcome")).isEqualTo("refused");
        assertThat(deliveries.getString("find { it.id == '" + id + "' }.reason")).contains("spec.resources");

        List<LoggedRequest> errors = awaitErrorStatuses("ci/classic", 1);
        assertThat(new JsonPath(errors.get(0).getBodyAsString()).getString("description")).isEqualTo(
                "Not run: trigger api-classic refused: validation failed: must not set the field(s): spec.resources");
        await().during(Duration.ofSeconds(1)).atMost(BOUND).until(() -> errorStatuses("ci/classic").size() == 1);
        await().atMost(BOUND).until(() -> recordedErrors() == before + 1);
    }

    @Test
    void errorStatus_isRetried_whenGitHubFailsForNow() {
        github.stubFor(post(urlPathEqualTo(STATUSES)).withRequestBody(field("$.state", "error"))
                .inScenario("flaky").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(502)).atPriority(1));
        refuseClassicRuns(400, "BadRequest", "admission webhook \"validation.webhook.pipeline.tekton.dev\" denied the "
                + "request: validation failed: must not set the field(s): spec.resources", null);

        int before = recordedErrors();

        push(newDeliveryId()).then().statusCode(422);

        awaitErrorStatuses("ci/classic", 2);
        await().atMost(BOUND).until(() -> recordedErrors() == before + 1);
    }

    @Test
    void missingNamespace_isPermanent_andNamesTheNamespace() {
        refuseClassicRuns(404, "NotFound", "namespaces \"ci-classic\" not found", "namespaces");
        String id = newDeliveryId();

        push(id).then().statusCode(422)
                .body("detail", containsString("namespaces \"ci-classic\" not found"))
                .body("detail", containsString("create namespace ci-classic"));
        List<LoggedRequest> errors = awaitErrorStatuses("ci/classic", 1);
        assertThat(new JsonPath(errors.get(0).getBodyAsString()).getString("description"))
                .isEqualTo("Not run: trigger api-classic refused: namespaces \"ci-classic\" not found");
    }

    @Test
    void admissionWebhookThatCannotBeCalled_staysA503_andPostsNoErrorStatus() {
        refuseClassicRuns(500, "InternalError", "Internal error occurred: failed calling webhook "
                + "\"validation.webhook.pipeline.tekton.dev\": failed to call webhook: Post \"https://tekton-pipelines-"
                + "webhook.tekton-pipelines.svc:443/resource-validation?timeout=10s\": dial tcp 10.96.12.7:443: connect: "
                + "connection refused", null);

        push(newDeliveryId()).then().statusCode(503)
                .header("Retry-After", "30")
                .body("detail", containsString("failed calling webhook"))
                .body("detail", containsString("a redelivery creates it"));
        awaitStatuses("hookline/api-image");
        assertThat(errorStatuses("ci/classic")).isEmpty();
    }

    @Test
    void pipelineRunsNotServed_staysA503_forTektonsInstallToFix() {
        refuseClassicRuns(404, "NotFound", "the server could not find the requested resource", "pipelineruns");

        push(newDeliveryId()).then().statusCode(503)
                .body("detail", containsString("is Tekton installed, and does it serve tekton.dev/v1beta1 PipelineRuns?"));
    }

    /** The fixture's push without its App installation, so that statuses go out with the personal token. */
    private static Response push(String id) {
        return signed("push", id, fixture("push-existing-branch.json", p -> p.remove("installation"))).post("/hooks/github");
    }

    private void refuseClassicRuns(int code, String reason, String message, String detailsKind) {
        StatusBuilder status = new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason)
                .withMessage(message);
        if (detailsKind != null) {
            status.withNewDetails().withKind(detailsKind).withName("namespaces".equals(detailsKind) ? "ci-classic" : null)
                    .withGroup("pipelineruns".equals(detailsKind) ? "tekton.dev" : null).endDetails();
        }
        Status body = status.build();
        // Always, not once: the client retries a 5xx.
        server.expect().post().withPath(CLASSIC_RUNS).andReturn(code, body).always();
    }

    private List<LoggedRequest> awaitErrorStatuses(String context, int count) {
        await().atMost(BOUND).until(() -> errorStatuses(context).size() >= count);
        return errorStatuses(context);
    }

    private void awaitStatuses(String context) {
        await().atMost(BOUND).until(() -> !github.findAll(postRequestedFor(urlPathEqualTo(STATUSES))
                .withRequestBody(field("$.context", context))).isEmpty());
    }

    private List<LoggedRequest> errorStatuses(String context) {
        return github.findAll(postRequestedFor(urlPathEqualTo(STATUSES))
                .withRequestBody(field("$.state", "error")).withRequestBody(field("$.context", context)));
    }

    /** The error statuses on ci/classic that {@code GET /api/statuses} lists as accepted. */
    private static int recordedErrors() {
        return new JsonPath(given().get("/api/statuses").asString())
                .getList("findAll { it.state == 'error' && it.context == 'ci/classic' && it.sha == '" + SHA + "' }")
                .size();
    }

    private static StringValuePattern field(String path, String value) {
        return matchingJsonPath(path, WireMock.equalTo(value));
    }
}
