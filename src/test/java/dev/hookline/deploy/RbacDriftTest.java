package dev.hookline.deploy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.hookline.webhook.GitHubDeliveries.newDeliveryId;
import static dev.hookline.webhook.GitHubDeliveries.signed;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;

import dev.hookline.config.HooklineConfig;
import dev.hookline.github.FakeGitHub;
import dev.hookline.github.InjectGitHub;
import dev.hookline.status.StatusReporting;
import dev.hookline.tekton.ClusterRuns;
import dev.hookline.tekton.DeliveryEventInformers;
import dev.hookline.tekton.DeliveryEvents;
import dev.hookline.tekton.FailedSteps;
import dev.hookline.tekton.RunInformers;
import dev.hookline.tekton.TektonCrds;
import dev.hookline.tekton.TrackedRun;
import dev.hookline.trigger.ApiFlavour;
import dev.hookline.trigger.TriggerRules;
import dev.hookline.webhook.GitHubDeliveries;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * The RBAC under {@code kubernetes/} against what the service really asks of Kubernetes: every request the service
 * makes to the mock API server while it handles pushes, reports statuses, watches runs, shows failed runs' pages and
 * holds its Lease must be allowed by a Role bound to its ServiceAccount in that namespace, and every verb a Role grants
 * must be used. Here with the default settings (log lines off) and the base without components;
 * {@link RbacDriftStepLogsTest} runs the same with log lines on and the component they need.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
@WithTestResource(FakeGitHub.class)
class RbacDriftTest {

    /** The User-Agent of this test's own requests (Tekton's status, the Lease's removal, reads), left uncounted. */
    private static final String TEST_WRITER = "hookline-test-writer";
    private static final String HOOKLINE_NAMESPACE = "hookline";
    /** What the service asks of its own namespace: the Lease, and the Events of deliveries that had no run. */
    private static final Set<String> OWN_NAMESPACE_RESOURCES = Set.of("coordination.k8s.io/leases", "events.k8s.io/events");
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    @KubernetesTestServer
    KubernetesServer server;

    @InjectGitHub
    WireMockServer github;

    /** The service's own client: used to read its namespace and to run a second set of its informers, never to write. */
    @Inject
    KubernetesClient client;

    @Inject
    TriggerRules rules;

    @Inject
    HooklineConfig config;

    private final List<KubernetesRequest> recorded = new ArrayList<>();
    /** This test's own client: its requests carry {@link #TEST_WRITER} and are left out of the recording. */
    private KubernetesClient writer;

