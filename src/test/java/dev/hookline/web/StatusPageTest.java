package dev.hookline.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.hookline.status.TektonStatus;
import dev.hookline.tekton.TektonCrds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/** The status page, server-rendered, with runs created through the signed webhook. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
class StatusPageTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    @Inject
    KubernetesClient client;

    @Test
    void page_showsARunCreatedThroughTheWebhook_withItsStateStatusesAndLinks() {
        String repository = Pushes.hostileRepository("page");
        String sha = Pushes.randomSha();
        GenericKubernetesResource run = Pushes.push(client, repository, "refs/heads/main", sha, "any-branch");
        String name = run.getMetadata().getName();

        // The reporter posts (in the tests' dry run: records) pending; the page shows it beside the run.
        await().atMost(BOUND).untilAsserted(() -> assertThat(row(page(), "ci/" + name))
                .contains(repository, ">main<", ">" + sha.substring(0, 7) + "<", "any-branch")
                .contains("class=\"pill state-pending\"")
                .contains("href=\"https://github.com/" + repository + "/commit/" + sha + "\"")
                .contains("hookline/any-branch", "Waiting for Tekton to start the run", "dry run")
                .doesNotContain("PR #", "/pull/", "merge group"));

        Instant start = Instant.now().minusSeconds(133);
        TektonStatus.write(client, "tekton.dev/v1", "ci", name, "True", "Succeeded", "done", start, start.plusSeconds(133));
        await().atMost(BOUND).untilAsserted(() -> assertThat(row(page(), "ci/" + name))
                .contains("class=\"pill state-success\"", ">2m13s<", "Succeeded in 2m13s")
                // No dashboard link without hookline.github.target-url-template.
                .doesNotContain("dashboard"));
    }

    @Test
    void page_showsAPullRequestRun_withItsNumberLinkedToThePullRequest_andTheApiNamesIt() {
        int number = PullRequests.newNumber();
        String sha = Pushes.randomSha();
        GenericKubernetesResource run = PullRequests.ofTrigger(PullRequests.opened(client, number, sha), "hello-pr");
        String key = "ci/" + run.getMetadata().getName();
        String link = "https://github.com/" + PullRequests.REPOSITORY + "/pull/" + number;

        await().atMost(BOUND).untilAsserted(() -> assertThat(row(page(), key))
                .contains("<a class=\"pull-request\" href=\"" + link + "\"", ">PR #" + number + "<")
                .contains("<a href=\"" + link + "\">pull request</a>")
                .contains("href=\"https://github.com/" + PullRequests.REPOSITORY + "/commit/" + sha + "\"")
                .doesNotContain("<code>refs/pull/", "merge group"));
        given().get("/api/runs").then().statusCode(200)
                .body("find { it.name == '" + run.getMetadata().getName() + "' }.event", equalTo("pull_request"))
                .body("find { it.name == '" + run.getMetadata().getName() + "' }.pullRequest", equalTo(number))
                .body("find { it.name == '" + run.getMetadata().getName() + "' }.pullRequestUrl", equalTo(link));
    }

    @Test
    void page_marksAMergeGroupRun_andTheApiNamesItsEvent() {
        GenericKubernetesResource run = PullRequests.mergeGroup(client, Pushes.randomSha());
        String key = "ci/" + run.getMetadata().getName();

        await().atMost(BOUND).untilAsserted(() -> assertThat(row(page(), key))
                .contains("<code>gh-readonly-queue/main/pr-104-", "<div class=\"sub event\">merge group</div>")
                .doesNotContain("PR #"));
        given().get("/api/runs").then().statusCode(200)
                .body("find { it.name == '" + run.getMetadata().getName() + "' }.event", equalTo("merge_group"))
                .body("find { it.name == '" + run.getMetadata().getName() + "' }.pullRequest", nullValue())
                .body("find { it.name == '" + run.getMetadata().getName() + "' }.pullRequestUrl", nullValue());
    }

    @Test
    void page_listsTheDelivery() {
        String repository = Pushes.hostileRepository("delivery");
        Pushes.push(client, repository, "refs/heads/feature/x", Pushes.randomSha(), "any-branch");
        assertThat(page()).contains(repository, "refs/heads/feature/x", "outcome-triggered");
    }

    @Test
    void page_escapesAHostileBranchName() {
        String repository = Pushes.hostileRepository("xss");
        // A valid git branch name (no spaces), as GitHub would deliver it.
        String branch = "<script>alert(1)</script>\"><img/src=x/onerror=alert(2)>";
        GenericKubernetesResource run = Pushes.push(client, repository, "refs/heads/" + branch, Pushes.randomSha(),
                "any-branch");
        String key = "ci/" + run.getMetadata().getName();
        await().atMost(BOUND).until(() -> page().contains(key));

        String escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img/src=x/onerror=alert(2)&gt;";
        for (String html : new String[]{page(), live()}) {
            assertThat(row(html, key)).contains(">" + escaped + "<");
            assertThat(html).contains("<code>refs/heads/" + escaped + "</code>")
                    .doesNotContain("<script>alert", "<img/src");
        }
    }

    @Test
    void page_isServedWithAStrictContentSecurityPolicy() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("X-Content-Type-Options", "nosniff")
                .body(containsString("<script src=\"hookline.js\" defer></script>"))
                .body(containsString("<link rel=\"stylesheet\" href=\"hookline.css\">"));
        given().get("/hookline.js").then().statusCode(200);
        given().get("/hookline.css").then().statusCode(200);
    }

    @Test
    void liveFragment_isTheTablesWithoutThePage() {
        String html = live();
        assertThat(html).contains("<table class=\"runs\">", "<table class=\"deliveries\">")
                .doesNotContain("<html", "<header", "hookline.js");
    }

    @Test
    void withoutAToken_theApiIsOpen_andLoginLeadsToThePage() {
        given().get("/api/runs").then().statusCode(200);
        given().redirects().follow(false).get("/login").then().statusCode(303).header("Location", endsWith("/"));
    }

    private static String page() {
        return given().get("/").then().statusCode(200).extract().asString();
    }

    private static String live() {
        return given().get("/page/live").then().statusCode(200).extract().asString();
    }

    /** The table row of one run, or the empty string. */
    static String row(String html, String key) {
        int start = html.indexOf("<tr data-run=\"" + key + "\">");
        return start < 0 ? "" : html.substring(start, html.indexOf("</tr>", start));
    }
}
