package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.hookline.trigger.TriggersFileParser;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * The deployment manifests under {@code kubernetes/}: every object is a kind the model knows with only fields it
 * knows, every kustomization lists files that exist, the base applies to a cluster, and the Deployment agrees with
 * the service's own configuration.
 */
class ManifestsTest {

    /** Tekton's CRDs, so that the example Pipelines and Tasks can be applied next to the base. */
    private static final List<String> TEKTON_CRDS = List.of("/tekton/300-pipeline.yaml", "/tekton/300-task.yaml",
            "/tekton/300-pipelinerun.yaml");

    /**
     * Environment variables the Deployment may set that are not Hookline properties, each with its reader.
     */
    private static final Map<String, String> OTHER_ENVIRONMENT = Map.of(
            "POD_NAMESPACE", "the namespace of the leader election Lease (downward API)",
            "JAVA_MAX_MEM_RATIO", "the JVM image's run-java.sh, as -XX:MaxRAMPercentage");

    private static KubernetesMockServer server;
    private static KubernetesClient client;
    private static final ServiceConfiguration service = new ServiceConfiguration();

    @BeforeAll
    static void applyBaseToCluster() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        server.init();
        client = server.createClient();
        for (String crd : TEKTON_CRDS) {
            try (InputStream in = ManifestsTest.class.getResourceAsStream(crd)) {
                client.apiextensions().v1().customResourceDefinitions().load(in).create();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (Path file : listedFiles(Manifests.BASE)) {
            Manifests.load(client, file).forEach(object -> client.resource(object).create());
        }
        // The examples next to it, as a cluster running both would hold them.
        for (Path example : List.of(Manifests.EXAMPLES.resolve("v1"), Manifests.EXAMPLES.resolve("v1beta1-resources"))) {
            for (Path file : listedFiles(example)) {
                Manifests.load(client, file).forEach(object -> client.resource(object).create());
            }
        }
    }

    @AfterAll
    static void stopCluster() {
        client.close();
        server.destroy();
    }

    @Test
    void everyObject_isAKindTheModelKnows_withOnlyKnownFields() {
        List<String> problems = new ArrayList<>();
        for (Path file : Manifests.objectFiles()) {
            List<HasMetadata> objects = Manifests.load(client, file);
            if (objects.size() != Manifests.documents(file).size()) {
                problems.add(file + ": " + Manifests.documents(file).size() + " YAML documents but " + objects.size()
                        + " objects loaded");
            }
            for (HasMetadata object : objects) {
                String where = file + ": " + object.getKind() + " " + object.getMetadata().getName();
                if (object instanceof GenericKubernetesResource) {
                    problems.add(where + ": " + object.getApiVersion() + " " + object.getKind()
                            + " is not a kind the fabric8 model knows (misspelt kind or apiVersion?)");
                    continue;
                }
                Manifests.unknownFields(object).forEach(field -> problems.add(where + ": unknown field " + field));
                if (object.getMetadata().getNamespace() == null && !object.getKind().equals("Namespace")) {
                    problems.add(where + ": names no namespace (the base has no kustomize `namespace:` on purpose)");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyKustomization_listsFilesThatExist_andEveryManifestIsListedOnce() {
        List<String> problems = new ArrayList<>();
        Set<Path> listed = new LinkedHashSet<>();
        for (Path kustomization : Manifests.yamlFiles().stream().filter(Manifests::isKustomization).toList()) {
            JsonNode root = Manifests.document(kustomization);
            String kind = root.path("kind").asText();
            if (!Set.of("Kustomization", "Component").contains(kind)) {
                problems.add(kustomization + ": kind '" + kind + "' is neither Kustomization nor Component");
            }
            for (Path entry : entries(kustomization)) {
                Path target = kustomization.getParent().resolve(entry.toString()).normalize();
                if (Files.isDirectory(target)) {
                    if (!Files.exists(target.resolve(Manifests.KUSTOMIZATION))) {
                        problems.add(kustomization + ": " + entry + " is a folder without a kustomization.yaml");
                    }
                } else if (!Files.isRegularFile(target)) {
                    problems.add(kustomization + ": " + entry + " does not exist");
                } else if (Manifests.isTemplate(target)) {
                    problems.add(kustomization + ": " + entry + " is a template and must never be applied");
                } else if (!listed.add(target)) {
                    problems.add(kustomization + ": " + entry + " is listed twice");
                }
            }
        }
        for (Path file : Manifests.objectFiles()) {
            if (!Manifests.isTemplate(file) && !listed.contains(file.normalize())) {
                problems.add(file + " is listed by no kustomization");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyTriggersFile_andTheTriggersConfigMap_validate() {
        List<Path> triggersFiles = Manifests.yamlFiles().stream().filter(Manifests::isTriggersFile).toList();
        assertThat(triggersFiles).isNotEmpty();
        // TriggersFileParser throws with every problem listed, naming file, trigger and field.
        triggersFiles.forEach(file -> assertThat(TriggersFileParser.parse(file.toString(), Manifests.read(file))).isNotEmpty());
        assertThat(TriggersFileParser.parse("ConfigMap hookline-triggers", triggersYaml())).isNotEmpty();
    }

    @Test
    void base_isInTheCluster() {
        assertThat(client.namespaces().withName("hookline").get()).isNotNull();
        assertThat(client.serviceAccounts().inNamespace("hookline").withName("hookline").get()).isNotNull();
        assertThat(deployment().getSpec().getReplicas()).isEqualTo(2);
        assertThat(client.configMaps().inNamespace("hookline").withName("hookline-triggers").get()).isNotNull();
        assertThat(client.policy().v1().podDisruptionBudget().inNamespace("hookline").withName("hookline").get()
                .getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        assertThat(client.rbac().roles().inNamespace("ci").withName("hookline-pipelineruns").get()).isNotNull();
        assertThat(client.rbac().roleBindings().inNamespace("ci").withName("hookline-pipelineruns").get()).isNotNull();
        assertThat(client.rbac().roles().inNamespace("hookline").withName("hookline-leader-election").get()).isNotNull();
        // Nothing in the base is cluster-wide but the Namespace.
        assertThat(client.rbac().clusterRoles().list().getItems()).isEmpty();
        assertThat(client.rbac().clusterRoleBindings().list().getItems()).isEmpty();
    }

    @Test
    void examples_areInTheCluster_asTektonObjects() {
        assertThat(client.resources(io.fabric8.tekton.v1.Pipeline.class).inNamespace("ci").withName("build-and-push").get())
                .isNotNull();
        assertThat(client.resources(io.fabric8.tekton.v1.Task.class).inNamespace("ci").list().getItems())
                .extracting(t -> t.getMetadata().getName()).containsExactlyInAnyOrder("git-clone", "kaniko");
        assertThat(client.namespaces().withName("ci").get()).isNotNull();
        assertThat(client.namespaces().withName("ci-classic").get()).isNotNull();
        assertThat(client.resources(io.fabric8.tekton.v1beta1.Pipeline.class).inNamespace("ci-classic")
                .withName("build-and-push").get().getSpec().getResources()).hasSize(2);
        assertThat(client.serviceAccounts().inNamespace("ci").withName("gitsa").get()).isNotNull();
    }

    @Test
    void rbac_grantsNoSecretsAndNoWildcards() {
        List<Role> roles = Manifests.objectFiles().stream().flatMap(f -> Manifests.load(client, f).stream())
                .filter(Role.class::isInstance).map(Role.class::cast).toList();
        assertThat(roles).isNotEmpty();
        roles.forEach(role -> role.getRules().forEach(rule -> {
            assertThat(rule.getResources()).as("resources of Role %s", role.getMetadata().getName())
                    .doesNotContain("*", "secrets");
            assertThat(rule.getVerbs()).as("verbs of Role %s", role.getMetadata().getName()).doesNotContain("*");
            assertThat(rule.getApiGroups()).as("apiGroups of Role %s", role.getMetadata().getName()).doesNotContain("*");
        }));
    }

    @Test
    void probes_useQuarkusHealthPaths_onTheHttpPort() {
        assertThat(service.managementInterfaceEnabled()).as("health is served on the HTTP port").isFalse();
        Container container = container();
        assertThat(container.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getContainerPort()).isEqualTo(service.httpPort());
        });
        assertProbe(container.getLivenessProbe(), service.livenessPath());
        assertProbe(container.getReadinessProbe(), service.readinessPath());
        assertProbe(container.getStartupProbe(), service.startupPath());
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get.getPath()).isEqualTo(path);
        assertThat(get.getPort().getStrVal()).isEqualTo("http");
    }

    @Test
    void triggersConfigMap_isMountedAsADirectory_whereHooklineReadsIt() {
        Container container = container();
        Path triggersFile = Path.of(env(container, "HOOKLINE_TRIGGERS_FILE").getValue());
        VolumeMount mount = container.getVolumeMounts().stream()
                .filter(m -> Path.of(m.getMountPath()).equals(triggersFile.getParent())).findFirst()
                .orElseThrow(() -> new AssertionError("nothing is mounted at " + triggersFile.getParent()));
        // A subPath mount never sees ConfigMap updates, and the service's reload would never fire.
        assertThat(mount.getSubPath()).isNull();
        assertThat(mount.getReadOnly()).isTrue();
        Volume volume = volume(mount.getName());
        assertThat(volume.getConfigMap().getName()).isEqualTo("hookline-triggers");
        assertThat(volume.getConfigMap().getItems()).isNullOrEmpty();
        ConfigMap configMap = client.configMaps().inNamespace("hookline").withName("hookline-triggers").get();
        assertThat(configMap.getData()).containsKey(triggersFile.getFileName().toString());
    }

    @Test
    void everyEnvironmentVariable_isAHooklineProperty_orADocumentedExtra() {
        Set<String> properties = ServiceConfiguration.hooklineEnvironmentVariables();
        assertThat(properties).contains("HOOKLINE_WEBHOOK_SECRETS", "HOOKLINE_TRIGGERS_FILE", "HOOKLINE_GITHUB_TOKEN",
                "HOOKLINE_GITHUB_PRIVATE_KEY_FILE");
        List<String> problems = new ArrayList<>();
        // The base and every component patch that adds variables.
        for (Deployment deployment : deploymentsInFiles()) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                for (EnvVar env : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
                    if (!properties.contains(env.getName()) && !OTHER_ENVIRONMENT.containsKey(env.getName())) {
                        problems.add(env.getName() + " is no property of HooklineConfig; known are " + properties);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void secrets_comeFromTheSecret_asTheTemplateDocumentsIt() {
        Path template = Manifests.BASE.resolve("secret.example.yaml");
        Secret secret = Manifests.only(client, template, Secret.class);
        Set<String> documented = secret.getStringData().keySet();
        Container container = container();
        assertThat(secretKey(container, "HOOKLINE_WEBHOOK_SECRETS").getOptional()).isNotEqualTo(Boolean.TRUE);
        assertThat(secretKey(container, "HOOKLINE_GITHUB_TOKEN").getOptional()).isTrue();
        Set<String> read = new TreeSet<>();
        for (Deployment deployment : deploymentsInFiles()) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            pod.getContainers().stream()
                    .flatMap(c -> c.getEnv() == null ? Stream.empty() : c.getEnv().stream())
                    .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                    .map(e -> e.getValueFrom().getSecretKeyRef())
                    .forEach(ref -> {
                        assertThat(ref.getName()).isEqualTo(secret.getMetadata().getName());
                        read.add(ref.getKey());
                    });
            if (pod.getVolumes() != null) {
                pod.getVolumes().stream().filter(v -> v.getSecret() != null).forEach(v -> {
                    assertThat(v.getSecret().getSecretName()).isEqualTo(secret.getMetadata().getName());
                    v.getSecret().getItems().forEach(item -> read.add(item.getKey()));
                });
            }
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(read);
        // The Secret is created by hand, never applied by kustomize.
        assertThat(client.secrets().inAnyNamespace().list().getItems()).isEmpty();
    }

    @Test
    void container_runsLockedDown() {
        PodSpec pod = deployment().getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getServiceAccountName()).isEqualTo("hookline");
        Container container = container();
        var security = container.getSecurityContext();
        assertThat(security.getRunAsNonRoot()).isTrue();
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getPrivileged()).isNotEqualTo(Boolean.TRUE);
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        // With a read-only root, /tmp is the one writable place the JVM and Vert.x need.
        VolumeMount tmp = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst()
                .orElseThrow(() -> new AssertionError("no volume at /tmp"));
        assertThat(volume(tmp.getName()).getEmptyDir()).isNotNull();
    }

    @Test
    void resources_haveRequestsAndLimits_memoryRequestedAsLimited() {
        var resources = container().getResources();
        assertThat(resources.getRequests()).containsKeys("cpu", "memory");
        assertThat(resources.getLimits()).containsKeys("cpu", "memory");
        // The JVM sizes its heap as a share of the limit (MaxRAMPercentage): all of it must be guaranteed.
        assertThat(Quantity.getAmountInBytes(resources.getRequests().get("memory")))
                .isEqualByComparingTo(Quantity.getAmountInBytes(resources.getLimits().get("memory")));
        assertThat(env(container(), "JAVA_MAX_MEM_RATIO").getValue()).matches("[1-9][0-9]");
    }

    @Test
    void service_budget_andPolicy_selectTheDeploymentsPods() {
        Map<String, String> podLabels = deployment().getSpec().getTemplate().getMetadata().getLabels();
        Service svc = client.services().inNamespace("hookline").withName("hookline").get();
        assertThat(podLabels).containsAllEntriesOf(svc.getSpec().getSelector());
        assertThat(svc.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getPort()).isEqualTo(80);
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
        });
        PodDisruptionBudget budget = client.policy().v1().podDisruptionBudget().inNamespace("hookline").withName("hookline")
                .get();
        assertThat(podLabels).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
        NetworkPolicy policy = client.network().v1().networkPolicies().inNamespace("hookline").withName("hookline").get();
        assertThat(podLabels).containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getPorts()).singleElement()
                    .satisfies(port -> assertThat(port.getPort().getIntVal()).isEqualTo(service.httpPort()));
        });
    }

    @Test
    void kustomize_buildsTheBase_theOverlay_andTheComponents() throws IOException, InterruptedException {
        // kubectl is not a build dependency: where it is missing, the file checks above still ran.
        assumeTrue(Kustomize.available(), "kubectl is not installed");
        Set<String> base = new TreeSet<>();
        listedFiles(Manifests.BASE).forEach(f -> Manifests.load(client, f).forEach(o -> base.add(id(o))));
        assertThat(ids(Kustomize.build(Manifests.ROOT))).isEqualTo(base);

        Set<String> overlay = ids(Kustomize.build(Manifests.ROOT.resolve("overlays/another-namespace")));
        assertThat(overlay).containsAll(base)
                .contains("Role ci-classic/hookline-pipelineruns", "RoleBinding ci-classic/hookline-pipelineruns");

        // A user's overlay enabling every component; it must live outside kubernetes/base (kustomize refuses cycles).
        Path user = Path.of("target/kustomize-all-components");
        Files.createDirectories(user);
        StringBuilder kustomization = new StringBuilder("""
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [../../kubernetes/base]
                components:
                """);
        try (var components = Files.list(Manifests.ROOT.resolve("components"))) {
            components.sorted().forEach(c -> kustomization.append("  - ../../").append(c.toString()).append('\n'));
        }
        Files.writeString(user.resolve(Manifests.KUSTOMIZATION), kustomization);
        List<HasMetadata> all = Kustomize.build(user);
        assertThat(ids(all)).containsAll(base).contains("Ingress hookline/hookline", "ServiceMonitor hookline/hookline");
        Deployment deployment = all.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).findFirst()
                .orElseThrow();
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getEnv()).extracting(EnvVar::getName).contains("HOOKLINE_WEBHOOK_SECRETS",
                "HOOKLINE_GITHUB_APP_ID", "HOOKLINE_GITHUB_PRIVATE_KEY_FILE");
        String keyFile = env(container, "HOOKLINE_GITHUB_PRIVATE_KEY_FILE").getValue();
        assertThat(container.getVolumeMounts()).anySatisfy(m -> assertThat(keyFile).startsWith(m.getMountPath() + "/"));
        // components/step-logs appends get on pods/log to the pipeline namespace's Role, as HooklineRoles (and so
        // RbacDriftStepLogsTest) applies it.
        Role pipelines = all.stream().filter(Role.class::isInstance).map(Role.class::cast)
                .filter(r -> r.getMetadata().getName().equals("hookline-pipelineruns")).findFirst().orElseThrow();
        assertThat(pipelines.getRules()).hasSize(Manifests.only(client, Manifests.BASE.resolve("rbac-pipelines.yaml"),
                Role.class).getRules().size() + 1);
        assertThat(pipelines.getRules().get(pipelines.getRules().size() - 1)).satisfies(rule -> {
            assertThat(rule.getApiGroups()).containsExactly("");
            assertThat(rule.getResources()).containsExactly("pods/log");
            assertThat(rule.getVerbs()).containsExactly("get");
        });
    }

