package dev.hookline.status;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import dev.hookline.github.CommitState;
import dev.hookline.github.CommitStatus;
import dev.hookline.github.PostResult;
import dev.hookline.tekton.PipelineRuns;
import dev.hookline.tekton.TrackedRun;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;

/**
 * Reports each run's state as a commit status, effectively once: a state is posted only when the run's ledger
 * annotation says it was not posted yet, and the ledger is written after GitHub accepted it. A crash between the two
 * re-posts the same state, which is harmless; nothing is ever skipped. Only the leader reports.
 */
final class StatusReporter {

    /** Posts one status; {@code GitHubClient::post} in the service. */
    interface Poster {

        PostResult post(CommitStatus status, Long installationId);
    }

    private final PipelineRuns runs;
    private final Poster poster;
    private final BooleanSupplier leader;
    private final Optional<String> targetUrlTemplate;
    private final MeterRegistry registry;
    private final ReportQueue queue;
    /** States GitHub refused for good (422), so a resync does not post them again. */
    private final Map<String, CommitState> rejected = new ConcurrentHashMap<>();
    /** Runs deleted before their final state was posted, as last seen: their report goes out without a ledger. */
    private final Map<String, TrackedRun> deleted = new ConcurrentHashMap<>();
    /**
     * States GitHub accepted whose ledger write has not succeeded yet. A run deleted in between carries the older
     * ledger; this keeps its deletion from posting the same state twice.
     */
    private final Map<String, String> unrecorded = new ConcurrentHashMap<>();

    StatusReporter(PipelineRuns runs, Poster poster, BooleanSupplier leader, Optional<String> targetUrlTemplate,
            MeterRegistry registry, int concurrency, Duration initialBackoff, Duration maxBackoff) {
        this.runs = runs;
        this.poster = poster;
        this.leader = leader;
        this.targetUrlTemplate = targetUrlTemplate;
        this.registry = registry;
        this.queue = new ReportQueue(this::attempt, concurrency, initialBackoff, maxBackoff);
        Gauge.builder("hookline.status.queue.depth", queue, ReportQueue::depth).strongReference(true)
                .description("Runs waiting for, or in, a report attempt").register(registry);
    }

    /** A run was added or changed: queue it if it may need a report. */
    void changed(TrackedRun run) {
        if (!leader.getAsBoolean()) {
            return;
        }
        // Cheap check on the cached copy first: a resync of thousands of reported runs costs no API call.
        CommitState state = CommitStatusMapper.map(run, null).state();
        if (!state.wireName().equals(run.reported()) && state != rejected.get(run.key())) {
            queue.submit(run);
        }
    }

    /**
     * A run was deleted: if its final state was not posted yet, post it from the run as last seen, or, when it had not
     * finished, an error saying it was deleted, so that its commit is not left pending.
     */
    void deleted(TrackedRun last) {
        if (!leader.getAsBoolean() || alreadyPosted(last, CommitStatusMapper.mapDeleted(last, null).state())) {
            unrecorded.remove(last.key());
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
            return ReportQueue.Attempt.DONE;
        }
        TrackedRun run;
        try {
            run = runs.get(cached.apiVersion(), cached.namespace(), cached.name());
        } catch (KubernetesClientException e) {
            Log.warnf("Cannot read PipelineRun %s: %s; retrying", cached.key(), e.getMessage());
            return new ReportQueue.Attempt.Retry(null);
        }
        if (run == null) {
            rejected.remove(cached.key());
            TrackedRun last = deleted.get(cached.key());
            return last == null ? ReportQueue.Attempt.DONE : reportDeleted(last);
        }
        // A run of the same name again (a redelivery after a deletion) is reported as itself.
        deleted.remove(run.key());
        CommitStatusMapper.Report report = CommitStatusMapper.map(run, null);
        if (report.state().wireName().equals(run.reported()) || report.state() == rejected.get(run.key())) {
            return ReportQueue.Attempt.DONE;
        }
        if (report.state() == CommitState.FAILURE) {
            report = CommitStatusMapper.map(run, runs.failedTask(run));
        }
        PostResult result = post(run, report);
        String state = report.state().wireName();
        if (result instanceof PostResult.RetryLater retry) {
            return new ReportQueue.Attempt.Retry(retry.after());
        }
        if (result instanceof PostResult.Rejected) {
            rejected.put(run.key(), report.state());
            return ReportQueue.Attempt.DONE;
        }
        unrecorded.put(run.key(), state);
        try {
            if (!runs.recordReported(run, state)) {
                // Deleted meanwhile: its delete event finds what was posted in `unrecorded`.
                return ReportQueue.Attempt.DONE;
            }
        } catch (KubernetesClientException e) {
            // Posted but not recorded: the retry posts the same state again, which GitHub takes as a no-op.
            Log.warnf("Posted %s for %s but could not record it: %s; retrying", state, run.key(), e.getMessage());
            return new ReportQueue.Attempt.Retry(null);
        }
        unrecorded.remove(run.key());
        rejected.remove(run.key());
        if (run.finished() && run.startTime() != null && run.completionTime() != null) {
            Timer.builder("hookline.run.duration").tag("trigger", String.valueOf(run.trigger())).tag("outcome", state)
                    .register(registry).record(Duration.between(run.startTime(), run.completionTime()));
        }
        return ReportQueue.Attempt.DONE;
    }

    /** The report of a deleted run: posted until GitHub takes or refuses it; there is no ledger left to write. */
    private ReportQueue.Attempt reportDeleted(TrackedRun last) {
        CommitStatusMapper.Report report = CommitStatusMapper.mapDeleted(last,
                CommitStatusMapper.map(last, null).state() == CommitState.FAILURE ? runs.failedTask(last) : null);
        if (!alreadyPosted(last, report.state()) && post(last, report) instanceof PostResult.RetryLater retry) {
            return new ReportQueue.Attempt.Retry(retry.after());
        }
        deleted.remove(last.key());
        unrecorded.remove(last.key());
        return ReportQueue.Attempt.DONE;
    }

    /** Whether the state was posted for the run, per its ledger or per an acceptance not recorded there yet. */
    private boolean alreadyPosted(TrackedRun run, CommitState state) {
        return state.wireName().equals(run.reported()) || state.wireName().equals(unrecorded.get(run.key()));
    }

    /** Posts the report, counting and logging GitHub's answer. */
    private PostResult post(TrackedRun run, CommitStatusMapper.Report report) {
        CommitStatus status = new CommitStatus(run.repository(), run.sha(), report.state(), report.description(),
                run.statusContext(), targetUrl(run));
        PostResult result = poster.post(status, run.installationId());
        String state = report.state().wireName();
        if (result instanceof PostResult.RetryLater) {
            registry.counter("hookline.status.reports", "state", state, "result", "retried").increment();
        } else if (result instanceof PostResult.Rejected refused) {
            registry.counter("hookline.status.reports", "state", state, "result", "rejected").increment();
            Log.errorf("GitHub refused the %s status of run %s (delivery %s, %s@%s): %s", state, run.key(),
                    run.deliveryId(), run.repository(), run.sha(), refused.message());
        } else {
            registry.counter("hookline.status.reports", "state", state, "result", "accepted").increment();
            Log.infof("Reported %s for run %s (delivery %s, %s %s): %s", state, run.key(), run.deliveryId(),
                    run.repository(), run.ref(), status.description());
        }
        return result;
    }

    private String targetUrl(TrackedRun run) {
        return targetUrlTemplate.map(t -> t.replace("{namespace}", run.namespace()).replace("{name}", run.name()))
                .orElse(null);
    }
}
