package dev.hookline.status;

import dev.hookline.config.ReportMode;
import dev.hookline.tekton.TrackedRun;

/**
 * Which channels a run's outcome goes to ({@code hookline.github.report}). Check runs need the App installation the
 * run's delivery came through (a dry run sends nothing and needs none); a run without one, in a mode that asks for
 * checks only, gets commit statuses instead, so that no run goes unreported.
 *
 * @param mode what is configured
 * @param dryRun whether writes are only recorded ({@code hookline.github.dry-run})
 */
record ReportRoutes(ReportMode mode, boolean dryRun) {

    /** Whether the run gets a check run. */
    boolean checks(TrackedRun run) {
        return mode.checks() && (run.installationId() != null || dryRun);
    }

    /** Whether the run gets commit statuses. */
    boolean statuses(TrackedRun run) {
        return mode.statuses() || !checks(run);
    }
}
