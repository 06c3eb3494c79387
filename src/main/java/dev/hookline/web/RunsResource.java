package dev.hookline.web;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.hookline.status.StatusReporting;
import dev.hookline.tekton.TrackedRun;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code GET /api/runs}: the PipelineRuns Hookline tracks, newest first; {@code GET /api/runs/{namespace}/{name}/tasks}:
 * one run's tasks, as Tekton ran them; {@code GET /api/runs/{namespace}/{name}/log}: its failed step's last log lines,
 * masked, when {@code hookline.checks.log-lines} is above 0.
 */
@Path("/api/runs")
public class RunsResource {

    private final StatusReporting reporting;
    private final StatusBoard board;

    RunsResource(StatusReporting reporting, StatusBoard board) {
        this.reporting = reporting;
        this.board = board;
    }

    /**
     * One run as the API shows it.
     *
     * @param state the commit state the run is in now: {@code pending}, {@code success}, {@code failure} or {@code error}
     * @param reason Tekton's reason, or {@code null} before Tekton wrote a condition
     * @param reported the last commit state posted for it, or {@code null}
     * @param event {@code push}, {@code pull_request} or {@code merge_group}; {@code null} for an event this version
     *        does not know
     * @param pullRequest the pull request's number, for a run of a pull request, else {@code null}
     * @param pullRequestUrl the pull request on GitHub, or {@code null}
     * @param checkRun the id of the run's check run on GitHub (a dry run's own id in local mode), or {@code null}
     * @param checkState the last check run state GitHub accepted ({@code queued}, {@code in_progress:<tasks done>},
     *        {@code completed:<conclusion>}), or {@code null}
     */
    @RegisterForReflection
    public record RunView(String namespace, String name, String trigger, String repository, String sha, String ref,
            String delivery, Instant created, String state, String reason, String reported, String event,
            Integer pullRequest, String pullRequestUrl, Long checkRun, String checkState) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<RunView> runs() {
        return reporting.tracked().stream().map(this::view).toList();
    }

    /** The run's tasks (see {@link TaskView}); {@code 404} for a run Hookline does not track. */
    @GET
    @Path("{namespace}/{name}/tasks")
    @Produces(MediaType.APPLICATION_JSON)
    public Response tasks(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        List<TaskView> tasks = board.tasks(namespace, name);
        if (tasks == null) {
            return noSuchRun(namespace, name);
        }
        return Response.ok(tasks, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /**
     * The run's failed step and its last log lines, masked (see {@link StepLogView}); {@code task} and {@code step} are
     * {@code null} and {@code lines} empty when there is nothing to show. {@code 404} for a run Hookline does not track,
     * and for every run while log lines are off.
     */
    @GET
    @Path("{namespace}/{name}/log")
    @Produces(MediaType.APPLICATION_JSON)
    public Response log(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        if (!board.logsEnabled()) {
            return problem("Log lines are off", "hookline.checks.log-lines is 0, so no step's log is read; see "
                    + "docs/configuration.md for what turning it on needs and risks");
        }
        StepLogView log = board.log(namespace, name);
        return log == null ? noSuchRun(namespace, name) : Response.ok(log, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Response noSuchRun(String namespace, String name) {
        return problem("No such run", "Hookline tracks no PipelineRun " + name + " in namespace " + namespace
                + "; GET /api/runs lists those it does");
    }

    private static Response problem(String title, String detail) {
        var problem = JsonNodeFactory.instance.objectNode().put("title", title).put("status", 404).put("detail", detail);
        return Response.status(404).type("application/problem+json").entity(problem.toString()).build();
    }

    private RunView view(TrackedRun run) {
        TrackedRun.Condition condition = run.condition();
        return new RunView(run.namespace(), run.name(), run.trigger(), run.repository(), run.sha(), run.ref(),
                run.deliveryId(), run.created(), StatusReporting.stateOf(run),
                condition == null ? null : condition.reason(), run.reported(),
                run.event() == null ? null : run.event().key(), run.pullRequest(), board.pullRequestUrl(run),
                run.check().id(), run.check().state());
    }
}
