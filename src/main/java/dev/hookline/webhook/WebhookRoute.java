package dev.hookline.webhook;

import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /hooks/github}, where GitHub delivers webhooks. A Vert.x route rather than a JAX-RS resource, so that the
 * body is counted as it arrives (the excess over the limit is never buffered) and a delivery that is refused or
 * ignored is answered on the event loop; only a delivery that creates runs moves to a worker thread, since that talks
 * to the cluster.
 */
@ApplicationScoped
class WebhookRoute {

    static final String PATH = "/hooks/github";
    static final String DELIVERY = "X-GitHub-Delivery";

    /** A large push (thousands of commits) is a few hundred KB; bigger bodies grow the buffer as they arrive. */
    private static final int INITIAL_CAPACITY_LIMIT = 256 * 1024;

    private final WebhookIntake intake;

    WebhookRoute(WebhookIntake intake) {
        this.intake = intake;
    }

    void register(@Observes Router router) {
        router.post(PATH).handler(this::receive);
    }

    private void receive(RoutingContext context) {
        HttpServerRequest http = context.request();
        WebhookRequest request = new WebhookRequest(http.getHeader(DELIVERY), http.getHeader("X-GitHub-Event"),
                http.getHeader("X-Hub-Signature-256"), http.getHeader(HttpHeaders.CONTENT_TYPE),
                declaredLength(http.getHeader(HttpHeaders.CONTENT_LENGTH)));
        long limit = intake.maxBodySize();
        if (request.contentLength() > limit) {
            // Refused on the declared length alone: not one byte of the body is read.
            refuse(http, request);
            return;
        }
        // The declared length only sizes the first allocation up to a push's usual size: an unverified sender must not
        // make the service reserve the whole limit before sending a byte.
        Buffer body = Buffer.buffer((int) Math.min(Math.max(request.contentLength(), 8192), INITIAL_CAPACITY_LIMIT));
        boolean[] refused = {false};
        http.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if ((long) body.length() + chunk.length() > limit) {
                refused[0] = true;
                refuse(http, request);
                return;
            }
            body.appendBuffer(chunk);
        });
        // A sender that hangs up mid-body gets no answer; there is nothing to record either.
        http.exceptionHandler(e -> Log.debugf("Delivery %s: the request broke off: %s", request.deliveryId(), e));
        http.endHandler(end -> {
            if (!refused[0]) {
                intake.receive(request, body.getBytes(), blocking(context.vertx()))
                        .thenAccept(reply -> answer(http.response(), reply));
            }
        });
        http.resume();
    }

    /** Answers 413 and closes the connection, so the rest of an oversized body is not read either. */
    private void refuse(HttpServerRequest http, WebhookRequest request) {
        http.pause();
        HttpServerResponse response = http.response().putHeader(HttpHeaders.CONNECTION, "close");
        answer(response, intake.tooLarge(request)).onComplete(done -> http.connection().close());
    }

    private static Future<Void> answer(HttpServerResponse response, WebhookReply reply) {
        response.setStatusCode(reply.status()).putHeader(HttpHeaders.CONTENT_TYPE,
                reply.isProblem() ? WebhookReply.PROBLEM_JSON : WebhookIntake.JSON);
        if (reply.deliveryId() != null) {
            response.putHeader(DELIVERY, reply.deliveryId());
        }
        if (reply.retryAfter() != null) {
            response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, reply.retryAfter().toSeconds())));
        }
        return response.end(reply.body().toString());
    }

    /** Vert.x's worker pool, unordered: deliveries that create runs proceed in parallel. */
    private static Executor blocking(Vertx vertx) {
        return task -> vertx.executeBlocking(() -> {
            task.run();
            return null;
        }, false);
    }

    private static long declaredLength(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
