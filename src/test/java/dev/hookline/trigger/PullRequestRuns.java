package dev.hookline.trigger;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.hookline.webhook.GitHubDeliveries.fixture;
import static dev.hookline.webhook.GitHubDeliveries.newDeliveryId;
import static dev.hookline.webhook.GitHubDeliveries.signed;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;

import dev.hookline.github.FakeGitHub;
import dev.hookline.status.TektonStatus;
import dev.hookline.tekton.ClusterRuns;
import dev.hookline.tekton.RunLabels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Pull requests of {@code Codertocat/Hello-World} opened through the signed webhook, their runs in the mock cluster
 * (one per test trigger, {@code hello-pr} on v1 and {@code hello-pr-classic} on v1beta1) and their ends as Tekton
 * writes them: the starting point of the comment command and Checks tab tests.
 */
final class PullRequestRuns {

    static final String REPO_API = FakeGitHub.API_PATH + "/repos/Codertocat/Hello-World";

    private PullRequestRuns() {
    }

    /** Opens the pull request (both triggers run its head) and has the fake GitHub answer reads of it. */
    static void open(WireMockServer github, int number, String head) {
        byte[] delivery = fixture("pull_request-opened.json", p -> {
            p.put("number", number);
            ObjectNode pr = (ObjectNode) p.get("pull_request");
            pr.put("number", number);
            ((ObjectNode) pr.get("head")).put("sha", head);
        });
        signed("pull_request", newDeliveryId(), delivery).post("/hooks/github").then().statusCode(202)
                .body("outcome", equalTo("triggered"));
        github.stubFor(get(urlEqualTo(REPO_API + "/pulls/" + number)).willReturn(okJson(pullRequestJson(number, head,
                p -> {
                }))));
    }

    /** Has Tekton end the run: passed ({@code true}) or failed. */
    static void finish(KubernetesClient client, GenericKubernetesResource run, boolean passed) {
        TektonStatus.write(client, run.getApiVersion(), run.getMetadata().getNamespace(), run.getMetadata().getName(),
                passed ? "True" : "False", passed ? "Succeeded" : "Failed",
                passed ? "Tasks Completed: 1" : "Tasks Completed: 1 (Failed: 1, Cancelled 0)", Instant.now(),
                Instant.now());
    }

    /** GitHub's answer to {@code GET /repos/Codertocat/Hello-World/pulls/{number}}. */
    static String pullRequestJson(int number, String head, Consumer<ObjectNode> edit) {
        return new String(fixture("api-pull-request.json", p -> {
            p.put("number", number);
            ((ObjectNode) p.get("head")).put("sha", head);
            edit.accept(p);
        }), StandardCharsets.UTF_8);
    }

    /** The pull request's runs in the cluster. */
    static List<GenericKubernetesResource> runsOf(KubernetesClient client, int number) {
        return ClusterRuns.all(client).stream()
                .filter(r -> String.valueOf(number).equals(r.getMetadata().getLabels().get(RunLabels.PULL_REQUEST)))
                .filter(r -> "Codertocat/Hello-World"
                        .equals(r.getMetadata().getAnnotations().get(RunLabels.ANNOTATION_REPOSITORY)))
                .toList();
    }

    /** The run's {@code spec.status}: {@code Cancelled} (or Tekton's older value) once cancelled. */
    static Object specStatus(GenericKubernetesResource run) {
        return ((Map<?, ?>) run.getAdditionalProperties().get("spec")).get("status");
    }

    /** A commit no other test uses. */
    static String newHead() {
        return UUID.randomUUID().toString().replace("-", "") + "c0ffee00";
    }
}