    @BeforeEach
    void setUp() {
        writer = server.getKubernetesMockServer()
                .createClient(b -> b.editOrNewConfig().withUserAgent(TEST_WRITER).endConfig());
        github.resetAll();
        github.stubFor(post(urlPathMatching(FakeGitHub.API_PATH + "/repos/acme/api/statuses/.*"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{}")));
    }

    @AfterEach
    void closeWriter() {
        writer.close();
    }

    @Test
    void everyRequestOfTheService_isAllowedByItsRoles_andEveryGrantIsUsed() throws InterruptedException {
        HooklineRoles roles = HooklineRoles.of(writer, "hookline", HOOKLINE_NAMESPACE, components(), Manifests.BASE,
                Manifests.ROOT.resolve("overlays/another-namespace"));
        assertThat(roles.problems()).as("RoleBindings of the hookline ServiceAccount").isEmpty();
        // What reached the API server before (Tekton's CRD, the service's start, classes sharing that start) is not counted.
        while (server.getKubernetesMockServer().takeRequest(200, TimeUnit.MILLISECONDS) != null) {
            // drained
        }
        // Found as StatusReporting finds it: in tests that is the client's namespace (no lease-namespace setting, no
        // POD_NAMESPACE); in a cluster it is the pod's, `hookline`, so requests on Leases and Events there count as made
        // in `hookline`. DeliveryEvents finds its own namespace the same way.
        String leaseNamespace = config.status().leaseNamespace()
                .or(() -> Optional.ofNullable(System.getenv("POD_NAMESPACE"))).orElseGet(client::getNamespace);

        RunInformers informers = new RunInformers(client, this::watched, Duration.ofMinutes(5));
        DeliveryEventInformers events = new DeliveryEventInformers(client,
                () -> DeliveryEvents.namespaces(rules, DeliveryEvents.ownNamespace(client)));
        try {
            exerciseEveryCall(informers, events, leaseNamespace);
            // Reports, ledger patches and Lease renewals happen in the background: wait until every grant was used.
            await().atMost(BOUND).until(() -> {
                record();
                return unused(roles).isEmpty();
            });
        } catch (ConditionTimeoutException e) {
            // What is still unused is reported below, next to the requests the Roles refuse.
        } finally {
            informers.stop();
            events.stop();
        }
        record();

        Map<String, Set<String>> refused = new TreeMap<>();
        recorded.stream()
                .map(r -> OWN_NAMESPACE_RESOURCES.contains(r.group() + "/" + r.resource())
                        && leaseNamespace.equals(r.namespace()) ? r.inNamespace(HOOKLINE_NAMESPACE) : r)
                .filter(r -> !r.discovery() && !roles.allows(r))
                .forEach(r -> refused.computeIfAbsent(r.tuple(), t -> new TreeSet<>()).add(r.path()));
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(refused).as("requests of the service that no Role bound to it allows (Roles in %s)",
                    roles.namespaces()).isEmpty();
            softly.assertThat(unused(roles)).as("granted by the Roles in kubernetes/, never requested by the service")
                    .isEmpty();
        });
    }

    /** Drives the service through every kind of call it makes to Kubernetes. */
    private void exerciseEveryCall(RunInformers informers, DeliveryEventInformers events, String leaseNamespace) {
        // The service's informers listed and began to watch when it started, before the drain; a second set, built on
        // its client as StatusReporting and DeliveryEvents build their own, makes the same list and watch requests now.
        informers.ensureStarted();
        events.ensureStarted();
        await().atMost(BOUND).until(() -> informers.synced() && events.synced());

        // Without its Lease, the elector creates it again on its next round (get, create), then renews it (get, patch).
        String leaseName = config.status().leaseName();
        writer.resources(Lease.class).inNamespace(leaseNamespace).withName(leaseName).delete();
        await().atMost(BOUND)
                .until(() -> writer.resources(Lease.class).inNamespace(leaseNamespace).withName(leaseName).get() != null);

        // Each push creates an api-image run (v1, ci) and an api-classic run (v1beta1, ci-classic); each run's pending
        // status is posted, then recorded on the run (get, patch).
        Map<String, GenericKubernetesResource> first = push();
        // A second push on main cancels the first api-image run (cancel-in-progress: list, get, patch).
        Map<String, GenericKubernetesResource> second = push();
        finish(first.get("api-image"), "False", "Cancelled");
        // Failures without a failed task in the status: the reporter lists the run's TaskRuns, in both namespaces.
        finish(second.get("api-image"), "False", "Failed");
        finish(first.get("api-classic"), "False", "Failed");
        // Their pages: the run and its TaskRuns (get, list), and with log lines on the failed step's log (get pods/log).
        viewFailedRun(second.get("api-image"));
        viewFailedRun(first.get("api-classic"));
        GenericKubernetesResource third = push().get("api-image");
        finish(third, "True", "Succeeded");
        GenericKubernetesResource fourth = push().get("api-image");
        finish(fourth, "True", "Succeeded");
        // Four finished api-image runs now and keep-runs is 3: once their final states are recorded, this push prunes
        // at least one (list, delete).
        for (GenericKubernetesResource run : List.of(first.get("api-image"), second.get("api-image"), third, fourth)) {
            awaitFinalStateRecorded(run);
        }
        push();
        // Each push above was recorded as Events regarding its runs (get for the uid, create); a delivery that fails
        // before any run exists is recorded against Hookline's Deployment, in Hookline's own namespace.
        server.expect().post().withPath("/apis/tekton.dev/v1/namespaces/ci/pipelineruns")
                .andReturn(500, new StatusBuilder().withStatus("Failure").withCode(500).withReason("InternalError")
                        .withMessage("etcdserver: request timed out").build())
                .always();
        signed("push", newDeliveryId(), payload(HexFormat.of().formatHex(randomBytes(20)))).post("/hooks/github").then()
                .statusCode(503);
    }

    /** The kustomize components whose patches apply to the Roles: none in the base. */
    List<Path> components() {
        return List.of();
    }

    /**
     * Gives a failed run a failed TaskRun whose step ran on a pod, serves that step's log (an expectation: CRUD mode
     * serves no {@code pods/log}), and opens the run's page and its log in the API once the service saw it fail.
     */
    private void viewFailedRun(GenericKubernetesResource run) {
        String namespace = run.getMetadata().getNamespace();
        String name = run.getMetadata().getName();
        int lines = config.checks().logLines();
        FailedSteps.taskRun(writer, run.getApiVersion(), namespace, name, "unit-tests", "pod-" + name, "test");
        FailedSteps.serveLog(server.getKubernetesMockServer(), namespace, "pod-" + name, "step-test", lines,
                "FAILED: 1 test\n");
        await().atMost(BOUND).untilAsserted(() -> {
            String page = given().get("/runs/" + namespace + "/" + name).then().statusCode(200).extract().asString();
            assertThat(page).contains("class=\"pill state-failure\"");
            if (lines > 0) {
                assertThat(page).contains("class=\"step-log\"", "FAILED: 1 test");
            }
        });
        given().get("/api/runs/" + namespace + "/" + name + "/log").then().statusCode(lines > 0 ? 200 : 404);
    }

    /** Every granted verb on a resource that no recorded request used. */
    private Set<HooklineRoles.Grant> unused(HooklineRoles roles) {
        Set<HooklineRoles.Grant> unused = new TreeSet<>(roles.grants());
        recorded.stream().filter(r -> !r.nonResource())
                .forEach(r -> unused.remove(new HooklineRoles.Grant(r.verb(), r.group(), r.resource())));
        return unused;
    }

    /** Moves what the API server received since the last call into {@link #recorded}, except this test's writes. */
    private void record() throws InterruptedException {
        RecordedRequest request;
        while ((request = server.getKubernetesMockServer().takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
            if (!TEST_WRITER.equals(request.getHeader("User-Agent"))) {
                recorded.add(KubernetesRequest.of(request.getMethod(), request.getPath()));
            }
        }
    }

    /** The namespaces and API versions the service watches, as StatusReporting derives them from the triggers. */
    private Map<String, Set<String>> watched() {
        Map<String, Set<String>> watched = new TreeMap<>();
        rules.triggers().forEach(trigger -> watched.computeIfAbsent(trigger.namespace(), ns -> new TreeSet<>())
                .add(trigger.api() == ApiFlavour.V1 ? "tekton.dev/v1" : "tekton.dev/v1beta1"));
        return watched;
    }

    /** Pushes a new commit to main of acme/api; returns the runs the service created, by trigger. */
    private Map<String, GenericKubernetesResource> push() {
        String id = newDeliveryId();
        signed("push", id, payload(HexFormat.of().formatHex(randomBytes(20)))).post("/hooks/github").then().statusCode(202);
        Map<String, GenericKubernetesResource> runs = new LinkedHashMap<>();
        ClusterRuns.ofDelivery(writer, id)
                .forEach(run -> runs.putIfAbsent(run.getMetadata().getLabels().get("hookline.dev/trigger"), run));
        assertThat(runs).containsOnlyKeys("api-image", "api-classic");
        return runs;
    }

    /**
     * Writes the run's final condition through the status subresource, as Tekton's controller does. A merge patch
     * without a resourceVersion, so that it cannot conflict with the service's ledger patch on the same run.
     */
    private void finish(GenericKubernetesResource run, String status, String reason) {
        Instant now = Instant.now();
        Map<String, Object> condition = Map.of("type", "Succeeded", "status", status, "reason", reason, "message", reason,
                "lastTransitionTime", now.toString());
        Map<String, Object> runStatus = Map.of("conditions", List.of(condition), "startTime", now.minusSeconds(30).toString(),
                "completionTime", now.toString());
        writer.genericKubernetesResources(run.getApiVersion(), "PipelineRun").inNamespace(run.getMetadata().getNamespace())
                .withName(run.getMetadata().getName()).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(Map.of("status", runStatus)));
    }

    /** Waits until the service's reporter has posted the run's final state and recorded it in the run's ledger. */
    private void awaitFinalStateRecorded(GenericKubernetesResource run) {
        await().atMost(BOUND).until(() -> {
            GenericKubernetesResource fresh = writer.genericKubernetesResources(run.getApiVersion(), "PipelineRun")
                    .inNamespace(run.getMetadata().getNamespace()).withName(run.getMetadata().getName()).get();
            // Gone means an earlier push pruned it, which needed its final state recorded too.
            return fresh == null || StatusReporting.stateOf(TrackedRun.of(fresh)).equals(TrackedRun.of(fresh).reported());
        });
    }

    private static byte[] payload(String sha) {
        try {
            ObjectNode push = (ObjectNode) JSON.readTree(GitHubDeliveries.fixture("push-forced.json"));
            push.put("after", sha);
            ((ObjectNode) push.get("head_commit")).put("id", sha);
            return JSON.writeValueAsBytes(push);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
