package dev.hookline.status;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import dev.hookline.github.WriteBudget.Urgency;
import dev.hookline.status.ReportScheduler.Attempt;
import dev.hookline.tekton.PipelineRuns;
import dev.hookline.tekton.TrackedRun;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.quarkus.logging.Log;

/**
 * Reports each run's state to GitHub through its channels (commit statuses, check runs, or both), each state once:
 * follows the informer, reads a run fresh before acting on it, and hands every write to the {@link ReportScheduler},
 * which keeps to GitHub's write limits. Only the leader reports; every replica learns what was reported.
 */
final class StatusReporter {

    private final PipelineRuns runs;
    private final List<ReportChannel> channels;
    private final BooleanSupplier leader;
    private final ReportedStates known;
    private final ReportScheduler scheduler;
    /** Runs deleted before their last word was out, as last seen: their report goes out without a ledger. */
    private final Map<String, TrackedRun> deleted = new ConcurrentHashMap<>();

    StatusReporter(PipelineRuns runs, List<ReportChannel> channels, BooleanSupplier leader, ReportedStates known,
            MeterRegistry registry, int writesPerMinute, int concurrency, Duration initialBackoff, Duration maxBackoff) {
        this.runs = runs;
        this.channels = List.copyOf(channels);
        this.leader = leader;
        this.known = known;
        this.scheduler = new ReportScheduler(this::attempt, this::urgency, writesPerMinute, concurrency, initialBackoff,
                maxBackoff);
        Gauge.builder("hookline.status.queue.depth", scheduler, ReportScheduler::depth).strongReference(true)
                .description("Runs waiting for, or in, a report attempt").register(registry);
        Gauge.builder("hookline.github.writes.queued", scheduler, ReportScheduler::queued).strongReference(true)
                .description("Writes to GitHub waiting for their turn in the write budget").register(registry);
        TimeGauge.builder("hookline.github.writes.oldest.age", scheduler, java.util.concurrent.TimeUnit.MILLISECONDS,
                s -> s.oldestAge().toMillis()).strongReference(true)
                .description("How long the oldest write waiting for the write budget has waited").register(registry);
    }

    /**
     * A run was added or changed: learn its ledgers (on every replica), and queue it if it may need a report or a
     * ledger was undone.
     *
     * @param watchedFromCreation whether this replica's informer has seen the run since it was created
     */
    void changed(TrackedRun cached, boolean watchedFromCreation) {
        known.observe(cached, watchedFromCreation);
        if (!leader.getAsBoolean()) {
            return;
        }
        // Cheap check on the cached copy first: a resync of thousands of reported runs costs no API call.
        TrackedRun run = known.recall(cached);
        if (channels.stream().anyMatch(c -> c.applies(run) && c.pending(cached, run))) {
            scheduler.submit(cached);
        }
    }

    /**
     * This replica became the leader: every run that may still need a report is checked, and, since the old leader
     * may have written for it in its last moments without recording it, checked against GitHub before a write.
     */
    void leadershipGained(Collection<TrackedRun> cached) {
        for (TrackedRun run : cached) {
            TrackedRun current = known.recall(run);
            if (!(current.finished() && settled(current))) {
                known.inherit(run);
            }
            changed(run, true);
        }
    }

    /** Whether every channel of the run has its final word out (what housekeeping waits for before a deletion). */
    boolean settled(TrackedRun known) {
        return channels.stream().allMatch(c -> !c.applies(known) || c.settled(known));
    }

    /**
     * A run was deleted: if its last word was not out yet, sent from the run as last seen: its final state if it had
     * finished, else a report that it was deleted, so that its commit is not left pending.
     */
    void deleted(TrackedRun last) {
        TrackedRun run = known.recall(last);
        if (!leader.getAsBoolean() || channels.stream().allMatch(c -> !c.applies(run) || c.deletedSettled(run))) {
            known.forget(last.key());
            return;
        }
        deleted.put(last.key(), last);
        scheduler.submit(last);
    }

    void shutdown() {
        scheduler.shutdown();
    }

    private Urgency urgency(TrackedRun run) {
        return run.finished() || deleted.containsKey(run.key()) ? Urgency.FINAL : Urgency.INTERMEDIATE;
    }

    private Attempt attempt(TrackedRun cached) {
        if (!leader.getAsBoolean()) {
            // Leadership lost: stop at once; the new leader's informer replay picks this run up (a deleted run's
            // report is lost with it: the new leader's informer has no such run to replay).
            deleted.remove(cached.key());
            return Attempt.IDLE;
        }
        TrackedRun fresh;
        try {
            fresh = runs.get(cached.apiVersion(), cached.namespace(), cached.name());
        } catch (KubernetesClientException e) {
            Log.warnf("Cannot read PipelineRun %s: %s; retrying", cached.key(), e.getMessage());
            return new Attempt.Retry(null);
        }
        if (fresh == null) {
            TrackedRun last = deleted.get(cached.key());
            return last == null ? Attempt.IDLE : reportDeleted(last);
        }
        // A run of the same name again (a redelivery after a deletion) is reported as itself.
        deleted.remove(fresh.key());
        known.observe(fresh);
        for (ReportChannel channel : channels) {
            TrackedRun run = known.recall(fresh);
            if (!channel.applies(run)) {
                continue;
            }
            Attempt attempt = channel.report(fresh, run);
            if (attempt != null && attempt != Attempt.IDLE) {
                return attempt == Attempt.WROTE && anyPending(fresh) ? Attempt.AGAIN : attempt;
            }
        }
        return Attempt.IDLE;
    }

    /**
     * Whether a channel has something more to send for the run after a write: then it gets a turn of its own (the next
     * channel's state, or a channel that applies only now, as statuses do once GitHub refused the run's check run).
     */
    private boolean anyPending(TrackedRun fresh) {
        TrackedRun run = known.recall(fresh);
        return channels.stream().anyMatch(c -> c.applies(run) && c.pending(fresh, run));
    }

    /** The last word on a deleted run, channel by channel; there is no ledger left to write. */
    private Attempt reportDeleted(TrackedRun last) {
        for (ReportChannel channel : channels) {
            TrackedRun run = known.recall(last);
            if (!channel.applies(run) || channel.deletedSettled(run)) {
                continue;
            }
            Attempt attempt = channel.reportDeleted(run);
            if (attempt instanceof Attempt.Retry) {
                return attempt;
            }
            if (attempt != null && attempt != Attempt.IDLE) {
                // One write per turn: the next channel's comes in a turn of its own.
                return Attempt.AGAIN;
            }
        }
        deleted.remove(last.key());
        known.forget(last.key());
        return Attempt.IDLE;
    }
}
