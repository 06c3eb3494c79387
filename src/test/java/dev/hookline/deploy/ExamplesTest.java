package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.hookline.tekton.PipelineRunFactory;
import dev.hookline.tekton.StructuralSchema;
import dev.hookline.trigger.RunPlanner;
import dev.hookline.trigger.Trigger;
import dev.hookline.trigger.TriggerMatcher;
import dev.hookline.trigger.TriggersFileParser;
import dev.hookline.webhook.PushEvent;
import dev.hookline.webhook.PushEventParser;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.tekton.v1beta1.PipelineDeclaredResource;
import io.fabric8.tekton.v1beta1.PipelineResourceBinding;

/**
 * The example pipelines under {@code kubernetes/examples/} and their triggers agree: each trigger, rendered through
 * Hookline's own code for a real push, yields a PipelineRun that passes exactly the params, workspaces and resources
 * its Pipeline declares, every Task a Pipeline references is applied with it, the Pipeline's tasks get what their
 * Tasks declare, and each Pipeline and Task fits the structural schema of Tekton's CRD for its version.
 */
class ExamplesTest {

    private static final Path V1 = Manifests.EXAMPLES.resolve("v1");
    private static final Path CLASSIC = Manifests.EXAMPLES.resolve("v1beta1-resources");
    private static final String DELIVERY = "72d3162e-cc78-11e3-81ab-4c9367dc0958";
    private static final List<Path> EXAMPLES = List.of(V1, CLASSIC);
    private static final Pattern PARAM_REFERENCE = Pattern.compile("\\$\\(params\\.([^)]+)\\)");

    // Loading needs no cluster: the client is only the fabric8 model's way in.
    private static KubernetesClient client;

