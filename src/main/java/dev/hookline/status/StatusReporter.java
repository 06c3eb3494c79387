package dev.hookline.status;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import dev.hookline.github.CommitState;
import dev.hookline.github.CommitStatus;
import dev.hookline.github.PostResult;
import dev.hookline.github.StatusLookup;
import dev.hookline.tekton.PipelineRuns;
import dev.hookline.tekton.TrackedRun;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;

/**
 * Reports each run's state as a commit status, once: a state is posted only when neither the run's ledger annotation
 * nor this replica's {@link ReportedStates} says it was posted, and, for a run this replica did not watch throughout,
 * only when GitHub does not already show it. The ledger is written after GitHub accepted the state; when another
 * writer (Tekton's controller, from a stale copy) undoes it, it is written again after a backoff, never posted again.
 * Only the leader reports.
 */
final class StatusReporter {

    /** Write-backs of one run's ledger before a writer that keeps undoing it is left alone. */
    static final int LEDGER_RESTORES = 5;

    private final PipelineRuns runs;
    private final ReportPoster posts;
    private final BooleanSupplier leader;
    private final ReportedStates known;
    private final Clock clock;
    private final MeterRegistry registry;
    private final ReportQueue queue;
    /** States GitHub refused for good (422), so a resync does not post them again. */
    private final Map<String, CommitState> rejected = new ConcurrentHashMap<>();
    /** Runs deleted before their final state was posted, as last seen: their report goes out without a ledger. */
    private final Map<String, TrackedRun> deleted = new ConcurrentHashMap<>();
    /** Runs whose ledger was found undone and waits one backoff before it is written back. */
    private final Set<String> restoreDue = ConcurrentHashMap.newKeySet();

    StatusReporter(PipelineRuns runs, Poster poster, BooleanSupplier leader, ReportedStates known, Clock clock,
            Optional<String> targetUrlTemplate, MeterRegistry registry, int concurrency, Duration initialBackoff,
            Duration maxBackoff) {
        this.runs = runs;
        this.posts = new ReportPoster(poster, targetUrlTemplate, registry);
        this.leader = leader;
        this.known = known;
        this.clock = clock;
        this.registry = registry;
        this.queue = new ReportQueue(this::attempt, concurrency, initialBackoff, maxBackoff);
        Gauge.builder("hookline.status.queue.depth", queue, ReportQueue::depth).strongReference(true)
                .description("Runs waiting for, or in, a report attempt").register(registry);
    }

    /**
     * A run was added or changed: learn its ledger (on every replica), and queue it if it may need a report or its
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
        CommitState state = CommitStatusMapper.map(run, null).state();
        boolean undone = run.reported() != null && !run.reported().equals(cached.reported());
        if (undone || !state.wireName().equals(run.reported()) && state != rejected.get(run.key())) {
            queue.submit(cached);
        }
    }

    /**
     * This replica became the leader: every run that may still need a report is checked, and, since the old leader
     * may have posted for it in its last moments without recording it, checked against GitHub before a post.
     */
    void leadershipGained(Collection<TrackedRun> cached) {
        for (TrackedRun run : cached) {
            TrackedRun current = known.recall(run);
            if (!(current.finished()
                    && CommitStatusMapper.map(current, null).state().wireName().equals(current.reported()))) {
                known.inherit(run);
            }
            changed(run, true);
        }
    }

    /**
     * A run was deleted: if its final state was not posted yet, post it from the run as last seen, or, when it had not
     * finished, an error saying it was deleted, so that its commit is not left pending.
     */
    void deleted(TrackedRun last) {
        if (!leader.getAsBoolean() || alreadyPosted(last, CommitStatusMapper.mapDeleted(last, null).state())) {
            known.forget(last.key());
            return;
        }
        deleted.put(last.key(), last);
        queue.submit(last);
    }

    void shutdown() {
        queue.shutdown();
    }

