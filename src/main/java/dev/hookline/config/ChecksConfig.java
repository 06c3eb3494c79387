package dev.hookline.config;

import io.smallrye.config.WithDefault;

/** What a failed run's report shows besides its task table. */
public interface ChecksConfig {

    /** The most log lines {@link #logLines()} may ask for: a check run's text holds 65,535 characters in all. */
    int MAX_LOG_LINES = 1000;

    /**
     * How many of the failed step's last log lines a failed run shows (on its page, in
     * {@code GET /api/runs/NAMESPACE/NAME/log}, and in its check run); {@code 0}, the default, shows none and reads no
     * log. Above {@code 0} it needs {@code get} on {@code pods/log} in every pipeline namespace (the kustomize component
     * {@code components/step-logs}), and it risks publishing what a step printed: whatever looks like a token or a
     * private key is masked, but masking is best effort, and anyone who can see the check run or the status page sees
     * the lines. At most {@value #MAX_LOG_LINES}; a negative value or more stops the service at start.
     */
    @WithDefault("0")
    int logLines();
}
