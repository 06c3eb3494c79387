package dev.hookline.trigger;

import static dev.hookline.webhook.GitHubDeliveries.fixture;
import static dev.hookline.webhook.GitHubDeliveries.signed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.hookline.tekton.RunLabels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.restassured.response.Response;

/**
 * {@code check_run} and {@code check_suite} deliveries from the fixtures made Hookline's (App 424242), moved onto a pull
 * request's head and, for a check run, carrying the uid of one of its runs as GitHub carries the {@code external_id}
 * Hookline gave it.
 */
final class CheckDeliveries {

    private CheckDeliveries() {
    }

    /**
     * A check delivery about pull request {@code number}'s {@code head}, whose check run (if any) carries the uid of
     * {@code run}.
     */
    static Response send(String event, String deliveryId, String fixture, int number, String head,
            GenericKubernetesResource run, Consumer<ObjectNode> edit) {
        return signed(event, deliveryId, body(fixture, number, head, run, edit)).post("/hooks/github");
    }

    static byte[] body(String fixture, int number, String head, GenericKubernetesResource run,
            Consumer<ObjectNode> edit) {
        return fixture(fixture, p -> {
            ObjectNode check = (ObjectNode) (p.has("check_run") ? p.get("check_run") : p.get("check_suite"));
            check.put("head_sha", head);
            ArrayNode pullRequests = (ArrayNode) check.get("pull_requests");
            ((ObjectNode) pullRequests.get(0)).put("number", number);
            if (run != null) {
                check.put("external_id", run.getMetadata().getUid());
            }
            edit.accept(p);
        });
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> params(GenericKubernetesResource run) {
        List<Map<String, Object>> params = (List<Map<String, Object>>) ((Map<String, Object>) run
                .getAdditionalProperties().get("spec")).get("params");
        Map<String, String> values = new LinkedHashMap<>();
        params.forEach(p -> values.put((String) p.get("name"), String.valueOf(p.get("value"))));
        return values;
    }

    static GenericKubernetesResource ofTrigger(List<GenericKubernetesResource> runs, String trigger) {
        return runs.stream().filter(r -> trigger.equals(r.getMetadata().getLabels().get(RunLabels.TRIGGER))).findFirst()
                .orElseThrow(() -> new AssertionError("no run of trigger " + trigger));
    }

    /** A pull request number no other test uses. */
    static int newNumber() {
        return ThreadLocalRandom.current().nextInt(2_000, 1_000_000);
    }
}
