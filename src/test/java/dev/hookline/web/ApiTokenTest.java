package dev.hookline.web;

import static dev.hookline.webhook.GitHubDeliveries.newDeliveryId;
import static dev.hookline.webhook.GitHubDeliveries.send;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.hookline.tekton.TektonCrds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.Cookie;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * With {@code hookline.api.token} set: the API wants the bearer token, the page a sign-in, and the webhook, badges,
 * health and metrics stay open. (A profile restarts the service, so this one also sets the dashboard link.)
 */
@QuarkusTest
@TestProfile(ApiTokenTest.Closed.class)
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
class ApiTokenTest {

    static final String TOKEN = "s3cret-t0ken-for-tests";

    public static class Closed implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hookline.api.token", TOKEN,
                    "hookline.github.target-url-template",
                    "https://dashboard.example.com/#/namespaces/{namespace}/pipelineruns/{name}");
        }
    }

    @Inject
    KubernetesClient client;

    @ParameterizedTest
    @ValueSource(strings = {"/api/runs", "/api/deliveries", "/api/statuses", "/api/runs/ci/any-run/tasks"})
    void api_withoutTheToken_is401Problem_withABearerChallenge(String path) {
        given().get(path).then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer realm=\"hookline\"")
                .body("status", equalTo(401))
                .body("detail", containsString("Authorization: Bearer"));
    }

    @Test
    void api_withAWrongToken_is401_invalidToken() {
        given().auth().oauth2("not-" + TOKEN).get("/api/runs").then().statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""));
        given().header("Authorization", "Basic " + TOKEN).get("/api/runs").then().statusCode(401);
    }

    @Test
    void api_withTheBearerToken_answers() {
        given().auth().oauth2(TOKEN).get("/api/runs").then().statusCode(200);
        given().header("Authorization", "bearer " + TOKEN).get("/api/deliveries").then().statusCode(200);
        // Past the token, an unknown run is the endpoint's own 404.
        given().auth().oauth2(TOKEN).get("/api/runs/ci/any-run/tasks").then().statusCode(404);
    }

    @Test
    void render_isClosedToo() {
        given().contentType("application/json").body("{}").post("/api/render?trigger=api-image").then().statusCode(401);
    }

    @Test
    void webhookBadgesHealthAndMetrics_stayOpen() {
        send("ping", newDeliveryId(), "ping.json").then().statusCode(200);
        given().get("/badge/acme/api.svg").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void page_sendsAPersonToSignIn_andTheLiveFragmentIs401() {
        given().redirects().follow(false).get("/").then().statusCode(303).header("Location", endsWith("/login"));
        given().get("/page/live").then().statusCode(401);
        given().redirects().follow(false).get("/runs/ci/any-run").then().statusCode(303)
                .header("Location", endsWith("/login"));
        given().get("/runs/ci/any-run/live").then().statusCode(401);
        given().get("/login").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<form method=\"post\" action=\"login\">"))
                .body(containsString("name=\"token\" type=\"password\""));
    }

    @Test
    void signIn_withTheToken_setsAStrictHttpOnlyCookieThatOpensThePage_butNotTheApi() {
        ExtractableResponse<Response> signedIn = given().redirects().follow(false).formParam("token", TOKEN)
                .post("/login").then().statusCode(303).header("Location", endsWith("/")).extract();
        String setCookie = signedIn.header("Set-Cookie");
        assertThat(setCookie).startsWith(ApiToken.COOKIE + "=").contains("HttpOnly").containsIgnoringCase("SameSite=Strict")
                .doesNotContain(TOKEN);
        Cookie session = signedIn.detailedCookie(ApiToken.COOKIE);
        assertThat(session.getValue()).isNotBlank().isNotEqualTo(TOKEN);

        given().cookie(session).get("/").then().statusCode(200).body(containsString("<h2>Runs"))
                .body(containsString("Sign out"));
        given().cookie(session).get("/page/live").then().statusCode(200);
        // A run's page opens too: an unknown run is the page's own 404, not a sign-in.
        given().cookie(session).redirects().follow(false).get("/runs/ci/any-run").then().statusCode(404);
        // The API is for scripts: only the bearer header opens it.
        given().cookie(session).get("/api/runs").then().statusCode(401);
        given().cookie(session).get("/api/runs/ci/any-run/tasks").then().statusCode(401);
        // A forged cookie opens nothing.
        given().cookie(ApiToken.COOKIE, session.getValue() + "x").redirects().follow(false).get("/").then().statusCode(303);
    }

    @Test
    void signIn_withAWrongToken_is401_withTheFormAgain_andNoCookie() {
        ExtractableResponse<Response> refused = given().formParam("token", "guess").post("/login").then().statusCode(401)
                .body(containsString("not the token")).extract();
        assertThat(refused.header("Set-Cookie")).isNull();
    }

    @Test
    void signOut_clearsTheCookie() {
        String setCookie = given().redirects().follow(false).post("/logout").then().statusCode(303)
                .header("Location", endsWith("/login")).extract().header("Set-Cookie");
        assertThat(setCookie).startsWith(ApiToken.COOKIE + "=").contains("Max-Age=0");
    }

    @Test
    void page_withTheBearerHeader_answers_andLinksEachRunToTheDashboard() {
        GenericKubernetesResource run = Pushes.push(client, Pushes.hostileRepository("dash"), "refs/heads/main",
                Pushes.randomSha(), "any-branch");
        String name = run.getMetadata().getName();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(StatusPageTest.row(
                given().auth().oauth2(TOKEN).get("/").then().statusCode(200).extract().asString(), "ci/" + name))
                .contains("href=\"https://dashboard.example.com/#/namespaces/ci/pipelineruns/" + name + "\""));
    }
}
