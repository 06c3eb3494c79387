package dev.hookline.tekton;

import java.io.InputStream;
import java.util.function.Consumer;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.kubernetes.client.KubernetesServer;

/**
 * Registers Tekton's PipelineRun CRD in the Kubernetes mock server before the service starts, so that the CRUD mock
 * serves {@code status} as a subresource, as a real cluster does.
 */
public class TektonCrds implements Consumer<KubernetesServer> {

    public static final String PIPELINERUN_CRD = "/tekton/300-pipelinerun.yaml";

    @Override
    public void accept(KubernetesServer server) {
        register(server.getClient());
    }

    public static void register(KubernetesClient client) {
        try (InputStream crd = TektonCrds.class.getResourceAsStream(PIPELINERUN_CRD)) {
            client.apiextensions().v1().customResourceDefinitions().load(crd).createOr(c -> c.update());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
