package dev.hookline.github;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A button on a check run's page; pressing it sends the App a {@code check_run} webhook with action
 * {@code requested_action} naming {@code identifier}. GitHub's limits are checked here, since GitHub answers a breach
 * with a 422 that no retry cures (and GitHub Enterprise, by some reports, with a 5xx that looks retryable).
 *
 * @param label the button's text, at most {@value #MAX_LABEL} characters
 * @param description what pressing it does, at most {@value #MAX_DESCRIPTION} characters
 * @param identifier what the webhook names, at most {@value #MAX_IDENTIFIER} characters
 */
@RegisterForReflection
public record CheckAction(String label, String description, String identifier) {

    public static final int MAX_LABEL = 20;
    public static final int MAX_DESCRIPTION = 40;
    public static final int MAX_IDENTIFIER = 20;

    public CheckAction {
        require("label", label, MAX_LABEL);
        require("description", description, MAX_DESCRIPTION);
        require("identifier", identifier, MAX_IDENTIFIER);
    }

    private static void require(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a check run action needs a " + field);
        }
        int length = value.codePointCount(0, value.length());
        if (length > max) {
            throw new IllegalArgumentException("a check run action's " + field + " '" + value + "' has " + length
                    + " characters; GitHub takes " + max + " at most");
        }
    }
}
