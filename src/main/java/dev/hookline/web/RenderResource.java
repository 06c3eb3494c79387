package dev.hookline.web;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hookline.tekton.PipelineRunFactory;
import dev.hookline.trigger.RunPlanner;
import dev.hookline.trigger.Trigger;
import dev.hookline.trigger.TriggerMatcher;
import dev.hookline.trigger.TriggerRules;
import dev.hookline.webhook.InvalidPayloadException;
import dev.hookline.webhook.PushEvent;
import dev.hookline.webhook.PushEventParser;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * {@code POST /api/render?trigger=NAME}: the PipelineRun a push payload would create for a trigger, as YAML, creating
 * nothing. The way to debug a rule: the {@code X-Hookline-Match} header says whether the push would match it.
 */
@Path("/api/render")
public class RenderResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM = "application/problem+json";

    private final TriggerRules rules;

    RenderResource(TriggerRules rules) {
        this.rules = rules;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response render(@QueryParam("trigger") String name, @HeaderParam("X-GitHub-Delivery") String deliveryId,
            String body) {
        if (name == null || name.isBlank()) {
            return problem(400, "the 'trigger' query parameter is required, e.g. /api/render?trigger=api-image");
        }
        Trigger trigger = rules.named(name).orElse(null);
        if (trigger == null) {
            return problem(404,
                    "no trigger named '" + name + "'; known are " + rules.triggers().stream().map(Trigger::name).toList());
        }
        PushEvent push;
        try {
            JsonNode payload = JSON.readTree(body);
            if (payload == null || !payload.isObject()) {
                return problem(400, "the body must be a push payload (a JSON object)");
            }
            push = PushEventParser.parse(payload);
        } catch (JacksonException e) {
            return problem(400, "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (InvalidPayloadException e) {
            return problem(400, e.getMessage());
        }
        TriggerMatcher.Result match = TriggerMatcher.match(List.of(trigger), push);
        String yaml = Serialization.asYaml(PipelineRunFactory.build(RunPlanner.plan(trigger, push,
                deliveryId == null || deliveryId.isBlank() ? "render" : deliveryId)));
        boolean matches = !match.matches().isEmpty();
        // The reason may name a ref with any characters, so it goes into a YAML comment rather than a header. YAML
        // also breaks lines at \r, NEL, LS and PS and refuses control characters: all of them become spaces.
        String comment = matches
                ? ""
                : "# This push would NOT set off trigger '" + name + "': "
                        + match.reason().replaceAll("[\\p{Cc}\\p{Zl}\\p{Zp}]", " ") + "\n";
        return Response.ok(comment + yaml, "application/yaml").header("X-Hookline-Match", matches ? "yes" : "no").build();
    }

    private static Response problem(int status, String detail) {
        var body = JSON.createObjectNode().put("title", "Cannot render").put("status", status).put("detail", detail);
        return Response.status(status).type(PROBLEM).entity(body.toString()).build();
    }
}
