package dev.hookline.trigger;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.hookline.config.HooklineConfig;
import dev.hookline.webhook.PullRequest;
import dev.hookline.webhook.PushEvent;

/**
 * Decides what a pull request's head gets, for its own events and for comment commands alike: which triggers match
 * (reading the changed files only when a trigger filters on paths), and for an untrusted pull request, per trigger,
 * whether it runs, waits for a maintainer's {@code /ok-to-test} or is ignored. Blocks on GitHub and the cluster, so it
 * runs on a worker thread.
 */
@ApplicationScoped
public class PullRequestPlanner {

    /** The pending status an untrusted pull request's head gets per trigger; GitHub shows it as the reason. */
    public static final String WAITING = "Waiting for a maintainer's /ok-to-test";

    private final TriggerRules rules;
    private final PullRequestReads reads;
    private final Trust trust;
    private final RunHistory history;
    private final boolean rememberApproval;

    @Inject
    PullRequestPlanner(TriggerRules rules, PullRequestReads reads, Trust trust, RunHistory history,
            HooklineConfig config) {
        this(rules, reads, trust, history, config.pullRequests().rememberApproval());
    }

    PullRequestPlanner(TriggerRules rules, PullRequestReads reads, Trust trust, RunHistory history,
            boolean rememberApproval) {
        this.rules = rules;
        this.reads = reads;
        this.trust = trust;
        this.history = history;
        this.rememberApproval = rememberApproval;
    }

    /**
     * What to do for one head.
     *
     * @param runs the runs to create
     * @param waiting the plans of triggers that wait for approval: each gets a pending status
     * @param notes remarks for the delivery log (who decided what, and why)
     * @param noMatch why no trigger matched, or {@code null}
     */
    public record Decision(List<BatchLauncher.Planned> runs, List<RunPlan> waiting, List<String> notes, String noMatch) {
    }

    /**
     * A request to run a pull request's head.
     *
     * @param deliveryId the delivery asking
     * @param runKey what names the runs (the delivery id, or {@code comment-<id>})
     * @param repository the base repository
     * @param pr the pull request as it is now
     * @param actor who asked (the event's sender or the commenter)
     * @param installationId the App installation, or {@code null}
     * @param approvedBy the trusted commenter approving an untrusted head, or {@code null}
     * @param only the triggers to consider, or {@code null} for all that match
     */
    public record Request(String deliveryId, String runKey, PushEvent.Repository repository, PullRequest pr, String actor,
            Long installationId, String approvedBy, List<String> only) {
    }

    /** The triggers that listen to pull requests of this repository, before branches and paths are looked at. */
    public List<Trigger> listening(String repository) {
        return rules.triggers().stream()
                .filter(t -> t.events().contains(EventKind.PULL_REQUEST) && t.repository().matches(repository))
                .toList();
    }

    public Decision decide(Request request) {
        String repository = request.repository().fullName();
        List<Trigger> candidates = listening(repository).stream()
                .filter(t -> request.only() == null || request.only().contains(t.name()))
                .toList();
        boolean filtersPaths = candidates.stream().anyMatch(t -> !t.paths().isEmpty() || !t.pathsIgnore().isEmpty());
        PullRequestReads.ChangedFiles files = filtersPaths
                ? reads.changedFiles(repository, request.pr().number(), request.installationId())
                : new PullRequestReads.ChangedFiles(List.of(), null);
        Change change = Change.of(request.repository(), request.pr(), request.actor(), request.installationId(), files);
        TriggerMatcher.Result matched = TriggerMatcher.match(candidates, change);
        if (matched.matches().isEmpty()) {
            return new Decision(List.of(), List.of(), List.of(), matched.reason());
        }
        List<BatchLauncher.Planned> runs = new ArrayList<>();
        List<RunPlan> waiting = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String untrusted = needsTrust(matched) ? trust.untrusted(repository, request.pr(), request.installationId()) : null;
        String approvedBy = request.approvedBy();
        if (untrusted != null && approvedBy == null && rememberApproval) {
            approvedBy = rememberedApproval(matched, repository, request.pr());
        }
        for (TriggerMatcher.Match match : matched.matches()) {
            Trigger trigger = match.trigger();
            if (untrusted == null || trigger.forks() == ForkPolicy.ALWAYS) {
                runs.add(planned(trigger, change, request, null, match.note()));
            } else if (trigger.forks() == ForkPolicy.NEVER) {
                notes.add(trigger.name() + ": not run, the pull request is untrusted (" + untrusted + ") and the "
                        + "trigger never runs untrusted pull requests (forks: never)");
            } else if (approvedBy != null) {
                runs.add(planned(trigger, change, request, approvedBy, match.note()));
                notes.add(trigger.name() + ": untrusted (" + untrusted + "), approved by " + approvedBy);
            } else {
                waiting.add(RunPlanner.plan(trigger, change, request.deliveryId(), request.runKey(), null));
                notes.add(trigger.name() + ": not run, the pull request is untrusted (" + untrusted
                        + "); waiting for a maintainer's /ok-to-test");
            }
        }
        return new Decision(runs, waiting, notes, null);
    }

    private static boolean needsTrust(TriggerMatcher.Result matched) {
        return matched.matches().stream().anyMatch(m -> m.trigger().forks() != ForkPolicy.ALWAYS);
    }

    /** With remember-approval, an earlier /ok-to-test of this pull request stands: its runs carry who gave it. */
    private String rememberedApproval(TriggerMatcher.Result matched, String repository, PullRequest pr) {
        List<Trigger> triggers = matched.matches().stream().map(TriggerMatcher.Match::trigger).toList();
        return history.runs(triggers, repository, RunHistory.Group.pullRequest(pr.number())).stream()
                .map(RunHistory.PastRun::approvedBy)
                .filter(by -> by != null)
                .reduce((first, later) -> later)
                .orElse(null);
    }

    private static BatchLauncher.Planned planned(Trigger trigger, Change change, Request request, String approvedBy,
            String note) {
        return new BatchLauncher.Planned(
                RunPlanner.plan(trigger, change, request.deliveryId(), request.runKey(), approvedBy), note);
    }
}
