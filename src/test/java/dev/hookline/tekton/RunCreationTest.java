package dev.hookline.tekton;

import static dev.hookline.webhook.GitHubDeliveries.fixture;
import static dev.hookline.webhook.GitHubDeliveries.newDeliveryId;
import static dev.hookline.webhook.GitHubDeliveries.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/** A push creates its runs once: the same delivery again, even twenty times at once, creates nothing more. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
class RunCreationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHA = "630bc9ca202b83edc7cebcb455baeb7502819363";

    @Inject
    KubernetesClient client;

    @TestHTTPResource("/hooks/github")
    URI webhook;

    @Test
    void push_createsOneRunPerMatchingTrigger_namedLabelledAndAnnotated() {
        String id = newDeliveryId();
        Instant before = Instant.now();
        send("push", id, "push-existing-branch.json").then().statusCode(202)
                .body("outcome", equalTo("triggered"))
                .body("runs.trigger", contains("api-image", "api-classic"))
                .body("runs.namespace", contains("ci", "ci-classic"));

        List<GenericKubernetesResource> runs = runsOf(id);
        assertThat(runs).extracting(GenericKubernetesResource::getApiVersion).containsExactly("tekton.dev/v1",
                "tekton.dev/v1beta1");
        Instant after = Instant.now();
        for (GenericKubernetesResource run : runs) {
            assertThat(Instant.parse(run.getMetadata().getAnnotations().get(RunLabels.ANNOTATION_LAUNCHED_AT)))
                    .as("launched at").isBetween(before, after);
        }
        assertRun(runs.get(0), id, "api-image", "ci", "hookline/api-image");
        assertRun(runs.get(1), id, "api-classic", "ci-classic", "ci/classic");
    }

    @Test
    void redelivery_answers200Duplicate_namingTheSameRuns_andCreatesNoSecondRun() {
        String id = newDeliveryId();
        List<String> created = send("push", id, "push-existing-branch.json").then().statusCode(202)
                .extract().jsonPath().getList("runs.name", String.class);
        List<String> uids = runsOf(id).stream().map(r -> r.getMetadata().getUid()).toList();

        send("push", id, "push-existing-branch.json").then().statusCode(200)
                .contentType("application/json")
                .body("outcome", equalTo("duplicate"))
                .body("delivery", equalTo(id))
                .body("runs.trigger", contains("api-image", "api-classic"))
                .body("runs.name", contains(created.toArray()));

        assertThat(runsOf(id)).extracting(r -> r.getMetadata().getUid()).containsExactlyElementsOf(uids);
    }

    @Test
    void twentyConcurrentRedeliveries_createExactlyOneRunPerTrigger() throws Exception {
        String id = newDeliveryId();
        HttpRequest request = ConcurrentDeliveries.push(webhook, id, fixture("push-existing-branch.json"));

        List<HttpResponse<String>> answers = ConcurrentDeliveries.sendAtOnce(Collections.nCopies(20, request));

        List<GenericKubernetesResource> runs = runsOf(id);
        assertThat(runs).extracting(r -> r.getMetadata().getLabels().get(RunLabels.TRIGGER))
                .containsExactly("api-image", "api-classic");
        List<String> names = runs.stream().map(r -> r.getMetadata().getName()).toList();
        int triggered = 0;
        for (HttpResponse<String> answer : answers) {
            JsonNode reply = JSON.readTree(answer.body());
            String outcome = reply.path("outcome").asText();
            assertThat(outcome).as(answer.body()).isIn("triggered", "duplicate");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(outcome.equals("triggered") ? 202 : 200);
            assertThat(reply.path("runs").findValuesAsText("name")).containsExactlyElementsOf(names);
            triggered += outcome.equals("triggered") ? 1 : 0;
        }
        // Two triggers: at most two answers can each have been the first for one of them.
        assertThat(triggered).isBetween(1, 2);
    }

    private static void assertRun(GenericKubernetesResource run, String deliveryId, String trigger, String namespace,
            String statusContext) {
        assertThat(run.getMetadata().getName()).matches(trigger + "-630bc9c-[0-9a-f]{8}");
        assertThat(run.getMetadata().getNamespace()).isEqualTo(namespace);
        assertThat(run.getMetadata().getLabels()).containsOnly(
                entry("app.kubernetes.io/managed-by", "hookline"),
                entry("hookline.dev/trigger", trigger),
                entry("hookline.dev/event", "push"),
                entry("hookline.dev/repository", "acme-api"),
                entry("hookline.dev/branch", "main"),
                entry("hookline.dev/commit", SHA));
        // The status reporter may already have added its ledger annotations; everything else is exactly this.
        Map<String, String> annotations = new HashMap<>(run.getMetadata().getAnnotations());
        annotations.remove(TrackedRun.ANNOTATION_REPORTED);
        annotations.remove(TrackedRun.ANNOTATION_STATUSES);
        annotations.remove(TrackedRun.ANNOTATION_CHECK_RUN);
        annotations.remove(TrackedRun.ANNOTATION_CHECK_STATE);
        annotations.remove(RunLabels.ANNOTATION_LAUNCHED_AT);
        assertThat(annotations).containsOnly(
                entry("hookline.dev/repository", "acme/api"),
                entry("hookline.dev/sha", SHA),
                entry("hookline.dev/ref", "refs/heads/main"),
                entry("hookline.dev/delivery", deliveryId),
                entry("hookline.dev/event", "push"),
                entry("hookline.dev/status-context", statusContext),
                entry("hookline.dev/installation-id", "42"),
                entry("hookline.dev/commit-title", "Bump base image"));
    }

    private List<GenericKubernetesResource> runsOf(String deliveryId) {
        return ClusterRuns.ofDelivery(client, deliveryId).stream()
                .sorted(Comparator.comparing(r -> r.getMetadata().getNamespace()))
                .toList();
    }
}
