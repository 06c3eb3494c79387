package dev.hookline.web;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.hookline.github.PostedCheckRuns;

/**
 * {@code GET /api/check-runs}: the check runs this replica created or updated (or, in a dry run such as local mode's,
 * recorded), the most recently written first, as it last wrote them. One replica's memory: what every replica shows
 * alike is each run's check ledger, in {@code GET /api/runs} ({@code checkRun}, {@code checkState}).
 */
@Path("/api/check-runs")
public class CheckRunsResource {

    private final PostedCheckRuns posted;

    CheckRunsResource(PostedCheckRuns posted) {
        this.posted = posted;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<PostedCheckRuns.Posted> recent() {
        return posted.recent();
    }
}
