package dev.hookline.webhook;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns a push payload into a {@link PushEvent}, refusing payloads that lack what every push carries. Fields Hookline
 * does not use are ignored, so GitHub may add fields freely.
 */
public final class PushEventParser {

    private PushEventParser() {
    }

    public static PushEvent parse(JsonNode payload) {
        PushEvent.Repository repo = Payloads.repository(payload);
        JsonNode head = payload.get("head_commit");
        List<PushEvent.Commit> commits = new ArrayList<>();
        JsonNode commitArray = payload.get("commits");
        if (commitArray != null && !commitArray.isNull()) {
            if (!commitArray.isArray()) {
                throw new InvalidPayloadException("the push payload's 'commits' must be an array");
            }
            for (JsonNode commit : commitArray) {
                commits.add(commit(commit));
            }
        }
        JsonNode pusher = payload.get("pusher");
        return new PushEvent(
                repo,
                text(payload, "ref", "ref"),
                text(payload, "before", "before"),
                text(payload, "after", "after"),
                payload.path("created").asBoolean(false),
                payload.path("deleted").asBoolean(false),
                payload.path("forced").asBoolean(false),
                optionalText(payload, "base_ref"),
                head == null || head.isNull() ? null : commit(head),
                commits,
                pusher == null ? null : optionalText(pusher, "name"),
                Payloads.installationId(payload));
    }

    private static PushEvent.Commit commit(JsonNode commit) {
        if (!commit.isObject()) {
            throw new InvalidPayloadException("every commit of a push payload must be an object");
        }
        JsonNode author = commit.get("author");
        return new PushEvent.Commit(
                text(commit, "id", "commits[].id"),
                commit.path("message").asText(""),
                author == null ? null : optionalText(author, "name"),
                paths(commit, "added"),
                paths(commit, "modified"),
                paths(commit, "removed"));
    }

    private static List<String> paths(JsonNode commit, String field) {
        JsonNode array = commit.get(field);
        if (array == null || array.isNull()) {
            return List.of();
        }
        List<String> paths = new ArrayList<>(array.size());
        for (JsonNode path : array) {
            if (path.isTextual()) {
                paths.add(path.asText());
            }
        }
        return paths;
    }

    private static String text(JsonNode parent, String field, String path) {
        return Payloads.text(parent, field, path);
    }

    private static String optionalText(JsonNode parent, String field) {
        return Payloads.optionalText(parent, field);
    }
}
