package dev.hookline.github;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The commit statuses GitHub accepted (or a dry run pretended to post), newest first and bounded: what the status
 * page shows and {@code GET /api/statuses} serves. In local mode this is where statuses go instead of GitHub.
 */
@ApplicationScoped
public class PostedStatuses {

    private static final int CAPACITY = 1000;

    private final Clock clock;
    private final Deque<Posted> entries = new ArrayDeque<>();

    PostedStatuses(Clock clock) {
        this.clock = clock;
    }

    /**
     * One accepted status.
     *
     * @param at when it was posted
     * @param dryRun whether it was only recorded, not sent
     * @param pullRequest the number of the pull request whose run the status reports, when read from that run (the
     *        statuses this replica holds only in memory do not know it), else {@code null}
     */
    @RegisterForReflection
    public record Posted(Instant at, String repository, String sha, CommitState state, String description, String context,
            String targetUrl, boolean dryRun, Integer pullRequest) {
    }

    synchronized void record(CommitStatus status, boolean dryRun) {
        entries.addFirst(new Posted(clock.instant(), status.repository(), status.sha(), status.state(), status.description(),
                status.context(), status.targetUrl(), dryRun, null));
        if (entries.size() > CAPACITY) {
            entries.removeLast();
        }
    }

    /** A copy, newest first. */
    public synchronized List<Posted> recent() {
        return new ArrayList<>(entries);
    }
}
