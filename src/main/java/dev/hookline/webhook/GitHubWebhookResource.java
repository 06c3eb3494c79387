package dev.hookline.webhook;

import java.io.InputStream;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** {@code POST /hooks/github}: where GitHub delivers webhooks. */
@Path("/hooks/github")
public class GitHubWebhookResource {

    static final String DELIVERY = "X-GitHub-Delivery";

    private final WebhookIntake intake;

    GitHubWebhookResource(WebhookIntake intake) {
        this.intake = intake;
    }

    @POST
    public Response receive(
            @HeaderParam(DELIVERY) String deliveryId,
            @HeaderParam("X-GitHub-Event") String event,
            @HeaderParam("X-Hub-Signature-256") String signature,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
            InputStream body) {
        WebhookReply reply = intake.receive(
                new WebhookRequest(deliveryId, event, signature, contentType, declaredLength(contentLength)), body);
        Response.ResponseBuilder response = Response.status(reply.status())
                .type(reply.isProblem() ? WebhookReply.PROBLEM_JSON : WebhookIntake.JSON)
                .entity(reply.body().toString());
        if (reply.deliveryId() != null) {
            response.header(DELIVERY, reply.deliveryId());
        }
        if (reply.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, Math.max(1, reply.retryAfter().toSeconds()));
        }
        return response.build();
    }

    private static long declaredLength(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