    private static Set<String> ids(List<HasMetadata> objects) {
        Set<String> ids = new TreeSet<>();
        objects.forEach(o -> ids.add(id(o)));
        return ids;
    }

    private static String id(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return object.getKind() + " " + (namespace == null ? "" : namespace + "/") + object.getMetadata().getName();
    }

    private static Deployment deployment() {
        return client.apps().deployments().inNamespace("hookline").withName("hookline").get();
    }

    private static Container container() {
        return deployment().getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals("hookline")).findFirst().orElseThrow();
    }

    private static Volume volume(String name) {
        return deployment().getSpec().getTemplate().getSpec().getVolumes().stream().filter(v -> v.getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static EnvVar env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("the container does not set " + name));
    }

    private static SecretKeySelector secretKey(Container container, String name) {
        return env(container, name).getValueFrom().getSecretKeyRef();
    }

    /** Every Deployment under kubernetes/: the base's and the patches of components. */
    private static List<Deployment> deploymentsInFiles() {
        return Manifests.objectFiles().stream().flatMap(f -> Manifests.load(client, f).stream())
                .filter(Deployment.class::isInstance).map(Deployment.class::cast).toList();
    }

    private static String triggersYaml() {
        return client.configMaps().inNamespace("hookline").withName("hookline-triggers").get().getData()
                .get(Manifests.TRIGGERS);
    }

    /** The files a kustomization applies, in its order: its resources, folders resolved to their own files. */
    static List<Path> listedFiles(Path folder) {
        List<Path> files = new ArrayList<>();
        Path kustomization = folder.resolve(Manifests.KUSTOMIZATION);
        for (JsonNode resource : Manifests.document(kustomization).path("resources")) {
            Path target = folder.resolve(resource.asText()).normalize();
            if (Files.isDirectory(target)) {
                files.addAll(listedFiles(target));
            } else {
                files.add(target);
            }
        }
        return files;
    }

    /** Every path a kustomization names: resources, components and patch files. */
    private static List<Path> entries(Path kustomization) {
        JsonNode root = Manifests.document(kustomization);
        List<Path> entries = new ArrayList<>();
        for (String field : List.of("resources", "components", "patchesStrategicMerge")) {
            root.path(field).forEach(node -> entries.add(Path.of(node.asText())));
        }
        root.path("patches").forEach(patch -> {
            if (patch.has("path")) {
                entries.add(Path.of(patch.get("path").asText()));
            }
        });
        if (root.isObject() && entries.isEmpty()) {
            fail(kustomization + " lists nothing");
        }
        return entries;
    }
}
