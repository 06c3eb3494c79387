package dev.hookline.trigger;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.hookline.trigger.CheckDeliveries.body;
import static dev.hookline.trigger.CheckDeliveries.newNumber;
import static dev.hookline.trigger.CheckDeliveries.ofTrigger;
import static dev.hookline.trigger.CheckDeliveries.params;
import static dev.hookline.trigger.CheckDeliveries.send;
import static dev.hookline.trigger.PullRequestRuns.REPO_API;
import static dev.hookline.trigger.PullRequestRuns.finish;
import static dev.hookline.trigger.PullRequestRuns.newHead;
import static dev.hookline.trigger.PullRequestRuns.specStatus;
import static dev.hookline.webhook.GitHubDeliveries.fixture;
import static dev.hookline.webhook.GitHubDeliveries.newDeliveryId;
import static dev.hookline.webhook.GitHubDeliveries.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;

import dev.hookline.github.FakeGitHub;
import dev.hookline.github.InjectGitHub;
import dev.hookline.tekton.ClusterRuns;
import dev.hookline.tekton.RunLabels;
import dev.hookline.tekton.TektonCrds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * The Checks tab's Cancel button, Re-run and Re-run checks over HTTP, from GitHub's example check deliveries made
 * Hookline's (App 424242, the test App), against the runs of pull requests of {@code Codertocat/Hello-World} in the mock
 * cluster. Each test uses a pull request number and a head of its own.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
@WithTestResource(FakeGitHub.class)
class CheckEventsTest {

    @InjectGitHub
    WireMockServer github;

    @Inject
    KubernetesClient client;

    @KubernetesTestServer
    KubernetesServer server;

    @BeforeEach
    void gitHub() {
        FakeGitHub.acceptingStatuses(github, "ghs_check-test");
    }

    @Test
    void cancelButton_cancelsExactlyThatRun_namingWhoPressedIt() throws InterruptedException {
        int number = newNumber();
        String head = newHead();
        Map<String, GenericKubernetesResource> runs = open(number, head);
        GenericKubernetesResource pressed = runs.get("hello-pr");
        forgetEarlierRequests();
        String delivery = newDeliveryId();
        send("check_run", delivery, "check_run-requested_action.json", number, head, pressed, p -> {
        }).then().statusCode(202)
                .body("outcome", equalTo("triggered"))
                .body("runs.name", contains(pressed.getMetadata().getName()))
                .body("reason", equalTo("Cancel of check run 'hookline/hello-pr' on " + head.substring(0, 7)
                        + " by @Codertocat: cancelled ci/" + pressed.getMetadata().getName()));
        // What the ignored deliveries below are checked never to do: list the commit's runs, write the run.
        assertThat(commitListsAndWrites(pressed)).isNotEmpty();
        assertThat(specStatus(reread(pressed))).isEqualTo("Cancelled");
        assertThat(reread(pressed).getMetadata().getAnnotations())
                .containsEntry(RunLabels.ANNOTATION_SUPERSEDED_BY, "cancelled from the Checks tab by @Codertocat");
        GenericKubernetesResource other = reread(runs.get("hello-pr-classic"));
        assertThat(specStatus(other)).isNull();
        assertThat(other.getMetadata().getAnnotations()).doesNotContainKey(RunLabels.ANNOTATION_SUPERSEDED_BY);

        send("check_run", newDeliveryId(), "check_run-requested_action.json", number, head, pressed, p -> {
        }).then().statusCode(202).body("outcome", equalTo("ignored"))
                .body("reason", containsString("no running run to cancel"));
    }

    @Test
    void unknownButton_isIgnored_namingIt_andCancelsNothing() {
        int number = newNumber();
        String head = newHead();
        GenericKubernetesResource run = open(number, head).get("hello-pr");
        send("check_run", newDeliveryId(), "check_run-requested_action.json", number, head, run,
                p -> ((ObjectNode) p.get("requested_action")).put("identifier", "lgtm|2")).then().statusCode(202)
                .body("outcome", equalTo("ignored"))
                .body("reason", equalTo("requested action 'lgtm|2' of check run 'hookline/hello-pr' on "
                        + head.substring(0, 7) + " by @Codertocat: not a button of Hookline's, whose check runs offer "
                        + "only 'cancel'"));
        assertThat(specStatus(reread(run))).isNull();
    }

