package dev.hookline.local;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.hookline.github.PostedStatuses;
import dev.hookline.webhook.GitHubDeliveries;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Pull requests and merge groups in local mode, from GitHub's own example deliveries: the example triggers run them
 * through the simulated Tekton, and the page and the API show each run with its pull request or as a merge group.
 */
@QuarkusTest
@TestProfile(LocalModeEndToEndTest.LocalMode.class)
class LocalPullRequestTest {

    private static final Duration BOUND = Duration.ofSeconds(15);
    private static final String REPOSITORY = "Codertocat/Hello-World";

    @Inject
    PostedStatuses statuses;

    @Test
    void pullRequestOpened_runsToSuccess_shownWithItsNumberOnThePageAndInTheApi() {
        int number = newNumber();
        String sha = LocalPushes.randomSha();
        JsonPath answer = LocalPushes.deliver("pull_request", pullRequest("opened", number, sha, "Add a greeting"));
        assertThat(answer.getList("runs.trigger", String.class)).containsExactly("pull-request");
        String key = answer.getString("runs[0].namespace") + "/" + answer.getString("runs[0].name");

        await().atMost(BOUND).until(() -> states(sha).contains("success"));
        assertThat(states(sha)).containsExactly("pending", "success");
        String link = "https://github.com/" + REPOSITORY + "/pull/" + number;
        await().atMost(BOUND).untilAsserted(() -> given().get("/api/statuses").then().statusCode(200)
                .body("find { it.sha == '" + sha + "' && it.state == 'success' }.pullRequest", equalTo(number))
                .body("find { it.sha == '" + sha + "' && it.state == 'success' }.context",
                        equalTo("hookline/pull-request")));
        given().get("/api/runs").then().statusCode(200)
                .body("find { it.sha == '" + sha + "' }.event", equalTo("pull_request"))
                .body("find { it.sha == '" + sha + "' }.pullRequest", equalTo(number))
                .body("find { it.sha == '" + sha + "' }.pullRequestUrl", equalTo(link))
                .body("find { it.sha == '" + sha + "' }.ref", equalTo("refs/pull/" + number + "/head"));
        assertThat(row(key)).contains("href=\"" + link + "\"", ">PR #" + number + "<", "class=\"pill state-success\"");
    }

    @Test
    void pullRequestTitledToFail_endsInFailure() {
        String sha = LocalPushes.randomSha();
        LocalPushes.deliver("pull_request", pullRequest("opened", newNumber(), sha, "Break the greeting [local:fail]"));
        await().atMost(BOUND).until(() -> states(sha).contains("failure"));
        assertThat(states(sha)).containsExactly("pending", "failure");
    }

    @Test
    void closed_cancelsThePullRequestsRunningRun() {
        int number = newNumber();
        String sha = LocalPushes.randomSha();
        LocalPushes.deliver("pull_request", pullRequest("opened", number, sha, "Closed before it finishes"));
        await().atMost(BOUND).until(() -> states(sha).contains("pending"));
        JsonPath closed = LocalPushes.deliver("pull_request", pullRequest("closed", number, sha, "Closed"));
        assertThat(closed.getString("reason")).contains("pull request #" + number + " closed: cancelled");
        await().atMost(BOUND).until(() -> states(sha).contains("error"));
        assertThat(states(sha)).containsExactly("pending", "error");
    }

    @Test
    void mergeGroup_runsToSuccess_markedAsAMergeGroup() {
        String sha = LocalPushes.randomSha();
        JsonPath answer = LocalPushes.deliver("merge_group",
                GitHubDeliveries.fixture("merge_group-checks_requested.json",
                        p -> ((ObjectNode) p.get("merge_group")).put("head_sha", sha)));
        assertThat(answer.getList("runs.trigger", String.class)).containsExactly("merge-queue");
        String key = answer.getString("runs[0].namespace") + "/" + answer.getString("runs[0].name");

        await().atMost(BOUND).until(() -> states(sha).contains("success"));
        given().get("/api/runs").then().statusCode(200)
                .body("findAll { it.sha == '" + sha + "' }.event", hasItem("merge_group"))
                .body("find { it.sha == '" + sha + "' }.pullRequest", equalTo(null));
        assertThat(row(key)).contains("merge group", "gh-readonly-queue/main/pr-104-").doesNotContain("PR #");
    }

    /** GitHub's example {@code pull_request} delivery, moved to its own pull request number and head. */
    private static byte[] pullRequest(String action, int number, String sha, String title) {
        return GitHubDeliveries.fixture("pull_request-opened.json", p -> {
            p.put("action", action).put("number", number);
            ObjectNode pr = (ObjectNode) p.get("pull_request");
            pr.put("number", number).put("title", title).put("state", "closed".equals(action) ? "closed" : "open");
            ((ObjectNode) pr.get("head")).put("sha", sha);
        });
    }

    /** A pull request number no other test uses, so that cancel-in-progress leaves each test's runs alone. */
    private static int newNumber() {
        return ThreadLocalRandom.current().nextInt(1_000, 1_000_000);
    }

    private List<String> states(String sha) {
        return LocalPushes.states(statuses, sha);
    }

    /** The status page's row of one run. */
    private static String row(String key) {
        String html = given().get("/").then().statusCode(200).extract().asString();
        int start = html.indexOf("<tr data-run=\"" + key + "\">");
        return start < 0 ? "" : html.substring(start, html.indexOf("</tr>", start));
    }
}
