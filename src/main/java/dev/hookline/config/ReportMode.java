package dev.hookline.config;

import java.util.Locale;

/**
 * How run outcomes are reported to GitHub ({@code hookline.github.report}): commit statuses, check runs, or both.
 * Resolved once, at start ({@link ReportModeProducer}), so that a setting GitHub would refuse on every run stops the
 * service with a message instead.
 */
public enum ReportMode {

    /** A commit status per run, with a context per trigger: works with any credentials. */
    STATUSES,
    /** A check run per run: needs a GitHub App. */
    CHECKS,
    /** Both, e.g. while branch protection moves from status contexts to checks. */
    BOTH;

    /** Whether commit statuses are posted. */
    public boolean statuses() {
        return this != CHECKS;
    }

    /** Whether check runs are written. */
    public boolean checks() {
        return this != STATUSES;
    }

    /**
     * The mode {@code config} asks for, {@code checks} by default with a GitHub App and {@code statuses} without.
     *
     * @throws IllegalStateException when check runs are asked for without a GitHub App, and GitHub would refuse every
     *         one: with a personal access token, or with no credentials outside a dry run (a dry run without any, as
     *         local mode runs, sends nothing GitHub could refuse)
     */
    public static ReportMode of(HooklineConfig config) {
        HooklineConfig.GitHub github = config.github();
        boolean app = github.appId().filter(id -> !id.isBlank()).isPresent() && github.privateKeyFile().isPresent();
        ReportMode mode = github.report().orElse(app ? CHECKS : STATUSES);
        if (!mode.checks() || app) {
            return mode;
        }
        boolean token = github.token().filter(t -> !t.isBlank()).isPresent();
        if (!token && github.dryRun()) {
            return mode;
        }
        throw new IllegalStateException("hookline.github.report=" + mode.name().toLowerCase(Locale.ROOT)
                + " needs a GitHub App: GitHub refuses check runs from personal access tokens (403 \"You must "
                + "authenticate via a GitHub App\"), and " + (token
                        ? "only a personal access token (HOOKLINE_GITHUB_TOKEN) is set"
                        : "no GitHub credentials are set")
                + ". Set HOOKLINE_GITHUB_APP_ID and HOOKLINE_GITHUB_PRIVATE_KEY_FILE for a GitHub App with the "
                + "\"Checks: write\" permission, or HOOKLINE_GITHUB_REPORT=statuses");
    }
}
