package dev.hookline.github;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * GitHub's combined status ({@code GET /repos/{owner}/{repo}/commits/{ref}/status}) served from what the fake GitHub
 * itself accepted: the newest status per context among the posts it answered with a 2xx, in GitHub's response shape.
 * So a test's GitHub shows exactly what was posted to it, as the real one does, unless the test stubs that request.
 */
final class CombinedStatusStandIn implements StubRequestFilterV2 {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COMBINED = Pattern
            .compile(FakeGitHub.API_PATH + "/repos/([^/]+)/([^/]+)/commits/([^/]+)/status(\\?.*)?");

    private volatile WireMockServer server;

    void serve(WireMockServer server) {
        this.server = server;
    }

    @Override
    public String getName() {
        return "combined-status";
    }

    @Override
    public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
        try {
            return filter2(request, serveEvent);
        } catch (RuntimeException e) {
            e.printStackTrace();
            throw e;
        }
    }
    public RequestFilterAction filter2(Request request, ServeEvent serveEvent) {
        Matcher combined = COMBINED.matcher(request.getUrl());
        if (!RequestMethod.GET.equals(request.getMethod()) || !combined.matches() || server == null
                || stubbed(request)) {
            return RequestFilterAction.continueWith(request);
        }
        String statuses = FakeGitHub.API_PATH + "/repos/" + combined.group(1) + "/" + combined.group(2) + "/statuses/"
                + combined.group(3);
        Map<String, JsonNode> latest = new LinkedHashMap<>();
        // Serve events come newest first: the first accepted post of a context is what GitHub shows for it.
        for (ServeEvent event : server.getAllServeEvents()) {
            if (RequestMethod.POST.equals(event.getRequest().getMethod()) && event.getRequest().getUrl().equals(statuses)
                    && event.getResponse() != null && event.getResponse().getStatus() / 100 == 2) {
                JsonNode posted = read(event.getRequest().getBodyAsString());
                latest.putIfAbsent(posted.path("context").asText("default"), posted);
            }
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("state", state(List.copyOf(latest.values())));
        body.put("sha", combined.group(3));
        body.put("total_count", latest.size());
        ArrayNode list = body.putArray("statuses");
        latest.forEach((context, posted) -> {
            ObjectNode status = list.addObject();
            status.put("state", posted.path("state").asText());
            status.set("description", posted.path("description").isMissingNode() ? null : posted.get("description"));
            status.set("target_url", posted.path("target_url").isMissingNode() ? null : posted.get("target_url"));
            status.put("context", context);
        });
        return RequestFilterAction.stopWith(ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(write(body)).build());
    }

    /** A test that stubs the combined status itself (an outage, a given answer) gets its stub. */
    private boolean stubbed(Request request) {
        return server.listAllStubMappings().getMappings().stream()
                .anyMatch(stub -> stub.getRequest().match(request).isExactMatch());
    }

    /** GitHub's combined state: failure if any failed or errored, pending if any is pending or none exists. */
    private static String state(List<JsonNode> statuses) {
        if (statuses.stream().anyMatch(s -> List.of("failure", "error").contains(s.path("state").asText()))) {
            return "failure";
        }
        if (statuses.isEmpty() || statuses.stream().anyMatch(s -> "pending".equals(s.path("state").asText()))) {
            return "pending";
        }
        return "success";
    }

    private static String write(JsonNode body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }
}
