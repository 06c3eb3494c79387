package dev.hookline.status;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.hookline.config.HooklineConfig;
import dev.hookline.github.CommitState;
import dev.hookline.github.CommitStatus;
import dev.hookline.github.GitHubClient;
import dev.hookline.github.PostResult;
import dev.hookline.trigger.CommitNotifier;
import dev.hookline.trigger.RunPlan;
import io.quarkus.logging.Log;

/**
 * Posts a commit status on the trigger's context when no run exists to carry one: {@code error} when the cluster
 * refused the run for good, {@code pending} while an untrusted pull request waits for approval, so that the developer
 * sees on GitHub why nothing ran. Posted in the background, retrying what GitHub answers as passing (5xx,
 * rate limits, timeouts); by whichever replica took the delivery, since no run exists for the leader to see. A
 * redelivery posts the same status again, which GitHub keeps as one state.
 */
@ApplicationScoped
class RefusalStatuses implements CommitNotifier {

    /** With the default backoff, about ten minutes of trying; a refusal is not worth more than that. */
    private static final int MAX_ATTEMPTS = 8;

    private final GitHubClient github;
    private final boolean enabled;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final ScheduledExecutorService posting = Executors
            .newSingleThreadScheduledExecutor(ReportScheduler.daemon("hookline-refusal-status"));

    RefusalStatuses(HooklineConfig config, GitHubClient github) {
        this.github = github;
        this.enabled = config.status().enabled();
        this.initialBackoff = config.status().initialBackoff();
        this.maxBackoff = config.status().maxBackoff();
    }

    @Override
    public void refused(RunPlan plan, String reason) {
        notify(plan, CommitState.ERROR, "Not run: trigger " + plan.trigger() + " refused: " + reason);
    }

    @Override
    public void waiting(RunPlan plan, String description) {
        notify(plan, CommitState.PENDING, description);
    }

    @Override
    public void notRun(RunPlan plan, String description) {
        notify(plan, CommitState.ERROR, description);
    }

    private void notify(RunPlan plan, CommitState state, String description) {
        if (!enabled) {
            return;
        }
        RunPlan.Source source = plan.source();
        CommitStatus status = new CommitStatus(source.repository(), source.sha(), state, description,
                plan.statusContext(), null);
        posting.execute(() -> attempt(source, status, 1));
    }

    private void attempt(RunPlan.Source source, CommitStatus status, int attempt) {
        PostResult result = github.post(status, source.installationId());
        if (result instanceof PostResult.RetryLater retry && attempt < MAX_ATTEMPTS) {
            long cap = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << (attempt - 1));
            long wait = retry.after() != null ? retry.after().toMillis() : cap;
            posting.schedule(() -> attempt(source, status, attempt + 1), wait, TimeUnit.MILLISECONDS);
        } else if (result.accepted()) {
            Log.infof("Delivery %s for %s %s: reported %s on context '%s': %s", source.deliveryId(),
                    source.repository(), source.ref(), status.state().wireName(), status.context(), status.description());
        } else {
            Log.errorf("Delivery %s for %s %s: the %s status on context '%s' was not posted (%s)", source.deliveryId(),
                    source.repository(), source.ref(), status.state().wireName(), status.context(), result);
        }
    }

    @PreDestroy
    void stop() {
        posting.shutdownNow();
    }
}
