package dev.hookline.trigger;

/**
 * Tells the commit why a trigger runs nothing (yet), since no run exists to carry a status; in the service, a commit
 * status on the trigger's context, posted by the {@code status} package.
 */
public interface CommitNotifier {

    /**
     * The cluster refused the trigger's run for good: an {@code error} status. Called on the request thread: returns
     * at once, the notice goes out in the background.
     */
    void refused(RunPlan plan, String reason);

    /**
     * The run waits for someone (a maintainer's {@code /ok-to-test}): a {@code pending} status saying so, which the
     * run's own status replaces once it exists. Returns at once.
     */
    void waiting(RunPlan plan, String description);

    /**
     * What waited will not run (the pull request closed unapproved): an {@code error} status with the description, so
     * that no commit keeps a {@code pending} status forever. Returns at once.
     */
    void notRun(RunPlan plan, String description);
}
