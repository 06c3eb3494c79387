package dev.hookline.trigger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import dev.hookline.webhook.DeliveryResult;
import dev.hookline.webhook.Handling;
import dev.hookline.webhook.IssueCommentEvent;
import dev.hookline.webhook.PullRequest;

/**
 * The commands of comments on pull requests: {@code /retest}, {@code /ok-to-test} and {@code /cancel}. What a comment
 * says alone (its action, where it is, who wrote it, which command) is decided at once, without asking anyone; the
 * commenter's trust and the pull request's head need GitHub, and the runs the cluster, so the rest is a
 * {@link Handling.Launch}. Every answer says who asked for what, and what became of it.
 * <p>
 * A command acts once: its runs are named after the comment ({@code comment-<id>}), not the delivery, so a
 * redelivery, or the same comment reaching two webhooks, finds the runs of the first and creates none.
 */
@ApplicationScoped
public class CommentCommands {

    /**
     * How far GitHub's clock (a comment's {@code created_at}) and Hookline's (a run's {@code launched-at}) may differ:
     * a {@code /cancel} stops runs asked for up to this long after the comment was written, and spares later ones,
     * which only a late redelivery would otherwise reach.
     */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final PullRequestPlanner planner;
    private final DecisionLauncher decisions;
    private final RunHistory history;
    private final PullRequestReads reads;
    private final Trust trust;
    private final TriggerRules rules;

    CommentCommands(PullRequestPlanner planner, DecisionLauncher decisions, RunHistory history, PullRequestReads reads,
            Trust trust, TriggerRules rules) {
        this.planner = planner;
        this.decisions = decisions;
        this.history = history;
        this.reads = reads;
        this.trust = trust;
        this.rules = rules;
    }

    Handling handle(String deliveryId, IssueCommentEvent event) {
        if (!"created".equals(event.action())) {
            return ignored("comment " + event.action() + " on #" + event.number() + ": commands act only when a comment"
                    + " is created, so that editing or deleting one never runs anything again");
        }
        if (!event.onPullRequest()) {
            return ignored("comment on issue #" + event.number() + ", not on a pull request: commands act only on "
                    + "pull requests");
        }
        if (event.commenterIsBot()) {
            return ignored("comment by the bot " + event.commenter() + " on #" + event.number()
                    + ": commands from bots are not acted on, so that no bot can start runs or loop with another");
        }
        CommentCommand command = CommentCommand.find(event.body());
        if (command == null) {
            return ignored("no command in the comment by " + event.commenter() + " on #" + event.number()
                    + ": Hookline acts on " + CommentCommand.NAMES + ", each on a line of its own");
        }
        String asked = command.text() + " by " + event.commenter() + " on #" + event.number()
                + (command.others() == 0
                        ? ""
                        : " (only a comment's first command acts; " + command.others() + " more ignored)");
        String repository = event.repository().fullName();
        List<Trigger> listening = planner.listening(repository);
        if (listening.isEmpty()) {
            return ignored(asked + ": " + (rules.configured()
                    ? "no trigger listens to pull requests of " + repository
                    : "no triggers configured"));
        }
        String unusable = unusableArgument(command, listening);
        if (unusable != null) {
            return ignored(asked + ": " + unusable);
        }
        // Trust first: an untrusted commenter costs one permission read at most, and learns nothing about the head.
        return new Handling.Launch(() -> trust.user(repository, event.commenter(), event.authorAssociation(),
                event.installationId())
                        ? act(deliveryId, event, command, listening, asked)
                        : DeliveryResult.ignored(asked + ": " + event.commenter() + " (" + event.authorAssociation()
                                + ") cannot write to " + repository + ", and commands are taken only from those who can"));
    }

