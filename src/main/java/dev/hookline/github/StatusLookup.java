package dev.hookline.github;

import java.time.Duration;
import java.util.Objects;

/**
 * What GitHub shows now for one context of a commit: the latest status there, nothing, or why that could not be read.
 * Lets the reporter adopt a state an earlier leader or an earlier process already posted instead of posting it again.
 */
public sealed interface StatusLookup {

    /**
     * The latest status of the context.
     *
     * @param state its state
     * @param description its description, or {@code null}
     * @param targetUrl its link, or {@code null}
     */
    record Shown(CommitState state, String description, String targetUrl) implements StatusLookup {

        /** Whether posting {@code status} would change nothing GitHub shows for its context but the description. */
        public boolean matches(CommitStatus status) {
            return state == status.state() && Objects.equals(targetUrl, status.targetUrl());
        }
    }

    /** GitHub has no status for the context, or would not say (a refusal that a post would meet too). */
    record NotShown() implements StatusLookup {
    }

    /**
     * GitHub could not be asked this time (5xx, rate limit, timeout).
     *
     * @param after how long GitHub asked to wait, or {@code null}
     * @param reason why, for the log
     */
    record Unknown(Duration after, String reason) implements StatusLookup {
    }
}
