package dev.hookline.tekton;

import static dev.hookline.webhook.GitHubDeliveries.newDeliveryId;
import static dev.hookline.webhook.GitHubDeliveries.send;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.hookline.trigger.TriggerRules;
import dev.hookline.webhook.Delivery;
import dev.hookline.webhook.Outcome;
import dev.hookline.webhook.Replica;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * Deliveries recorded as Kubernetes Events and listed back by every replica. Ordered because the rate cap is shared:
 * the burst comes last, after the tests that need their Events created.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeliveryEventsTest {

    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final Set<String> PIPELINE_NAMESPACES = Set.of("ci", "ci-classic");

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    KubernetesClient client;

    @Inject
    TriggerRules rules;

    @Inject
    MeterRegistry registry;

    @Test
    @Order(1)
    void push_recordsAnEventRegardingEachRun_withTheExactValues() {
        String id = newDeliveryId();
        send("push", id, "push-existing-branch.json").then().statusCode(202);
        List<GenericKubernetesResource> runs = ClusterRuns.ofDelivery(client, id);
        assertThat(runs).hasSize(2);
        for (GenericKubernetesResource run : runs) {
            String namespace = run.getMetadata().getNamespace();
            Event event = await().atMost(BOUND).until(() -> eventsOf(id, namespace).stream().findFirst().orElse(null),
                    found -> found != null);
            assertThat(event.getRegarding().getName()).isEqualTo(run.getMetadata().getName());
            assertThat(event.getRegarding().getKind()).isEqualTo("PipelineRun");
            assertThat(event.getRegarding().getUid()).isEqualTo(run.getMetadata().getUid()).isNotBlank();
            assertThat(event.getMetadata().getName()).startsWith(run.getMetadata().getName() + ".");
            assertThat(event.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "hookline");
            assertThat(event.getMetadata().getAnnotations())
                    .containsEntry("hookline.dev/delivery", id)
                    .containsEntry("hookline.dev/event", "push")
                    .containsEntry("hookline.dev/repository", "acme/api")
                    .containsEntry("hookline.dev/ref", "refs/heads/main")
                    .containsEntry("hookline.dev/outcome", "triggered")
                    .containsEntry("hookline.dev/trigger", run.getMetadata().getLabels().get("hookline.dev/trigger"))
                    .containsKey("hookline.dev/received-at");
            assertThat(event.getReason()).isEqualTo("Triggered");
            assertThat(event.getType()).isEqualTo("Normal");
            assertThat(event.getReportingController()).isEqualTo("hookline.dev/webhook");
            assertThat(event.getReportingInstance()).isEqualTo(Replica.name());
            assertThat(event.getEventTime()).isNotNull();
            assertThat(event.getNote()).contains(id, "push", "acme/api", "refs/heads/main", "triggered");
        }
    }

    @Test
    @Order(2)
    void anotherReplicasReader_listsTheDelivery_andARestartedOneListsItAgain() {
        String id = newDeliveryId();
        send("push", id, "push-existing-branch.json").then().statusCode(202);
        for (int replica = 0; replica < 2; replica++) {
            // Built as another pod builds its own: same API, nothing shared with the service's beans.
            DeliveryEventInformers other = new DeliveryEventInformers(client,
                    () -> DeliveryEvents.namespaces(rules, DeliveryEvents.ownNamespace(client)));
            try {
                other.ensureStarted();
                Delivery listed = await().atMost(BOUND).until(() -> other.deliveries().stream()
                        .filter(d -> d.id().equals(id) && d.runs().size() == 2).findFirst().orElse(null), d -> d != null);
                assertThat(listed.outcome()).isEqualTo(Outcome.TRIGGERED);
                assertThat(listed.replica()).isNull();
                assertThat(listed.repository()).isEqualTo("acme/api");
            } finally {
                other.stop();
            }
        }
        await().atMost(BOUND).untilAsserted(() -> given().get("/api/deliveries").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.replica", nullValue())
                .body("find { it.id == '" + id + "' }.runs.size()", equalTo(2)));
    }

    @Test
    @Order(3)
    void ignoredDelivery_isListedAsThisReplicasOwn() {
        String id = newDeliveryId();
        send("push", id, "push-branch-deleted.json").then().statusCode(202).body("outcome", equalTo("ignored"));
        given().get("/api/deliveries").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.replica", equalTo(Replica.name()));
        given().get("/").then().statusCode(200).body(org.hamcrest.Matchers.containsString("only on " + Replica.name()));
    }

    @Test
    @Order(4)
    void kubernetesRefusingEvents_neverChangesTheWebhooksAnswer() {
        double failedBefore = failed();
        server.expect().post().withPath("/apis/events.k8s.io/v1/namespaces/ci/events")
                .andReturn(403, new StatusBuilder().withStatus("Failure").withCode(403).withReason("Forbidden")
                        .withMessage("events.events.k8s.io is forbidden").build())
                .once();
        // Retried once by the client, as every 5xx is.
        server.expect().post().withPath("/apis/events.k8s.io/v1/namespaces/ci-classic/events")
                .andReturn(500, new StatusBuilder().withStatus("Failure").withCode(500).withReason("InternalError")
                        .withMessage("etcdserver: request timed out").build())
                .times(2);
        String id = newDeliveryId();
        send("push", id, "push-existing-branch.json").then().statusCode(202).body("outcome", equalTo("triggered"));
        await().atMost(BOUND).until(() -> failed() >= failedBefore + 2);
        assertThat(eventsOf(id, "ci")).isEmpty();
        assertThat(eventsOf(id, "ci-classic")).isEmpty();
    }

    @Test
    @Order(5)
    void burstBeyondTheCap_createsAtMostTheCapsEvents_countsTheRest_andAnswersEvery202() {
        double droppedBefore = dropped();
        double failedBefore = failed();
        Set<String> ids = new HashSet<>();
        long started = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            String id = newDeliveryId();
            ids.add(id);
            send("push", id, "push-existing-branch.json").then().statusCode(202);
        }
        double elapsedSeconds = (System.nanoTime() - started) / 1e9;
        // Two runs per push: 40 Events asked for; each is created, dropped or failed.
        await().atMost(BOUND).until(() -> created(ids) + (dropped() - droppedBefore) + (failed() - failedBefore) == 40);
        // Burst 10, then 5 a second (the defaults).
        assertThat(created(ids)).isLessThanOrEqualTo((int) (10 + 5 * elapsedSeconds) + 2);
        assertThat(dropped() - droppedBefore).isGreaterThan(0);
    }

    private int created(Set<String> ids) {
        int count = 0;
        for (String namespace : PIPELINE_NAMESPACES) {
            count += (int) client.events().v1().events().inNamespace(namespace).list().getItems().stream()
                    .filter(e -> ids.contains(e.getMetadata().getAnnotations().get("hookline.dev/delivery"))).count();
        }
        return count;
    }

    private List<Event> eventsOf(String id, String namespace) {
        return client.events().v1().events().inNamespace(namespace).withLabel("app.kubernetes.io/managed-by", "hookline")
                .list().getItems().stream()
                .filter(e -> id.equals(e.getMetadata().getAnnotations().get("hookline.dev/delivery"))).toList();
    }

    private double dropped() {
        return registry.find("hookline.delivery.events.dropped").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private double failed() {
        return registry.find("hookline.delivery.events.failed").counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
