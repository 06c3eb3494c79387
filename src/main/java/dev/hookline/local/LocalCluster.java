package dev.hookline.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.hookline.config.HooklineConfig;
import dev.hookline.config.LocalConfig;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Local mode's Kubernetes: fabric8's mock server in CRUD mode, in process, with Tekton's PipelineRun CRD registered
 * and the example namespace and Pipeline loaded. The service's own client points here (see
 * {@link LocalModeConfigSourceFactory}); it starts before anything else uses the client.
 */
@ApplicationScoped
public class LocalCluster {

    /** The namespace the example triggers and Pipeline use. */
    static final String NAMESPACE = "ci";

    private final LocalConfig config;
    private final KubernetesClient client;
    private final SimulatedTekton tekton;
    private final int httpPort;
    private final List<String> secrets;
    private final boolean dryRun;
    private volatile KubernetesMockServer server;

    LocalCluster(HooklineConfig config, KubernetesClient client, SimulatedTekton tekton,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int httpPort) {
        this.config = config.local();
        this.client = client;
        this.tekton = tekton;
        this.httpPort = httpPort;
        this.secrets = config.webhook().secrets().orElse(List.of());
        this.dryRun = config.github().dryRun();
    }

    // Before the informers and leader election (default priority) start talking to the API.
    void start(@Observes @Priority(1) StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new SimulatedPodLogs(),
                false);
        server.init(java.net.InetAddress.getLoopbackAddress(), config.kubernetesPort());
        client.apiextensions().v1().customResourceDefinitions().resource(pipelineRunDefinition()).create();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
                .create();
        load("/local/pipeline.yaml", stream -> client.genericKubernetesResources("tekton.dev/v1", "Pipeline")
                .inNamespace(NAMESPACE).load(stream).create());
        tekton.start();
        Log.info(banner());
    }

    /**
     * Tekton's PipelineRun CRD as the embedded API needs it: names, both versions and the {@code status} subresource.
     * The API does not validate against schemas, so the 360 KB of them in Tekton's file are left out; parsing that
     * file was a fifth of local mode's start (and the tests, which do validate, still use it).
     */
    private static CustomResourceDefinition pipelineRunDefinition() {
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("pipelineruns.tekton.dev").endMetadata()
                .withNewSpec()
                .withGroup("tekton.dev")
                .withScope("Namespaced")
                .withNewNames().withKind("PipelineRun").withPlural("pipelineruns").withSingular("pipelinerun")
                .withShortNames("pr", "prs").withCategories("tekton", "tekton-pipelines").endNames()
                .withVersions(version("v1beta1", false), version("v1", true))
                .endSpec()
                .build();
    }

    private static CustomResourceDefinitionVersion version(String name, boolean storage) {
        return new CustomResourceDefinitionVersionBuilder().withName(name).withServed(true).withStorage(storage)
                .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema()
                .withNewSubresources().withNewStatus().endStatus().endSubresources()
                .build();
    }

    private String banner() {
        String base = "http://localhost:" + httpPort;
        // Only the documented development secret is ever printed; a configured secret stays secret.
        boolean devSecret = secrets.contains(LocalModeConfigSourceFactory.DEV_SECRET);
        String secret = devSecret ? LocalModeConfigSourceFactory.DEV_SECRET : "<your secret>";
        return String.join("\n",
                "",
                "  Hookline is running in LOCAL MODE: no cluster, no GitHub needed.",
                "    status page      " + base + "/",
                "    webhook          " + base + "/hooks/github" + (devSecret ? "  (development secret: " + secret + ")" : ""),
                "    send a push      scripts/send-push.sh " + base + "/hooks/github " + secret,
                "    a pull request   scripts/send-pr.sh opened " + base + "/hooks/github " + secret,
                "    a comment on it  scripts/send-comment.sh /retest " + base + "/hooks/github " + secret,
                "    Kubernetes API   http://127.0.0.1:" + config.kubernetesPort() + " (embedded; Tekton simulated, runs take "
                        + config.runDuration().toSeconds() + "s)",
                "    statuses         " + (dryRun ? "recorded, not posted: " + base + "/api/statuses" : "posted to GitHub"),
                "");
    }

    /**
     * fabric8's mock web server keeps every request it served, body included, for a test to take; local mode never
     * takes them, so without this the heap grows with every API call (over 3,000 deliveries of {@code bench/soak.sh},
     * from 75 MB to 115 MB after a full GC).
     */
    @Scheduled(every = "5s", delayed = "5s")
    void forgetServedRequests() {
        KubernetesMockServer current = server;
        if (current == null) {
            return;
        }
        try {
            while (current.takeRequest(0, TimeUnit.MILLISECONDS) != null) {
                // dropped
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void stop(@Observes @Priority(100) ShutdownEvent event) {
        tekton.stop();
        if (server != null) {
            server.destroy();
        }
    }

    private static void load(String resource, Consumer<InputStream> action) {
        try (InputStream stream = LocalCluster.class.getResourceAsStream(resource)) {
            action.accept(stream);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
