package dev.hookline.trigger;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.hookline.webhook.CheckRunEvent;
import dev.hookline.webhook.CheckSuiteEvent;
import dev.hookline.webhook.DeliveryResult;
import dev.hookline.webhook.RunRef;
import io.quarkus.logging.Log;

/**
 * What the Checks tab's buttons do, once {@link CheckEvents} let a delivery through: they read the commit's runs from
 * the cluster (a check run's {@code external_id} is its PipelineRun's uid) and cancel one, or create re-runs. Runs on a
 * worker thread.
 */
@ApplicationScoped
class CheckActions {

    /** Whose delivery a re-run found by a redelivery is, in the answer. */
    private static final String ASKER = "this delivery";

    private final RunHistory history;
    private final RerunPlanner planner;
    private final BatchLauncher launcher;

    CheckActions(RunHistory history, RerunPlanner planner, BatchLauncher launcher) {
        this.history = history;
        this.planner = planner;
        this.launcher = launcher;
    }

    /** The Cancel button: cancels the one run whose uid the check run carries. */
    DeliveryResult cancel(String deliveryId, CheckRunEvent event, List<Trigger> triggers, String asked) {
        RunHistory.PastRun run = byUid(commitRuns(event.repository().fullName(), event.headSha(), triggers),
                event.externalId());
        if (run == null) {
            return DeliveryResult.ignored(asked + ": " + noRun(event) + "; nothing cancelled");
        }
        String reason = "cancelled from the Checks tab by @" + event.sender().login();
        boolean cancelled = run.state() == RunHistory.State.RUNNING
                && history.cancel(named(triggers, run.run().trigger()), run.run(), reason, deliveryId);
        return PullRequestDispatcher.cancelled(cancelled ? List.of(run.run()) : List.of(), asked);
    }

    /**
     * Re-run: the check run's trigger once more on its commit, with the inputs its run had. When the run is gone
     * (pruned, deleted), the trigger that reports under the check run's name, for the pull request or branch GitHub
     * names.
     */
    DeliveryResult rerunCheck(String deliveryId, CheckRunEvent event, List<Trigger> triggers, String asked) {
        String repository = event.repository().fullName();
        RerunPlanner.Asker asker = new RerunPlanner.Asker(deliveryId, event.repository(), event.sender().login(),
                event.installationId());
        RunHistory.PastRun original = byUid(commitRuns(repository, event.headSha(), triggers), event.externalId());
        if (original != null) {
            Trigger trigger = named(triggers, original.run().trigger());
            String decided = asked + ": re-running " + trigger.name() + " (its run " + where(original.run()) + " "
                    + RetestSelection.state(original.state()) + ")";
            return launched(decided, planner.plan(asker, trigger, original.sha(), original.origin(),
                    original.approvedBy(), true));
        }
        List<Trigger> reporting = triggers.stream().filter(t -> t.statusContext().equals(event.name())).toList();
        if (reporting.size() != 1) {
            return DeliveryResult.ignored(asked + ": " + noRun(event) + ", and " + (reporting.isEmpty()
                    ? "no trigger of " + repository + " reports as '" + event.name() + "'"
                    : "triggers " + reporting.stream().map(Trigger::name).toList() + " all report as '" + event.name()
                            + "', so which one to run cannot be told"));
        }
        Trigger trigger = reporting.get(0);
        RunHistory.Origin origin = fallbackOrigin(trigger, event);
        if (origin == null) {
            return DeliveryResult.ignored(asked + ": " + noRun(event) + ", and the check names no pull request or "
                    + "branch to run trigger '" + trigger.name() + "' for");
        }
        Log.infof("Delivery %s for %s: %s; re-running trigger '%s', which reports as '%s', for %s", deliveryId,
                repository, noRun(event), trigger.name(), event.name(), origin.ref());
        String decided = asked + ": " + noRun(event) + "; re-running " + trigger.name() + ", which reports as '"
                + event.name() + "', for " + origin.ref();
        return launched(decided, planner.plan(asker, trigger, event.headSha(), origin, null, false));
    }

