package dev.hookline.trigger;

import java.util.Locale;

/** What a trigger does with a pull request that is not trusted: from a fork, or by an author without write access. */
public enum ForkPolicy {

    /** No run until a trusted user comments {@code /ok-to-test}; a pending status says so meanwhile. The default. */
    APPROVAL,
    /** Never run them; nothing is posted either. */
    NEVER,
    /** Run them like any other. Unsafe for pipelines that use secrets: the pull request's code runs with them. */
    ALWAYS;

    /** The name the triggers file uses. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ForkPolicy fromKey(String key) {
        for (ForkPolicy policy : values()) {
            if (policy.key().equals(key)) {
                return policy;
            }
        }
        return null;
    }
}
