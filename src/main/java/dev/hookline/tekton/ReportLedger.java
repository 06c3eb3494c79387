package dev.hookline.tekton;

/**
 * What the report ledger ({@link TrackedRun#ANNOTATION_REPORTED}) says about a finished run, as far as deleting it
 * goes. Answered by the package that maps runs to commit states, so that this one needs to know nothing of them.
 */
@FunctionalInterface
public interface ReportLedger {

    /**
     * Whether nothing is left to report for the run: its ledger holds the final state its condition maps to, or
     * nothing is reported at all. Deleting a run before that would leave its commit {@code pending} for good.
     */
    boolean settled(TrackedRun run);
}
