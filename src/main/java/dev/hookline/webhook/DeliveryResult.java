package dev.hookline.webhook;

import java.util.List;

/**
 * What Hookline did with a verified delivery.
 *
 * @param outcome {@link Outcome#TRIGGERED}, {@link Outcome#DUPLICATE}, {@link Outcome#IGNORED} or
 *        {@link Outcome#REFUSED}
 * @param reason why, for people reading the delivery log; may be {@code null} when runs were created; for a refusal,
 *        what to change
 * @param runs the runs created (or found, for a duplicate; of the other triggers, for a refusal)
 */
public record DeliveryResult(Outcome outcome, String reason, List<RunRef> runs) {

    public DeliveryResult {
        runs = List.copyOf(runs);
    }

    public static DeliveryResult ignored(String reason) {
        return new DeliveryResult(Outcome.IGNORED, reason, List.of());
    }
}
