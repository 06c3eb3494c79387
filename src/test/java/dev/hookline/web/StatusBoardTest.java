package dev.hookline.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hookline.tekton.TrackedRun;
import dev.hookline.trigger.EventKind;

/** The links the status page and the runs API give, on github.com and on GitHub Enterprise Server. */
class StatusBoardTest {

    @Test
    void pullRequestLink_isOnGitHubsWebHost() {
        assertThat(StatusBoard.pullRequestUrl(StatusBoard.webUrl("https://api.github.com"), run(EventKind.PULL_REQUEST, 7)))
                .isEqualTo("https://github.com/acme/api/pull/7");
    }

    @Test
    void pullRequestLink_onGitHubEnterprise_isOnTheHostItsApiIsServedUnder() {
        assertThat(StatusBoard.pullRequestUrl(StatusBoard.webUrl("https://ghe.example.com/api/v3/"),
                run(EventKind.PULL_REQUEST, 7))).isEqualTo("https://ghe.example.com/acme/api/pull/7");
    }

    @Test
    void pushAndMergeGroupRuns_haveNoPullRequestLink() {
        assertThat(StatusBoard.pullRequestUrl("https://github.com", run(EventKind.PUSH, null))).isNull();
        assertThat(StatusBoard.pullRequestUrl("https://github.com", run(EventKind.MERGE_GROUP, null))).isNull();
    }

    private static TrackedRun run(EventKind event, Integer pullRequest) {
        return new TrackedRun("tekton.dev/v1", "ci", "run", "1", "t", "acme/api", "a".repeat(40),
                pullRequest == null ? "refs/heads/main" : "refs/pull/" + pullRequest + "/head", "d", "hookline/t", null,
                Instant.parse("2026-11-26T10:00:00Z"), null, null, null, null, null, null, List.of(), event, pullRequest, null,
                TrackedRun.Check.NONE);
    }
}
