package dev.hookline.github;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** How a completed check run ended, as GitHub names it (lowercase on the wire). */
@RegisterForReflection
public enum CheckConclusion {

    /** The run succeeded. */
    SUCCESS,
    /** The run failed: the pipeline said no. */
    FAILURE,
    /** Neither success nor failure; GitHub does not block a merge on it. */
    NEUTRAL,
    /** The run was cancelled. */
    CANCELLED,
    /** The run took longer than its timeout. */
    TIMED_OUT,
    /** Someone has to act at {@code details_url} before anything can be said. */
    ACTION_REQUIRED,
    /** The run did not run at all. */
    SKIPPED;

    /** The conclusion GitHub names so, or {@code null} (GitHub also knows {@code stale}, which it sets itself). */
    public static CheckConclusion of(String wireName) {
        for (CheckConclusion conclusion : values()) {
            if (conclusion.wireName().equals(wireName)) {
                return conclusion;
            }
        }
        return null;
    }

    /** The name GitHub uses. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
