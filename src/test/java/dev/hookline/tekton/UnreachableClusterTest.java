package dev.hookline.tekton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.hookline.trigger.RunPlan;
import dev.hookline.trigger.RunPlanner;
import dev.hookline.webhook.WebhookProblem;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * A cluster that is not there at all. The Quarkus tests share one mock server, so stopping it there would break every
 * other test; instead the launcher gets a client, configured like the service's, for a port nobody listens on.
 */
class UnreachableClusterTest {

    @Test
    void unreachableCluster_failsWith503AndRetryAfter_wellWithinGitHubsTenSeconds() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // The timeouts and retries of application.properties.
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1:" + port)
                .withConnectionTimeout(2000).withRequestTimeout(3000)
                .withRequestRetryBackoffLimit(1).withRequestRetryBackoffInterval(200).build();
        RunPlan plan = RunPlanner.plan(PipelineRunGoldenTest.trigger("api-image"),
                PipelineRunGoldenTest.push("push-existing-branch.json"), PipelineRunGoldenTest.DELIVERY);

        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            PipelineRunLauncher launcher = new PipelineRunLauncher(client,
                    new RunHousekeeping(client, run -> true, Clock.systemUTC()), Clock.systemUTC());
            long started = System.nanoTime();
            WebhookProblem problem = catchThrowableOfType(WebhookProblem.class, () -> launcher.launch(plan));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(problem.status()).isEqualTo(503);
            assertThat(problem.retryAfter()).isEqualTo(Duration.ofSeconds(30));
            assertThat(problem.detail()).contains("trigger 'api-image'", "Kubernetes could not be reached",
                    "a redelivery creates it");
            assertThat(took).as("time to fail").isLessThan(Duration.ofSeconds(10));
        }
    }
}
