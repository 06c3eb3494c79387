package dev.hookline.local;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.hookline.github.PostedStatuses;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Cancel-in-progress in local mode: a newer push to a branch cancels the run still building there. Runs take a minute
 * here, so that the first is certainly still running when the second push comes, however slow the machine.
 */
@QuarkusTest
@TestProfile(LocalCancelInProgressTest.LongRuns.class)
class LocalCancelInProgressTest {

    public static class LongRuns extends LocalModeEndToEndTest.LocalMode {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hookline.local.enabled", "true", "hookline.local.run-duration", "60s");
        }
    }

    private static final Duration BOUND = Duration.ofSeconds(15);

    @Inject
    PostedStatuses statuses;

    @Test
    void newerPushToTheSameBranch_cancelsTheRunningRun_whichEndsInErrorOnce() {
        String branch = "topic-" + HexFormat.of().formatHex(new byte[]{(byte) ThreadLocalRandom.current().nextInt(256),
                (byte) ThreadLocalRandom.current().nextInt(256), (byte) ThreadLocalRandom.current().nextInt(256)});
        String first = LocalPushes.push("First attempt", branch);
        await().atMost(BOUND).until(() -> states(first).contains("pending"));
        String second = LocalPushes.push("Second attempt", branch);

        await().atMost(BOUND).until(() -> states(first).contains("error") && states(second).contains("pending"));
        assertThat(states(first)).containsExactly("pending", "error");
        assertThat(statuses.recent().stream().filter(s -> s.sha().equals(first) && s.state().wireName().equals("error"))
                .findFirst().orElseThrow().description()).startsWith("Cancelled: superseded by");
        // The newer run goes on building: the cancellation stops at the run it supersedes.
        await().during(Duration.ofMillis(500)).atMost(BOUND).until(() -> states(second).equals(List.of("pending")));
        // Its first task was running, and Tekton cancels a cancelled run's running TaskRuns with it.
        String name = given().get("/api/runs").then().extract().jsonPath().getString("find { it.sha == '" + first + "' }.name");
        given().get("/api/runs/ci/" + name + "/tasks").then().statusCode(200)
                .body("pipelineTask", equalTo(List.of("fetch-source")))
                .body("state", equalTo(List.of("cancelled")))
                .body("[0].reason", equalTo("TaskRunCancelled"));
    }

    private List<String> states(String sha) {
        return LocalPushes.states(statuses, sha);
    }
}
