package dev.hookline.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hookline.config.HooklineConfig;
import dev.hookline.config.WebhookConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * The webhook's decisions, in the order that keeps unverified input harmless: bound the body (while the HTTP layer
 * reads it), verify the signature, and only then look at content type, headers and JSON. Each delivery ends in the
 * delivery log and the metrics.
 */
@Startup
@ApplicationScoped
public class WebhookIntake {

    static final String JSON = "application/json";
    static final String FORM = "application/x-www-form-urlencoded";
    /** Events named in metrics as they are; anything else is "other", so a forged header cannot grow the tag set. */
    private static final Set<String> KNOWN_EVENTS = Set.of("push", "ping", "pull_request", "merge_group",
            "issue_comment", "check_run", "check_suite");

    private final SignatureVerifier verifier;
    private final boolean allowUnsigned;
    private final long maxBodySize;
    private final EventRouting routing;
    private final DeliveryLog log;
    private final MeterRegistry registry;
    private final Clock clock;
    private final RejectionLog rejections;
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    WebhookIntake(HooklineConfig config, EventRouting routing, DeliveryLog log, MeterRegistry registry, Clock clock) {
        WebhookConfig webhook = config.webhook();
        List<String> secrets = webhook.secrets().orElse(List.of()).stream().filter(s -> !s.isBlank()).toList();
        this.verifier = new SignatureVerifier(secrets);
        this.allowUnsigned = webhook.allowUnsigned();
        this.maxBodySize = webhook.maxBodySize().asLongValue();
        this.routing = routing;
        this.log = log;
        this.registry = registry;
        this.clock = clock;
        this.rejections = new RejectionLog(clock);
        if (!verifier.hasSecrets()) {
            if (!allowUnsigned) {
                throw new IllegalStateException("No webhook secret is configured: set HOOKLINE_WEBHOOK_SECRETS "
                        + "(hookline.webhook.secrets) to the secret of the GitHub webhook, or set "
                        + "hookline.webhook.allow-unsigned=true to accept unsigned deliveries while trying Hookline out");
            }
            Log.warn("hookline.webhook.allow-unsigned=true and no secret configured: "
                    + "ANY request to /hooks/github is accepted as a GitHub delivery");
        }
    }

    /** Whether deliveries are verified (false only when running unsigned on purpose). */
    public boolean verifiesSignatures() {
        return verifier.hasSecrets();
    }

    /**
     * Handles one request to the webhook. Verifying, parsing and matching happen on the calling thread (the event
     * loop) and never block; a delivery that leads to runs is finished on {@code blocking}, since creating runs talks to
     * the cluster. The stage completes with what to answer, never exceptionally.
     */
    public CompletionStage<WebhookReply> receive(WebhookRequest request, byte[] body, Executor blocking) {
        Timer.Sample sample = Timer.start(registry);
        Instant received = clock.instant();
        CompletionStage<WebhookReply> reply;
        try {
            reply = process(request, body, blocking);
        } catch (RuntimeException e) {
            reply = CompletableFuture.completedFuture(failure(request, e));
        }
        return reply.exceptionally(e -> failure(request, e instanceof CompletionException ? e.getCause() : e))
                .thenApply(answer -> recorded(request, received, sample, answer));
    }

    /**
     * Records and returns the 413 for a body over {@code hookline.webhook.max-body-size}, which the HTTP layer
     * refuses while reading (or on its declared length alone) without buffering the excess.
     */
    public WebhookReply tooLarge(WebhookRequest request) {
        return recorded(request, clock.instant(), Timer.start(registry),
                WebhookReply.problem(RequestBody.tooLarge(maxBodySize), request.deliveryId()));
    }

    /** The largest body accepted, in bytes. */
    public long maxBodySize() {
        return maxBodySize;
    }

    private WebhookReply failure(WebhookRequest request, Throwable e) {
        if (e instanceof WebhookProblem problem) {
            return WebhookReply.problem(problem, request.deliveryId());
        }
        if (e instanceof InvalidPayloadException invalid) {
            return WebhookReply.problem(new WebhookProblem(400, "Invalid payload", invalid.getMessage()),
                    request.deliveryId());
        }
        // A bug, not a verdict on the delivery: GitHub shows it as failed and it can be redelivered.
        Log.errorf(e, "Delivery %s: unexpected error", request.deliveryId());
        return WebhookReply.problem(new WebhookProblem(500, "Internal error",
                "Hookline failed to handle the delivery; its log names the cause; redeliver it from GitHub"),
                request.deliveryId());
    }

    private WebhookReply recorded(WebhookRequest request, Instant received, Timer.Sample sample, WebhookReply reply) {
        String event = eventTag(request.event(), reply);
        sample.stop(registry.timer("hookline.delivery.duration", "event", event, "outcome", reply.outcome().label()));
        registry.counter("hookline.deliveries", "event", event, "outcome", reply.outcome().label()).increment();
        log.add(new Delivery(request.deliveryId(), request.event(), reply.repository(), reply.ref(), received,
                reply.outcome(), reply.reason(), reply.runs()));
        return reply;
    }

    private CompletionStage<WebhookReply> process(WebhookRequest request, byte[] raw, Executor blocking) {
        if (verifier.hasSecrets()) {
            String rejection = verifier.rejectionReason(request.signature(), raw);
            if (rejection != null) {
                rejections.rejected(request.deliveryId(), rejection);
                throw new WebhookProblem(401, "Invalid signature", rejection);
            }
        } else {
            Log.warnf("Delivery %s accepted WITHOUT signature check (hookline.webhook.allow-unsigned=true)",
                    request.deliveryId());
        }
        String mediaType = mediaType(request.contentType());
        if (request.event() == null || request.event().isBlank()) {
            throw new WebhookProblem(400, "Missing header", "the X-GitHub-Event header is missing");
        }
        if (request.deliveryId() == null || request.deliveryId().isBlank()) {
            throw new WebhookProblem(400, "Missing header", "the X-GitHub-Delivery header is missing");
        }
        return routing.route(request, parse(mediaType, raw), blocking);
    }

    private static String mediaType(String contentType) {
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals(JSON) && !mediaType.equals(FORM)) {
            throw new WebhookProblem(415, "Unsupported content type",
                    "the content type '" + (contentType == null ? "" : contentType)
                            + "' is not supported; set the GitHub webhook's content type to application/json");
        }
        return mediaType;
    }

    /**
     * The payload as a JSON object. JSON bodies are parsed straight from their bytes, with Jackson's UTF-8 decoder
     * refusing malformed sequences; form bodies carry the JSON URL-encoded in their {@code payload} field.
     */
    private JsonNode parse(String mediaType, byte[] raw) {
        JsonNode node;
        try {
            node = mediaType.equals(JSON) ? json.readTree(raw) : json.readTree(RequestBody.formPayload(raw));
        } catch (JacksonException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.startsWith("Invalid UTF-8")) {
                throw new InvalidPayloadException("the payload is not valid UTF-8: " + message);
            }
            throw new InvalidPayloadException("the payload is not valid JSON: " + message);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a body held in memory", e);
        }
        if (node == null || !node.isObject()) {
            throw new InvalidPayloadException("the payload must be a JSON object");
        }
        return node;
    }

    private static String eventTag(String event, WebhookReply reply) {
        if (reply.outcome() == Outcome.REJECTED && reply.status() == 401) {
            return "unverified";
        }
        return event != null && KNOWN_EVENTS.contains(event) ? event : "other";
    }
}
