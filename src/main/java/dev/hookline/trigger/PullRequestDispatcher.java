package dev.hookline.trigger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.hookline.webhook.DeliveryResult;
import dev.hookline.webhook.Handling;
import dev.hookline.webhook.IssueCommentEvent;
import dev.hookline.webhook.MergeGroupEvent;
import dev.hookline.webhook.Outcome;
import dev.hookline.webhook.PullRequest;
import dev.hookline.webhook.PullRequestEvent;
import dev.hookline.webhook.PullRequestHandler;
import dev.hookline.webhook.RunRef;

/**
 * Pull requests and merge groups: runs for a pull request's new head and for a merge group's commit, cancelling when
 * a pull request closes or a group is destroyed; comments go to {@link CommentCommands}. Like pushes, a delivery that
 * leads to runs is answered once they exist.
 */
@ApplicationScoped
public class PullRequestDispatcher implements PullRequestHandler {

    /** The actions that give a pull request runs. */
    static final Set<String> RUN_ACTIONS = Set.of("opened", "synchronize", "reopened", "ready_for_review");

    private final TriggerRules rules;
    private final PullRequestPlanner planner;
    private final BatchLauncher launcher;
    private final RunHistory history;
    private final DecisionLauncher decisions;
    private final CommitNotifier notifier;
    private final PullRequestReads reads;
    private final CommentCommands commands;

    PullRequestDispatcher(TriggerRules rules, PullRequestPlanner planner, BatchLauncher launcher, RunHistory history,
            DecisionLauncher decisions, CommitNotifier notifier, PullRequestReads reads, CommentCommands commands) {
        this.rules = rules;
        this.planner = planner;
        this.launcher = launcher;
        this.history = history;
        this.decisions = decisions;
        this.notifier = notifier;
        this.reads = reads;
        this.commands = commands;
    }

    @Override
    public Handling pullRequest(String deliveryId, PullRequestEvent event) {
        String repository = event.repository().fullName();
        int number = event.pullRequest().number();
        boolean runs = RUN_ACTIONS.contains(event.action());
        if (!runs && !"closed".equals(event.action())) {
            return ignored("pull_request action '" + event.action() + "' is not acted on; Hookline runs on "
                    + String.join(", ", RUN_ACTIONS.stream().sorted().toList()) + " and cancels on closed");
        }
        List<Trigger> listening = planner.listening(repository);
        if (listening.isEmpty()) {
            return ignored(rules.configured()
                    ? "no trigger listens to pull requests of " + repository
                    : "no triggers configured");
        }
        reads.observed(repository, event.pullRequest());
        PullRequestPlanner.Request request = new PullRequestPlanner.Request(deliveryId, deliveryId, event.repository(),
                event.pullRequest(), event.sender(), event.installationId(), null, null);
        if (!runs) {
            return new Handling.Launch(() -> closed(request, listening));
        }
        return new Handling.Launch(() -> decisions.launch(planner.decide(request)));
    }

    @Override
    public Handling mergeGroup(String deliveryId, MergeGroupEvent event) {
        String repository = event.repository().fullName();
        if ("destroyed".equals(event.action())) {
            List<Trigger> listening = rules.triggers().stream()
                    .filter(t -> t.events().contains(EventKind.MERGE_GROUP) && t.repository().matches(repository))
                    .toList();
            if (listening.isEmpty()) {
                return ignored("no trigger listens to merge groups of " + repository);
            }
            String reason = "merge group destroyed" + (event.reason() == null ? "" : " (" + event.reason() + ")");
            return new Handling.Launch(() -> cancelled(history.cancel(listening, repository,
                    RunHistory.Group.mergeGroup(event.headSha()), reason, deliveryId, null), reason));
        }
        if (!"checks_requested".equals(event.action())) {
            return ignored("merge_group action '" + event.action()
                    + "' is not acted on; Hookline runs on checks_requested and cancels on destroyed");
        }
        TriggerMatcher.Result result = TriggerMatcher.match(rules.triggers(), Change.of(event));
        if (result.matches().isEmpty()) {
            return ignored(rules.configured() ? result.reason() : "no triggers configured");
        }
        return new Handling.Launch(() -> launcher.launch(result.matches().stream()
                .map(m -> new BatchLauncher.Planned(
                        RunPlanner.plan(m.trigger(), Change.of(event), deliveryId, deliveryId, null), m.note()))
                .toList(), List.of()));
    }

    @Override
    public Handling comment(String deliveryId, IssueCommentEvent event) {
        return commands.handle(deliveryId, event);
    }

    /**
     * Cancels what runs, and ends the pending statuses of triggers that waited for an approval that never came: the
     * planner decides now as it did for the head, and a trigger that waited has no run of the head.
     */
    private DeliveryResult closed(PullRequestPlanner.Request request, List<Trigger> listening) {
        String repository = request.repository().fullName();
        PullRequest pr = request.pr();
        String reason = "pull request #" + pr.number() + " closed";
        RunHistory.Group group = RunHistory.Group.pullRequest(pr.number());
        List<RunRef> cancelled = history.cancel(listening, repository, group, reason, request.deliveryId(), null);
        List<RunPlan> waited = planner.decide(request).waiting();
        if (!waited.isEmpty()) {
            Set<String> ran = new HashSet<>();
            history.runs(listening, repository, group).stream().filter(r -> pr.headSha().equals(r.sha()))
                    .forEach(r -> ran.add(r.run().trigger()));
            waited.stream().filter(plan -> !ran.contains(plan.trigger())).forEach(plan -> notifier.notRun(plan,
                    "Not run: the pull request was closed before a maintainer's /ok-to-test"));
        }
        return cancelled(cancelled, reason);
    }

    static DeliveryResult cancelled(List<RunRef> runs, String reason) {
        List<String> names = new ArrayList<>();
        runs.forEach(r -> names.add(r.namespace() + "/" + r.name()));
        return new DeliveryResult(runs.isEmpty() ? Outcome.IGNORED : Outcome.TRIGGERED,
                reason + ": " + (runs.isEmpty() ? "no running run to cancel" : "cancelled " + String.join(", ", names)),
                runs);
    }

    private static Handling ignored(String reason) {
        return new Handling.Answer(DeliveryResult.ignored(reason));
    }
}
