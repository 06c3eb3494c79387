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
 * one trigger's run cannot be created for now, the runs already created stay and the delivery fails (503), so that a
 * redelivery creates only the missing ones; the remaining triggers wait for it, since a cluster that is away would
 * make each of them wait out its timeout. A run the cluster refuses for good does not stop the others: the delivery
 * is answered as refused (unless another trigger failed for now) and the commit told why.
 */
@ApplicationScoped
public class TriggerDispatcher implements PushHandler {

    private final TriggerRules rules;
    private final RunLauncher launcher;
    private final RefusalNotifier refusals;

    TriggerDispatcher(TriggerRules rules, RunLauncher launcher, RefusalNotifier refusals) {
        this.rules = rules;
        this.launcher = launcher;
        this.refusals = refusals;
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
        List<String> refused = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean anyCreated = false;
        for (TriggerMatcher.Match match : matches) {
            RunPlan plan = RunPlanner.plan(match.trigger(), push, deliveryId);
            RunLauncher.Launched launched;
            try {
                launched = launcher.launch(plan);
            } catch (RunRefused refusal) {
                refusals.refused(plan, refusal.reason());
                refused.add(refusal.detail());
                continue;
            } catch (WebhookProblem problem) {
                String done = runs.isEmpty() ? "" : " (" + runs.size() + " run(s) of other triggers were created and stay)";
                String also = refused.isEmpty() ? "" : "; refused for good as well: " + String.join("; ", refused);
                throw new WebhookProblem(problem.status(), problem.title(), problem.detail() + done + also,
                        problem.retryAfter(), problem.getCause());
            }
            runs.add(launched.run());
            anyCreated |= launched.created();
            if (match.note() != null) {
                notes.add(match.trigger().name() + ": " + match.note());
            }
        }
        if (!refused.isEmpty()) {
            String others = runs.isEmpty()
                    ? ""
                    : "; the runs of trigger(s) " + runs.stream().map(r -> "'" + r.trigger() + "'").toList()
                            + " exist and stay";
            return new PushResult(Outcome.REFUSED, String.join("; ", refused) + others, runs);
        }
        Outcome outcome = anyCreated ? Outcome.TRIGGERED : Outcome.DUPLICATE;
        String reason = outcome == Outcome.DUPLICATE ? "delivery already handled; its runs exist" : null;
        if (!notes.isEmpty()) {
            reason = (reason == null ? "" : reason + "; ") + String.join("; ", notes);
        }
        return new PushResult(outcome, reason, runs);
    }
}
