package dev.hookline.github;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Where a check run stands, as GitHub names it (lowercase on the wire). */
@RegisterForReflection
public enum CheckStatus {

    /** Created, not started: the PipelineRun exists and Tekton has not begun it. */
    QUEUED,
    /** Started and not finished. */
    IN_PROGRESS,
    /** Finished; a check run in this status needs a {@link CheckConclusion}. */
    COMPLETED;

    /** The status GitHub names so, or {@code null} (GitHub may add others, such as {@code waiting}). */
    public static CheckStatus of(String wireName) {
        for (CheckStatus status : values()) {
            if (status.wireName().equals(wireName)) {
                return status;
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
