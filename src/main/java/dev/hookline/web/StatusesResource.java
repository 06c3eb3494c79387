package dev.hookline.web;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.hookline.github.PostedStatuses;
import dev.hookline.status.StatusReporting;

/**
 * {@code GET /api/statuses}: the commit statuses posted (or, in a dry run, recorded), newest first, as the runs in the
 * cluster record them, so that every replica answers alike.
 */
@Path("/api/statuses")
public class StatusesResource {

    private final StatusReporting reporting;

    StatusesResource(StatusReporting reporting) {
        this.reporting = reporting;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<PostedStatuses.Posted> recent() {
        return reporting.postedStatuses();
    }
}
