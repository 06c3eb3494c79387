package dev.hookline.webhook;

import static dev.hookline.webhook.GitHubDeliveries.fixture;
import static dev.hookline.webhook.GitHubDeliveries.newDeliveryId;
import static dev.hookline.webhook.GitHubDeliveries.send;
import static dev.hookline.webhook.GitHubDeliveries.signed;
import static dev.hookline.webhook.GitHubDeliveries.signedForm;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.hookline.tekton.ClusterRuns;
import dev.hookline.tekton.TektonCrds;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/** Deliveries GitHub sends, over HTTP, against the test triggers and the mock cluster. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
class PushDeliveryTest {

    @Inject
    DeliveryLog log;

    @Inject
    KubernetesClient client;

    @Test
    void pushToMain_isAcceptedAndTriggers() {
        String id = newDeliveryId();
        send("push", id, "push-existing-branch.json")
                .then().statusCode(202)
                .header("X-GitHub-Delivery", id)
                .contentType("application/json")
                .body("outcome", equalTo("triggered"))
                .body("delivery", equalTo(id))
                .body("runs.trigger", org.hamcrest.Matchers.contains("api-image", "api-classic"));
        assertThat(ClusterRuns.ofDelivery(client, id)).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"push-branch-deleted.json", "push-tag-deleted.json"})
    void deletions_parseButAreIgnoredWithAReason(String fixture) {
        String id = newDeliveryId();
        String kind = fixture.contains("tag") ? "tag" : "branch";
        send("push", id, fixture).then().statusCode(202)
                .body("outcome", equalTo("ignored"))
                .body("reason", startsWith(kind + " deleted: refs/"));
        assertThat(ClusterRuns.ofDelivery(client, id)).isEmpty();
        assertThat(log.recent().get(0).id()).isEqualTo(id);
        assertThat(log.recent().get(0).repository()).isEqualTo("acme/api");
    }

    @Test
    void nonAsciiPush_isAcceptedInBothContentTypes_andPathsIgnoreApplies() {
        byte[] json = fixture("push-non-ascii.json");
        String first = newDeliveryId();
        String second = newDeliveryId();
        signed("push", first, json).post("/hooks/github").then().statusCode(202).body("outcome", equalTo("triggered"));
        signedForm("push", second, json).post("/hooks/github").then().statusCode(202).body("outcome", equalTo("triggered"));
        // The push only touches docs/, which api-image ignores: only api-classic runs, once per delivery.
        for (String id : new String[]{first, second}) {
            assertThat(ClusterRuns.ofDelivery(client, id))
                    .extracting(r -> r.getMetadata().getLabels().get("hookline.dev/trigger"))
                    .containsExactly("api-classic");
        }
    }

    @Test
    void formContentType_isVerifiedOverTheRawFormBody() {
        signedForm("push", newDeliveryId(), fixture("push-forced.json")).post("/hooks/github").then().statusCode(202)
                .body("outcome", equalTo("triggered"));
    }

    @Test
    void ping_echoesHookIdAndZen() {
        String id = newDeliveryId();
        send("ping", id, "ping.json").then().statusCode(200)
                .body("outcome", equalTo("pong"))
                .body("hookId", equalTo(483920117))
                .body("zen", equalTo("Design for failure."))
                .body("delivery", equalTo(id));
    }

    @Test
    void unhandledEvent_isIgnoredWithAReason() {
        send("issues", newDeliveryId(), "issues-opened.json").then().statusCode(202)
                .body("outcome", equalTo("ignored"))
                .body("reason", equalTo(
                        "event 'issues' is not handled; Hookline acts on push, pull_request, merge_group, issue_comment, "
                                + "check_run, check_suite"));
    }

    @Test
    void pushMatchingNoTrigger_isIgnoredNamingRepositoryAndRef() {
        send("push", newDeliveryId(), "push-branch-created.json").then().statusCode(202)
                .body("outcome", equalTo("ignored"))
                .body("reason", equalTo("no trigger matches acme/api refs/heads/feature/login"));
    }

    @Test
    void deliveryLog_listsNewestFirst() {
        String first = newDeliveryId();
        String second = newDeliveryId();
        send("push", first, "push-branch-created.json").then().statusCode(202);
        send("ping", second, "ping.json").then().statusCode(200);

        given().get("/api/deliveries").then().statusCode(200)
                .body("[0].id", equalTo(second))
                .body("[0].event", equalTo("ping"))
                .body("[1].id", equalTo(first))
                .body("[1].event", equalTo("push"))
                .body("[1].repository", equalTo("acme/api"))
                .body("[1].ref", equalTo("refs/heads/feature/login"))
                .body("[1].outcome", equalTo("ignored"))
                .body("[1].reason", equalTo("no trigger matches acme/api refs/heads/feature/login"));
    }

    @Test
    void metrics_countDeliveriesByEventAndOutcome() {
        send("ping", newDeliveryId(), "ping.json").then().statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("hookline_deliveries_total\\{[^}]*event=\"ping\"[^}]*outcome=\"ignored\"");
        assertThat(metrics).contains("hookline_delivery_duration_seconds_count");
        assertThat(metrics).containsPattern("hookline_triggers(_total)? 8\\.0");
    }

    @Test
    void health_isUpAndReady() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200).body("checks.find { it.name == 'webhook' }.status",
                equalTo("UP"));
    }
}
