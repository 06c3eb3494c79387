package dev.hookline.status;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.hookline.github.CommitState;
import dev.hookline.tekton.TrackedRun;

/**
 * What this replica knows was posted for each run, which the run's own ledger annotation cannot be trusted to keep:
 * Tekton's controller ends a reconcile by writing the run's labels and annotations back from the copy it read when
 * the reconcile began (merged, older values winning, from v0.45; wholesale in v0.27), so a ledger written meanwhile
 * can read {@code pending} again, or nothing, a moment after GitHub accepted {@code failure}.
 * <p>
 * Knowledge only grows: a state counts as posted once GitHub accepted it here or this replica's informer saw it in
 * the ledger, whatever the ledger says later, until the run is deleted. The informer sees every write on every
 * replica, so a follower that becomes the leader knows what the old leader recorded even after Tekton undid it. What
 * a replica did not watch (runs listed when it started, runs it inherits as a new leader) it does not know; those
 * runs are marked to be checked against what GitHub shows before this replica posts for them.
 */
@ApplicationScoped
public class ReportedStates {

    /** What is known of one run. Guarded by its own monitor. */
    private static final class Entry {

        final Set<CommitState> posted = EnumSet.noneOf(CommitState.class);
        /** The statuses accepted, as once seen on the run or accepted here, oldest first: as exposed as the ledger. */
        List<TrackedRun.Posted> statuses = List.of();
        /** Whether GitHub must be asked before this replica's next post: something may have been posted unseen. */
        boolean unverified;
        /** The newer run that superseded this one, as once seen: the annotation is as exposed to Tekton as the ledger. */
        String supersededBy;
        /** The state whose ledger is being written back, and how often it was after someone else's write undid it. */
        String restoring;
        int restores;
    }

    private final Map<String, Entry> runs = new ConcurrentHashMap<>();
    private final ReportedChecks checks = new ReportedChecks();

    /**
     * A run as the informer delivers it: its ledger and {@code superseded-by} join what is known.
     *
     * @param watchedFromCreation whether this replica has watched the run since it was created, and so saw every
     *        ledger value it ever had; when not, and this is the first sight of it, the run is marked unverified
     */
    void observe(TrackedRun run, boolean watchedFromCreation) {
        boolean first = !runs.containsKey(run.key());
        Entry entry = entry(run.key());
        synchronized (entry) {
            if (first && !watchedFromCreation) {
                entry.unverified = true;
            }
            learn(entry, run);
        }
        checks.learn(run, first && !watchedFromCreation);
    }

    /** A run read fresh from the cluster: what its metadata says joins what is known. */
    void observe(TrackedRun run) {
        Entry entry = entry(run.key());
        synchronized (entry) {
            learn(entry, run);
        }
        checks.learn(run, false);
    }

    /** This replica became the leader: what the old leader posted for this run in its last moments is unknown here. */
    void inherit(TrackedRun run) {
        Entry entry = entry(run.key());
        synchronized (entry) {
            entry.unverified = true;
        }
        checks.unverified(run, true);
    }

    /** GitHub accepted {@code state} for the run (or already showed it), as {@code status}. */
    void accepted(TrackedRun run, CommitState state, TrackedRun.Posted status) {
        Entry entry = entry(run.key());
        synchronized (entry) {
            entry.posted.add(state);
            entry.unverified = false;
            entry.statuses = merged(entry.statuses, List.of(status));
        }
    }

    /** GitHub was asked, and did not show the state about to be posted: this replica's view is complete again. */
    void verified(TrackedRun run) {
        Entry entry = entry(run.key());
        synchronized (entry) {
            entry.unverified = false;
        }
    }

    /** Whether GitHub must be asked before posting for the run. */
    boolean unverified(TrackedRun run) {
        Entry entry = runs.get(run.key());
        if (entry == null) {
            return true;
        }
        synchronized (entry) {
            return entry.unverified;
        }
    }

    /**
     * The run with what this replica knows in place of what its metadata says now: the most advanced state known
     * posted as its ledger (a final state over {@code pending}), and the run that superseded it.
     */
    TrackedRun recall(TrackedRun run) {
        Entry entry = runs.get(run.key());
        if (entry == null) {
            return run;
        }
        String reported;
        String supersededBy;
        List<TrackedRun.Posted> statuses;
        synchronized (entry) {
            reported = mostAdvanced(entry.posted, run.reported());
            supersededBy = run.supersededBy() != null ? run.supersededBy() : entry.supersededBy;
            statuses = merged(entry.statuses, run.statuses());
        }
        TrackedRun.Check check = checks.recall(run);
        TrackedRun recalled = run;
        if (!Objects.equals(reported, run.reported()) || !Objects.equals(supersededBy, run.supersededBy())
                || !statuses.equals(run.statuses())) {
            recalled = recalled.withReport(reported, supersededBy, statuses);
        }
        return check.equals(run.check()) ? recalled : recalled.withCheck(check);
    }

    /** What is known of the runs' check runs. */
    ReportedChecks checks() {
        return checks;
    }

    /**
     * Counts one write-back of the run's ledger to {@code run.reported()}; whether it is allowed. A writer that keeps
     * undoing it is left alone after {@code limit} tries per state: GitHub has the state, and this replica knows it.
     */
    boolean restore(TrackedRun run, int limit) {
        Entry entry = entry(run.key());
        synchronized (entry) {
            if (!Objects.equals(entry.restoring, run.reported())) {
                entry.restoring = run.reported();
                entry.restores = 0;
            }
            return ++entry.restores <= limit;
        }
    }

    /** The run was deleted and its report handled: nothing about it is needed any more. */
    void forget(String key) {
        runs.remove(key);
        checks.forget(key);
    }

    private Entry entry(String key) {
        return runs.computeIfAbsent(key, k -> new Entry());
    }

    /** Both lists' statuses, each once, oldest first, the newest {@link TrackedRun#MAX_STATUSES}. */
    private static List<TrackedRun.Posted> merged(List<TrackedRun.Posted> known, List<TrackedRun.Posted> more) {
        if (known.containsAll(more)) {
            return known;
        }
        TreeSet<TrackedRun.Posted> all = new TreeSet<>(
                Comparator.comparing(TrackedRun.Posted::at, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(TrackedRun.Posted::state, Comparator.nullsFirst(Comparator.naturalOrder())));
        all.addAll(known);
        all.addAll(more);
        List<TrackedRun.Posted> sorted = new ArrayList<>(all);
        return List.copyOf(sorted.subList(Math.max(0, sorted.size() - TrackedRun.MAX_STATUSES), sorted.size()));
    }

    private static void learn(Entry entry, TrackedRun run) {
        CommitState ledger = CommitState.of(run.reported());
        if (ledger != null) {
            entry.posted.add(ledger);
        }
        if (run.supersededBy() != null) {
            entry.supersededBy = run.supersededBy();
        }
        entry.statuses = merged(entry.statuses, run.statuses());
    }

    private static String mostAdvanced(Set<CommitState> posted, String ledger) {
        for (CommitState state : posted) {
            if (state != CommitState.PENDING) {
                return state.wireName();
            }
        }
        if (ledger != null) {
            return ledger;
        }
        return posted.contains(CommitState.PENDING) ? CommitState.PENDING.wireName() : null;
    }
}
