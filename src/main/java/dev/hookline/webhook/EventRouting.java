package dev.hookline.webhook;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;

/**
 * Hands each verified delivery to what handles its event, and turns the {@link Handling} into the answer: at once
 * for an answer, on {@code blocking} for work that talks to the cluster or GitHub.
 */
@ApplicationScoped
class EventRouting {

    /** The events Hookline acts on, as GitHub names them in {@code X-GitHub-Event}. */
    static final List<String> HANDLED = List.of("push", "pull_request", "merge_group", "issue_comment",
            "check_run", "check_suite");

    private final PushHandler pushes;
    private final PullRequestHandler pullRequests;
    private final CheckHandler checks;
    private final ObjectMapper json = new ObjectMapper();

    EventRouting(PushHandler pushes, PullRequestHandler pullRequests, CheckHandler checks) {
        this.pushes = pushes;
        this.pullRequests = pullRequests;
        this.checks = checks;
    }

    CompletionStage<WebhookReply> route(WebhookRequest request, JsonNode payload, Executor blocking) {
        String id = request.deliveryId();
        return switch (request.event()) {
            case "ping" -> CompletableFuture.completedFuture(ping(request, payload));
            case "push" -> push(request, PushEventParser.parse(payload), blocking);
            case "pull_request" -> {
                PullRequestEvent event = ReviewEventParser.pullRequest(payload);
                yield handled(request, pullRequests.pullRequest(id, event), event.repository().fullName(),
                        event.pullRequest().headRefInBase(), blocking);
            }
            case "merge_group" -> {
                MergeGroupEvent event = ReviewEventParser.mergeGroup(payload);
                yield handled(request, pullRequests.mergeGroup(id, event), event.repository().fullName(),
                        event.headRef(), blocking);
            }
            case "issue_comment" -> {
                IssueCommentEvent event = ReviewEventParser.comment(payload);
                yield handled(request, pullRequests.comment(id, event), event.repository().fullName(),
                        event.onPullRequest() ? "refs/pull/" + event.number() + "/head" : null, blocking);
            }
            case "check_run" -> {
                CheckRunEvent event = CheckEventParser.checkRun(payload);
                yield handled(request, checks.checkRun(id, event), event.repository().fullName(),
                        branchRef(event.headBranch()), blocking);
            }
            case "check_suite" -> {
                CheckSuiteEvent event = CheckEventParser.checkSuite(payload);
                yield handled(request, checks.checkSuite(id, event), event.repository().fullName(),
                        branchRef(event.headBranch()), blocking);
            }
            default -> CompletableFuture.completedFuture(WebhookReply.ignored(id, "event '" + request.event()
                    + "' is not handled; Hookline acts on " + String.join(", ", HANDLED), null, null));
        };
    }

    /** A check's branch as the delivery log shows refs; a check on no branch (a fork's) has none. */
    private static String branchRef(String branch) {
        return branch == null ? null : "refs/heads/" + branch;
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

    private CompletionStage<WebhookReply> push(WebhookRequest request, PushEvent push, Executor blocking) {
        if (push.deleted()) {
            String kind = push.tag() != null ? "tag" : "branch";
            return CompletableFuture.completedFuture(WebhookReply.ignored(request.deliveryId(),
                    kind + " deleted: " + push.ref(), push.repository().fullName(), push.ref()));
        }
        return handled(request, pushes.handle(request.deliveryId(), push), push.repository().fullName(), push.ref(),
                blocking);
    }

    private CompletionStage<WebhookReply> handled(WebhookRequest request, Handling handling, String repository,
            String ref, Executor blocking) {
        if (handling instanceof Handling.Answer answer) {
            // Ignored deliveries are the bulk of a busy organisation's traffic: the delivery log and the metrics
            // keep them, the log only at DEBUG.
            Log.debugf("Delivery %s for %s %s: %s (%s)", request.deliveryId(), repository, ref,
                    answer.result().outcome().label(), answer.result().reason());
            return CompletableFuture.completedFuture(
                    WebhookReply.of(request.deliveryId(), answer.result(), repository, ref, json));
        }
        Handling.Launch launch = (Handling.Launch) handling;
        return CompletableFuture.supplyAsync(() -> launched(request, repository, ref, launch), blocking);
    }

    private WebhookReply launched(WebhookRequest request, String repository, String ref, Handling.Launch launch) {
        DeliveryResult result;
        try {
            result = launch.work().get();
        } catch (WebhookProblem problem) {
            Log.errorf("Delivery %s for %s %s failed: %s", request.deliveryId(), repository, ref, problem.detail());
            return WebhookReply.problem(problem, request.deliveryId()).about(repository, ref);
        }
        Log.logf(result.outcome() == Outcome.REFUSED ? Logger.Level.ERROR : Logger.Level.INFO, "Delivery %s for %s %s: %s%s",
                request.deliveryId(), repository, ref, result.outcome().label(),
                result.reason() == null ? "" : " (" + result.reason() + ")");
        return WebhookReply.of(request.deliveryId(), result, repository, ref, json);
    }
}
