package dev.hookline.github;

import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
 * The GitHub REST endpoints of commit statuses and App tokens; {@link PullRequestsApi} and {@link ChecksApi} hold the
 * others, each built the same way. Built by {@link GitHubApiProducer}; every method answers whatever
 * GitHub answered (the default exception mapper is off). The methods return a plain {@link Response}, read as text by
 * {@link GitHubAnswer} (the reads a delivery waits for answer a {@link CompletionStage}, so that the wait can be cut
 * shorter than the client's read timeout): a {@code RestResponse<String>} leaves error bodies unconverted, and a typed JSON body would
 * fail on a proxy's HTML error page instead of classifying it like any other answer.
 */
@Produces("application/vnd.github+json")
@ClientHeaderParam(name = "X-GitHub-Api-Version", value = GitHubApi.API_VERSION)
public interface GitHubApi {

    /** The REST API version Hookline was written against; GitHub keeps its behaviour stable per version. */
    String API_VERSION = "2022-11-28";

    /** {@code POST /repos/{owner}/{repo}/statuses/{sha}}: 201 with the stored status. */
    @POST
    @Path("/repos/{owner}/{repo}/statuses/{sha}")
    @Consumes(MediaType.APPLICATION_JSON)
    Response createStatus(@HeaderParam("Authorization") String authorization,
            @PathParam("owner") String owner, @PathParam("repo") String repo, @PathParam("sha") String sha,
            StatusBody body);

    /**
     * {@code GET /repos/{owner}/{repo}/commits/{ref}/status}: the combined status, with the latest status of each
     * context ({@code per_page} contexts at most).
     */
    @GET
    @Path("/repos/{owner}/{repo}/commits/{ref}/status")
    Response combinedStatus(@HeaderParam("Authorization") String authorization,
            @PathParam("owner") String owner, @PathParam("repo") String repo, @PathParam("ref") String ref,
            @QueryParam("per_page") int perPage);

    /** {@code POST /app/installations/{id}/access_tokens}, authenticated with the App's JWT: 201 with the token. */
    @POST
    @Path("/app/installations/{installationId}/access_tokens")
    Response createInstallationToken(@HeaderParam("Authorization") String authorization,
            @PathParam("installationId") long installationId);

    /**
     * The JSON body of a commit status, as GitHub names its fields.
     *
     * @param state the state, lowercase
     * @param description the (already cut) description, omitted when {@code null}
     * @param context the status context
     * @param targetUrl the link, omitted when {@code null}
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StatusBody(CommitState state, String description, String context,
            @JsonProperty("target_url") String targetUrl) {

        static StatusBody of(CommitStatus status) {
            return new StatusBody(status.state(), status.description(), status.context(), status.targetUrl());
        }
    }
}