    @Test
    void rerun_createsOneNewRunOfThatTrigger_forThatCommit_andARedeliveryCreatesNone() {
        int number = newNumber();
        String head = newHead();
        GenericKubernetesResource failed = openWithOutcomes(number, head, false, true).get("hello-pr");
        String delivery = newDeliveryId();
        byte[] rerun = body("check_run-rerequested.json", number, head, failed, p -> {
        });
        signed("check_run", delivery, rerun).post("/hooks/github").then().statusCode(202)
                .body("outcome", equalTo("triggered"))
                .body("runs.trigger", contains("hello-pr"))
                .body("reason", equalTo("Re-run of check run 'hookline/hello-pr' on " + head.substring(0, 7)
                        + " by @Codertocat: re-running hello-pr (its run ci/" + failed.getMetadata().getName()
                        + " failed)"));
        GenericKubernetesResource created = ClusterRuns.ofDelivery(client, delivery).get(0);
        assertThat(ClusterRuns.ofDelivery(client, delivery)).hasSize(1);
        assertThat(created.getMetadata().getName()).isNotEqualTo(failed.getMetadata().getName());
        assertThat(created.getMetadata().getLabels()).containsEntry(RunLabels.TRIGGER, "hello-pr")
                .containsEntry(RunLabels.PULL_REQUEST, String.valueOf(number))
                .containsEntry(RunLabels.COMMIT, head)
                .containsEntry(RunLabels.EVENT, "pull_request");
        assertThat(created.getMetadata().getAnnotations()).containsEntry(RunLabels.ANNOTATION_SHA, head)
                .containsEntry(RunLabels.ANNOTATION_REF, "refs/pull/" + number + "/head")
                .containsEntry(RunLabels.ANNOTATION_INSTALLATION, "1");
        // The trigger's templates saw the pull request, read from GitHub.
        assertThat(params(created)).containsEntry("pr", String.valueOf(number)).containsEntry("revision", head)
                .containsEntry("head-repo", "Codertocat/Hello-World");

        signed("check_run", delivery, rerun).post("/hooks/github").then().statusCode(200)
                .body("outcome", equalTo("duplicate"))
                .body("runs.name", contains(created.getMetadata().getName()));
        assertThat(PullRequestRuns.runsOf(client, number)).hasSize(3);
    }

    @Test
    void rerunOfARunThatIsGone_runsTheTriggerThatReportsUnderTheChecksName() {
        int number = newNumber();
        String head = newHead();
        open(number, head);
        String delivery = newDeliveryId();
        send("check_run", delivery, "check_run-rerequested.json", number, head, null, p -> {
            ObjectNode run = (ObjectNode) p.get("check_run");
            run.put("name", "ci/hello-classic");
            run.put("external_id", "3e0c1d9a-0000-4000-8000-00000000dead");
        }).then().statusCode(202)
                .body("outcome", equalTo("triggered"))
                .body("runs.trigger", contains("hello-pr-classic"))
                .body("reason", containsString("has uid 3e0c1d9a-0000-4000-8000-00000000dead; re-running "
                        + "hello-pr-classic, which reports as 'ci/hello-classic', for refs/pull/" + number + "/head"));
        assertThat(ClusterRuns.ofDelivery(client, delivery)).singleElement().satisfies(r -> assertThat(
                r.getMetadata().getAnnotations()).containsEntry(RunLabels.ANNOTATION_SHA, head));
    }

