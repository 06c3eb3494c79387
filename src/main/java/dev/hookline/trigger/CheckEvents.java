package dev.hookline.trigger;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.hookline.config.HooklineConfig;
import dev.hookline.webhook.CheckApp;
import dev.hookline.webhook.CheckHandler;
import dev.hookline.webhook.CheckRunEvent;
import dev.hookline.webhook.CheckSuiteEvent;
import dev.hookline.webhook.DeliveryResult;
import dev.hookline.webhook.Handling;
import dev.hookline.webhook.Sender;

/**
 * The Checks tab's buttons on Hookline's check runs: Cancel ({@code check_run} {@code requested_action}), Re-run
 * ({@code check_run} {@code rerequested}) and Re-run checks ({@code check_suite} {@code rerequested}). Everything a
 * delivery says alone (its action, the App that owns the check, who pressed) is decided here, on the event loop,
 * without asking anyone; GitHub sends a {@code created} and a {@code completed} for every check run Hookline reports,
 * so those must cost nothing. The rest reads the cluster and is {@link CheckActions}' work.
 */
@ApplicationScoped
public class CheckEvents implements CheckHandler {

    /** The identifier of the button an in-progress check run of Hookline's carries. */
    public static final String CANCEL = "cancel";

    private final TriggerRules rules;
    private final CheckActions actions;
    private final String appId;

    @Inject
    CheckEvents(TriggerRules rules, CheckActions actions, HooklineConfig config) {
        this(rules, actions, config.github().appId().orElse(null));
    }

    CheckEvents(TriggerRules rules, CheckActions actions, String appId) {
        this.rules = rules;
        this.actions = actions;
        this.appId = appId;
    }

    @Override
    public Handling checkRun(String deliveryId, CheckRunEvent event) {
        boolean button = "requested_action".equals(event.action());
        if (!button && !"rerequested".equals(event.action())) {
            return ignored("check_run action '" + event.action() + "' is not acted on; Hookline acts on rerequested "
                    + "(Re-run) and requested_action (its Cancel button)");
        }
        String pressed = !button
                ? "Re-run"
                : CANCEL.equals(event.requestedAction())
                        ? "Cancel"
                        : "requested action '" + event.requestedAction() + "'";
        String asked = pressed + " of check run '" + event.name() + "' on "
                + TemplateContext.shortSha(event.headSha());
        String refused = refused(event.app(), event.sender());
        if (refused != null) {
            return ignored(asked + ": " + refused);
        }
        String by = asked + " by @" + event.sender().login();
        if (button && !CANCEL.equals(event.requestedAction())) {
            return ignored(by + ": not a button of Hookline's, whose check runs offer only '" + CANCEL + "'");
        }
        List<Trigger> triggers = triggers(event.repository().fullName());
        if (triggers.isEmpty()) {
            return ignored(by + ": " + none(event.repository().fullName()));
        }
        return new Handling.Launch(() -> button
                ? actions.cancel(deliveryId, event, triggers, by)
                : actions.rerunCheck(deliveryId, event, triggers, by));
    }

    @Override
    public Handling checkSuite(String deliveryId, CheckSuiteEvent event) {
        if (!"rerequested".equals(event.action())) {
            return ignored("check_suite action '" + event.action() + "' is not acted on; Hookline acts on rerequested "
                    + "(Re-run checks)");
        }
        String asked = "Re-run of the checks on " + TemplateContext.shortSha(event.headSha());
        String refused = refused(event.app(), event.sender());
        if (refused != null) {
            return ignored(asked + ": " + refused);
        }
        String by = asked + " by @" + event.sender().login();
        List<Trigger> triggers = triggers(event.repository().fullName());
        if (triggers.isEmpty()) {
            return ignored(by + ": " + none(event.repository().fullName()));
        }
        return new Handling.Launch(() -> actions.rerunSuite(deliveryId, event, triggers, by));
    }

    /** Why a check's delivery is not Hookline's to act on, or {@code null} when it is. */
    private String refused(CheckApp app, Sender sender) {
        if (appId == null) {
            return "no GitHub App is configured (hookline.github.app-id), so no check run is Hookline's";
        }
        if (!app.is(appId)) {
            return "the check belongs to another GitHub App (id " + app.id() + "), not Hookline's (" + appId + ")";
        }
        // GitHub shows these buttons only to those who can write; a bot, or nobody, is not someone who pressed one.
        if (sender == null) {
            return "the delivery names no sender, and only a person's request is acted on";
        }
        if (sender.bot()) {
            return "requested by the bot " + sender.login() + ": requests from bots are not acted on, so that no bot "
                    + "can start or stop runs";
        }
        return null;
    }

    private List<Trigger> triggers(String repository) {
        return rules.triggers().stream().filter(t -> t.repository().matches(repository)).toList();
    }

    private String none(String repository) {
        return rules.configured() ? "no trigger of " + repository : "no triggers configured";
    }

    private static Handling ignored(String reason) {
        return new Handling.Answer(DeliveryResult.ignored(reason));
    }
}
