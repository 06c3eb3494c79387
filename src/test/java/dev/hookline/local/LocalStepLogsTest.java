package dev.hookline.local;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Local mode with {@code hookline.checks.log-lines} on: a {@code [local:fail]} run's page and API show the simulated
 * failed step's last lines, masked, served by the embedded API server ({@link SimulatedPodLogs}).
 */
@QuarkusTest
@TestProfile(LocalStepLogsTest.LocalModeWithLogs.class)
class LocalStepLogsTest {

    private static final Duration BOUND = Duration.ofSeconds(15);

    public static class LocalModeWithLogs extends LocalModeEndToEndTest.LocalMode {

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("hookline.checks.log-lines", "4");
            return overrides;
        }
    }

    @Test
    void failedRun_showsItsSimulatedStepsLastLines_masked() {
        String sha = LocalPushes.push("Break the build [local:fail]", null);
        String name = await().atMost(BOUND).until(() -> given().get("/api/runs").then().statusCode(200).extract()
                .jsonPath().<String>getString("find { it.sha == '" + sha + "' && it.state == 'failure' }.name"),
                n -> n != null);

        given().get("/api/runs/ci/" + name + "/log").then().statusCode(200)
                .body("task", equalTo("build-push"))
                .body("step", equalTo("build"))
                .body("lines.size()", equalTo(4))
                .body("lines", hasItem("export REGISTRY_PASSWORD=***"))
                .body("lines[3]", equalTo("exit status 1"));
        assertThat(given().get("/runs/ci/" + name).then().statusCode(200).extract().asString())
                .contains("class=\"step-log\"", "Failed step <code>build-push</code> / <code>build</code>")
                .doesNotContain("local-demo-secret");
    }
}
