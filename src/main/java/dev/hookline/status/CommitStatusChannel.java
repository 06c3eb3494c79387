package dev.hookline.status;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import dev.hookline.github.CommitState;
import dev.hookline.github.CommitStatus;
import dev.hookline.github.PostResult;
import dev.hookline.github.StatusLookup;
import dev.hookline.status.ReportScheduler.Attempt;
import dev.hookline.tekton.PipelineRuns;
import dev.hookline.tekton.TrackedRun;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;

/**
 * A run's report as commit statuses, once each: a state is posted only when neither the run's ledger annotation nor
 * this replica's {@link ReportedStates} says it was posted, and, for a run this replica did not watch throughout, only
 * when GitHub does not already show it. The ledger is written after GitHub accepted the state; when another writer
 * (Tekton's controller, from a stale copy) undoes it, it is written again after a backoff, never posted again.
 */
final class CommitStatusChannel implements ReportChannel {

    /** Write-backs of one run's ledger before a writer that keeps undoing it is left alone. */
    static final int LEDGER_RESTORES = 5;

    private final PipelineRuns runs;
    private final ReportPoster posts;
    private final ReportedStates known;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Predicate<TrackedRun> applies;
    /** States GitHub refused for good (422), so a resync does not post them again. */
    private final Map<String, CommitState> rejected = new ConcurrentHashMap<>();
    /** Runs whose ledger was found undone and waits one backoff before it is written back. */
    private final Set<String> restoreDue = ConcurrentHashMap.newKeySet();

    CommitStatusChannel(PipelineRuns runs, ReportPoster posts, ReportedStates known, Clock clock,
            MeterRegistry registry, Predicate<TrackedRun> applies) {
        this.runs = runs;
        this.posts = posts;
        this.known = known;
        this.clock = clock;
        this.registry = registry;
        this.applies = applies;
    }

    @Override
    public boolean applies(TrackedRun run) {
        return applies.test(run);
    }

    @Override
    public boolean pending(TrackedRun cached, TrackedRun run) {
        CommitState state = CommitStatusMapper.map(run, null).state();
        boolean undone = run.reported() != null && !run.reported().equals(cached.reported());
        return undone || !state.wireName().equals(run.reported()) && state != rejected.get(run.key());
    }

    @Override
    public Attempt report(TrackedRun fresh, TrackedRun run) {
        CommitStatusMapper.Report report = CommitStatusMapper.map(run, null);
        String state = report.state().wireName();
        if (state.equals(run.reported()) && !state.equals(fresh.reported())) {
            return restoreLedger(fresh, run);
        }
        restoreDue.remove(run.key());
        if (state.equals(run.reported()) || report.state() == rejected.get(run.key())) {
            return null;
        }
        if (report.state() == CommitState.FAILURE) {
            report = CommitStatusMapper.map(run, runs.failedTask(run));
        }
        CommitStatus status = posts.status(run, report);
        if (known.unverified(run)) {
            StatusLookup shown = posts.shown(run, status);
            if (shown instanceof StatusLookup.Unknown unknown) {
                return new Attempt.Retry(unknown.after());
            }
            if (shown instanceof StatusLookup.Shown latest && latest.matches(status)) {
                // Posted before this replica watched the run (an earlier process, or the old leader): adopt it.
                posts.adopted(run, status);
                Attempt recorded = recorded(fresh, status, latest.description(), false);
                return recorded == Attempt.WROTE ? Attempt.IDLE : recorded;
            }
            known.verified(run);
        }
        PostResult result = posts.post(run, status);
        if (result instanceof PostResult.RetryLater retry) {
            return new Attempt.Retry(retry.after(), retry.limited());
        }
        if (result instanceof PostResult.Rejected) {
            rejected.put(run.key(), report.state());
            return Attempt.WROTE;
        }
        rejected.remove(run.key());
        if (run.finished()) {
            recordDuration(registry, run);
        }
        return recorded(fresh, status, status.description(), ((PostResult.Accepted) result).dryRun());
    }

    /** GitHub has the status for the run: remember it here, then write the ledger and the run's statuses with it. */
    private Attempt recorded(TrackedRun fresh, CommitStatus status, String description, boolean dryRun) {
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
            return new Attempt.Retry(null);
        }
        return Attempt.WROTE;
    }

    /**
     * The ledger says less than GitHub has: another writer put an older copy of the run back. Written again after one
     * backoff, when that writer's reconcile has ended, so that the next one starts from the restored ledger.
     */
    private Attempt restoreLedger(TrackedRun fresh, TrackedRun run) {
        if (restoreDue.add(run.key())) {
            return new Attempt.Retry(null);
        }
        restoreDue.remove(run.key());
        if (!known.restore(run, LEDGER_RESTORES)) {
            Log.debugf("Ledger of %s keeps being undone; GitHub has %s, left as it is", run.key(), run.reported());
            return null;
        }
        registry.counter("hookline.status.ledger.restores").increment();
        Log.debugf("Ledger of %s was written back from an older copy (%s instead of %s); restoring it", run.key(),
                fresh.reported(), run.reported());
        try {
            runs.recordReported(fresh, new PipelineRuns.Ledger(run.reported(), run.supersededBy(), run.statuses()));
        } catch (KubernetesClientException e) {
            return new Attempt.Retry(null);
        }
        return null;
    }

    @Override
    public boolean deletedSettled(TrackedRun last) {
        return CommitStatusMapper.mapDeleted(last, null).state().wireName().equals(last.reported());
    }

    /** The report of a deleted run: posted until GitHub takes or refuses it; there is no ledger left to write. */
    @Override
    public Attempt reportDeleted(TrackedRun last) {
        rejected.remove(last.key());
        restoreDue.remove(last.key());
        if (deletedSettled(last)) {
            return null;
        }
        CommitStatusMapper.Report report = CommitStatusMapper.mapDeleted(last,
                CommitStatusMapper.map(last, null).state() == CommitState.FAILURE ? runs.failedTask(last) : null);
        CommitStatus status = posts.status(last, report);
        PostResult result = posts.post(last, status);
        if (result instanceof PostResult.RetryLater retry) {
            return new Attempt.Retry(retry.after(), retry.limited());
        }
        // Remembered, so that the run's other channel, still to go, does not post it again.
        known.accepted(last, report.state(), new TrackedRun.Posted(report.state().wireName(), report.description(),
                status.targetUrl(), clock.instant(), result instanceof PostResult.Accepted a && a.dryRun()));
        return Attempt.WROTE;
    }

    /** {@code hookline.run.duration} of a finished run, by trigger and the commit state it ended in. */
    static void recordDuration(MeterRegistry registry, TrackedRun run) {
        if (run.startTime() != null && run.completionTime() != null) {
            Timer.builder("hookline.run.duration").tag("trigger", String.valueOf(run.trigger()))
                    .tag("outcome", CommitStatusMapper.map(run, null).state().wireName()).register(registry)
                    .record(Duration.between(run.startTime(), run.completionTime()));
        }
    }

    @Override
    public boolean settled(TrackedRun run) {
        return CommitStatusMapper.map(run, null).state().wireName().equals(run.reported());
    }
}
