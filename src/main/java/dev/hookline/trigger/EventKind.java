package dev.hookline.trigger;

import java.util.Locale;

/** The GitHub events a trigger can listen to ({@code events:} in the triggers file). */
public enum EventKind {

    /** Commits pushed to a branch or a tag. */
    PUSH,
    /** A pull request opened, pushed to, reopened or marked ready for review. */
    PULL_REQUEST,
    /** A merge queue asking for checks on a merge group's commit. */
    MERGE_GROUP;

    /** The name GitHub and the triggers file use: {@code push}, {@code pull_request}, {@code merge_group}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of this name, or {@code null}. */
    public static EventKind fromKey(String key) {
        for (EventKind kind : values()) {
            if (kind.key().equals(key)) {
                return kind;
            }
        }
        return null;
    }
}
