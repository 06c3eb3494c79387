package dev.hookline.webhook;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.hookline.config.HooklineConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * The webhook's decisions, in the order that keeps unverified input harmless: bound the body, verify the signature,
 * and only then look at content type, headers and JSON. Each delivery ends in the delivery log and the metrics.
 */
@Startup
@ApplicationScoped
public class WebhookIntake {

    static final String JSON = "application/json";
    static final String FORM = "application/x-www-form-urlencoded";
    /** Events named in metrics as they are; anything else is "other", so a forged header cannot grow the tag set. */
    private static final Set<String> KNOWN_EVENTS = Set.of("push", "ping");

    private final SignatureVerifier verifier;
    private final boolean allowUnsigned;
    private final long maxBodySize;
    private final PushHandler pushHandler;
    private final DeliveryLog log;
    private final MeterRegistry registry;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    WebhookIntake(HooklineConfig config, PushHandler pushHandler, DeliveryLog log, MeterRegistry registry, Clock clock) {
        HooklineConfig.Webhook webhook = config.webhook();
        List<String> secrets = webhook.secrets().orElse(List.of()).stream().filter(s -> !s.isBlank()).toList();
        this.verifier = new SignatureVerifier(secrets);
        this.allowUnsigned = webhook.allowUnsigned();
        this.maxBodySize = webhook.maxBodySize().asLongValue();
        this.pushHandler = pushHandler;
        this.log = log;
        this.registry = registry;
        this.clock = clock;
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

    /** Handles one request to the webhook and returns what to answer. */
    public WebhookReply receive(WebhookRequest request, InputStream body) {
        Timer.Sample sample = Timer.start(registry);
        Instant received = clock.instant();
        WebhookReply reply;
        try {
            reply = process(request, body);
        } catch (WebhookProblem problem) {
            reply = WebhookReply.problem(problem, request.deliveryId());
        } catch (InvalidPayloadException e) {
            reply = WebhookReply.problem(new WebhookProblem(400, "Invalid payload", e.getMessage()), request.deliveryId());
        }
        String event = eventTag(request.event(), reply);
        sample.stop(registry.timer("hookline.delivery.duration", "event", event, "outcome", reply.outcome().label()));
        registry.counter("hookline.deliveries", "event", event, "outcome", reply.outcome().label()).increment();
        log.add(new Delivery(request.deliveryId(), request.event(), reply.repository(), reply.ref(), received,
                reply.outcome(), reply.reason(), reply.runs()));
        return reply;
    }

    private WebhookReply process(WebhookRequest request, InputStream body) {
        if (request.contentLength() > maxBodySize) {
            // Refused on the declared length alone: not one byte of the body is read.
            throw RequestBody.tooLarge(maxBodySize);
        }
        byte[] raw = RequestBody.read(body, maxBodySize);
        if (verifier.hasSecrets()) {
            String rejection = verifier.rejectionReason(request.signature(), raw);
            if (rejection != null) {
                Log.warnf("Rejected delivery %s: %s", request.deliveryId(), rejection);
                throw new WebhookProblem(401, "Invalid signature", rejection);
            }
        } else {
            Log.warnf("Delivery %s accepted WITHOUT signature check (hookline.webhook.allow-unsigned=true)",
                    request.deliveryId());
        }
        String text = payloadText(request.contentType(), raw);
        if (request.event() == null || request.event().isBlank()) {
            throw new WebhookProblem(400, "Missing header", "the X-GitHub-Event header is missing");
        }
        if (request.deliveryId() == null || request.deliveryId().isBlank()) {
            throw new WebhookProblem(400, "Missing header", "the X-GitHub-Delivery header is missing");
        }
        JsonNode payload = parseJson(text);
        return switch (request.event()) {
            case "ping" -> ping(request, payload);
            case "push" -> push(request, PushEventParser.parse(payload));
            default -> WebhookReply.ignored(request.deliveryId(),
                    "event '" + request.event() + "' is not handled; Hookline acts on 'push'", null, null);
        };
    }

    private WebhookReply ping(WebhookRequest request, JsonNode payload) {
        ObjectNode body = json.createObjectNode();
        body.put("outcome", "pong");
        body.put("delivery", request.deliveryId());
        body.set("hookId", payload.path("hook_id"));
        body.set("zen", payload.path("zen"));
        Log.infof("Delivery %s: ping from hook %s", request.deliveryId(), payload.path("hook_id").asText("?"));
        return new WebhookReply(200, Outcome.IGNORED, "ping", null, null, List.of(), body, null, request.deliveryId());
    }

    private WebhookReply push(WebhookRequest request, PushEvent push) {
        String repository = push.repository().fullName();
        if (push.deleted()) {
            String kind = push.tag() != null ? "tag" : "branch";
            return WebhookReply.ignored(request.deliveryId(), kind + " deleted: " + push.ref(), repository, push.ref());
        }
        PushResult result;
        try {
            result = pushHandler.handle(request.deliveryId(), push);
        } catch (WebhookProblem problem) {
            Log.errorf("Delivery %s for %s %s failed: %s", request.deliveryId(), repository, push.ref(), problem.detail());
            return WebhookReply.problem(problem, request.deliveryId()).about(repository, push.ref());
        }
        Log.infof("Delivery %s for %s %s: %s%s", request.deliveryId(), repository, push.ref(), result.outcome().label(),
                result.reason() == null ? "" : " (" + result.reason() + ")");
        return WebhookReply.of(request.deliveryId(), result, repository, push.ref(), json);
    }

    private String payloadText(String contentType, byte[] raw) {
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (mediaType) {
            case JSON -> RequestBody.utf8(raw);
            case FORM -> RequestBody.formPayload(raw);
            default -> throw new WebhookProblem(415, "Unsupported content type",
                    "the content type '" + (contentType == null ? "" : contentType)
                            + "' is not supported; set the GitHub webhook's content type to application/json");
        };
    }

    private JsonNode parseJson(String text) {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JacksonException e) {
            throw new InvalidPayloadException("the payload is not valid JSON: " + e.getOriginalMessage());
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
