package dev.hookline.trigger;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.hookline.webhook.GitHubDeliveries.fixture;
import static dev.hookline.webhook.GitHubDeliveries.newDeliveryId;
import static dev.hookline.webhook.GitHubDeliveries.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;

import dev.hookline.github.FakeGitHub;
import dev.hookline.github.InjectGitHub;
import dev.hookline.tekton.ClusterRuns;
import dev.hookline.tekton.RunLabels;
import dev.hookline.tekton.TektonCrds;
import dev.hookline.webhook.PullRequest;
import dev.hookline.webhook.PullRequestParser;
import dev.hookline.webhook.PushEvent;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * A maintainer's approval of an untrusted pull request: for one commit by default, for the pull request with
 * {@code hookline.pull-requests.remember-approval}, remembered on its runs in the cluster.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
@WithTestResource(FakeGitHub.class)
class ApprovalTest {

    @InjectGitHub
    WireMockServer github;

    @Inject
    KubernetesClient client;

    @Inject
    TriggerRules rules;

    @Inject
    PullRequestReads reads;

    @Inject
    Trust trust;

    @Inject
    RunHistory history;

    @BeforeEach
    void gitHub() {
        FakeGitHub.acceptingStatuses(github, "ghs_approval-test");
    }

    @Test
    void approval_holdsForThatCommitOnly_aNewPushWaitsAgain() {
        int number = 130;
        String approved = sha();
        approve(number, approved);
        String pushed = sha();
        String id = newDeliveryId();
        signed("pull_request", id, fork("pull_request-synchronize.json", number, pushed)).post("/hooks/github").then()
                .statusCode(202).body("outcome", equalTo("ignored"))
                .body("reason", containsString("waiting for a maintainer's /ok-to-test"));
        assertThat(ClusterRuns.ofDelivery(client, id)).isEmpty();
    }

    @Test
    void rememberedApproval_runsTheNextPush_approvedByWhoApprovedBefore_butNoOtherPullRequest() {
        int number = 131;
        approve(number, sha());
        PullRequestPlanner remembering = new PullRequestPlanner(rules, reads, trust, history, true);

        PullRequestPlanner.Decision next = remembering.decide(request(number, sha()));
        assertThat(next.waiting()).isEmpty();
        assertThat(next.runs()).hasSize(2)
                .allSatisfy(planned -> assertThat(planned.plan().source().approvedBy()).isEqualTo("Codertocat"));

        PullRequestPlanner.Decision stranger = remembering.decide(request(132, sha()));
        assertThat(stranger.runs()).isEmpty();
        assertThat(stranger.waiting()).hasSize(2);
    }

    /** Opens the fork's pull request at {@code head} (nothing runs) and has a maintainer approve it. */
    private void approve(int number, String head) {
        signed("pull_request", newDeliveryId(), fork("pull_request-opened-fork.json", number, head)).post("/hooks/github")
                .then().statusCode(202).body("outcome", equalTo("ignored"));
        ObjectNode pr = (ObjectNode) fixtureJson(fork("pull_request-opened-fork.json", number, head)).get("pull_request");
        github.stubFor(get(urlEqualTo(FakeGitHub.API_PATH + "/repos/Codertocat/Hello-World/pulls/" + number))
                .willReturn(okJson(pr.toString())));
        String id = newDeliveryId();
        signed("issue_comment", id, fixture("issue_comment-ok-to-test.json", p -> {
            ((ObjectNode) p.get("issue")).put("number", number);
            ((ObjectNode) p.get("comment")).put("id", 800_000_000L + number);
        })).post("/hooks/github").then().statusCode(202).body("outcome", equalTo("triggered"));
        assertThat(ClusterRuns.ofDelivery(client, id)).hasSize(2).allSatisfy(run -> assertThat(
                run.getMetadata().getAnnotations()).containsEntry(RunLabels.ANNOTATION_APPROVED_BY, "Codertocat"));
    }

    private static PullRequestPlanner.Request request(int number, String head) {
        PullRequest pr = PullRequestParser.parse(fixtureJson(fork("pull_request-opened-fork.json", number, head))
                .get("pull_request"));
        PushEvent.Repository base = new PushEvent.Repository("Codertocat", "Hello-World", "Codertocat/Hello-World",
                "https://github.com/Codertocat/Hello-World.git", null, null);
        String id = newDeliveryId();
        return new PullRequestPlanner.Request(id, id, base, pr, "stranger", 1L, null, null);
    }

    private static byte[] fork(String fixture, int number, String head) {
        return fixture("pull_request-opened-fork.json", p -> {
            if (fixture.contains("synchronize")) {
                p.put("action", "synchronize");
            }
            p.put("number", number);
            ObjectNode pr = (ObjectNode) p.get("pull_request");
            pr.put("number", number);
            ((ObjectNode) pr.get("head")).put("sha", head);
        });
    }

    private static JsonNode fixtureJson(byte[] body) {
        try {
            return new ObjectMapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha() {
        byte[] bytes = new byte[20];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
