package dev.hookline.trigger;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.hookline.webhook.Outcome;
import dev.hookline.webhook.PushEvent;
import dev.hookline.webhook.PushHandler;
import dev.hookline.webhook.PushResult;
import dev.hookline.webhook.RunRef;
import dev.hookline.webhook.WebhookProblem;

/**
 * Turns a verified push into PipelineRuns: one per matching trigger, each created before the webhook answers. Matching
 * happens on the event loop; only a push that matched moves to a worker thread to create its runs. When
 * one trigger's run cannot be created, the runs already created stay and the delivery fails, so that a redelivery
 * creates only the missing ones.
 */
@ApplicationScoped
public class TriggerDispatcher implements PushHandler {

    private final TriggerRules rules;
    private final RunLauncher launcher;

    TriggerDispatcher(TriggerRules rules, RunLauncher launcher) {
        this.rules = rules;
        this.launcher = launcher;
    }

    @Override
    public Handling handle(String deliveryId, PushEvent push) {
        if (!rules.configured()) {
            return new Handling.Answer(PushResult.ignored("no triggers configured"));
        }
        TriggerMatcher.Result result = TriggerMatcher.match(rules.triggers(), push);
        if (result.matches().isEmpty()) {
            return new Handling.Answer(PushResult.ignored(result.reason()));
        }
        return new Handling.Launch(() -> launch(deliveryId, push, result.matches()));
    }

    private PushResult launch(String deliveryId, PushEvent push, List<TriggerMatcher.Match> matches) {
        List<RunRef> runs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean anyCreated = false;
        for (TriggerMatcher.Match match : matches) {
            RunLauncher.Launched launched;
            try {
                launched = launcher.launch(RunPlanner.plan(match.trigger(), push, deliveryId));
            } catch (WebhookProblem problem) {
                String done = runs.isEmpty() ? "" : " (" + runs.size() + " run(s) of other triggers were created and stay)";
                throw new WebhookProblem(problem.status(), problem.title(), problem.detail() + done, problem.retryAfter(),
                        problem.getCause());
            }
            runs.add(launched.run());
            anyCreated |= launched.created();
            if (match.note() != null) {
                notes.add(match.trigger().name() + ": " + match.note());
            }
        }
        Outcome outcome = anyCreated ? Outcome.TRIGGERED : Outcome.DUPLICATE;
        String reason = outcome == Outcome.DUPLICATE ? "delivery already handled; its runs exist" : null;
        if (!notes.isEmpty()) {
            reason = (reason == null ? "" : reason + "; ") + String.join("; ", notes);
        }
        return new PushResult(outcome, reason, runs);
    }
}
