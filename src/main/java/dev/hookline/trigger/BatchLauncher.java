package dev.hookline.trigger;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.hookline.webhook.DeliveryResult;
import dev.hookline.webhook.Outcome;
import dev.hookline.webhook.RunRef;
import dev.hookline.webhook.WebhookProblem;

/**
 * Creates the runs one delivery asks for, in order, before it is answered. When one run cannot be created for now,
 * the runs already created stay and the delivery fails (503), so that a redelivery creates only the missing ones; the
 * remaining plans wait for it, since a cluster that is away would make each of them wait out its timeout. A run the
 * cluster refuses for good does not stop the others: the delivery is answered as refused (unless another run failed
 * for now) and the commit told why.
 */
@ApplicationScoped
public class BatchLauncher {

    private final RunLauncher launcher;
    private final CommitNotifier notifier;

    BatchLauncher(RunLauncher launcher, CommitNotifier notifier) {
        this.launcher = launcher;
        this.notifier = notifier;
    }

    /**
     * One run to create.
     *
     * @param plan the rendered plan
     * @param note a remark for the delivery log, or {@code null}
     */
    public record Planned(RunPlan plan, String note) {
    }

    /**
     * Creates every plan's run (or finds it, for a redelivery).
     *
     * @param notes remarks about the delivery as a whole, for its log entry
     * @throws WebhookProblem when a run could not be created for now
     */
    public DeliveryResult launch(List<Planned> plans, List<String> notes) {
        List<RunRef> runs = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<String> remarks = new ArrayList<>(notes);
        boolean anyCreated = false;
        for (Planned planned : plans) {
            RunPlan plan = planned.plan();
            RunLauncher.Launched launched;
            try {
                launched = launcher.launch(plan);
            } catch (RunRefused refusal) {
                notifier.refused(plan, refusal.reason());
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
            if (planned.note() != null) {
                remarks.add(plan.trigger() + ": " + planned.note());
            }
        }
        if (!refused.isEmpty()) {
            String others = runs.isEmpty()
                    ? ""
                    : "; the runs of trigger(s) " + runs.stream().map(r -> "'" + r.trigger() + "'").toList()
                            + " exist and stay";
            return new DeliveryResult(Outcome.REFUSED, String.join("; ", refused) + others, runs);
        }
        if (runs.isEmpty()) {
            return new DeliveryResult(Outcome.IGNORED, String.join("; ", remarks), runs);
        }
        Outcome outcome = anyCreated ? Outcome.TRIGGERED : Outcome.DUPLICATE;
        String reason = outcome == Outcome.DUPLICATE ? "delivery already handled; its runs exist" : null;
        if (!remarks.isEmpty()) {
            reason = (reason == null ? "" : reason + "; ") + String.join("; ", remarks);
        }
        return new DeliveryResult(outcome, reason, runs);
    }
}
