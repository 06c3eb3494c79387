package dev.hookline.webhook;

import java.time.Instant;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One entry of the delivery log.
 *
 * @param id the {@code X-GitHub-Delivery} id, or {@code null} when the request had none
 * @param event the {@code X-GitHub-Event} name, or {@code null}
 * @param repository {@code owner/name} when known
 * @param ref the pushed ref when known
 * @param receivedAt when the request arrived
 * @param outcome what became of it
 * @param reason why, in words
 * @param runs the runs it led to
 * @param replica {@code null} when the delivery is recorded in the cluster (every replica lists it); else the one
 *        replica whose memory alone holds it (ignored and rejected deliveries, and any not recorded yet)
 */
@RegisterForReflection
public record Delivery(String id, String event, String repository, String ref, Instant receivedAt, Outcome outcome,
        String reason, List<RunRef> runs, String replica) {

    public Delivery {
        runs = List.copyOf(runs);
    }

    /** A delivery as recorded in the cluster, or not yet said where. */
    public Delivery(String id, String event, String repository, String ref, Instant receivedAt, Outcome outcome,
            String reason, List<RunRef> runs) {
        this(id, event, repository, ref, receivedAt, outcome, reason, runs, null);
    }

    /** The same delivery, known only to the given replica's memory. */
    public Delivery heldBy(String replica) {
        return new Delivery(id, event, repository, ref, receivedAt, outcome, reason, runs, replica);
    }

    /** Whether the delivery asked something of the cluster, and so is recorded there as an Event. */
    public boolean touchedCluster() {
        return id != null && (outcome == Outcome.TRIGGERED || outcome == Outcome.DUPLICATE
                || outcome == Outcome.FAILED || outcome == Outcome.REFUSED);
    }
}
