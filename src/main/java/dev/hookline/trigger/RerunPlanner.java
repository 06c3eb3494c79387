package dev.hookline.trigger;

import jakarta.enterprise.context.ApplicationScoped;

import dev.hookline.webhook.PullRequest;
import dev.hookline.webhook.PushEvent;

/**
 * Plans the re-runs the Checks tab asks for: a trigger as it is configured now, rendered for the commit and the event
 * an earlier run was for (a push's ref, a pull request, a merge group), named after the delivery that asked, so that a
 * redelivery creates nothing twice. Reads the pull request from GitHub, on the worker thread, when the run was one's.
 */
@ApplicationScoped
class RerunPlanner {

    private final PullRequestReads reads;
    private final Trust trust;

    RerunPlanner(PullRequestReads reads, Trust trust) {
        this.reads = reads;
        this.trust = trust;
    }

    /**
     * Who asked for a re-run, through which delivery.
     *
     * @param deliveryId the delivery, which names the new runs
     * @param repository the repository of the delivery
     * @param sender the login of who pressed the button
     * @param installationId the App installation the delivery came through, or {@code null}
     */
    record Asker(String deliveryId, PushEvent.Repository repository, String sender, Long installationId) {
    }

    /**
     * A re-run's plan, or why there is none.
     *
     * @param plan what to create, or {@code null}
     * @param notRun why nothing is run, or {@code null}
     */
    record Rerun(RunPlan plan, String notRun) {

        static Rerun not(String why) {
            return new Rerun(null, why);
        }
    }

    /**
     * The trigger's run again, with what the earlier run was for.
     *
     * @param approvedBy who approved the earlier run of an untrusted pull request, carried over to the new one; for a
     *        run that is gone, {@code null}, and an untrusted pull request's trigger then waits for /ok-to-test
     * @param ranBefore whether a run of this trigger and commit is known: it was trusted (or approved) when it ran,
     *        which is not asked again
     */
    Rerun plan(Asker asker, Trigger trigger, String sha, RunHistory.Origin origin, String approvedBy, boolean ranBefore) {
        if (origin.event() == null || origin.ref() == null) {
            return Rerun.not("its run names no event and ref Hookline can run again");
        }
        if (!trigger.events().contains(origin.event())) {
            return Rerun.not("trigger '" + trigger.name() + "' no longer listens to " + origin.event().key());
        }
        PullRequest pr = null;
        if (origin.event() == EventKind.PULL_REQUEST) {
            if (origin.pullRequest() == null) {
                return Rerun.not("its run names no pull request");
            }
            String repository = asker.repository().fullName();
            pr = reads.pullRequest(repository, origin.pullRequest(), asker.installationId());
            if (!pr.open()) {
                return Rerun.not("pull request #" + pr.number() + " is " + pr.state() + "; nothing run");
            }
            String untrusted = ranBefore || trigger.forks() == ForkPolicy.ALWAYS
                    ? null
                    : trust.untrusted(repository, pr, asker.installationId());
            if (untrusted != null) {
                return Rerun.not("pull request #" + pr.number() + " is untrusted (" + untrusted + ") and no run of "
                        + TemplateContext.shortSha(sha) + " says it was approved; /ok-to-test runs it");
            }
        }
        Change change = Change.rerun(origin.event(), asker.repository(), sha, origin.ref(), origin.title(),
                asker.sender(), asker.installationId(), pr);
        RunPlan plan = RunPlanner.plan(trigger, change, asker.deliveryId(), asker.deliveryId(), approvedBy);
        return new Rerun(supersedingNothing(plan), null);
    }

    /**
     * A re-run may be of an older commit than the branch's (or pull request's) newest run, which must keep running:
     * it cancels nothing in progress, whatever the trigger's {@code cancel-in-progress}.
     */
    private static RunPlan supersedingNothing(RunPlan plan) {
        return new RunPlan(plan.trigger(), plan.namespace(), plan.pipeline(), plan.serviceAccount(), plan.api(),
                plan.params(), plan.workspaces(), plan.git(), plan.image(), plan.timeout(), plan.statusContext(), false,
                plan.keepRuns(), plan.source());
    }
}
