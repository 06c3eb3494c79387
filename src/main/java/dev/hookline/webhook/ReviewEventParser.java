package dev.hookline.webhook;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns {@code pull_request}, {@code merge_group} and {@code issue_comment} payloads into their records, refusing
 * payloads that lack what every delivery of the event carries. Fields Hookline does not use are ignored.
 */
public final class ReviewEventParser {

    private ReviewEventParser() {
    }

    public static PullRequestEvent pullRequest(JsonNode payload) {
        return new PullRequestEvent(
                Payloads.text(payload, "action", "action"),
                PullRequestParser.parse(payload.get("pull_request")),
                Payloads.repository(payload),
                sender(payload),
                Payloads.installationId(payload));
    }

    public static MergeGroupEvent mergeGroup(JsonNode payload) {
        JsonNode group = Payloads.object(payload, "merge_group", "merge_group");
        JsonNode head = group.get("head_commit");
        String title = head != null && head.isObject() ? firstLine(head.path("message").asText("")) : null;
        return new MergeGroupEvent(
                Payloads.text(payload, "action", "action"),
                Payloads.text(group, "head_sha", "merge_group.head_sha"),
                Payloads.text(group, "head_ref", "merge_group.head_ref"),
                Payloads.optionalText(group, "base_sha"),
                Payloads.text(group, "base_ref", "merge_group.base_ref"),
                title,
                Payloads.optionalText(payload, "reason"),
                Payloads.repository(payload),
                sender(payload),
                Payloads.installationId(payload));
    }

    public static IssueCommentEvent comment(JsonNode payload) {
        JsonNode comment = Payloads.object(payload, "comment", "comment");
        JsonNode issue = Payloads.object(payload, "issue", "issue");
        JsonNode user = Payloads.object(comment, "user", "comment.user");
        JsonNode id = comment.get("id");
        JsonNode number = issue.get("number");
        if (id == null || !id.isIntegralNumber() || !id.canConvertToLong()) {
            throw new InvalidPayloadException("the payload has no 'comment.id' number");
        }
        if (number == null || !number.isIntegralNumber() || !number.canConvertToInt() || number.asInt() < 1) {
            throw new InvalidPayloadException("the payload has no positive 'issue.number'");
        }
        JsonNode pullRequest = issue.get("pull_request");
        return new IssueCommentEvent(
                Payloads.text(payload, "action", "action"),
                id.asLong(),
                comment.path("body").asText(""),
                Payloads.text(user, "login", "comment.user.login"),
                "Bot".equals(user.path("type").asText("")),
                comment.path("author_association").asText("NONE"),
                number.asInt(),
                pullRequest != null && pullRequest.isObject(),
                Payloads.repository(payload),
                Payloads.installationId(payload),
                instant(Payloads.optionalText(comment, "created_at")));
    }

    /** GitHub's ISO 8601 time, or {@code null}: a time Hookline cannot read only loses what it bounds. */
    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String sender(JsonNode payload) {
        Sender sender = Payloads.sender(payload);
        return sender == null ? null : sender.login();
    }

    private static String firstLine(String message) {
        String line = message.strip().lines().findFirst().orElse("");
        if (line.isEmpty()) {
            return null;
        }
        return line.codePointCount(0, line.length()) > 200 ? line.substring(0, line.offsetByCodePoints(0, 200)) : line;
    }
}
