package dev.hookline.status;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.hookline.config.HooklineConfig;
import dev.hookline.tekton.ReportLedger;
import dev.hookline.tekton.TrackedRun;

/**
 * The report ledger, with what this replica knows was posted, read against the state a run maps to now: the same
 * comparison by which the reporter decides that a run needs no post, so a run counts as settled exactly when the
 * reporter is done with it.
 */
@ApplicationScoped
class CommitStatusLedger implements ReportLedger {

    private final boolean reporting;
    private final ReportedStates known;

    @Inject
    CommitStatusLedger(HooklineConfig config, ReportedStates known) {
        this(config.status().enabled(), known);
    }

    CommitStatusLedger(boolean reporting, ReportedStates known) {
        this.reporting = reporting;
        this.known = known;
    }

    @Override
    public boolean settled(TrackedRun run) {
        // With reporting off no ledger is ever written: waiting for it would keep every run for good.
        // What this replica knows was posted counts too: Tekton may have written an older ledger back.
        TrackedRun known = this.known.recall(run);
        return !reporting
                || known.finished() && CommitStatusMapper.map(known, null).state().wireName().equals(known.reported());
    }
}
