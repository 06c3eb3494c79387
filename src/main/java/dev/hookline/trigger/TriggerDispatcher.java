package dev.hookline.trigger;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.hookline.webhook.DeliveryResult;
import dev.hookline.webhook.Handling;
import dev.hookline.webhook.PushEvent;
import dev.hookline.webhook.PushHandler;

/**
 * Turns a verified push into PipelineRuns: one per matching trigger, each created before the webhook answers (see
 * {@link BatchLauncher}). Matching happens on the event loop; only a push that matched moves to a worker thread.
 */
@ApplicationScoped
public class TriggerDispatcher implements PushHandler {

    private final TriggerRules rules;
    private final BatchLauncher launcher;

    TriggerDispatcher(TriggerRules rules, BatchLauncher launcher) {
        this.rules = rules;
        this.launcher = launcher;
    }

    @Override
    public Handling handle(String deliveryId, PushEvent push) {
        if (!rules.configured()) {
            return new Handling.Answer(DeliveryResult.ignored("no triggers configured"));
        }
        TriggerMatcher.Result result = TriggerMatcher.match(rules.triggers(), push);
        if (result.matches().isEmpty()) {
            return new Handling.Answer(DeliveryResult.ignored(result.reason()));
        }
        // Rendering the templates is work for the worker thread too: the event loop only matches.
        return new Handling.Launch(() -> launcher.launch(result.matches().stream()
                .map(m -> new BatchLauncher.Planned(RunPlanner.plan(m.trigger(), push, deliveryId), m.note()))
                .toList(), List.of()));
    }
}