    @Test
    void rerunOfACheckNoRunAndNoTriggerKnows_isIgnored_sayingSo() {
        int number = newNumber();
        String head = newHead();
        open(number, head);
        send("check_run", newDeliveryId(), "check_run-rerequested.json", number, head, null,
                p -> ((ObjectNode) p.get("check_run")).put("name", "hookline/removed")).then().statusCode(202)
                .body("outcome", equalTo("ignored"))
                .body("reason", containsString("no Hookline run of " + head.substring(0, 7) + " in Codertocat/Hello-World"
                        + " has uid 6f1c2a55-3f0e-4c1b-9d7e-0b8a4f3e2d10, and no trigger of Codertocat/Hello-World "
                        + "reports as 'hookline/removed'"));
        assertThat(PullRequestRuns.runsOf(client, number)).hasSize(2);
    }

    @Test
    void rerunChecks_rerunsOnlyTheFailedTrigger_andARedeliveryCreatesNone() {
        int number = newNumber();
        String head = newHead();
        openWithOutcomes(number, head, true, false);
        String delivery = newDeliveryId();
        byte[] suite = body("check_suite-rerequested.json", number, head, null, p -> {
        });
        signed("check_suite", delivery, suite).post("/hooks/github").then().statusCode(202)
                .body("outcome", equalTo("triggered"))
                .body("runs.trigger", contains("hello-pr-classic"))
                .body("reason", containsString("Re-run of the checks on " + head.substring(0, 7) + " by @Codertocat: "
                        + "to re-run: hello-pr-classic (its latest run of " + head.substring(0, 7) + " failed); left "
                        + "alone: hello-pr: passed"));
        assertThat(ClusterRuns.ofDelivery(client, delivery)).singleElement().satisfies(r -> {
            assertThat(r.getApiVersion()).isEqualTo("tekton.dev/v1beta1");
            assertThat(r.getMetadata().getAnnotations()).containsEntry(RunLabels.ANNOTATION_SHA, head);
        });
        signed("check_suite", delivery, suite).post("/hooks/github").then().statusCode(200)
                .body("outcome", equalTo("duplicate"))
                .body("reason", containsString("hello-pr-classic (re-run by this delivery before)"));
        assertThat(PullRequestRuns.runsOf(client, number)).hasSize(3);
    }

    @Test
    void rerunChecks_onACommitNoTriggerRan_runsNothing() {
        send("check_suite", newDeliveryId(), "check_suite-rerequested.json", newNumber(), newHead(), null, p -> {
        }).then().statusCode(202)
                .body("outcome", equalTo("ignored"))
                .body("reason", containsString("no trigger of Codertocat/Hello-World has run"));
    }

    @Test
    void otherActions_areIgnored_namingTheAction_withoutAskingTheClusterOrGitHub() throws InterruptedException {
        int number = newNumber();
        String head = newHead();
        GenericKubernetesResource run = open(number, head).get("hello-pr");
        forgetEarlierRequests();
        for (String action : List.of("created", "completed", "requested")) {
            send("check_run", newDeliveryId(), "check_run-created.json", number, head, run,
                    p -> p.put("action", action)).then().statusCode(202)
                    .body("outcome", equalTo("ignored"))
                    .body("reason", equalTo("check_run action '" + action + "' is not acted on; Hookline acts on "
                            + "rerequested (Re-run) and requested_action (its Cancel button)"));
        }
        for (String action : List.of("requested", "completed")) {
            send("check_suite", newDeliveryId(), "check_suite-rerequested.json", number, head, null,
                    p -> p.put("action", action)).then().statusCode(202)
                    .body("outcome", equalTo("ignored"))
                    .body("reason", equalTo("check_suite action '" + action + "' is not acted on; Hookline acts on "
                            + "rerequested (Re-run checks)"));
        }
        assertThat(commitListsAndWrites(run)).isEmpty();
        github.verify(0, getRequestedFor(urlPathMatching(REPO_API + "/(pulls|collaborators)/.*")));
        assertThat(specStatus(reread(run))).isNull();
    }

