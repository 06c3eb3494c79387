package dev.hookline.web;

import static dev.hookline.webhook.GitHubDeliveries.newDeliveryId;
import static dev.hookline.webhook.GitHubDeliveries.signed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.hookline.tekton.ClusterRuns;
import dev.hookline.webhook.GitHubDeliveries;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Pushes through the signed webhook, from the {@code push-forced.json} fixture with a fresh commit, to any repository
 * and ref. Repositories under {@code hostile/} match the test trigger {@code any-branch} (every branch, namespace
 * {@code ci}), so a test that names its own repository sees only its own runs.
 */
final class Pushes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Pushes() {
    }

    static String randomSha() {
        byte[] bytes = new byte[20];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A repository name of its own for one test. */
    static String hostileRepository(String prefix) {
        return "hostile/" + prefix + "-" + randomSha().substring(0, 8);
    }

    /** Delivers the push and returns the run the given trigger created for it. */
    static GenericKubernetesResource push(KubernetesClient client, String repository, String ref, String sha,
            String trigger) {
        String id = newDeliveryId();
        signed("push", id, payload(repository, ref, sha)).post("/hooks/github").then().statusCode(202);
        return ClusterRuns.ofDelivery(client, id).stream()
                .filter(r -> trigger.equals(r.getMetadata().getLabels().get("hookline.dev/trigger"))).findFirst()
                .orElseThrow(() -> new AssertionError("no run of trigger " + trigger + " for delivery " + id));
    }

    static byte[] payload(String repository, String ref, String sha) {
        try {
            ObjectNode push = (ObjectNode) JSON.readTree(GitHubDeliveries.fixture("push-forced.json"));
            String owner = repository.substring(0, repository.indexOf('/'));
            String name = repository.substring(repository.indexOf('/') + 1);
            push.put("ref", ref);
            push.put("after", sha);
            ((ObjectNode) push.get("head_commit")).put("id", sha);
            ObjectNode repo = (ObjectNode) push.get("repository");
            repo.put("name", name);
            repo.put("full_name", repository);
            repo.put("clone_url", "https://github.com/" + repository + ".git");
            repo.put("html_url", "https://github.com/" + repository);
            ((ObjectNode) repo.get("owner")).put("login", owner).put("name", owner);
            return JSON.writeValueAsBytes(push);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
