package dev.hookline.github;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The GitHub REST endpoints of check runs, built like {@link GitHubApi} by {@link GitHubApiProducer}. Only a GitHub App
 * may write check runs.
 */
@Produces("application/vnd.github+json")
@ClientHeaderParam(name = "X-GitHub-Api-Version", value = GitHubApi.API_VERSION)
public interface ChecksApi {

    /**
     * {@code POST /repos/{owner}/{repo}/check-runs}: 201 with the check run ({@code id}). Only a GitHub App
     * installation may: a personal access token gets 403.
     */
    @POST
    @Path("/repos/{owner}/{repo}/check-runs")
    @Consumes(MediaType.APPLICATION_JSON)
    Response createCheckRun(@HeaderParam("Authorization") String authorization,
            @PathParam("owner") String owner, @PathParam("repo") String repo, CheckRunBody body);

    /** {@code PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}}: 200 with the check run as it is now. */
    @PATCH
    @Path("/repos/{owner}/{repo}/check-runs/{checkRunId}")
    @Consumes(MediaType.APPLICATION_JSON)
    Response updateCheckRun(@HeaderParam("Authorization") String authorization,
            @PathParam("owner") String owner, @PathParam("repo") String repo, @PathParam("checkRunId") long checkRunId,
            CheckRunBody body);

    /**
     * {@code GET /repos/{owner}/{repo}/commits/{ref}/check-runs}: one page of a commit's check runs,
     * {@code {total_count, check_runs: [{id, name, external_id, status, conclusion, ...}]}}. {@code filter=all} lists
     * every run of a name; the default, {@code latest}, only the newest.
     */
    @GET
    @Path("/repos/{owner}/{repo}/commits/{ref}/check-runs")
    Response checkRunsForRef(@HeaderParam("Authorization") String authorization,
            @PathParam("owner") String owner, @PathParam("repo") String repo, @PathParam("ref") String ref,
            @QueryParam("check_name") String checkName, @QueryParam("filter") String filter,
            @QueryParam("per_page") int perPage, @QueryParam("page") int page);

    /**
     * The JSON body of creating or updating a check run, as GitHub names its fields; {@code null} fields are left
     * out, which an update reads as "unchanged". Times are sent to the second, GitHub's documented
     * {@code YYYY-MM-DDTHH:MM:SSZ}.
     *
     * @param name the check's name
     * @param headSha the commit; only when creating
     * @param detailsUrl the link
     * @param externalId Hookline's id for the check run
     * @param status the status
     * @param startedAt when the run started
     * @param conclusion how it ended
     * @param completedAt when it ended
     * @param output what the page shows
     * @param actions the buttons
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CheckRunBody(String name, @JsonProperty("head_sha") String headSha,
            @JsonProperty("details_url") String detailsUrl, @JsonProperty("external_id") String externalId,
            CheckStatus status, @JsonProperty("started_at") String startedAt, CheckConclusion conclusion,
            @JsonProperty("completed_at") String completedAt, CheckOutput output, List<CheckAction> actions) {

        static CheckRunBody of(CheckRun run) {
            return new CheckRunBody(run.name(), run.sha(), run.detailsUrl(), run.externalId(), run.status(),
                    time(run.startedAt()), run.conclusion(), time(run.completedAt()), run.output(),
                    run.actions().isEmpty() ? null : run.actions());
        }

        static CheckRunBody of(CheckRunUpdate update) {
            return new CheckRunBody(null, null, update.detailsUrl(), update.externalId(), update.status(),
                    time(update.startedAt()), update.conclusion(), time(update.completedAt()), update.output(),
                    update.actions());
        }

        private static String time(Instant instant) {
            return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
        }
    }
}