    /**
     * Re-run checks: the triggers whose latest run of the commit did not succeed, each with the inputs of that run.
     * GitHub's payload does not say whether "failed" or "all" was chosen (see docs/checks.md), so failed it is.
     */
    DeliveryResult rerunSuite(String deliveryId, CheckSuiteEvent event, List<Trigger> triggers, String asked) {
        String repository = event.repository().fullName();
        List<RunHistory.PastRun> runs = commitRuns(repository, event.headSha(), triggers);
        // Only what ran this commit counts: a trigger that never matched it has nothing to re-run.
        List<Trigger> ran = triggers.stream()
                .filter(t -> runs.stream().anyMatch(r -> r.run().trigger().equals(t.name()))).toList();
        if (ran.isEmpty()) {
            return DeliveryResult.ignored(asked + ": no trigger of " + repository + " has run "
                    + TemplateContext.shortSha(event.headSha()) + "; nothing to re-run");
        }
        HeadRuns head = new HeadRuns(event.headSha(), deliveryId, runs);
        RetestSelection selection = RetestSelection.failed(ran, head, ASKER);
        if (selection.triggers().isEmpty()) {
            return DeliveryResult.ignored(asked + ": " + selection.summary());
        }
        RerunPlanner.Asker asker = new RerunPlanner.Asker(deliveryId, event.repository(), event.sender().login(),
                event.installationId());
        List<BatchLauncher.Planned> plans = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String name : selection.triggers()) {
            RunHistory.PastRun latest = head.latest(name);
            RerunPlanner.Rerun rerun = planner.plan(asker, named(triggers, name), latest.sha(), latest.origin(),
                    latest.approvedBy(), true);
            if (rerun.plan() != null) {
                plans.add(new BatchLauncher.Planned(rerun.plan(), null));
            } else {
                notes.add(name + ": not run, " + rerun.notRun());
            }
        }
        return CommentCommands.explained(asked + ": " + selection.summary(), launcher.launch(plans, notes));
    }

    private DeliveryResult launched(String decided, RerunPlanner.Rerun rerun) {
        if (rerun.plan() == null) {
            return DeliveryResult.ignored(decided + "; not run: " + rerun.notRun());
        }
        return CommentCommands.explained(decided,
                launcher.launch(List.of(new BatchLauncher.Planned(rerun.plan(), null)), List.of()));
    }

    private List<RunHistory.PastRun> commitRuns(String repository, String sha, List<Trigger> triggers) {
        return history.runs(triggers, repository, RunHistory.Group.commit(sha));
    }

    /** For a run that is gone: the pull request GitHub matched the check to, else its branch, as the trigger listens. */
    private static RunHistory.Origin fallbackOrigin(Trigger trigger, CheckRunEvent event) {
        if (trigger.events().contains(EventKind.PULL_REQUEST) && !event.pullRequests().isEmpty()) {
            int number = event.pullRequests().get(0);
            return new RunHistory.Origin(EventKind.PULL_REQUEST, "refs/pull/" + number + "/head", number, null);
        }
        if (trigger.events().contains(EventKind.PUSH) && event.headBranch() != null) {
            return new RunHistory.Origin(EventKind.PUSH, "refs/heads/" + event.headBranch(), null, null);
        }
        return null;
    }

    private static RunHistory.PastRun byUid(List<RunHistory.PastRun> runs, String uid) {
        return uid == null ? null : runs.stream().filter(r -> uid.equals(r.uid())).findFirst().orElse(null);
    }

    private static String noRun(CheckRunEvent event) {
        return event.externalId() == null
                ? "the check run names no Hookline run (its external_id is empty)"
                : "no Hookline run of " + TemplateContext.shortSha(event.headSha()) + " in " + event.repository().fullName()
                        + " has uid " + event.externalId();
    }

    private static Trigger named(List<Trigger> triggers, String name) {
        return triggers.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private static String where(RunRef run) {
        return run.namespace() + "/" + run.name();
    }
}
