package dev.hookline.github;

import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;

/**
 * The GitHub REST reads pull requests need, built like {@link GitHubApi} by {@link GitHubApiProducer}. They answer a
 * {@link CompletionStage}, so that a delivery's wait can be cut shorter than the client's read timeout.
 */
@Produces("application/vnd.github+json")
@ClientHeaderParam(name = "X-GitHub-Api-Version", value = GitHubApi.API_VERSION)
public interface PullRequestsApi {

    /** {@code GET /repos/{owner}/{repo}/pulls/{pull_number}}: the pull request object, as a delivery carries it. */
    @GET
    @Path("/repos/{owner}/{repo}/pulls/{number}")
    CompletionStage<Response> pullRequest(@HeaderParam("Authorization") String authorization,
            @PathParam("owner") String owner, @PathParam("repo") String repo, @PathParam("number") int number);

    /**
     * {@code GET /repos/{owner}/{repo}/pulls/{pull_number}/files}: one page of the files a pull request changes
     * ({@code filename}, {@code status}, ...); GitHub lists 3,000 at most.
     */
    @GET
    @Path("/repos/{owner}/{repo}/pulls/{number}/files")
    CompletionStage<Response> pullRequestFiles(@HeaderParam("Authorization") String authorization,
            @PathParam("owner") String owner, @PathParam("repo") String repo, @PathParam("number") int number,
            @QueryParam("per_page") int perPage, @QueryParam("page") int page);

    /**
     * {@code GET /repos/{owner}/{repo}/collaborators/{username}/permission}: {@code permission} is {@code admin},
     * {@code write}, {@code read} or {@code none} (a {@code maintain} role reports {@code write}); 404 for a user who
     * is not a collaborator.
     */
    @GET
    @Path("/repos/{owner}/{repo}/collaborators/{username}/permission")
    CompletionStage<Response> collaboratorPermission(@HeaderParam("Authorization") String authorization,
            @PathParam("owner") String owner, @PathParam("repo") String repo, @PathParam("username") String username);
}
