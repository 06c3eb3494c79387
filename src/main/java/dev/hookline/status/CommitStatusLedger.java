package dev.hookline.status;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.hookline.config.HooklineConfig;
import dev.hookline.config.ReportMode;
import dev.hookline.tekton.ReportLedger;
import dev.hookline.tekton.TrackedRun;

/**
 * The report ledgers, with what this replica knows was reported, read against the state a run maps to now: the same
 * comparison by which the reporter decides that a run needs no write, so a run counts as settled exactly when the
 * reporter is done with it: its final commit status posted, and its check run completed, as far as each applies.
 */
@ApplicationScoped
class CommitStatusLedger implements ReportLedger {

    private final boolean reporting;
    private final ReportedStates known;
    private final ReportRoutes routes;

    @Inject
    CommitStatusLedger(HooklineConfig config, ReportedStates known, ReportMode mode) {
        this(config.status().enabled(), known, new ReportRoutes(mode, config.github().dryRun()));
    }

    CommitStatusLedger(boolean reporting, ReportedStates known, ReportRoutes routes) {
        this.reporting = reporting;
        this.known = known;
        this.routes = routes;
    }

    @Override
    public boolean settled(TrackedRun run) {
        // With reporting off no ledger is ever written: waiting for it would keep every run for good.
        // What this replica knows was posted counts too: Tekton may have written an older ledger back.
        TrackedRun known = this.known.recall(run);
        if (!reporting) {
            return true;
        }
        return known.finished()
                && (!routes.statuses(known) && this.known.checks().refused(known) == null
                        || CommitStatusMapper.map(known, null).state().wireName().equals(known.reported()))
                && (!routes.checks(known) || this.known.checks().settled(known));
    }
}
