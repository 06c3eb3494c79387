package dev.hookline.webhook;

import java.util.function.Supplier;

/**
 * Acts on a verified push: matches triggers and creates runs. A 2xx answer means the work is in the cluster, so a
 * delivery that leads to runs is answered only once they exist, or with a {@link WebhookProblem} (usually 503) so
 * that GitHub marks the delivery failed and a redelivery can finish the job.
 */
public interface PushHandler {

    /**
     * Decides what the push leads to. Called on the HTTP event loop, so it only matches and must not block: anything
     * that talks to the cluster goes into a {@link Handling.Launch}.
     */
    Handling handle(String deliveryId, PushEvent push);

    /** What a push leads to: an answer at once, or runs to create first. */
    sealed interface Handling {

        /** Nothing to create (no trigger matched): answer at once. */
        record Answer(PushResult result) implements Handling {
        }

        /**
         * Runs to create. {@code work} blocks on the cluster, so it runs on a worker thread; it returns once its runs
         * exist, or throws a {@link WebhookProblem}.
         */
        record Launch(Supplier<PushResult> work) implements Handling {
        }
    }
}
