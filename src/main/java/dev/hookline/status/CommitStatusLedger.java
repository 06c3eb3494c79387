package dev.hookline.status;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.hookline.config.HooklineConfig;
import dev.hookline.tekton.ReportLedger;
import dev.hookline.tekton.TrackedRun;

/**
 * The report ledger read against the state a run maps to now: the same comparison by which the reporter decides that
 * a run needs no post, so a run counts as settled exactly when the reporter is done with it.
 */
@ApplicationScoped
class CommitStatusLedger implements ReportLedger {

    private final boolean reporting;

    @Inject
    CommitStatusLedger(HooklineConfig config) {
        this(config.status().enabled());
    }

    CommitStatusLedger(boolean reporting) {
        this.reporting = reporting;
    }

    @Override
    public boolean settled(TrackedRun run) {
        // With reporting off no ledger is ever written: waiting for it would keep every run for good.
        return !reporting
                || run.finished() && CommitStatusMapper.map(run, null).state().wireName().equals(run.reported());
    }
}
