package dev.hookline.status;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

import dev.hookline.github.CheckAction;
import dev.hookline.github.CheckRunCreation;
import dev.hookline.github.CheckRunLookup;
import dev.hookline.github.CheckRuns;
import dev.hookline.github.CheckStatus;
import dev.hookline.github.PostResult;
import dev.hookline.status.ReportScheduler.Attempt;
import dev.hookline.tekton.PipelineRuns;
import dev.hookline.tekton.TrackedRun;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

/**
 * A run's report as one check run, named after its status context, with the run's uid as {@code external_id}: created
 * {@code queued}, moved to {@code in_progress} and updated as tasks finish, {@code completed} with the run's conclusion,
 * never reopened. The check run's id and the stage GitHub accepted are the check ledger
 * ({@link TrackedRun#ANNOTATION_CHECK_RUN}, {@link TrackedRun#ANNOTATION_CHECK_STATE}), written after GitHub's answer
 * and as guarded against Tekton's stale write-backs as the status ledger ({@link ReportedStates}).
 * <p>
 * Creating is not idempotent on GitHub's side, so a check run is looked up by name, commit and external id before it
 * is created whenever one may exist unrecorded: a run this replica did not watch throughout (a restart, a new leader),
 * or a create whose answer never came. What is found is adopted, so a crash between GitHub's answer and the ledger
 * never leaves two check runs.
 */
final class CheckRunChannel implements ReportChannel {

    /** The button of a check run in progress; GitHub sends {@code check_run requested_action} naming it. */
    static final CheckAction CANCEL = new CheckAction("Cancel", "Cancel this PipelineRun", "cancel");

    private final PipelineRuns runs;
    private final CheckRuns checks;
    private final ReportedStates known;
    private final CheckRunOutputs outputs;
    private final MeterRegistry registry;
    private final Predicate<TrackedRun> applies;
    private final Consumer<TrackedRun> completed;
    /** Runs whose check ledger was found undone and waits one backoff before it is written back. */
    private final Set<String> restoreDue = ConcurrentHashMap.newKeySet();

    /**
     * @param completed told of each run whose check run GitHub accepted as completed (for the run duration metric)
     */
    CheckRunChannel(PipelineRuns runs, CheckRuns checks, ReportedStates known, CheckRunOutputs outputs,
            MeterRegistry registry, Predicate<TrackedRun> applies, Consumer<TrackedRun> completed) {
        this.runs = runs;
        this.checks = checks;
        this.known = known;
        this.outputs = outputs;
        this.registry = registry;
        this.applies = applies;
        this.completed = completed;
    }

    @Override
    public boolean applies(TrackedRun run) {
        return applies.test(run);
    }

    @Override
    public boolean pending(TrackedRun cached, TrackedRun run) {
        boolean undone = run.check().id() != null && !run.check().equals(cached.check());
        CheckStage want = CheckStage.of(run);
        return undone || want.after(CheckStage.parse(run.check().state())) && !want.equals(known.checks().refused(run));
    }

    @Override
    public Attempt report(TrackedRun fresh, TrackedRun run) {
        CheckStage had = CheckStage.parse(run.check().state());
        if (run.check().id() != null && had != null && !run.check().equals(fresh.check())) {
            return restoreLedger(fresh, run);
        }
        restoreDue.remove(run.key());
        CheckStage want = CheckStage.of(run);
        if (!want.after(had) || want.equals(known.checks().refused(run))) {
            return null;
        }
        return write(fresh, run, want);
    }

    @Override
    public boolean deletedSettled(TrackedRun last) {
        return !CheckStage.ofDeleted(last).after(CheckStage.parse(last.check().state()));
    }

    @Override
    public Attempt reportDeleted(TrackedRun last) {
        restoreDue.remove(last.key());
        CheckStage want = CheckStage.ofDeleted(last);
        if (deletedSettled(last) || want.equals(known.checks().refused(last))) {
            return null;
        }
        return write(null, last, want);
    }

    @Override
    public boolean settled(TrackedRun run) {
        return known.checks().settled(run);
    }

