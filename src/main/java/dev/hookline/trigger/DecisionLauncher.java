package dev.hookline.trigger;

import jakarta.enterprise.context.ApplicationScoped;

import dev.hookline.webhook.DeliveryResult;

/**
 * Carries out what {@link PullRequestPlanner} decided for a head, for a pull request's own events and for comment
 * commands alike: creates the runs and posts a pending status for each trigger that waits for approval, so that the
 * commit says why it has no run yet.
 */
@ApplicationScoped
public class DecisionLauncher {

    private final BatchLauncher launcher;
    private final CommitNotifier notifier;

    DecisionLauncher(BatchLauncher launcher, CommitNotifier notifier) {
        this.launcher = launcher;
        this.notifier = notifier;
    }

    /** Creates the decided runs (or finds them, for a redelivery) and posts the pending statuses of those that wait. */
    public DeliveryResult launch(PullRequestPlanner.Decision decision) {
        if (decision.noMatch() != null) {
            return DeliveryResult.ignored(decision.noMatch());
        }
        decision.waiting().forEach(plan -> notifier.waiting(plan, PullRequestPlanner.WAITING));
        return launcher.launch(decision.runs(), decision.notes());
    }
}
