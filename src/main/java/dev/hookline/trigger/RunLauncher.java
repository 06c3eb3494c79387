package dev.hookline.trigger;

import dev.hookline.webhook.RunRef;
import dev.hookline.webhook.WebhookProblem;

/** Creates the run a plan describes, at most once per delivery and trigger. */
public interface RunLauncher {

    /**
     * The run for this plan.
     *
     * @param run where it is
     * @param created {@code false} when it already existed: a redelivery
     */
    record Launched(RunRef run, boolean created) {
    }

    /**
     * Creates the run, or finds the one an earlier delivery of the same id created.
     *
     * @throws WebhookProblem (503) when the cluster cannot be reached or refuses for now: a redelivery may succeed
     * @throws RunRefused when the cluster refuses this run for good
     */
    Launched launch(RunPlan plan);
}
