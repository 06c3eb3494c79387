package dev.hookline.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.hookline.github.FakeGitHub;
import dev.hookline.tekton.TektonCrds;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * {@link RbacDriftTest} with {@code hookline.checks.log-lines} on and the Roles patched by
 * {@code components/step-logs}: the component must grant exactly what reading failed steps' logs adds, {@code get} on
 * {@code pods/log} in each pipeline namespace, and the service must need nothing more (no {@code get} on pods).
 */
@QuarkusTest
@TestProfile(RbacDriftStepLogsTest.LogLinesOn.class)
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
@WithTestResource(FakeGitHub.class)
class RbacDriftStepLogsTest extends RbacDriftTest {

    public static class LogLinesOn implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hookline.checks.log-lines", "20");
        }
    }

    @Override
    List<Path> components() {
        return List.of(Manifests.ROOT.resolve("components/step-logs"));
    }
}
