package dev.hookline.artifact;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.hookline.webhook.GitHubDeliveries.newDeliveryId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.hookline.github.FakeGitHub;
import dev.hookline.github.InjectGitHub;
import dev.hookline.github.TestKeys;
import dev.hookline.status.TektonStatus;
import dev.hookline.tekton.ClusterRuns;
import dev.hookline.tekton.TektonCrds;
import dev.hookline.webhook.GitHubDeliveries;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * The packaged application (the jar, or the native executable with {@code -Pnative}) as a cluster deployment runs
 * it: the Kubernetes mock server in CRUD mode with Tekton's CRD as the cluster, WireMock as GitHub with the App
 * configured, the test triggers. One start of the artifact serves every test here; each pushes a commit of its own.
 */
@QuarkusIntegrationTest
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
@WithTestResource(FakeGitHub.class)
@WithTestResource(ArtifactConfig.class)
class ClusterModeIT {

    private static final Duration BOUND = Duration.ofSeconds(15);
    private static final String INSTALLATION_TOKEN = "ghs_artifact-installation-token";

    @KubernetesTestServer
    KubernetesServer cluster;

    @InjectGitHub
    WireMockServer github;

    @InjectGitHub
    KeyPair appKeys;

    @BeforeEach
    void gitHubAcceptsTheApp() {
        // No reset between tests: the artifact caches the installation token, so the exchange happens only once.
        github.stubFor(post(urlEqualTo(FakeGitHub.API_PATH + "/app/installations/42/access_tokens"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"token\":\"" + INSTALLATION_TOKEN + "\",\"expires_at\":\""
                                + Instant.now().plus(Duration.ofHours(1)) + "\"}")));
        github.stubFor(post(urlPathMatching(FakeGitHub.API_PATH + "/repos/acme/api/statuses/.*"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{}")));
    }

    @Test
    void signedPush_createsItsRuns_andTheAnswerNamesThem() {
        String id = newDeliveryId();
        String sha = ArtifactPushes.randomSha();
        JsonNode answer = ArtifactPushes.push(id, "refs/heads/main", sha, "Ship it", GitHubDeliveries.SECRET)
                .post("/hooks/github").then().statusCode(202).contentType("application/json")
                .extract().as(JsonNode.class);

        assertThat(answer.path("outcome").asText()).isEqualTo("triggered");
        assertThat(answer.path("delivery").asText()).isEqualTo(id);
        List<GenericKubernetesResource> runs = ClusterRuns.ofDelivery(client(), id);
        assertThat(runs).extracting(r -> r.getApiVersion() + " " + r.getMetadata().getNamespace() + "/"
                + r.getMetadata().getName())
                .containsExactlyInAnyOrder(named(answer, "api-image", "tekton.dev/v1"),
                        named(answer, "api-classic", "tekton.dev/v1beta1"));
        assertThat(runs).allSatisfy(run -> assertThat(run.getMetadata().getAnnotations()).containsEntry("hookline.dev/sha",
                sha));
    }

    @Test
    void forgedPush_isRefused401WithAProblem_andCreatesNothing() {
        String id = newDeliveryId();
        ArtifactPushes.push(id, "refs/heads/main", ArtifactPushes.randomSha(), "Forged", "not-the-secret")
                .post("/hooks/github").then().statusCode(401)
                .contentType("application/problem+json")
                .body("status", org.hamcrest.Matchers.equalTo(401))
                .body("title", not(emptyOrNullString()))
                .body("detail", not(emptyOrNullString()))
                .body("delivery", org.hamcrest.Matchers.equalTo(id));
        assertThat(ClusterRuns.ofDelivery(client(), id)).isEmpty();
    }

    @Test
    void statusGoesPendingThenSuccess_postedAsTheAppsInstallation() throws Exception {
        String sha = ArtifactPushes.randomSha();
        String id = newDeliveryId();
        ArtifactPushes.push(id, "refs/heads/release/" + sha.substring(0, 8), sha, "Release", GitHubDeliveries.SECRET)
                .post("/hooks/github").then().statusCode(202);
        GenericKubernetesResource run = ClusterRuns.ofDelivery(client(), id).get(0);
        awaitPost(sha, "pending");

        Instant start = Instant.now();
        TektonStatus.write(client(), "tekton.dev/v1", "ci", run.getMetadata().getName(), "True", "Succeeded",
                "Tasks Completed: 3 (Failed: 0, Cancelled 0), Skipped: 0", start, start.plusSeconds(42));
        awaitPost(sha, "success");

        assertThat(posts(sha)).extracting(post -> post.getHeader("Authorization"))
                .containsOnly("Bearer " + INSTALLATION_TOKEN);
        // And its check run, as GitHub's API has it: one, completed with success, external id the run's uid.
        await().atMost(BOUND).untilAsserted(() -> assertThat(FakeGitHub.checkRuns().checkRuns(sha)).singleElement()
                .satisfies(check -> {
                    assertThat(check.path("status").asText()).isEqualTo("completed");
                    assertThat(check.path("conclusion").asText()).isEqualTo("success");
                    assertThat(check.path("external_id").asText()).isEqualTo(run.getMetadata().getUid());
                    assertThat(check.path("output").path("title").asText()).isEqualTo("Succeeded in 42s");
                }));
        // The token came from a JWT the artifact signed with the App's key: RS256 and the key parsing, natively too.
        LoggedRequest exchange = github.findAll(postRequestedFor(
                urlEqualTo(FakeGitHub.API_PATH + "/app/installations/42/access_tokens"))).get(0);
        String jwt = exchange.getHeader("Authorization").substring("Bearer ".length());
        assertThat(TestKeys.verifiedClaims(jwt, appKeys.getPublic()).path("iss").asText()).isEqualTo(FakeGitHub.APP_ID);
    }

    @Test
    void readOnlyApi_statusPageAndRender_serveWhatHappened() {
        String sha = ArtifactPushes.randomSha();
        String id = newDeliveryId();
        ArtifactPushes.push(id, "refs/heads/release/" + sha.substring(0, 8), sha, "Visible", GitHubDeliveries.SECRET)
                .post("/hooks/github").then().statusCode(202);
        awaitPost(sha, "pending");

        given().get("/api/deliveries").then().statusCode(200).contentType("application/json")
                .body("find { it.id == '" + id + "' }.outcome", org.hamcrest.Matchers.equalTo("triggered"));
        given().get("/api/runs").then().statusCode(200).contentType("application/json")
                .body("find { it.sha == '" + sha + "' }.trigger", org.hamcrest.Matchers.equalTo("api-image"));
        await().atMost(BOUND).untilAsserted(() -> given().get("/api/statuses").then().statusCode(200)
                .body("findAll { it.sha == '" + sha + "' }.state", hasItem("pending")));
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString(sha.substring(0, 7)));
        given().get("/badge/acme/api.svg").then().statusCode(200).contentType(containsString("image/svg+xml"));
        given().contentType("application/json").body(GitHubDeliveries.fixture("push-existing-branch.json"))
                .post("/api/render?trigger=api-image").then().statusCode(200).contentType(containsString("yaml"))
                .body(containsString("kind: \"PipelineRun\""));
    }

    @Test
    void readinessAndMetrics_answer() {
        given().get("/q/health/ready").then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("hookline_triggers"))
                .body(containsString("hookline_deliveries_total"));
    }

    private KubernetesClient client() {
        return cluster.getClient();
    }

    private void awaitPost(String sha, String state) {
        await().atMost(BOUND).untilAsserted(() -> github.verify(postRequestedFor(
                urlEqualTo(FakeGitHub.API_PATH + "/repos/acme/api/statuses/" + sha))
                .withRequestBody(matchingJsonPath("$.state", equalTo(state)))));
    }

    private List<LoggedRequest> posts(String sha) {
        return github.findAll(postRequestedFor(urlEqualTo(FakeGitHub.API_PATH + "/repos/acme/api/statuses/" + sha)));
    }

    /** "apiVersion namespace/name" of the run the answer names for a trigger. */
    private static String named(JsonNode answer, String trigger, String apiVersion) {
        for (JsonNode run : answer.path("runs")) {
            if (trigger.equals(run.path("trigger").asText())) {
                return apiVersion + " " + run.path("namespace").asText() + "/" + run.path("name").asText();
            }
        }
        throw new AssertionError("the answer names no run of " + trigger + ": " + answer);
    }
}
