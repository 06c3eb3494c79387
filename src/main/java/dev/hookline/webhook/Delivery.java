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
 */
@RegisterForReflection
public record Delivery(String id, String event, String repository, String ref, Instant receivedAt, Outcome outcome,
        String reason, List<RunRef> runs) {

    public Delivery {
        runs = List.copyOf(runs);
    }
}