    /**
     * Brings the run's check run to {@code want}: found first when it may exist unrecorded, else created, or updated.
     *
     * @param fresh the run as read now, whose ledger is written after GitHub's answer; {@code null} for a deleted run
     */
    private Attempt write(TrackedRun fresh, TrackedRun run, CheckStage want) {
        Long id = run.check().id();
        if (id == null && known.checks().unverified(run)) {
            CheckRunLookup lookup = checks.find(run.repository(), run.sha(), run.statusContext(), externalId(run),
                    run.installationId());
            if (lookup instanceof CheckRunLookup.Unknown unknown) {
                return new Attempt.Retry(unknown.after());
            }
            if (lookup instanceof CheckRunLookup.Found found) {
                CheckStage shown = found.conclusion() != null
                        ? CheckStage.completed(found.conclusion())
                        : found.status() == CheckStatus.IN_PROGRESS
                                ? new CheckStage(CheckStatus.IN_PROGRESS, 0, null)
                                : CheckStage.QUEUED;
                known.checks().accepted(run, found.id(), shown);
                count(shown, "adopted");
                Log.infof("Adopted check run %d '%s' of %s@%s for run %s (%s): created before this replica knew it",
                        found.id(), run.statusContext(), run.repository(), run.sha(), run.key(), shown);
                if (!want.after(shown)) {
                    recorded(fresh, found.id());
                    return Attempt.IDLE;
                }
                id = found.id();
            } else {
                known.checks().unverified(run, false);
            }
        }
        if (id == null) {
            return create(fresh, run, want);
        }
        PostResult result = checks.update(run.repository(), id, outputs.update(run, want), run.installationId());
        if (result instanceof PostResult.Rejected refused && Integer.valueOf(404).equals(refused.status())) {
            // GitHub no longer has it (deleted with its repository's history, say): a new one takes its place.
            Log.warnf("Check run %d of run %s is gone from %s; creating a new one", id, run.key(), run.repository());
            return create(fresh, run, want);
        }
        return answered(fresh, run, want, id, result);
    }

    private Attempt create(TrackedRun fresh, TrackedRun run, CheckStage want) {
        CheckRunCreation creation = checks.create(outputs.checkRun(run, want, externalId(run)), run.installationId());
        if (creation instanceof CheckRunCreation.Created created) {
            return answered(fresh, run, want, created.id(), new PostResult.Accepted(created.dryRun()));
        }
        PostResult result = ((CheckRunCreation.NotCreated) creation).result();
        if (result instanceof PostResult.RetryLater) {
            // GitHub may have created it and the answer was lost: the next try looks for it first.
            known.checks().unverified(run, true);
        }
        return answered(fresh, run, want, null, result);
    }

    private Attempt answered(TrackedRun fresh, TrackedRun run, CheckStage want, Long id, PostResult result) {
        if (result instanceof PostResult.RetryLater retry) {
            count(want, "retried");
            return new Attempt.Retry(retry.after(), retry.limited());
        }
        if (result instanceof PostResult.Rejected refused) {
            count(want, "rejected");
            Log.errorf("GitHub refused the %s check run of run %s (delivery %s, %s@%s): %s; the run is reported as "
                    + "commit statuses instead", want, run.key(), run.deliveryId(), run.repository(), run.sha(),
                    refused.message());
            known.checks().refused(run, want);
            return Attempt.WROTE;
        }
        known.checks().refused(run, null);
        known.checks().accepted(run, id, want);
        count(want, "accepted");
        if (want.completed()) {
            completed.accept(run);
        }
        Log.infof("Reported check run %d '%s' %s for run %s (delivery %s, %s %s)", id, run.statusContext(), want,
                run.key(), run.deliveryId(), run.repository(), run.ref());
        Attempt recorded = recorded(fresh, id);
        return recorded == Attempt.IDLE ? Attempt.WROTE : recorded;
    }

    /** Writes the check ledger as this replica knows it; a run deleted meanwhile has none to write. */
    private Attempt recorded(TrackedRun fresh, long id) {
        if (fresh == null) {
            return Attempt.IDLE;
        }
        try {
            runs.recordCheck(fresh, new TrackedRun.Check(id, known.recall(fresh).check().state()));
        } catch (KubernetesClientException e) {
            // GitHub has it and this replica knows: the retry writes the ledger and sends nothing.
            Log.warnf("Wrote check run %d for %s but could not record it: %s; retrying", id, fresh.key(), e.getMessage());
            return new Attempt.Retry(null);
        }
        return Attempt.IDLE;
    }

    /** The check ledger says less than is known: written back after one backoff, at most a few times per stage. */
    private Attempt restoreLedger(TrackedRun fresh, TrackedRun run) {
        if (restoreDue.add(run.key())) {
            return new Attempt.Retry(null);
        }
        restoreDue.remove(run.key());
        if (!known.checks().restore(run, CheckStage.parse(run.check().state()), CommitStatusChannel.LEDGER_RESTORES)) {
            return null;
        }
        registry.counter("hookline.checks.ledger.restores").increment();
        try {
            runs.recordCheck(fresh, run.check());
        } catch (KubernetesClientException e) {
            return new Attempt.Retry(null);
        }
        return null;
    }

    /** The run's uid: what finds its check run again; its key on a run read without one (never from the API server). */
    static String externalId(TrackedRun run) {
        return run.uid() != null ? run.uid() : run.key();
    }

    private void count(CheckStage stage, String result) {
        registry.counter("hookline.checks.writes", "status", stage.status().wireName(), "result", result).increment();
    }

    /** The buttons a check run at this stage carries: Cancel while the run may still be stopped. */
    static List<CheckAction> actions(CheckStage stage) {
        return stage.completed() ? List.of() : List.of(CANCEL);
    }
}
