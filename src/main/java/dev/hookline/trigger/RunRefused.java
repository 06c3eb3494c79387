package dev.hookline.trigger;

import dev.hookline.webhook.RunRef;

/**
 * The cluster refused a trigger's run for good: the same run sent again gets the same answer (an admission webhook's
 * denial, a namespace that does not exist), so a redelivery cannot help until someone changes the trigger or the
 * cluster. Unlike a {@code WebhookProblem} with 503, this does not stop the other triggers of the delivery.
 */
public class RunRefused extends RuntimeException {

    private final RunRef run;
    private final String reason;

    /**
     * @param run the run that was refused
     * @param reason the cluster's reason, as short as it can be said, for the commit status
     * @param detail what happened and what to change, for the webhook's answer and the delivery log
     */
    public RunRefused(RunRef run, String reason, String detail, Throwable cause) {
        super(detail, cause);
        this.run = run;
        this.reason = reason;
    }

    public RunRef run() {
        return run;
    }

    public String reason() {
        return reason;
    }

    public String detail() {
        return getMessage();
    }
}
