package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.hookline.tekton.PipelineRunFactory;
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
 * its Pipeline declares, and the Pipeline's tasks get what their Tasks declare.
 */
class ExamplesTest {

    private static final Path V1 = Manifests.EXAMPLES.resolve("v1");
    private static final Path CLASSIC = Manifests.EXAMPLES.resolve("v1beta1-resources");
    private static final String DELIVERY = "72d3162e-cc78-11e3-81ab-4c9367dc0958";
    /** Tasks the examples take from the Tekton catalog instead of defining them. */
    private static final Set<String> CATALOG_TASKS = Set.of("git-clone");
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
        Manifests.load(client, V1.resolve("task-kaniko.yaml"))
                .forEach(t -> tasks.put(t.getMetadata().getName(), (io.fabric8.tekton.v1.Task) t));

        for (io.fabric8.tekton.v1.PipelineTask pipelineTask : pipeline.getSpec().getTasks()) {
            pipelineTask.getParams().forEach(p -> assertThat(declaredParams)
                    .as("params referenced by task %s", pipelineTask.getName())
                    .containsAll(paramReferences(p.getValue().getStringVal())));
            pipelineTask.getWorkspaces().forEach(w -> assertThat(declaredWorkspaces).contains(w.getWorkspace()));
            String taskName = pipelineTask.getTaskRef().getName();
            if (CATALOG_TASKS.contains(taskName)) {
                continue;
            }
            io.fabric8.tekton.v1.Task task = tasks.get(taskName);
            assertThat(task).as("Task %s defined in %s", taskName, V1).isNotNull();
            assertThat(pipelineTask.getParams()).extracting(io.fabric8.tekton.v1.Param::getName)
                    .containsAll(task.getSpec().getParams().stream().filter(p -> p.getDefault() == null)
                            .map(io.fabric8.tekton.v1.ParamSpec::getName).toList())
                    .allSatisfy(name -> assertThat(task.getSpec().getParams())
                            .extracting(io.fabric8.tekton.v1.ParamSpec::getName).contains(name));
            assertThat(pipelineTask.getWorkspaces()).extracting(io.fabric8.tekton.v1.WorkspacePipelineTaskBinding::getName)
                    .containsExactlyInAnyOrderElementsOf(task.getSpec().getWorkspaces().stream()
                            .map(io.fabric8.tekton.v1.WorkspaceDeclaration::getName).toList());
        }
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