    @BeforeAll
    static void client() {
        client = new KubernetesClientBuilder().build();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void v1Trigger_rendersARun_withExactlyThePipelinesParamsAndWorkspaces() {
        Trigger trigger = onlyTrigger(V1);
        PushEvent push = push("push-existing-branch.json");
        assertThat(TriggerMatcher.match(List.of(trigger), push).matches()).hasSize(1);

        var run = (io.fabric8.tekton.v1.PipelineRun) PipelineRunFactory
                .build(RunPlanner.plan(trigger, push, DELIVERY));
        var pipeline = Manifests.only(client, V1.resolve("pipeline.yaml"), io.fabric8.tekton.v1.Pipeline.class);

        assertThat(run.getApiVersion()).isEqualTo("tekton.dev/v1");
        assertThat(run.getSpec().getPipelineRef().getName()).isEqualTo(pipeline.getMetadata().getName());
        assertThat(run.getMetadata().getNamespace()).isEqualTo(pipeline.getMetadata().getNamespace());
        assertThat(run.getSpec().getParams()).extracting(io.fabric8.tekton.v1.Param::getName)
                .containsExactlyInAnyOrderElementsOf(
                        pipeline.getSpec().getParams().stream().map(io.fabric8.tekton.v1.ParamSpec::getName).toList());
        assertThat(run.getSpec().getWorkspaces()).extracting(io.fabric8.tekton.v1.WorkspaceBinding::getName)
                .containsExactlyInAnyOrderElementsOf(pipeline.getSpec().getWorkspaces().stream()
                        .map(io.fabric8.tekton.v1.PipelineWorkspaceDeclaration::getName).toList());
        Map<String, String> params = new LinkedHashMap<>();
        run.getSpec().getParams().forEach(p -> params.put(p.getName(), p.getValue().getStringVal()));
        assertThat(params).containsEntry("git-url", push.repository().sshUrl())
                .containsEntry("git-revision", push.after())
                .containsEntry("image", "registry.example.com/acme/api:" + push.after().substring(0, 7));

        // The ServiceAccount and the registry Secret the run names are the example's own.
        ServiceAccount account = Manifests.only(client, V1.resolve("serviceaccount.yaml"), ServiceAccount.class);
        assertThat(run.getSpec().getTaskRunTemplate().getServiceAccountName()).isEqualTo(account.getMetadata().getName());
        assertThat(account.getMetadata().getNamespace()).isEqualTo(pipeline.getMetadata().getNamespace());
        String registrySecret = run.getSpec().getWorkspaces().stream().filter(w -> w.getSecret() != null).findFirst()
                .orElseThrow().getSecret().getSecretName();
        List<Secret> secrets = secrets(V1);
        assertThat(secrets).anySatisfy(s -> {
            assertThat(s.getMetadata().getName()).isEqualTo(registrySecret);
            assertThat(s.getStringData()).containsKey("config.json");
        });
        assertThat(account.getSecrets()).allSatisfy(ref -> assertThat(secrets)
                .anySatisfy(s -> assertThat(s.getMetadata().getName()).isEqualTo(ref.getName())));
    }

    @Test
    void v1Pipeline_givesEachTaskWhatItDeclares() {
        var pipeline = Manifests.only(client, V1.resolve("pipeline.yaml"), io.fabric8.tekton.v1.Pipeline.class);
        Set<String> declaredParams = new TreeSet<>();
        pipeline.getSpec().getParams().forEach(p -> declaredParams.add(p.getName()));
        Set<String> declaredWorkspaces = new TreeSet<>();
        pipeline.getSpec().getWorkspaces().forEach(w -> declaredWorkspaces.add(w.getName()));
        Map<String, io.fabric8.tekton.v1.Task> tasks = new LinkedHashMap<>();
        applied(V1).stream().filter(io.fabric8.tekton.v1.Task.class::isInstance).map(io.fabric8.tekton.v1.Task.class::cast)
                .forEach(t -> tasks.put(t.getMetadata().getName(), t));

        for (io.fabric8.tekton.v1.PipelineTask pipelineTask : pipeline.getSpec().getTasks()) {
            pipelineTask.getParams().forEach(p -> assertThat(declaredParams)
                    .as("params referenced by task %s", pipelineTask.getName())
                    .containsAll(paramReferences(p.getValue().getStringVal())));
            pipelineTask.getWorkspaces().forEach(w -> assertThat(declaredWorkspaces).contains(w.getWorkspace()));
            String taskName = pipelineTask.getTaskRef().getName();
            io.fabric8.tekton.v1.Task task = tasks.get(taskName);
            assertThat(task).as("Task %s defined in %s", taskName, V1).isNotNull();
            assertThat(pipelineTask.getParams()).extracting(io.fabric8.tekton.v1.Param::getName)
                    .containsAll(task.getSpec().getParams().stream().filter(p -> p.getDefault() == null)
                            .map(io.fabric8.tekton.v1.ParamSpec::getName).toList())
                    .allSatisfy(name -> assertThat(task.getSpec().getParams())
                            .extracting(io.fabric8.tekton.v1.ParamSpec::getName).contains(name));
            // Every workspace the Task requires is bound, and only workspaces it declares (git-clone has optional ones).
            assertThat(pipelineTask.getWorkspaces()).extracting(io.fabric8.tekton.v1.WorkspacePipelineTaskBinding::getName)
                    .containsAll(task.getSpec().getWorkspaces().stream().filter(w -> !Boolean.TRUE.equals(w.getOptional()))
                            .map(io.fabric8.tekton.v1.WorkspaceDeclaration::getName).toList())
                    .allSatisfy(name -> assertThat(task.getSpec().getWorkspaces())
                            .extracting(io.fabric8.tekton.v1.WorkspaceDeclaration::getName).contains(name));
        }
        assertThat(tasks).as("Tasks applied with %s", V1).containsKeys("git-clone", "kaniko");
    }

    @Test
    void everyTaskAPipelineReferences_isAppliedWithIt() {
        for (Path example : EXAMPLES) {
            assertThat(missingTasks(example)).as("Tasks referenced but not applied by %s", example).isEmpty();
        }
    }

    @Test
    void missingTasks_namesATaskThatIsNotApplied(@TempDir Path folder) throws IOException {
        Files.copy(V1.resolve("pipeline.yaml"), folder.resolve("pipeline.yaml"));
        Files.copy(V1.resolve("task-kaniko.yaml"), folder.resolve("task-kaniko.yaml"));
        Files.writeString(folder.resolve(Manifests.KUSTOMIZATION), "resources: [pipeline.yaml, task-kaniko.yaml]\n");

        assertThat(missingTasks(folder)).containsExactly("Pipeline ci/build-and-push: task fetch-source runs Task ci/git-clone,"
                + " which the folder's kustomization does not apply");
    }

    @Test
    void everyPipelineAndTask_fitsTheStructuralSchemaOfItsVersion() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path example : EXAMPLES) {
            for (Path file : ManifestsTest.listedFiles(example)) {
                for (JsonNode object : Manifests.documents(file)) {
                    String kind = object.path("kind").asText();
                    if (!Set.of("Pipeline", "Task").contains(kind)) {
                        continue;
                    }
                    String version = object.path("apiVersion").asText().replace("tekton.dev/", "");
                    String crd = "/tekton/300-" + kind.toLowerCase(Locale.ROOT) + ".yaml";
                    StructuralSchema.ofCrd(crd, version).validate(object).forEach(p -> problems.add(file + ": " + p));
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(5);
        assertThat(problems).isEmpty();
    }

    @Test
    void classicTrigger_rendersARun_bindingExactlyThePipelinesResources() {
        Trigger trigger = onlyTrigger(CLASSIC);
        PushEvent push = push("push-existing-branch.json");
        assertThat(TriggerMatcher.match(List.of(trigger), push).matches()).hasSize(1);

        var run = (io.fabric8.tekton.v1beta1.PipelineRun) PipelineRunFactory
                .build(RunPlanner.plan(trigger, push, DELIVERY));
        var pipeline = Manifests.only(client, CLASSIC.resolve("pipeline.yaml"), io.fabric8.tekton.v1beta1.Pipeline.class);

        assertThat(run.getApiVersion()).isEqualTo("tekton.dev/v1beta1");
        assertThat(run.getSpec().getPipelineRef().getName()).isEqualTo(pipeline.getMetadata().getName());
        assertThat(run.getMetadata().getNamespace()).isEqualTo(pipeline.getMetadata().getNamespace());
        Map<String, String> bound = new LinkedHashMap<>();
        for (PipelineResourceBinding binding : run.getSpec().getResources()) {
            bound.put(binding.getName(), binding.getResourceSpec().getType());
        }
        Map<String, String> declared = new LinkedHashMap<>();
        for (PipelineDeclaredResource resource : pipeline.getSpec().getResources()) {
            declared.put(resource.getName(), resource.getType());
        }
        assertThat(bound).isEqualTo(declared);
        assertThat(run.getSpec().getParams()).extracting(io.fabric8.tekton.v1beta1.Param::getName)
                .containsExactlyInAnyOrderElementsOf(pipeline.getSpec().getParams() == null
                        ? List.of()
                        : pipeline.getSpec().getParams().stream().map(io.fabric8.tekton.v1beta1.ParamSpec::getName).toList());
        assertThat(run.getSpec().getWorkspaces()).isEmpty();

        ServiceAccount account = Manifests.only(client, CLASSIC.resolve("serviceaccount.yaml"), ServiceAccount.class);
        assertThat(run.getSpec().getServiceAccountName()).isEqualTo(account.getMetadata().getName());
        assertThat(account.getMetadata().getNamespace()).isEqualTo(pipeline.getMetadata().getNamespace());
        List<Secret> secrets = secrets(CLASSIC);
        assertThat(account.getSecrets()).allSatisfy(ref -> assertThat(secrets)
                .anySatisfy(s -> assertThat(s.getMetadata().getName()).isEqualTo(ref.getName())));
        // The git resource is bound to the HTTPS clone URL: the git credentials must be for https://github.com.
        assertThat(secrets).anySatisfy(s -> assertThat(s.getMetadata().getAnnotations())
                .containsEntry("tekton.dev/git-0", "https://github.com"));
    }

    @Test
    void classicPipeline_passesItsResourcesToTheTaskThatDeclaresThem() {
        var pipeline = Manifests.only(client, CLASSIC.resolve("pipeline.yaml"), io.fabric8.tekton.v1beta1.Pipeline.class);
        var task = Manifests.only(client, CLASSIC.resolve("task-kaniko-classic.yaml"), io.fabric8.tekton.v1beta1.Task.class);
        Map<String, String> declared = new LinkedHashMap<>();
        pipeline.getSpec().getResources().forEach(r -> declared.put(r.getName(), r.getType()));
        Map<String, String> inputs = new LinkedHashMap<>();
        task.getSpec().getResources().getInputs().forEach(r -> inputs.put(r.getName(), r.getType()));
        Map<String, String> outputs = new LinkedHashMap<>();
        task.getSpec().getResources().getOutputs().forEach(r -> outputs.put(r.getName(), r.getType()));

        var pipelineTask = pipeline.getSpec().getTasks().stream()
                .filter(t -> t.getTaskRef().getName().equals(task.getMetadata().getName())).findFirst().orElseThrow();
        Map<String, String> passedIn = new LinkedHashMap<>();
        pipelineTask.getResources().getInputs().forEach(r -> passedIn.put(r.getName(), declared.get(r.getResource())));
        Map<String, String> passedOut = new LinkedHashMap<>();
        pipelineTask.getResources().getOutputs().forEach(r -> passedOut.put(r.getName(), declared.get(r.getResource())));
        assertThat(passedIn).isEqualTo(inputs);
        assertThat(passedOut).isEqualTo(outputs);
    }

    @Test
    void baseConfigMap_shipsTheV1ExampleTrigger() {
        ConfigMap configMap = Manifests.only(client, Manifests.BASE.resolve("configmap-triggers.yaml"), ConfigMap.class);
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try {
            JsonNode shipped = yaml.readTree(configMap.getData().get(Manifests.TRIGGERS));
            JsonNode example = yaml.readTree(Manifests.read(V1.resolve(Manifests.TRIGGERS)));
            assertThat(shipped).isEqualTo(example);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Each task of each Pipeline the folder's kustomization applies whose Task it does not apply in the same
     * namespace; a task that names a resolver, a bundle or a ClusterTask counts as missing, since the examples fetch
     * nothing at run time.
     */
    private static List<String> missingTasks(Path folder) {
        List<JsonNode> objects = new ArrayList<>();
        ManifestsTest.listedFiles(folder).forEach(file -> objects.addAll(Manifests.documents(file)));
        Set<String> tasks = new TreeSet<>();
        objects.stream().filter(o -> o.path("kind").asText().equals("Task")).forEach(o -> tasks.add(qualified(o, o)));
        List<String> missing = new ArrayList<>();
        for (JsonNode pipeline : objects.stream().filter(o -> o.path("kind").asText().equals("Pipeline")).toList()) {
            for (String section : List.of("tasks", "finally")) {
                for (JsonNode task : pipeline.path("spec").path(section)) {
                    JsonNode ref = task.path("taskRef");
                    String target = ref.has("name") && ref.path("kind").asText("Task").equals("Task")
                            && !ref.has("resolver") && !ref.has("bundle") ? qualified(pipeline, ref) : null;
                    if (target == null || !tasks.contains(target)) {
                        missing.add("Pipeline " + qualified(pipeline, pipeline) + ": task " + task.path("name").asText()
                                + " runs " + (target == null ? "a Task from elsewhere (" + ref + ")" : "Task " + target)
                                + ", which the folder's kustomization does not apply");
                    }
                }
            }
        }
        return missing;
    }

    /** namespace/name: the namespace of {@code in}, the name of {@code named}. */
    private static String qualified(JsonNode in, JsonNode named) {
        JsonNode name = named.has("metadata") ? named.path("metadata").path("name") : named.path("name");
        return in.path("metadata").path("namespace").asText() + "/" + name.asText();
    }

    private static Trigger onlyTrigger(Path folder) {
        Path file = folder.resolve(Manifests.TRIGGERS);
        List<Trigger> triggers = TriggersFileParser.parse(file.toString(), Manifests.read(file));
        assertThat(triggers).hasSize(1);
        return triggers.get(0);
    }

    private static PushEvent push(String fixture) {
        try (InputStream in = ExamplesTest.class.getResourceAsStream("/github/" + fixture)) {
            return PushEventParser.parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<HasMetadata> applied(Path folder) {
        List<HasMetadata> objects = new ArrayList<>();
        ManifestsTest.listedFiles(folder).forEach(file -> objects.addAll(Manifests.load(client, file)));
        return objects;
    }

    private static List<Secret> secrets(Path folder) {
        List<HasMetadata> objects = Manifests.load(client, folder.resolve("secrets.example.yaml"));
        return objects.stream().filter(Secret.class::isInstance).map(Secret.class::cast).toList();
    }

    private static Set<String> paramReferences(String value) {
        Set<String> names = new TreeSet<>();
        if (value != null) {
            Matcher matcher = PARAM_REFERENCE.matcher(value);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }
}
