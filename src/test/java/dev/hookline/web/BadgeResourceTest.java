package dev.hookline.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.hookline.status.StatusReporting;
import dev.hookline.status.TektonStatus;
import dev.hookline.tekton.TektonCrds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** {@code GET /badge/{owner}/{repo}.svg}: runs created through the webhook, status written as Tekton writes it. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
class BadgeResourceTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    @Inject
    KubernetesClient client;

    @Inject
    StatusReporting reporting;

    @Test
    void badge_followsTheLatestRun_fromPendingToSuccess_withANewETag() {
        String repository = Pushes.hostileRepository("badge");
        GenericKubernetesResource run = Pushes.push(client, repository, "refs/heads/main", Pushes.randomSha(),
                "any-branch");
        String path = "/badge/" + repository + ".svg?branch=main";

        await().atMost(BOUND).until(() -> SvgDocument.parse(badge(path).asString()).texts().contains("pending"));
        ExtractableResponse<Response> pending = badge(path);
        assertThat(SvgDocument.parse(pending.asString()).messageColour()).isEqualTo("#dfb317");

        Instant start = Instant.now();
        TektonStatus.write(client, "tekton.dev/v1", "ci", run.getMetadata().getName(), "True", "Succeeded", "done", start,
                start.plusSeconds(30));
        await().atMost(BOUND).until(() -> SvgDocument.parse(badge(path).asString()).texts().contains("success"));
        ExtractableResponse<Response> success = badge(path);
        SvgDocument svg = SvgDocument.parse(success.asString());
        assertThat(svg.texts()).containsExactly("hookline", "success");
        assertThat(svg.messageColour()).isEqualTo("#4c1");
        assertThat(success.header("ETag")).isNotBlank().isNotEqualTo(pending.header("ETag"));
    }

    @Test
    void badge_isServedAsSvg_neverCached_andAnswers304ToItsETag() {
        ExtractableResponse<Response> first = badge("/badge/nobody/nothing.svg");
        assertThat(first.contentType()).startsWith("image/svg+xml");
        assertThat(first.header("Cache-Control")).contains("no-cache").contains("max-age=0");
        String etag = first.header("ETag");
        assertThat(etag).isNotBlank();

        given().header("If-None-Match", etag).get("/badge/nobody/nothing.svg").then().statusCode(304)
                .header("ETag", etag).header("Cache-Control", org.hamcrest.Matchers.containsString("no-cache"));
    }

    @Test
    void badge_withoutAnyRun_isUnknownAndGrey() {
        SvgDocument svg = SvgDocument.parse(badge("/badge/nobody/nothing.svg?branch=main").asString());
        assertThat(svg.texts()).containsExactly("hookline", "unknown");
        assertThat(svg.messageColour()).isEqualTo("#9f9f9f");
    }

    @Test
    void badge_matchesTheRepositoryInAnyCase_andFiltersByBranch() {
        String repository = Pushes.hostileRepository("case");
        Pushes.push(client, repository, "refs/heads/develop", Pushes.randomSha(), "any-branch");
        String upper = "/badge/" + repository.toUpperCase(Locale.ROOT) + ".svg";

        await().atMost(BOUND).until(() -> SvgDocument.parse(badge(upper).asString()).texts().contains("pending"));
        assertThat(SvgDocument.parse(badge(upper + "?branch=develop").asString()).texts()).contains("pending");
        assertThat(SvgDocument.parse(badge(upper + "?branch=main").asString()).texts()).contains("unknown");
    }

    @Test
    void badge_ofOneTrigger_isLabelledWithItsStatusContext() {
        String repository = Pushes.hostileRepository("context");
        Pushes.push(client, repository, "refs/heads/main", Pushes.randomSha(), "any-branch");
        String path = "/badge/" + repository + ".svg?trigger=any-branch";
        await().atMost(BOUND).until(() -> SvgDocument.parse(badge(path).asString()).texts()
                .equals(List.of("hookline/any-branch", "pending")));
        assertThat(SvgDocument.parse(badge("/badge/" + repository + ".svg?trigger=api-image").asString()).texts())
                .containsExactly("hookline/api-image", "unknown");
    }

    @Test
    void badge_ofAPullRequest_followsItsRuns_andNoOtherPullRequestsOrBranches() {
        int number = PullRequests.newNumber();
        List<GenericKubernetesResource> runs = PullRequests.opened(client, number, Pushes.randomSha());
        assertThat(runs).hasSize(2);
        String path = "/badge/" + PullRequests.REPOSITORY + ".svg?pull-request=" + number;
        await().atMost(BOUND).until(() -> SvgDocument.parse(badge(path).asString()).texts()
                .equals(List.of("hookline", "pending")));

        Instant start = Instant.now();
        for (GenericKubernetesResource run : runs) {
            TektonStatus.write(client, run.getApiVersion(), run.getMetadata().getNamespace(), run.getMetadata().getName(),
                    "True", "Succeeded", "done", start, start.plusSeconds(30));
        }
        await().atMost(BOUND).until(() -> SvgDocument.parse(badge(path).asString()).texts()
                .equals(List.of("hookline", "success")));
        // Another pull request has no run, and pull request runs count on no branch's badge.
        assertThat(SvgDocument.parse(badge("/badge/" + PullRequests.REPOSITORY + ".svg?pull-request=" + (number + 1))
                .asString()).texts()).containsExactly("hookline", "unknown");
        assertThat(SvgDocument.parse(badge("/badge/" + PullRequests.REPOSITORY + ".svg?branch=changes").asString())
                .texts()).containsExactly("hookline", "unknown");
    }

    @Test
    void badge_ofAPullRequestAndOneTrigger_showsThatTriggersLatestRun() {
        int number = PullRequests.newNumber();
        List<GenericKubernetesResource> runs = PullRequests.opened(client, number, Pushes.randomSha());
        GenericKubernetesResource classic = PullRequests.ofTrigger(runs, "hello-pr-classic");
        Instant start = Instant.now();
        TektonStatus.write(client, classic.getApiVersion(), classic.getMetadata().getNamespace(),
                classic.getMetadata().getName(), "False", "Failed", "failed", start, start.plusSeconds(30));

        String repository = "/badge/" + PullRequests.REPOSITORY + ".svg?pull-request=" + number;
        await().atMost(BOUND).until(() -> SvgDocument.parse(badge(repository + "&trigger=hello-pr-classic").asString())
                .texts().equals(List.of("ci/hello-classic", "failure")));
        assertThat(SvgDocument.parse(badge(repository + "&trigger=hello-pr").asString()).texts())
                .containsExactly("hookline/hello-pr", "pending");
        assertThat(SvgDocument.parse(badge(repository).asString()).texts()).containsExactly("hookline", "failure");
    }

    @Test
    void mergeGroupRuns_countOnNoBranchBadge() {
        GenericKubernetesResource group = PullRequests.mergeGroup(client, Pushes.randomSha());
        Instant start = Instant.now();
        TektonStatus.write(client, group.getApiVersion(), group.getMetadata().getNamespace(),
                group.getMetadata().getName(), "False", "Failed", "queue check failed", start, start.plusSeconds(5));
        String name = group.getMetadata().getName();
        await().atMost(BOUND).until(() -> reporting.tracked().stream()
                .anyMatch(run -> run.name().equals(name) && run.finished()));
        // The queue branch's failure is GitHub's scratch space, not a line of development.
        assertThat(SvgDocument.parse(badge("/badge/octo-org/octo-repo.svg").asString()).texts())
                .containsExactly("hookline", "unknown");
    }

    @Test
    void badge_ofAPullRequestThatIsNoNumber_isNotFound() {
        given().get("/badge/" + PullRequests.REPOSITORY + ".svg?pull-request=two").then().statusCode(404);
    }

    @Test
    void aPathNotEndingInSvg_isNotFound() {
        given().get("/badge/acme/api.png").then().statusCode(404);
    }

    private static ExtractableResponse<Response> badge(String path) {
        return given().get(path).then().statusCode(200).extract();
    }
}
