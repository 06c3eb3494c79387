package dev.hookline.artifact;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

import dev.hookline.webhook.GitHubDeliveries;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * What an operator configures, handed to the packaged application: {@code @QuarkusIntegrationTest} starts it in its
 * own process with the {@code prod} profile, so the {@code %test} properties of {@code application.properties} do not
 * apply there, and a test resource's map is the one way in (Quarkus passes it to the process as system properties).
 */
public class ArtifactConfig implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "hookline.webhook.secrets", GitHubDeliveries.SECRET,
                "hookline.triggers-file", testTriggers().toString(),
                // Both, so that the artifact is seen writing commit statuses and check runs (JSON bodies, natively).
                "hookline.github.report", "both");
    }

    @Override
    public void stop() {
    }

    /** The test triggers as Maven copied them, by absolute path: the process may not share the test's directory. */
    private static Path testTriggers() {
        try {
            return Path.of(ArtifactConfig.class.getResource("/triggers/test-triggers.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
