package dev.hookline.github;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
 * GitHub's check runs API as a stateful stand-in, in GitHub's request and response shapes: {@code POST
 * /repos/{owner}/{repo}/check-runs} creates one (201, with the next id), {@code PATCH .../check-runs/{id}} updates it
 * (200, or 404 for an id it never gave), {@code GET /repos/{owner}/{repo}/commits/{sha}/check-runs?check_name=} lists
 * them, newest first. So a test's GitHub holds exactly the check runs Hookline created, as the real one does, and a
 * test that stubs one of these requests (an outage, a rate limit) gets its stub instead.
 * <p>
 * {@link #loseNextCreateAnswer()} makes the next create happen and its answer be lost (a 502 from a proxy after GitHub
 * carried it out), as a crash between GitHub's answer and the ledger would.
 */
public final class CheckRunsStandIn implements StubRequestFilterV2 {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CREATE = Pattern.compile(FakeGitHub.API_PATH + "/repos/([^/]+)/([^/]+)/check-runs");
    private static final Pattern UPDATE = Pattern
            .compile(FakeGitHub.API_PATH + "/repos/([^/]+)/([^/]+)/check-runs/(\\d+)");
    private static final Pattern LIST = Pattern
            .compile(FakeGitHub.API_PATH + "/repos/([^/]+)/([^/]+)/commits/([^/]+)/check-runs(\\?.*)?");
    private static final Pattern CHECK_NAME = Pattern.compile("[?&]check_name=([^&]*)");

    private final Map<Long, ObjectNode> checkRuns = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(4_000_000_000L);
    private volatile boolean loseNextCreateAnswer;
    private volatile WireMockServer server;

    void serve(WireMockServer server) {
        this.server = server;
    }

    /** Forgets every check run: for a test's start. */
    public void reset() {
        checkRuns.clear();
        loseNextCreateAnswer = false;
    }

    /** The next create is carried out and answered with a 502, as when a proxy loses GitHub's answer. */
    public void loseNextCreateAnswer() {
        loseNextCreateAnswer = true;
    }

    /** The check runs of a commit, oldest first, as GitHub has them now. */
    public List<JsonNode> checkRuns(String sha) {
        return checkRuns.values().stream().filter(run -> sha.equals(run.path("head_sha").asText()))
                .sorted((a, b) -> Long.compare(a.path("id").asLong(), b.path("id").asLong())).map(JsonNode.class::cast)
                .toList();
    }

    @Override
    public String getName() {
        return "check-runs";
    }

    @Override
    public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
        String url = request.getUrl();
        // Only check runs' requests, and only those no stub answers: every other request passes at no cost.
        if (server == null || !url.contains("/check-runs") || stubbed(request)) {
            return RequestFilterAction.continueWith(request);
        }
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        Matcher create = CREATE.matcher(path);
        if (RequestMethod.POST.equals(request.getMethod()) && create.matches()) {
            return created(read(request.getBodyAsString()));
        }
        Matcher update = UPDATE.matcher(path);
        if (RequestMethod.PATCH.equals(request.getMethod()) && update.matches()) {
            return updated(Long.parseLong(update.group(3)), read(request.getBodyAsString()));
        }
        Matcher list = LIST.matcher(url);
        if (RequestMethod.GET.equals(request.getMethod()) && list.matches()) {
            Matcher name = CHECK_NAME.matcher(url);
            return listed(list.group(3),
                    name.find() ? java.net.URLDecoder.decode(name.group(1), java.nio.charset.StandardCharsets.UTF_8) : null);
        }
        return RequestFilterAction.continueWith(request);
    }

    private RequestFilterAction created(JsonNode body) {
        ObjectNode run = JSON.createObjectNode();
        long id = ids.incrementAndGet();
        run.put("id", id);
        run.put("head_sha", body.path("head_sha").asText());
        run.put("name", body.path("name").asText());
        run.set("external_id", body.path("external_id"));
        run.put("status", body.path("status").asText("queued"));
        run.putNull("conclusion");
        apply(run, body);
        checkRuns.put(id, run);
        if (loseNextCreateAnswer) {
            loseNextCreateAnswer = false;
            return answer(502, "{\"message\":\"Bad Gateway\"}");
        }
        return answer(201, write(run));
    }

    private RequestFilterAction updated(long id, JsonNode body) {
        ObjectNode run = checkRuns.get(id);
        if (run == null) {
            return answer(404,
                    "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest/checks/runs#update-a-check-run\"}");
        }
        synchronized (run) {
            apply(run, body);
        }
        return answer(200, write(run));
    }

    private RequestFilterAction listed(String sha, String name) {
        List<JsonNode> runs = new ArrayList<>(checkRuns(sha));
        runs.removeIf(run -> name != null && !name.equals(run.path("name").asText()));
        ObjectNode page = JSON.createObjectNode();
        page.put("total_count", runs.size());
        ArrayNode list = page.putArray("check_runs");
        for (int i = runs.size() - 1; i >= 0; i--) {
            list.add(runs.get(i));
        }
        return answer(200, write(page));
    }

    /** What GitHub does with the fields of a create or an update. */
    private static void apply(ObjectNode run, JsonNode body) {
        for (String field : List.of("details_url", "started_at", "completed_at", "output", "actions")) {
            if (body.has(field)) {
                run.set(field, body.get(field));
            }
        }
        if (body.has("status")) {
            run.put("status", body.get("status").asText());
        }
        if (body.hasNonNull("conclusion")) {
            // A conclusion completes the check run, whatever status says.
            run.put("conclusion", body.get("conclusion").asText());
            run.put("status", "completed");
        }
    }

    /** A stub matches the request, in the state its scenario is in now (a stub for the first try only, say). */
    private boolean stubbed(Request request) {
        return server.listAllStubMappings().getMappings().stream()
                .anyMatch(stub -> stub.getRequest().match(request).isExactMatch() && (stub.getScenarioName() == null
                        || server.getAllScenarios().getScenarios().stream()
                                .anyMatch(s -> s.getName().equals(stub.getScenarioName())
                                        && s.getState().equals(stub.getRequiredScenarioState()))));
    }

    private static RequestFilterAction answer(int status, String body) {
        return RequestFilterAction.stopWith(ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body).build());
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
