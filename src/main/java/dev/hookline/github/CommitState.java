package dev.hookline.github;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The state of a commit status, as GitHub names it (lowercase on the wire). */
@RegisterForReflection
public enum CommitState {

    /** The run exists and has not finished. */
    PENDING,
    /** The run succeeded. */
    SUCCESS,
    /** The run failed: the pipeline said no. */
    FAILURE,
    /** The run could not give an answer: cancelled, timed out, or broken before it ran. */
    ERROR;

    /** The state GitHub names so, or {@code null}. */
    public static CommitState of(String wireName) {
        for (CommitState state : values()) {
            if (state.wireName().equals(wireName)) {
                return state;
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
