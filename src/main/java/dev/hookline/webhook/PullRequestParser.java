package dev.hookline.webhook;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads GitHub's pull request object, as a {@code pull_request} delivery carries it and as
 * {@code GET /repos/{o}/{r}/pulls/{n}} answers it.
 */
public final class PullRequestParser {

    private PullRequestParser() {
    }

    /**
     * The pull request of {@code node}.
     *
     * @throws InvalidPayloadException when a field every pull request has is missing
     */
    public static PullRequest parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidPayloadException("the payload has no 'pull_request' object");
        }
        JsonNode head = Payloads.object(node, "head", "pull_request.head");
        JsonNode base = Payloads.object(node, "base", "pull_request.base");
        JsonNode baseRepo = Payloads.object(base, "repo", "pull_request.base.repo");
        // A fork deleted since has no head repository: null, never a guess.
        JsonNode headRepo = head.get("repo");
        boolean hasHeadRepo = headRepo != null && headRepo.isObject();
        JsonNode number = node.get("number");
        if (number == null || !number.canConvertToInt() || !number.isIntegralNumber() || number.asInt() < 1) {
            throw new InvalidPayloadException("the pull request has no positive 'number'");
        }
        return new PullRequest(
                number.asInt(),
                Payloads.text(node, "state", "pull_request.state"),
                node.path("draft").asBoolean(false),
                Payloads.optionalText(node, "title") == null ? "" : node.get("title").asText(),
                Payloads.text(Payloads.object(node, "user", "pull_request.user"), "login", "pull_request.user.login"),
                Payloads.optionalText(node, "author_association") == null
                        ? "NONE"
                        : node.get("author_association").asText(),
                Payloads.text(head, "sha", "pull_request.head.sha"),
                Payloads.text(head, "ref", "pull_request.head.ref"),
                hasHeadRepo ? Payloads.optionalText(headRepo, "full_name") : null,
                hasHeadRepo ? Payloads.optionalText(headRepo, "clone_url") : null,
                Payloads.text(base, "ref", "pull_request.base.ref"),
                Payloads.text(baseRepo, "full_name", "pull_request.base.repo.full_name"));
    }
}
