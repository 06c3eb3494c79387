package dev.hookline.webhook;

import com.fasterxml.jackson.databind.JsonNode;

/** Field access for webhook payloads that names the missing field in its refusal. */
final class Payloads {

    private Payloads() {
    }

    static JsonNode object(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw new InvalidPayloadException("the payload has no '" + path + "' object");
        }
        return node;
    }

    static String text(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual() || node.asText().isEmpty()) {
            throw new InvalidPayloadException("the payload has no '" + path + "' string");
        }
        return node.asText();
    }

    static String optionalText(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        return node != null && node.isTextual() ? node.asText() : null;
    }

    /** The App installation a delivery came through, or {@code null}. */
    static Long installationId(JsonNode payload) {
        JsonNode installation = payload.get("installation");
        return installation != null && installation.path("id").canConvertToLong()
                && installation.get("id").isIntegralNumber() ? installation.get("id").asLong() : null;
    }

    /** Who caused the delivery, or {@code null} when the payload names nobody. */
    static Sender sender(JsonNode payload) {
        JsonNode sender = payload.get("sender");
        String login = sender != null && sender.isObject() ? optionalText(sender, "login") : null;
        return login == null || login.isEmpty() ? null : new Sender(login, "Bot".equals(sender.path("type").asText("")));
    }

    /** The repository a delivery is about. */
    static PushEvent.Repository repository(JsonNode payload) {
        JsonNode repository = object(payload, "repository", "repository");
        JsonNode owner = object(repository, "owner", "repository.owner");
        String ownerLogin = owner.hasNonNull("login")
                ? owner.get("login").asText()
                : text(owner, "name", "repository.owner.login");
        return new PushEvent.Repository(
                ownerLogin,
                text(repository, "name", "repository.name"),
                text(repository, "full_name", "repository.full_name"),
                text(repository, "clone_url", "repository.clone_url"),
                optionalText(repository, "ssh_url"),
                optionalText(repository, "html_url"));
    }
}
