package dev.hookline.web;

import static dev.hookline.webhook.GitHubDeliveries.newDeliveryId;
import static dev.hookline.webhook.GitHubDeliveries.signed;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.hookline.tekton.ClusterRuns;
import dev.hookline.webhook.GitHubDeliveries;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Pull requests and merge groups through the signed webhook, from GitHub's example deliveries with a fresh number or
 * head: {@code Codertocat/Hello-World}'s pull requests match the test triggers {@code hello-pr} (v1, namespace
 * {@code ci}) and {@code hello-pr-classic} (v1beta1, {@code ci-classic}), {@code octo-org/octo-repo}'s merge groups
 * {@code octo-queue}.
 */
final class PullRequests {

    static final String REPOSITORY = "Codertocat/Hello-World";

    private PullRequests() {
    }

    /** A pull request number no other test uses. */
    static int newNumber() {
        return ThreadLocalRandom.current().nextInt(1_000, 1_000_000);
    }

    /** Delivers pull request {@code number} opened with head {@code sha}, and returns the runs it created. */
    static List<GenericKubernetesResource> opened(KubernetesClient client, int number, String sha) {
        String id = newDeliveryId();
        byte[] body = GitHubDeliveries.fixture("pull_request-opened.json", p -> {
            p.put("number", number);
            ObjectNode pr = (ObjectNode) p.get("pull_request");
            pr.put("number", number);
            ((ObjectNode) pr.get("head")).put("sha", sha);
        });
        signed("pull_request", id, body).post("/hooks/github").then().statusCode(202);
        return ClusterRuns.ofDelivery(client, id);
    }

    /** Delivers a merge group asking for checks of {@code sha}, and returns the run it created. */
    static GenericKubernetesResource mergeGroup(KubernetesClient client, String sha) {
        String id = newDeliveryId();
        byte[] body = GitHubDeliveries.fixture("merge_group-checks_requested.json",
                p -> ((ObjectNode) p.get("merge_group")).put("head_sha", sha));
        signed("merge_group", id, body).post("/hooks/github").then().statusCode(202);
        return ClusterRuns.ofDelivery(client, id).stream().findFirst()
                .orElseThrow(() -> new AssertionError("no run for merge group delivery " + id));
    }

    /** The run of one trigger among {@code runs}. */
    static GenericKubernetesResource ofTrigger(List<GenericKubernetesResource> runs, String trigger) {
        return runs.stream().filter(r -> trigger.equals(r.getMetadata().getLabels().get("hookline.dev/trigger")))
                .findFirst().orElseThrow(() -> new AssertionError("no run of trigger " + trigger));
    }
}
