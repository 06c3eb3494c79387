package dev.hookline.github;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a check run shows on its page, as GitHub names the fields of {@code output}. GitHub refuses a summary or a text
 * longer than {@value #MAX_LENGTH} characters with a 422, so such an output cannot be built: cut it first (the status
 * package's {@code CheckOutputs} does, saying where).
 *
 * @param title the headline, required
 * @param summary Markdown, required, at most {@value #MAX_LENGTH} code points
 * @param text Markdown details, at most {@value #MAX_LENGTH} code points; omitted when {@code null}
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckOutput(String title, String summary, String text) {

    /**
     * GitHub's limit for {@code summary} and {@code text}, in characters; GitHub (Ruby) counts code points, so an
     * emoji is one, not the two {@code char}s Java sees.
     */
    public static final int MAX_LENGTH = 65_535;

    public CheckOutput {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("a check run's output needs a title");
        }
        if (summary == null || summary.isBlank()) {
            throw new IllegalArgumentException("a check run's output needs a summary");
        }
        requireWithinLimit("summary", summary);
        if (text != null) {
            requireWithinLimit("text", text);
        }
    }

    private static void requireWithinLimit(String field, String value) {
        int length = value.codePointCount(0, value.length());
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("a check run's output " + field + " has " + length
                    + " characters; GitHub takes " + MAX_LENGTH + " at most");
        }
    }
}
