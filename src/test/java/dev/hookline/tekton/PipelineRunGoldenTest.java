package dev.hookline.tekton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.hookline.trigger.RunPlanner;
import dev.hookline.trigger.Trigger;
import dev.hookline.trigger.TriggersFileParser;
import dev.hookline.webhook.GitHubDeliveries;
import dev.hookline.webhook.PushEvent;
import dev.hookline.webhook.PushEventParser;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The PipelineRun of each API flavour for one real push, compared with a reviewed golden file and validated against
 * the structural schema of Tekton's CRD for that version. A golden file that is missing is written and the test fails,
 * so that it is read before it is trusted; {@code -Dgolden.update=true} rewrites them all.
 */
class PipelineRunGoldenTest {

    /** The delivery id GitHub's documentation uses; fixed so that run names are stable. */
    static final String DELIVERY = "72d3162e-cc78-11e3-81ab-4c9367dc0958";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} renders as golden/{1}")
    @CsvSource({"api-image, pipelinerun-v1.yaml", "api-classic, pipelinerun-v1beta1-resources.yaml"})
    void renderedRun_equalsGoldenFile(String trigger, String golden) throws IOException {
        String yaml = render(trigger);
        Path file = Path.of("src/test/resources/golden", golden);
        if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            fail("wrote " + file + ": read it against Tekton's documentation, then run again");
        }
        assertThat(yaml).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0} is a valid tekton.dev/{1} PipelineRun")
    @CsvSource({"api-image, v1", "api-classic, v1beta1"})
    void renderedRun_passesTheStructuralSchemaOfItsVersion(String trigger, String version) throws IOException {
        JsonNode run = YAML.readTree(render(trigger));
        assertThat(run.path("apiVersion").asText()).isEqualTo("tekton.dev/" + version);
        assertThat(StructuralSchema.ofCrd(TektonCrds.PIPELINERUN_CRD, version).validate(run)).isEmpty();
    }

    @ParameterizedTest(name = "{0} sends no empty lists or maps")
    @CsvSource({"api-image", "api-classic"})
    void renderedRun_sendsNoEmptyListsOrMaps(String trigger) throws IOException {
        // What the client sends is JSON; an empty list there would override a Pipeline default with nothing.
        JsonNode run = JSON.readTree(Serialization.asJson(build(trigger)));
        assertThat(empties(run, "$", new ArrayList<>())).isEmpty();
    }

    @ParameterizedTest(name = "the v1beta1 schema refuses the {0} run")
    @CsvSource({"api-image"})
    void v1Run_isNotAValidV1beta1Run_soTheSchemaCheckHasTeeth(String trigger) throws IOException {
        JsonNode run = YAML.readTree(render(trigger));
        // v1beta1 has no taskRunTemplate: if the validator accepted this, it would accept anything.
        assertThat(StructuralSchema.ofCrd(TektonCrds.PIPELINERUN_CRD, "v1beta1").validate(run))
                .contains("$.spec.taskRunTemplate: unknown field; the API server would prune it");
    }

    @Test
    void classicTriggerWithTheSshForm_bindsTheGitResourceToTheRepositorysSshUrl() throws IOException {
        Trigger ssh = TriggersFileParser.parse("triggers.yaml", """
                triggers:
                  - name: api-classic-ssh
                    repository: acme/api
                    api: v1beta1-resources
                    namespace: ci-classic
                    pipeline: build-and-push
                    service-account: gitsa
                    resources:
                      git: { name: source-repo, url: "{repo.sshUrl}" }
                      image: { name: source-image, url: "registry.example.com/acme/api:{shortSha}" }
                """).get(0);
        JsonNode run = YAML.readTree(Serialization.asYaml(
                PipelineRunFactory.build(RunPlanner.plan(ssh, push("push-existing-branch.json"), DELIVERY))));

        JsonNode git = run.path("spec").path("resources").get(0);
        assertThat(git.path("name").asText()).isEqualTo("source-repo");
        assertThat(git.path("resourceSpec").path("type").asText()).isEqualTo("git");
        // What Tekton's git-init gets as -url: with a deploy key (ssh-auth Secret, tekton.dev/git-0: github.com) only
        // an SSH URL is offered the key.
        assertThat(git.path("resourceSpec").path("params").toString())
                .isEqualTo("[{\"name\":\"url\",\"value\":\"git@github.com:acme/api.git\"},"
                        + "{\"name\":\"revision\",\"value\":\"630bc9ca202b83edc7cebcb455baeb7502819363\"}]");
        assertThat(StructuralSchema.ofCrd(TektonCrds.PIPELINERUN_CRD, "v1beta1").validate(run)).isEmpty();
    }

    static String render(String trigger) {
        return Serialization.asYaml(build(trigger));
    }

    static io.fabric8.kubernetes.api.model.HasMetadata build(String trigger) {
        return PipelineRunFactory.build(RunPlanner.plan(trigger(trigger), push("push-existing-branch.json"), DELIVERY));
    }

    static Trigger trigger(String name) {
        try (InputStream in = PipelineRunGoldenTest.class.getResourceAsStream("/triggers/test-triggers.yaml")) {
            String content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return TriggersFileParser.parse("test-triggers.yaml", content).stream().filter(t -> t.name().equals(name))
                    .findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PushEvent push(String fixture) {
        try {
            return PushEventParser.parse(JSON.readTree(GitHubDeliveries.fixture(fixture)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> empties(JsonNode node, String path, List<String> found) {
        if (node.isContainerNode() && node.isEmpty() && !path.endsWith(".emptyDir")) {
            found.add(path);
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                empties(node.get(i), path + "[" + i + "]", found);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                empties(field.getValue(), path + "." + field.getKey(), found);
            }
        }
        return found;
    }
}
