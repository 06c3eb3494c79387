package dev.hookline.tekton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * Tekton's validating admission webhook in front of the Kubernetes mock server, as far as {@code spec.status} goes: a
 * create, update or patch of a PipelineRun whose body sets {@code spec.status} to a value this Tekton refuses is
 * answered {@code 400} with the Status its webhook sends; every other request goes on to the server's expectations
 * (for failure paths) and then to CRUD. The mock server's own CRUD mode cannot refuse by what a body says.
 */
final class TektonAdmission extends Dispatcher {

    /** What a Tekton release line accepts on {@code tekton.dev/v1beta1}, and how its webhook words a refusal. */
    enum Era {

        /** v0.38 and later, as v0.45.0 answered (observed-2026-12-01/classic-cancel-400.jsonl). */
        CURRENT(Set.of("PipelineRunCancelled"), "invalid value: PipelineRunCancelled should be Cancelled, "
                + "CancelledRunFinally, StoppedRunFinally or PipelineRunPending: spec.status"),
        /**
         * v0.25 to v0.34 with {@code enable-api-fields: stable}, the default, as v0.27.3 answered
         * (observed-2026-12-01/ledger-revert-v027.txt): the message names no field.
         */
        CLASSIC(Set.of("Cancelled", "CancelledRunFinally", "StoppedRunFinally"),
                "graceful termination requires \"enable-api-fields\" feature gate to be \"alpha\" but it is \"stable\": ");

        private final Set<String> refused;
        private final String reason;

        Era(Set<String> refused, String reason) {
            this.refused = refused;
            this.reason = reason;
        }
    }

    private static final Pattern PIPELINE_RUNS = Pattern
            .compile("/apis/tekton\\.dev/v1(beta1)?/namespaces/[^/]+/pipelineruns(/[^/?]+)?(\\?.*)?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Era era;
    private final Dispatcher next;
    private final AtomicInteger refusals = new AtomicInteger();

    private TektonAdmission(Era era, Dispatcher next) {
        this.era = era;
        this.next = next;
    }

    /** A started mock server in CRUD mode, with Tekton's CRDs registered, behind the webhook of that era. */
    static Server start(Era era) {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        TektonAdmission admission = new TektonAdmission(era, new KubernetesMixedDispatcher(expectations));
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations, admission,
                false);
        server.init();
        TektonCrds.register(server.createClient());
        return new Server(server, admission);
    }

    /** The mock server and what its webhook refused. */
    record Server(KubernetesMockServer server, TektonAdmission admission) {

        int refusals() {
            return admission.refusals.get();
        }
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String method = request.getMethod();
        if ((method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))
                && PIPELINE_RUNS.matcher(request.getPath()).matches()) {
            // Read without consuming: CRUD reads the same body after.
            String value = request.getBody() == null
                    ? null
                    : specStatus(new String(request.getBody().getBytes(), StandardCharsets.UTF_8));
            if (value != null && era.refused.contains(value)) {
                refusals.incrementAndGet();
                return refusal();
            }
        }
        return next.dispatch(request);
    }

    @Override
    public void shutdown() {
        next.shutdown();
    }

    /** The value a JSON patch, a merge patch or a whole object sets {@code spec.status} to, or {@code null}. */
    private static String specStatus(String body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node != null && node.isArray()) {
            for (JsonNode op : node) {
                if (op.path("path").asText().equals("/spec/status") && op.path("value").isTextual()) {
                    return op.path("value").asText();
                }
            }
            return null;
        }
        JsonNode status = node == null ? null : node.path("spec").get("status");
        return status != null && status.isTextual() ? status.asText() : null;
    }

    private MockResponse refusal() {
        // The Status the API server relays from the webhook's denial, as in the audit record.
        String message = "admission webhook \"validation.webhook.pipeline.tekton.dev\" denied the request: "
                + "validation failed: " + era.reason;
        return new MockResponse().setResponseCode(400).setHeader("Content-Type", "application/json")
                .setBody(Serialization.asJson(new StatusBuilder().withNewMetadata().endMetadata().withStatus("Failure")
                        .withMessage(message).withReason("BadRequest").withCode(400).build()));
    }
}