    private DeliveryResult act(String deliveryId, IssueCommentEvent event, CommentCommand command,
            List<Trigger> listening, String asked) {
        String repository = event.repository().fullName();
        RunHistory.Group group = RunHistory.Group.pullRequest(event.number());
        if (command.verb() == CommentCommand.Verb.CANCEL) {
            // No head needed: whatever of the pull request ran when the comment was written is what the commenter
            // wants stopped; a run started after it (a late redelivery) is spared.
            String reason = "cancelled by " + event.commenter() + " (" + command.text() + ")";
            Instant before = event.createdAt() == null ? null : event.createdAt().plus(CLOCK_SKEW);
            return PullRequestDispatcher.cancelled(history.cancel(selected(command, listening), repository, group,
                    reason, deliveryId, before), asked);
        }
        PullRequest pr = reads.pullRequest(repository, event.number(), event.installationId());
        if (!pr.open()) {
            return DeliveryResult.ignored(asked + ": the pull request is " + pr.state() + "; nothing run");
        }
        String head = TemplateContext.shortSha(pr.headSha());
        String at = asked + " (head " + head + ")";
        String runKey = "comment-" + event.commentId();
        HeadRuns runs = new HeadRuns(pr.headSha(), runKey, history.runs(listening, repository, group));
        String before = runs.ranBefore();
        if (before != null) {
            return DeliveryResult.ignored(at + ": this comment already ran " + TemplateContext.shortSha(before)
                    + ", the head before a push; nothing run for " + head + ", which it was not about");
        }
        if (command.verb() == CommentCommand.Verb.OK_TO_TEST) {
            String untrusted = trust.untrusted(repository, pr, event.installationId());
            if (untrusted == null && !runs.ownRunOfAnyTrigger()) {
                // Approving what needs none would only run the head a second time.
                return DeliveryResult.ignored(at + ": the pull request is trusted and its head runs without approval; "
                        + "/retest runs it again");
            }
            if (command.argument() != null
                    && !pr.headSha().toLowerCase(Locale.ROOT).startsWith(command.argument().toLowerCase(Locale.ROOT))) {
                return DeliveryResult.ignored(asked + ": stale: the head of #" + pr.number() + " is now " + head
                        + ", not " + command.argument() + "; nothing run");
            }
            PullRequestPlanner.Request request = new PullRequestPlanner.Request(deliveryId, runKey, event.repository(),
                    pr, event.commenter(), event.installationId(), event.commenter(), null);
            return explained(at + ": approved by " + event.commenter() + " for " + head + " only",
                    decisions.launch(planner.decide(request)));
        }
        RetestSelection selection = command.argument() == null
                ? RetestSelection.failed(listening, runs)
                : RetestSelection.named(command.argument(), runs);
        if (selection.triggers().isEmpty()) {
            return DeliveryResult.ignored(at + ": " + selection.summary());
        }
        // An untrusted head runs again only as far as it was approved: the planner makes the others wait.
        PullRequestPlanner.Request request = new PullRequestPlanner.Request(deliveryId, runKey, event.repository(), pr,
                event.commenter(), event.installationId(), runs.approvedBy(), selection.triggers());
        return explained(at + ": " + selection.summary(), decisions.launch(planner.decide(request)));
    }

    /** Why the command's argument cannot be acted on, or {@code null} when it can. */
    private static String unusableArgument(CommentCommand command, List<Trigger> listening) {
        if (command.argument() == null) {
            return null;
        }
        if (command.verb() == CommentCommand.Verb.OK_TO_TEST) {
            return command.argumentIsCommit()
                    ? null
                    : "'" + command.argument() + "' is not a commit: name the head with at least 7 hex characters, "
                            + "or nothing to approve the head as it is";
        }
        if (listening.stream().noneMatch(t -> t.name().equals(command.argument()))) {
            return "no pull request trigger of this repository is named '" + command.argument() + "'; known: "
                    + String.join(", ", listening.stream().map(Trigger::name).toList());
        }
        return null;
    }

    private static List<Trigger> selected(CommentCommand command, List<Trigger> listening) {
        return command.argument() == null
                ? listening
                : listening.stream().filter(t -> t.name().equals(command.argument())).toList();
    }

    /** The launcher's answer, preceded by who asked for what and what was decided before the launch. */
    static DeliveryResult explained(String decided, DeliveryResult result) {
        return new DeliveryResult(result.outcome(), result.reason() == null ? decided : decided + "; " + result.reason(),
                result.runs());
    }

    private static Handling ignored(String reason) {
        return new Handling.Answer(DeliveryResult.ignored(reason));
    }
}
