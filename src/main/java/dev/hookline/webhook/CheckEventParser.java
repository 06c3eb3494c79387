package dev.hookline.webhook;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns {@code check_run} and {@code check_suite} payloads into their records, refusing payloads that lack what every
 * delivery of the event carries (the check's commit and its App). Fields Hookline does not use are ignored.
 */
public final class CheckEventParser {

    private CheckEventParser() {
    }

    public static CheckRunEvent checkRun(JsonNode payload) {
        JsonNode run = Payloads.object(payload, "check_run", "check_run");
        JsonNode id = run.get("id");
        if (id == null || !id.isIntegralNumber() || !id.canConvertToLong()) {
            throw new InvalidPayloadException("the payload has no 'check_run.id' number");
        }
        JsonNode suite = run.get("check_suite");
        JsonNode requested = payload.get("requested_action");
        String externalId = Payloads.optionalText(run, "external_id");
        return new CheckRunEvent(
                Payloads.text(payload, "action", "action"),
                id.asLong(),
                Payloads.text(run, "name", "check_run.name"),
                Payloads.text(run, "head_sha", "check_run.head_sha"),
                externalId == null || externalId.isBlank() ? null : externalId,
                requested != null && requested.isObject() ? Payloads.optionalText(requested, "identifier") : null,
                app(run, "check_run.app"),
                suite != null && suite.isObject() ? Payloads.optionalText(suite, "head_branch") : null,
                pullRequests(run.get("pull_requests")),
                Payloads.repository(payload),
                Payloads.sender(payload),
                Payloads.installationId(payload));
    }

    public static CheckSuiteEvent checkSuite(JsonNode payload) {
        JsonNode suite = Payloads.object(payload, "check_suite", "check_suite");
        return new CheckSuiteEvent(
                Payloads.text(payload, "action", "action"),
                Payloads.text(suite, "head_sha", "check_suite.head_sha"),
                Payloads.optionalText(suite, "head_branch"),
                app(suite, "check_suite.app"),
                Payloads.repository(payload),
                Payloads.sender(payload),
                Payloads.installationId(payload));
    }

    private static CheckApp app(JsonNode parent, String path) {
        JsonNode app = Payloads.object(parent, "app", path);
        JsonNode id = app.get("id");
        if (id == null || !id.isIntegralNumber() || !id.canConvertToLong()) {
            throw new InvalidPayloadException("the payload has no '" + path + ".id' number");
        }
        return new CheckApp(id.asLong(), Payloads.optionalText(app, "client_id"));
    }

    private static List<Integer> pullRequests(JsonNode list) {
        List<Integer> numbers = new ArrayList<>();
        if (list != null && list.isArray()) {
            list.forEach(pr -> {
                if (pr.path("number").isIntegralNumber() && pr.get("number").canConvertToInt()) {
                    numbers.add(pr.get("number").asInt());
                }
            });
        }
        return numbers;
    }
}
