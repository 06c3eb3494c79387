package dev.hookline.webhook;

import java.util.function.Supplier;

/**
 * What a verified delivery leads to: an answer at once, or runs to create (or cancel) first. A 2xx answer means the
 * work is in the cluster, so a delivery that leads to runs is answered only once they exist, or with a
 * {@link WebhookProblem} (usually 503) so that GitHub marks it failed and a redelivery can finish the job.
 */
public sealed interface Handling {

    /** Nothing to do in the cluster (no trigger matched, an action Hookline ignores): answer at once. */
    record Answer(DeliveryResult result) implements Handling {
    }

    /**
     * Work that talks to the cluster or to GitHub, so it runs on a worker thread; it returns once its runs exist, or
     * throws a {@link WebhookProblem}.
     */
    record Launch(Supplier<DeliveryResult> work) implements Handling {
    }
}