    private ReportQueue.Attempt attempt(TrackedRun cached) {
        if (!leader.getAsBoolean()) {
            // Leadership lost: stop at once; the new leader's informer replay picks this run up (a deleted run's
            // report is lost with it: the new leader's informer has no such run to replay).
            deleted.remove(cached.key());
            restoreDue.remove(cached.key());
            return ReportQueue.Attempt.DONE;
        }
        TrackedRun fresh;
        try {
            fresh = runs.get(cached.apiVersion(), cached.namespace(), cached.name());
        } catch (KubernetesClientException e) {
            Log.warnf("Cannot read PipelineRun %s: %s; retrying", cached.key(), e.getMessage());
            return new ReportQueue.Attempt.Retry(null);
        }
        if (fresh == null) {
            rejected.remove(cached.key());
            restoreDue.remove(cached.key());
            TrackedRun last = deleted.get(cached.key());
            if (last == null) {
                return ReportQueue.Attempt.DONE;
            }
            return reportDeleted(last);
        }
        // A run of the same name again (a redelivery after a deletion) is reported as itself.
        deleted.remove(fresh.key());
        known.observe(fresh);
        TrackedRun run = known.recall(fresh);
        CommitStatusMapper.Report report = CommitStatusMapper.map(run, null);
        String state = report.state().wireName();
        if (state.equals(run.reported()) && !state.equals(fresh.reported())) {
            return restoreLedger(fresh, run);
        }
        restoreDue.remove(run.key());
        if (state.equals(run.reported()) || report.state() == rejected.get(run.key())) {
            return ReportQueue.Attempt.DONE;
        }
        if (report.state() == CommitState.FAILURE) {
            report = CommitStatusMapper.map(run, runs.failedTask(run));
        }
        CommitStatus status = posts.status(run, report);
        if (known.unverified(run)) {
            StatusLookup shown = posts.shown(run, status);
            if (shown instanceof StatusLookup.Unknown unknown) {
                return new ReportQueue.Attempt.Retry(unknown.after());
            }
            if (shown instanceof StatusLookup.Shown latest && latest.matches(status)) {
                // Posted before this replica watched the run (an earlier process, or the old leader): adopt it.
                posts.adopted(run, status);
                return recorded(fresh, status, latest.description(), false);
            }
            known.verified(run);
        }
        PostResult result = posts.post(run, status);
        if (result instanceof PostResult.RetryLater retry) {
            return new ReportQueue.Attempt.Retry(retry.after());
        }
        if (result instanceof PostResult.Rejected) {
            rejected.put(run.key(), report.state());
            return ReportQueue.Attempt.DONE;
        }
        rejected.remove(run.key());
        if (run.finished() && run.startTime() != null && run.completionTime() != null) {
            Timer.builder("hookline.run.duration").tag("trigger", String.valueOf(run.trigger())).tag("outcome", state)
                    .register(registry).record(Duration.between(run.startTime(), run.completionTime()));
        }
        return recorded(fresh, status, status.description(), ((PostResult.Accepted) result).dryRun());
    }

    /** GitHub has the status for the run: remember it here, then write the ledger and the run's statuses with it. */
    private ReportQueue.Attempt recorded(TrackedRun fresh, CommitStatus status, String description, boolean dryRun) {
        CommitState state = status.state();
        known.accepted(fresh, state,
                new TrackedRun.Posted(state.wireName(), description, status.targetUrl(), clock.instant(), dryRun));
        try {
            // Deleted meanwhile: its delete event finds what was posted in `known`.
            TrackedRun recalled = known.recall(fresh);
            runs.recordReported(fresh, new PipelineRuns.Ledger(state.wireName(), recalled.supersededBy(),
                    recalled.statuses()));
        } catch (KubernetesClientException e) {
            // Posted but not recorded: known here, so the retry writes the ledger and posts nothing.
            Log.warnf("Posted %s for %s but could not record it: %s; retrying", state.wireName(), fresh.key(),
                    e.getMessage());
            return new ReportQueue.Attempt.Retry(null);
        }
        return ReportQueue.Attempt.DONE;
    }

    /**
     * The ledger says less than GitHub has: another writer put an older copy of the run back. Written again after one
     * backoff, when that writer's reconcile has ended, so that the next one starts from the restored ledger.
     */
    private ReportQueue.Attempt restoreLedger(TrackedRun fresh, TrackedRun run) {
        if (restoreDue.add(run.key())) {
            return new ReportQueue.Attempt.Retry(null);
        }
        restoreDue.remove(run.key());
        if (!known.restore(run, LEDGER_RESTORES)) {
            Log.debugf("Ledger of %s keeps being undone; GitHub has %s, left as it is", run.key(), run.reported());
            return ReportQueue.Attempt.DONE;
        }
        registry.counter("hookline.status.ledger.restores").increment();
        Log.debugf("Ledger of %s was written back from an older copy (%s instead of %s); restoring it", run.key(),
                fresh.reported(), run.reported());
        try {
            runs.recordReported(fresh, new PipelineRuns.Ledger(run.reported(), run.supersededBy(), run.statuses()));
        } catch (KubernetesClientException e) {
            return new ReportQueue.Attempt.Retry(null);
        }
        return ReportQueue.Attempt.DONE;
    }

    /** The report of a deleted run: posted until GitHub takes or refuses it; there is no ledger left to write. */
    private ReportQueue.Attempt reportDeleted(TrackedRun last) {
        CommitStatusMapper.Report report = CommitStatusMapper.mapDeleted(last,
                CommitStatusMapper.map(last, null).state() == CommitState.FAILURE ? runs.failedTask(last) : null);
        if (!alreadyPosted(last, report.state())
                && posts.post(last, posts.status(last, report)) instanceof PostResult.RetryLater retry) {
            return new ReportQueue.Attempt.Retry(retry.after());
        }
        deleted.remove(last.key());
        known.forget(last.key());
        return ReportQueue.Attempt.DONE;
    }

    /** Whether the state was posted for the run, per its ledger or per what this replica knows. */
    private boolean alreadyPosted(TrackedRun run, CommitState state) {
        return state.wireName().equals(known.recall(run).reported());
    }
}
