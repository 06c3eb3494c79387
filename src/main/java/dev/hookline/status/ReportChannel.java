package dev.hookline.status;

import dev.hookline.tekton.TrackedRun;

/**
 * One way a run's outcome reaches GitHub: commit statuses ({@link CommitStatusChannel}) or check runs
 * ({@link CheckRunChannel}). The reporter reads the run and asks each channel that applies, in turn, for one step; a
 * step sends at most one write, so that every write waits its turn in GitHub's write budget.
 */
interface ReportChannel {

    /** Whether the run applies to this channel at all (check runs need an App installation, say). */
    boolean applies(TrackedRun run);

    /**
     * Whether the run may need a step: a cheap check on the informer's copy, made for every change of every run.
     *
     * @param cached the run as the informer delivered it
     * @param known the same with what this replica knows was reported ({@link ReportedStates#recall})
     */
    boolean pending(TrackedRun cached, TrackedRun known);

    /**
     * One step for a run read fresh from the cluster.
     *
     * @return {@code null} when there is nothing to do, else what was done
     */
    ReportScheduler.Attempt report(TrackedRun fresh, TrackedRun known);

    /** Whether the last word on a deleted run (as last seen, with what is known) has reached GitHub. */
    boolean deletedSettled(TrackedRun known);

    /**
     * One step for a deleted run, as last seen: its last state, or, when it had not finished, the report that says it
     * was deleted.
     *
     * @return {@code null} when there is nothing to do, else what was done
     */
    ReportScheduler.Attempt reportDeleted(TrackedRun known);

    /** Whether nothing is left to report for a finished run (as {@link ReportedStates#recall} gives it). */
    boolean settled(TrackedRun known);
}
