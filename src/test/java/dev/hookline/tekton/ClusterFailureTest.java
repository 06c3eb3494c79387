package dev.hookline.tekton;

import static dev.hookline.webhook.GitHubDeliveries.newDeliveryId;
import static dev.hookline.webhook.GitHubDeliveries.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.response.Response;

/**
 * When the cluster refuses a run, the webhook answers 503 in time for GitHub, says which trigger failed and why, and
 * a redelivery of the same delivery creates what is missing without duplicating what was created.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
class ClusterFailureTest {

    /** GitHub gives a webhook 10 seconds before it marks the delivery failed. */
    private static final Duration GITHUB_TIMEOUT = Duration.ofSeconds(10);

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    KubernetesClient client;

    @AfterEach
    void clusterWorksAgain() {
        server.getKubernetesMockServer().clearExpectations();
    }

    @Test
    void serverErrorOnTheSecondTrigger_answers503_andRedeliveryCreatesOnlyTheMissingRun() {
        // Always, not once: the client retries a 5xx, and the retry must fail too.
        server.expect().post().withPath("/apis/tekton.dev/v1beta1/namespaces/ci-classic/pipelineruns")
                .andReturn(500, status(500, "InternalError", "etcdserver: request timed out")).always();
        String id = newDeliveryId();

        long started = System.nanoTime();
        Response failed = send("push", id, "push-existing-branch.json");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        failed.then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "30")
                .header("X-GitHub-Delivery", id)
                .body("status", equalTo(503))
                .body("title", equalTo("Cluster unavailable"))
                .body("delivery", equalTo(id))
                .body("detail", containsString("trigger 'api-classic'"))
                .body("detail", containsString("in namespace ci-classic"))
                .body("detail", containsString("Kubernetes answered 500: etcdserver: request timed out"))
                .body("detail", containsString("1 run(s) of other triggers were created and stay"));
        assertThat(took).as("time to answer").isLessThan(GITHUB_TIMEOUT);
        List<GenericKubernetesResource> before = ClusterRuns.ofDelivery(client, id);
        assertThat(before).extracting(r -> r.getMetadata().getLabels().get(RunLabels.TRIGGER)).containsExactly("api-image");

        server.getKubernetesMockServer().clearExpectations();
        send("push", id, "push-existing-branch.json").then().statusCode(202)
                .body("outcome", equalTo("triggered"))
                .body("runs.trigger", contains("api-image", "api-classic"))
                .body("runs.name[0]", equalTo(before.get(0).getMetadata().getName()));

        List<GenericKubernetesResource> after = ClusterRuns.ofDelivery(client, id);
        assertThat(after).extracting(r -> r.getMetadata().getLabels().get(RunLabels.TRIGGER))
                .containsExactlyInAnyOrder("api-image", "api-classic");
        assertThat(after).filteredOn(r -> r.getMetadata().getName().equals(before.get(0).getMetadata().getName()))
                .extracting(r -> r.getMetadata().getUid()).containsExactly(before.get(0).getMetadata().getUid());
    }

    @Test
    void forbiddenOnTheFirstTrigger_answers503NamingTheRole_andRedeliveryCreatesBothRuns() {
        server.expect().post().withPath("/apis/tekton.dev/v1/namespaces/ci/pipelineruns")
                .andReturn(403, status(403, "Forbidden", "pipelineruns.tekton.dev is forbidden: User "
                        + "\"system:serviceaccount:hookline:hookline\" cannot create resource \"pipelineruns\""))
                .always();
        String id = newDeliveryId();

        long started = System.nanoTime();
        Response failed = send("push", id, "push-existing-branch.json");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        failed.then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "30")
                .body("detail", containsString("trigger 'api-image'"))
                .body("detail", containsString("Kubernetes answered 403: pipelineruns.tekton.dev is forbidden"))
                .body("detail", containsString("check Hookline's Role in namespace ci"))
                .body("detail", containsString("a redelivery creates it"));
        assertThat(took).as("time to answer").isLessThan(GITHUB_TIMEOUT);
        // The first trigger failed, so the second was not tried: nothing exists yet.
        assertThat(ClusterRuns.ofDelivery(client, id)).isEmpty();

        server.getKubernetesMockServer().clearExpectations();
        send("push", id, "push-existing-branch.json").then().statusCode(202)
                .body("outcome", equalTo("triggered"))
                .body("runs.trigger", contains("api-image", "api-classic"));
        assertThat(ClusterRuns.ofDelivery(client, id)).hasSize(2);
    }

    private static Status status(int code, String reason, String message) {
        return new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason).withMessage(message).build();
    }
}
