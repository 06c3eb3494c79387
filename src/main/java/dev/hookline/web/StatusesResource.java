package dev.hookline.web;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.hookline.github.PostedStatuses;

/** {@code GET /api/statuses}: the commit statuses posted (or, in a dry run, recorded), newest first. */
@Path("/api/statuses")
public class StatusesResource {

    private final PostedStatuses statuses;

    StatusesResource(PostedStatuses statuses) {
        this.statuses = statuses;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<PostedStatuses.Posted> recent() {
        return statuses.recent();
    }
}
