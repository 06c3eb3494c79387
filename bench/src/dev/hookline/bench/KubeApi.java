package dev.hookline.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * The same Kubernetes API local mode embeds (fabric8's mock server in CRUD mode, Tekton's PipelineRun CRD, namespace
 * {@code ci}), in a process of its own: with it, Hookline runs as in a cluster, and its heap and RSS are its own.
 *
 * <pre>java -cp ... dev.hookline.bench.KubeApi PORT CRD_FILE</pre>
 */
public final class KubeApi {

    /** Held so the level sticks: the mock server logs every request it serves at INFO. */
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    private KubeApi() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        MOCK_LOG.setLevel(Level.WARNING);
        int port = Integer.parseInt(args[0]);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), port);
        try (KubernetesClient client = server.createClient(); InputStream crd = Files.newInputStream(Path.of(args[1]))) {
            client.apiextensions().v1().customResourceDefinitions().load(crd).create();
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("ci").endMetadata().build())
                    .create();
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("default").endMetadata().build())
                    .create();
        }
        System.out.println("Kubernetes API listening on 127.0.0.1:" + port);
        // Serves until the benchmark ends this process.
        Thread.currentThread().join();
    }
}
