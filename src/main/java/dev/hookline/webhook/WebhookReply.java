package dev.hookline.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the webhook answers, and what the delivery log records of it.
 *
 * @param status the HTTP status
 * @param outcome the outcome recorded in the log and metrics
 * @param reason why, in words
 * @param repository {@code owner/name} when known
 * @param ref the pushed ref when known
 * @param runs the runs the delivery led to
 * @param body the JSON body
 * @param retryAfter the {@code Retry-After} to send, or {@code null}
 * @param deliveryId the delivery id to echo, or {@code null}
 */
public record WebhookReply(int status, Outcome outcome, String reason, String repository, String ref, List<RunRef> runs,
        JsonNode body, Duration retryAfter, String deliveryId) {

    public static final String PROBLEM_JSON = "application/problem+json";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Whether the body is an RFC 9457 problem. */
    public boolean isProblem() {
        return status >= 400;
    }

    static WebhookReply ignored(String deliveryId, String reason, String repository, String ref) {
        ObjectNode body = NODES.objectNode();
        body.put("outcome", Outcome.IGNORED.label());
        body.put("delivery", deliveryId);
        body.put("reason", reason);
        return new WebhookReply(202, Outcome.IGNORED, reason, repository, ref, List.of(), body, null, deliveryId);
    }

    static WebhookReply of(String deliveryId, DeliveryResult result, String repository, String ref, ObjectMapper json) {
        if (result.outcome() == Outcome.REFUSED) {
            return refused(deliveryId, result, repository, ref, json);
        }
        ObjectNode body = NODES.objectNode();
        body.put("outcome", result.outcome().label());
        body.put("delivery", deliveryId);
        if (result.reason() != null) {
            body.put("reason", result.reason());
        }
        if (result.outcome() != Outcome.IGNORED) {
            body.set("runs", json.valueToTree(result.runs()));
        }
        int status = result.outcome() == Outcome.DUPLICATE ? 200 : 202;
        return new WebhookReply(status, result.outcome(), result.reason(), repository, ref, result.runs(), body, null,
                deliveryId);
    }

    /**
     * 422: the delivery is valid, but the cluster refuses what it asks for, and will again. Not a 5xx, which says
     * "try again later", nor a 2xx, which would hide it on GitHub's delivery page; no {@code Retry-After}.
     */
    private static WebhookReply refused(String deliveryId, DeliveryResult result, String repository, String ref,
            ObjectMapper json) {
        ObjectNode body = NODES.objectNode();
        body.put("type", "urn:hookline:problem:run-refused");
        body.put("title", "Run refused");
        body.put("status", 422);
        body.put("detail", result.reason());
        body.put("delivery", deliveryId);
        body.set("runs", json.valueToTree(result.runs()));
        return new WebhookReply(422, Outcome.REFUSED, result.reason(), repository, ref, result.runs(), body, null,
                deliveryId);
    }

    static WebhookReply problem(WebhookProblem problem, String deliveryId) {
        ObjectNode body = NODES.objectNode();
        body.put("type", "urn:hookline:problem:" + problem.title().toLowerCase(Locale.ROOT).replace(' ', '-'));
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        if (deliveryId != null) {
            body.put("delivery", deliveryId);
        }
        Outcome outcome = problem.status() >= 500 ? Outcome.FAILED : Outcome.REJECTED;
        return new WebhookReply(problem.status(), outcome, problem.detail(), null, null, List.of(), body,
                problem.retryAfter(), deliveryId);
    }

    /** The same reply, about the given repository and ref. */
    WebhookReply about(String repository, String ref) {
        return new WebhookReply(status, outcome, reason, repository, ref, runs, body, retryAfter, deliveryId);
    }
}
