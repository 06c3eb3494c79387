package dev.hookline.github;

/**
 * What became of creating a check run: its id, or the reason there is none, in {@link PostResult}'s terms.
 * <p>
 * A {@link NotCreated} that is a {@link PostResult.RetryLater} does not mean GitHub has no such check run: a timeout
 * may have cut off an answer to a request GitHub carried out. Before creating again, ask
 * {@link CheckRuns#find} for it, or the commit may get two.
 */
public sealed interface CheckRunCreation {

    /**
     * GitHub created it (or a dry run pretended to).
     *
     * @param id GitHub's id of the check run, what every update names; from a counter in a dry run
     * @param dryRun whether nothing was sent because {@code hookline.github.dry-run} is on
     */
    record Created(long id, boolean dryRun) implements CheckRunCreation {
    }

    /**
     * Not created this time.
     *
     * @param result {@link PostResult.RetryLater} or {@link PostResult.Rejected}, never {@link PostResult.Accepted}
     */
    record NotCreated(PostResult result) implements CheckRunCreation {

        public NotCreated {
            if (result == null || result.accepted()) {
                throw new IllegalArgumentException("a check run not created has a reason, not " + result);
            }
        }
    }
}
