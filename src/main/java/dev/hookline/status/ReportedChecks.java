package dev.hookline.status;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import dev.hookline.tekton.TrackedRun;

/**
 * What this replica knows of each run's check run, which the check ledger annotations cannot be trusted to keep (for
 * the same reason as the status ledger, see {@link ReportedStates}): its id once seen or accepted, and the latest stage
 * GitHub accepted. Knowledge only grows until the run is deleted. Part of {@link ReportedStates}, which feeds it what
 * the informer delivers and merges it into what {@link ReportedStates#recall} answers.
 */
final class ReportedChecks {

    /** What is known of one run's check run. Guarded by its own monitor. */
    private static final class Entry {

        Long id;
        CheckStage stage;
        /** Whether GitHub must be asked for the run's check run before one is created: it may exist unrecorded. */
        boolean unverified;
        CheckStage restoring;
        int restores;
        /** A stage GitHub refused for good (422, 403 without the permission): not sent again. */
        CheckStage refused;
    }

    private final Map<String, Entry> runs = new ConcurrentHashMap<>();

    /** A run as the informer or a fresh read delivers it: its check ledger joins what is known. */
    void learn(TrackedRun run, boolean unverified) {
        Entry entry = entry(run.key());
        synchronized (entry) {
            entry.unverified |= unverified;
            if (run.check().id() != null) {
                if (entry.id == null) {
                    entry.id = run.check().id();
                }
                entry.stage = CheckStage.later(entry.stage, CheckStage.parse(run.check().state()));
            }
        }
    }

    /** The run's check run as known here and as its ledger says: the id first known, the latest stage. */
    TrackedRun.Check recall(TrackedRun run) {
        Entry entry = runs.get(run.key());
        if (entry == null) {
            return run.check();
        }
        synchronized (entry) {
            CheckStage stage = CheckStage.later(entry.stage, CheckStage.parse(run.check().state()));
            return new TrackedRun.Check(entry.id != null ? entry.id : run.check().id(),
                    stage == null ? run.check().state() : stage.ledger());
        }
    }

    /** GitHub has check run {@code id} for the run at {@code stage} (created, updated or found there). */
    void accepted(TrackedRun run, long id, CheckStage stage) {
        Entry entry = entry(run.key());
        synchronized (entry) {
            entry.id = id;
            entry.stage = CheckStage.later(entry.stage, stage);
            entry.unverified = false;
        }
    }

    /**
     * Whether GitHub must be asked for the run's check run before one is created: this replica did not watch the run
     * throughout, or a create may have landed without its answer arriving.
     */
    boolean unverified(TrackedRun run) {
        Entry entry = runs.get(run.key());
        if (entry == null) {
            return true;
        }
        synchronized (entry) {
            return entry.unverified;
        }
    }

    /** Sets whether GitHub must be asked before a check run is created for the run. */
    void unverified(TrackedRun run, boolean unverified) {
        Entry entry = entry(run.key());
        synchronized (entry) {
            entry.unverified = unverified;
        }
    }

    /** Counts one write-back of the run's check ledger; whether it is allowed, as {@link ReportedStates#restore}. */
    boolean restore(TrackedRun run, CheckStage stage, int limit) {
        Entry entry = entry(run.key());
        synchronized (entry) {
            if (!Objects.equals(entry.restoring, stage)) {
                entry.restoring = stage;
                entry.restores = 0;
            }
            return ++entry.restores <= limit;
        }
    }

    /** GitHub refused {@code stage} for the run for good; {@code null} when it took one since. */
    void refused(TrackedRun run, CheckStage stage) {
        Entry entry = entry(run.key());
        synchronized (entry) {
            entry.refused = stage;
        }
    }

    /** The stage GitHub refused for good for the run, or {@code null}. */
    CheckStage refused(TrackedRun run) {
        Entry entry = runs.get(run.key());
        if (entry == null) {
            return null;
        }
        synchronized (entry) {
            return entry.refused;
        }
    }

    /**
     * Whether the run's check run has its last word: completed on GitHub, or a final stage GitHub refused for good
     * (which no retry would change; waiting for it would keep the run for ever).
     */
    boolean settled(TrackedRun run) {
        CheckStage stage = CheckStage.parse(recall(run).state());
        CheckStage refused = refused(run);
        return stage != null && stage.completed() || refused != null && refused.completed();
    }

    void forget(String key) {
        runs.remove(key);
    }

    private Entry entry(String key) {
        return runs.computeIfAbsent(key, k -> new Entry());
    }
}
