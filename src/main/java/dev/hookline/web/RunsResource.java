package dev.hookline.web;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.hookline.status.StatusReporting;
import dev.hookline.tekton.TrackedRun;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code GET /api/runs}: the PipelineRuns Hookline tracks, newest first. */
@Path("/api/runs")
public class RunsResource {

    private final StatusReporting reporting;

    RunsResource(StatusReporting reporting) {
        this.reporting = reporting;
    }

    /**
     * One run as the API shows it.
     *
     * @param state the commit state the run is in now: {@code pending}, {@code success}, {@code failure} or {@code error}
     * @param reason Tekton's reason, or {@code null} before Tekton wrote a condition
     * @param reported the last commit state posted for it, or {@code null}
     */
    @RegisterForReflection
    public record RunView(String namespace, String name, String trigger, String repository, String sha, String ref,
            String delivery, Instant created, String state, String reason, String reported) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<RunView> runs() {
        return reporting.tracked().stream().map(RunsResource::view).toList();
    }

    private static RunView view(TrackedRun run) {
        TrackedRun.Condition condition = run.condition();
        return new RunView(run.namespace(), run.name(), run.trigger(), run.repository(), run.sha(), run.ref(),
                run.deliveryId(), run.created(), StatusReporting.stateOf(run),
                condition == null ? null : condition.reason(), run.reported());
    }
}
