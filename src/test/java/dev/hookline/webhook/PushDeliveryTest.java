package dev.hookline.webhook;

import static dev.hookline.webhook.GitHubDeliveries.fixture;
import static dev.hookline.webhook.GitHubDeliveries.newDeliveryId;
import static dev.hookline.webhook.GitHubDeliveries.send;
import static dev.hookline.webhook.GitHubDeliveries.signed;
import static dev.hookline.webhook.GitHubDeliveries.signedForm;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PushDeliveryTest {

    @Inject
    DeliveryLog log;

    RecordingPushHandler handler = new RecordingPushHandler();

    @BeforeEach
    void recordPushes() {
        QuarkusMock.installMockForType(handler, PushHandler.class);
    }

    @Test
    void pushToExistingBranch_isParsedIntoTypedEvent() {
        String id = newDeliveryId();
        send("push", id, "push-existing-branch.json")
                .then().statusCode(202)
                .header("X-GitHub-Delivery", id)
                .contentType("application/json")
                .body("outcome", equalTo("ignored"))
                .body("reason", equalTo("no triggers configured"))
                .body("delivery", equalTo(id));

        assertThat(handler.received).hasSize(1);
        PushEvent push = handler.received.get(0);
        assertThat(push.repository()).isEqualTo(new PushEvent.Repository("acme", "api", "acme/api",
                "https://github.com/acme/api.git", "git@github.com:acme/api.git", "https://github.com/acme/api"));
        assertThat(push.ref()).isEqualTo("refs/heads/main");
        assertThat(push.branch()).isEqualTo("main");
        assertThat(push.tag()).isNull();
        assertThat(push.created()).isFalse();
        assertThat(push.deleted()).isFalse();
        assertThat(push.forced()).isFalse();
        assertThat(push.commits()).hasSize(2);
        assertThat(push.commits().get(0).added()).containsExactly("src/main/java/acme/Health.java");
        assertThat(push.commits().get(0).modified()).containsExactly("README.md");
        assertThat(push.headCommit().id()).isEqualTo(push.after());
        assertThat(push.pusher()).isEqualTo("octo-dev");
        assertThat(push.installationId()).isEqualTo(42L);
    }

    @Test
    void branchCreated_forced_andTagCreated_carryTheirFlags() {
        send("push", newDeliveryId(), "push-branch-created.json").then().statusCode(202);
        send("push", newDeliveryId(), "push-forced.json").then().statusCode(202);
        send("push", newDeliveryId(), "push-tag-created.json").then().statusCode(202);

        assertThat(handler.received).hasSize(3);
        PushEvent created = handler.received.get(0);
        assertThat(created.created()).isTrue();
        assertThat(created.before()).isEqualTo("0".repeat(40));
        assertThat(created.branch()).isEqualTo("feature/login");
        assertThat(created.installationId()).isNull();
        assertThat(handler.received.get(1).forced()).isTrue();
        PushEvent tag = handler.received.get(2);
        assertThat(tag.tag()).isEqualTo("v1.2.0");
        assertThat(tag.branch()).isNull();
        assertThat(tag.baseRef()).isEqualTo("refs/heads/main");
        assertThat(tag.commits()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"push-branch-deleted.json", "push-tag-deleted.json"})
    void deletions_parseButAreIgnoredWithAReason(String fixture) {
        String id = newDeliveryId();
        String kind = fixture.contains("tag") ? "tag" : "branch";
        send("push", id, fixture).then().statusCode(202)
                .body("outcome", equalTo("ignored"))
                .body("reason", org.hamcrest.Matchers.startsWith(kind + " deleted: refs/"));
        assertThat(handler.received).isEmpty();
        assertThat(log.recent().get(0).id()).isEqualTo(id);
        assertThat(log.recent().get(0).repository()).isEqualTo("acme/api");
    }

    @Test
    void pushWithMoreThanTwentyCommits_keepsEveryCommit() {
        send("push", newDeliveryId(), "push-many-commits.json").then().statusCode(202);
        assertThat(handler.received.get(0).commits()).hasSize(25);
    }

    @Test
    void nonAsciiMessages_surviveBothContentTypes() {
        byte[] json = fixture("push-non-ascii.json");
        signed("push", newDeliveryId(), json).post("/hooks/github").then().statusCode(202);
        signedForm("push", newDeliveryId(), json).post("/hooks/github").then().statusCode(202);

        assertThat(handler.received).hasSize(2);
        for (PushEvent push : handler.received) {
            assertThat(push.headCommit().message()).startsWith("Übersetzung: 日本語のメッセージ 🚀");
            assertThat(push.headCommit().author()).isEqualTo("Zoë Ünal");
            assertThat(push.headCommit().modified()).containsExactly("docs/日本語.md");
        }
        assertThat(handler.received.get(0)).isEqualTo(handler.received.get(1));
    }

    @Test
    void formContentType_isVerifiedOverTheRawFormBody() {
        signedForm("push", newDeliveryId(), fixture("push-existing-branch.json"))
                .post("/hooks/github").then().statusCode(202);
        assertThat(handler.received).hasSize(1);
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
                .body("reason", equalTo("event 'issues' is not handled; Hookline acts on 'push'"));
        assertThat(handler.received).isEmpty();
    }

    @Test
    void deliveryLog_listsNewestFirst() {
        String first = newDeliveryId();
        String second = newDeliveryId();
        send("push", first, "push-existing-branch.json").then().statusCode(202);
        send("ping", second, "ping.json").then().statusCode(200);

        given().get("/api/deliveries").then().statusCode(200)
                .body("[0].id", equalTo(second))
                .body("[0].event", equalTo("ping"))
                .body("[1].id", equalTo(first))
                .body("[1].event", equalTo("push"))
                .body("[1].repository", equalTo("acme/api"))
                .body("[1].ref", equalTo("refs/heads/main"))
                .body("[1].outcome", equalTo("ignored"))
                .body("[1].reason", equalTo("no triggers configured"));
    }

    @Test
    void metrics_countDeliveriesByEventAndOutcome() {
        send("ping", newDeliveryId(), "ping.json").then().statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("hookline_deliveries_total\\{[^}]*event=\"ping\"[^}]*outcome=\"ignored\"");
        assertThat(metrics).contains("hookline_delivery_duration_seconds_count");
    }

    @Test
    void health_isUpAndReady() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200).body("checks.find { it.name == 'webhook' }.status",
                equalTo("UP"));
    }
}
