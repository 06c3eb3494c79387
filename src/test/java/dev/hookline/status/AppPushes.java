package dev.hookline.status;

import static dev.hookline.webhook.GitHubDeliveries.newDeliveryId;
import static dev.hookline.webhook.GitHubDeliveries.signed;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.hookline.tekton.ClusterRuns;
import dev.hookline.tekton.RunLabels;
import dev.hookline.webhook.GitHubDeliveries;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Pushes delivered through a GitHub App installation, as the tests of check runs need them. */
final class AppPushes {

    /** The installation the pushes come through; the fake GitHub issues a token for any. */
    static final long INSTALLATION = 42;

    private static final ObjectMapper JSON = new ObjectMapper();

    private AppPushes() {
    }

    /** Delivers the forced-push fixture for {@code sha} through the installation; returns the api-image run's name. */
    static String push(KubernetesClient client, String sha) {
        return push(client, sha, INSTALLATION);
    }

    /** The same through another installation: writes for it count against a budget of their own. */
    static String push(KubernetesClient client, String sha, long installation) {
        String id = newDeliveryId();
        try {
            ObjectNode push = (ObjectNode) JSON.readTree(GitHubDeliveries.fixture("push-forced.json"));
            push.put("after", sha);
            ((ObjectNode) push.get("head_commit")).put("id", sha);
            push.putObject("installation").put("id", installation);
            signed("push", id, JSON.writeValueAsBytes(push)).post("/hooks/github").then().statusCode(202);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ClusterRuns.ofDelivery(client, id).stream()
                .filter(r -> "api-image".equals(r.getMetadata().getLabels().get(RunLabels.TRIGGER))).findFirst()
                .orElseThrow().getMetadata().getName();
    }
}
