package dev.hookline.status;

import static dev.hookline.webhook.GitHubDeliveries.fixture;
import static dev.hookline.webhook.GitHubDeliveries.newDeliveryId;
import static dev.hookline.webhook.GitHubDeliveries.send;
import static dev.hookline.webhook.GitHubDeliveries.signed;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.hookline.config.HooklineConfig;
import dev.hookline.tekton.RunInformers;
import dev.hookline.tekton.TektonCrds;
import dev.hookline.tekton.WatchRefusal;
import dev.hookline.trigger.TriggerRules;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.path.json.JsonPath;

/**
 * A namespace without Hookline's Role (every PipelineRun request there answered 403, as kube-apiserver answers a
 * ServiceAccount without a RoleBinding) degrades only its own triggers: the pod stays ready and says which namespace
 * and why, the other triggers go on, and it recovers by itself once the Role is there.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
class DegradedNamespaceTest {

    private static final String LOCKED = "ci-locked";
    private static final String DATA_KEY = LOCKED + " tekton.dev/v1";
    private static final Duration BOUND = Duration.ofSeconds(15);
    private static final String LOCKED_TRIGGER = """

              - name: locked
                repository: acme/locked
                namespace: ci-locked
                pipeline: echo
            """;

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    KubernetesClient client;

    @Inject
    HooklineConfig config;

    @Inject
    TriggerRules rules;

    @Inject
    StatusReporting reporting;

    private Path triggersFile;
    private String originalTriggers;

    @BeforeEach
    void rememberTriggers() throws IOException {
        triggersFile = config.triggersFile().orElseThrow();
        originalTriggers = Files.readString(triggersFile, StandardCharsets.UTF_8);
    }

    @AfterEach
    void restore() throws IOException {
        server.getKubernetesMockServer().clearExpectations();
        Files.writeString(triggersFile, originalTriggers, StandardCharsets.UTF_8);
    }

    @Test
    void namespaceWithoutRole_addedByAReload_keepsThePodReady_namesIt_andRecoversWhenTheRoleAppears()
            throws IOException {
        refuse(LOCKED);
        Files.writeString(triggersFile, originalTriggers + LOCKED_TRIGGER, StandardCharsets.UTF_8);
        await().atMost(BOUND).until(() -> rules.named("locked").isPresent());
        reporting.watchNewNamespaces();

        await().atMost(BOUND).untilAsserted(() -> assertThat(informersCheck().getString("data.'" + DATA_KEY + "'"))
                .isEqualTo("forbidden (403): add Hookline's Role and RoleBinding there, see "
                        + "kubernetes/overlays/another-namespace"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        assertThat(metrics()).contains(
                "hookline_namespace_degraded{api_version=\"tekton.dev/v1\",namespace=\"ci-locked\"} 1.0",
                "hookline_namespace_degraded{api_version=\"tekton.dev/v1\",namespace=\"ci\"} 0.0");
        assertThat(given().get("/").asString()).contains("data-namespace=\"ci-locked\"", "forbidden (403)");

        // Its own trigger's push fails, naming the Role; the other triggers' pushes go on as before.
        signed("push", newDeliveryId(), fixture("push-existing-branch.json",
                p -> ((com.fasterxml.jackson.databind.node.ObjectNode) p.get("repository")).put("full_name", "acme/locked")))
                .post("/hooks/github").then().statusCode(503)
                .body("detail", containsString("check Hookline's Role in namespace ci-locked"));
        send("push", newDeliveryId(), "push-existing-branch.json").then().statusCode(202)
                .body("outcome", equalTo("triggered"));
        given().get("/q/health/ready").then().statusCode(200);

        // The Role appears: the informer's next retry lists and watches, with no restart.
        long lifted = System.nanoTime();
        server.getKubernetesMockServer().clearExpectations();
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100))
                .until(() -> informersCheck().getString("data.'" + DATA_KEY + "'") == null);
        Duration recovery = Duration.ofNanos(System.nanoTime() - lifted);
        System.out.printf("Recovered %d ms after the 403 was lifted%n", recovery.toMillis());
        assertThat(recovery).as("recovery after the Role appears").isLessThan(Duration.ofSeconds(10));
        assertThat(metrics())
                .contains("hookline_namespace_degraded{api_version=\"tekton.dev/v1\",namespace=\"ci-locked\"} 0.0");
        assertThat(given().get("/").asString()).doesNotContain("data-namespace=\"ci-locked\"");
    }

    @Test
    void freshInformers_withOneNamespaceRefusedFromTheFirstList_areSynced_andNameIt() {
        refuse("ci-sealed");
        RunInformers informers = new RunInformers(client,
                () -> Map.of("ci", Set.of("tekton.dev/v1"), "ci-sealed", Set.of("tekton.dev/v1")), Duration.ofMinutes(5));
        try {
            informers.ensureStarted();
            await().atMost(BOUND).until(informers::synced);
            assertThat(informers.refusals()).extracting(WatchRefusal::namespace, WatchRefusal::apiVersion,
                    WatchRefusal::code).containsExactly(org.assertj.core.groups.Tuple.tuple("ci-sealed", "tekton.dev/v1", 403));
        } finally {
            informers.stop();
        }
    }

    @Test
    void unreachableApiServer_keepsFreshInformersUnsynced() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Config unreachable = new ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1:" + port)
                .withConnectionTimeout(500).withRequestTimeout(500).build();
        try (KubernetesClient away = new KubernetesClientBuilder().withConfig(unreachable).build()) {
            RunInformers informers = new RunInformers(away, () -> Map.of("ci", Set.of("tekton.dev/v1")),
                    Duration.ofMinutes(5));
            try {
                informers.ensureStarted();
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> !informers.synced());
                assertThat(informers.refusals()).isEmpty();
            } finally {
                informers.stop();
            }
        }
    }

    /** Every PipelineRun request in the namespace answered as kube-apiserver answers a ServiceAccount without a Role. */
    private void refuse(String namespace) {
        String runs = "/apis/tekton.dev/v1/namespaces/" + namespace + "/pipelineruns";
        Status forbidden = new StatusBuilder().withStatus("Failure").withCode(403).withReason("Forbidden")
                .withMessage("pipelineruns.tekton.dev is forbidden: User \"system:serviceaccount:hookline:hookline\" "
                        + "cannot list resource \"pipelineruns\" in API group \"tekton.dev\" in the namespace \""
                        + namespace + "\"")
                .build();
        for (String path : new String[]{runs, runs + "?labelSelector=app.kubernetes.io%2Fmanaged-by%3Dhookline",
                runs + "?labelSelector=app.kubernetes.io%2Fmanaged-by%3Dhookline&resourceVersion=0"}) {
            server.expect().get().withPath(path).andReturn(403, forbidden).always();
        }
        server.expect().post().withPath(runs).andReturn(403, forbidden).always();
    }

    private static JsonPath informersCheck() {
        return new JsonPath(given().get("/q/health/ready").asString())
                .setRootPath("checks.find { it.name == 'pipelinerun-informers' }");
    }

    private static String metrics() {
        return given().get("/q/metrics").asString();
    }
}