    @Test
    void anotherAppsCheck_aBotAndNobody_areIgnored_andChangeNothing() throws InterruptedException {
        int number = newNumber();
        String head = newHead();
        GenericKubernetesResource run = open(number, head).get("hello-pr");
        forgetEarlierRequests();
        send("check_run", newDeliveryId(), "check_run-requested_action.json", number, head, run,
                p -> ((ObjectNode) p.get("check_run").get("app")).put("id", 29310)).then().statusCode(202)
                .body("outcome", equalTo("ignored"))
                .body("reason", equalTo("Cancel of check run 'hookline/hello-pr' on " + head.substring(0, 7)
                        + ": the check belongs to another GitHub App (id 29310), not Hookline's (424242)"));
        send("check_suite", newDeliveryId(), "check_suite-rerequested.json", number, head, null,
                p -> ((ObjectNode) p.get("check_suite").get("app")).put("id", 29310)).then().statusCode(202)
                .body("reason", containsString("the check belongs to another GitHub App (id 29310)"));
        send("check_run", newDeliveryId(), "check_run-requested_action.json", number, head, run, p -> {
            ObjectNode sender = (ObjectNode) p.get("sender");
            sender.put("login", "renovate[bot]");
            sender.put("type", "Bot");
        }).then().statusCode(202)
                .body("reason", containsString("requested by the bot renovate[bot]: requests from bots are not acted on"));
        send("check_run", newDeliveryId(), "check_run-rerequested.json", number, head, run, p -> p.remove("sender"))
                .then().statusCode(202)
                .body("reason", containsString("the delivery names no sender"));
        assertThat(commitListsAndWrites(run)).isEmpty();
        assertThat(specStatus(reread(run))).isNull();
        assertThat(PullRequestRuns.runsOf(client, number)).hasSize(2);
    }

    @Test
    void aCheckRunWithoutItsCommit_isRefused400() {
        signed("check_run", newDeliveryId(), fixture("check_run-rerequested.json",
                p -> ((ObjectNode) p.get("check_run")).remove("head_sha"))).post("/hooks/github").then()
                .statusCode(400)
                .body("detail", equalTo("the payload has no 'check_run.head_sha' string"));
    }

    /** Opens the pull request and has Tekton end its runs: passed ({@code true}) or failed. */
    private Map<String, GenericKubernetesResource> openWithOutcomes(int number, String head, boolean helloPrPassed,
            boolean classicPassed) {
        Map<String, GenericKubernetesResource> runs = open(number, head);
        finish(client, runs.get("hello-pr"), helloPrPassed);
        finish(client, runs.get("hello-pr-classic"), classicPassed);
        return runs;
    }

    /** Opens the pull request; its run of each trigger, by trigger. */
    private Map<String, GenericKubernetesResource> open(int number, String head) {
        PullRequestRuns.open(github, number, head);
        List<GenericKubernetesResource> runs = PullRequestRuns.runsOf(client, number);
        assertThat(runs).hasSize(2).allSatisfy(r -> assertThat(r.getMetadata().getUid()).isNotBlank());
        return Map.of("hello-pr", ofTrigger(runs, "hello-pr"), "hello-pr-classic", ofTrigger(runs, "hello-pr-classic"));
    }

    private GenericKubernetesResource reread(GenericKubernetesResource run) {
        return client.genericKubernetesResources(run.getApiVersion(), "PipelineRun")
                .inNamespace(run.getMetadata().getNamespace()).withName(run.getMetadata().getName()).get();
    }

    private void forgetEarlierRequests() throws InterruptedException {
        while (server.getKubernetesMockServer().takeRequest(100, TimeUnit.MILLISECONDS) != null) {
            // drained: the test looks only at the requests it caused
        }
    }

    /**
     * The requests since the last drain that listed a commit's runs (the Checks tab's first read) or wrote {@code run}.
     * The informers' watches and the reporter's ledger writes for other runs go on meanwhile, and are no answer's.
     */
    private List<String> commitListsAndWrites(GenericKubernetesResource run) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        RecordedRequest request;
        while ((request = server.getKubernetesMockServer().takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
            String path = request.getPath();
            boolean commitList = path.contains("hookline.dev%2Fcommit") || path.contains("hookline.dev/commit");
            boolean write = !"GET".equals(request.getMethod())
                    && path.contains("/pipelineruns/" + run.getMetadata().getName());
            if (commitList || write) {
                seen.add(request.getMethod() + " " + path);
            }
        }
        return seen;
    }

}
