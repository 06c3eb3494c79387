package dev.hookline.status;

import java.util.Optional;

import dev.hookline.github.CommitStatus;
import dev.hookline.github.PostResult;
import dev.hookline.github.StatusLookup;
import dev.hookline.tekton.TrackedRun;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

/**
 * A run's report as a commit status, and the two things done with one: posting it, counted and logged by GitHub's
 * answer, and asking what GitHub shows for its commit and context.
 */
final class ReportPoster {

    private static final String REPORTS = "hookline.status.reports";

    private final Poster poster;
    private final Optional<String> targetUrlTemplate;
    private final MeterRegistry registry;

    ReportPoster(Poster poster, Optional<String> targetUrlTemplate, MeterRegistry registry) {
        this.poster = poster;
        this.targetUrlTemplate = targetUrlTemplate;
        this.registry = registry;
    }

    CommitStatus status(TrackedRun run, CommitStatusMapper.Report report) {
        return new CommitStatus(run.repository(), run.sha(), report.state(), report.description(), run.statusContext(),
                targetUrl(targetUrlTemplate, run));
    }

    /** Posts the status, counting and logging GitHub's answer. */
    PostResult post(TrackedRun run, CommitStatus status) {
        PostResult result = poster.post(status, run.installationId());
        String state = status.state().wireName();
        if (result instanceof PostResult.RetryLater) {
            registry.counter(REPORTS, "state", state, "result", "retried").increment();
        } else if (result instanceof PostResult.Rejected refused) {
            registry.counter(REPORTS, "state", state, "result", "rejected").increment();
            Log.errorf("GitHub refused the %s status of run %s (delivery %s, %s@%s): %s", state, run.key(),
                    run.deliveryId(), run.repository(), run.sha(), refused.message());
        } else {
            registry.counter(REPORTS, "state", state, "result", "accepted").increment();
            Log.infof("Reported %s for run %s (delivery %s, %s %s): %s", state, run.key(), run.deliveryId(),
                    run.repository(), run.ref(), status.description());
        }
        return result;
    }

    StatusLookup shown(TrackedRun run, CommitStatus status) {
        StatusLookup shown = poster.shown(status, run.installationId());
        if (shown instanceof StatusLookup.Unknown unknown) {
            Log.infof("Cannot tell what GitHub shows for %s@%s, context '%s' (run %s): %s; retrying", run.repository(),
                    run.sha(), run.statusContext(), run.key(), unknown.reason());
        }
        return shown;
    }

    /** GitHub already showed the status, posted before this replica watched the run: counted, not posted again. */
    void adopted(TrackedRun run, CommitStatus status) {
        String state = status.state().wireName();
        registry.counter(REPORTS, "state", state, "result", "adopted").increment();
        Log.infof("GitHub already shows %s for run %s (delivery %s, %s %s): recorded, not posted again", state,
                run.key(), run.deliveryId(), run.repository(), run.ref());
    }

    /** The run's link from the target URL template, or {@code null} without one. */
    static String targetUrl(Optional<String> targetUrlTemplate, TrackedRun run) {
        return targetUrlTemplate.map(t -> t.replace("{namespace}", run.namespace()).replace("{name}", run.name()))
                .orElse(null);
    }
}
