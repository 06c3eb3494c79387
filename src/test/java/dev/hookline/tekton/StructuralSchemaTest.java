package dev.hookline.tekton;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The schema validator the golden tests rely on: it must refuse what the API server would refuse or prune. */
class StructuralSchemaTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final StructuralSchema V1 = StructuralSchema.ofCrd(TektonCrds.PIPELINERUN_CRD, "v1");

    private static final String VALID_V1 = """
            apiVersion: tekton.dev/v1
            kind: PipelineRun
            metadata: { name: build-1, namespace: ci }
            spec:
              pipelineRef: { name: build }
              params:
                - { name: revision, value: abc123 }
              taskRunTemplate: { serviceAccountName: builder }
              timeouts: { pipeline: 1h }
              workspaces:
                - name: source
                  volumeClaimTemplate: { spec: { accessModes: [ReadWriteOnce] } }
            """;

    @Test
    void validRun_hasNoErrors() throws JsonProcessingException {
        assertThat(V1.validate(yaml(VALID_V1))).isEmpty();
    }

    @Test
    void unknownField_isAnErrorWithItsPath() throws JsonProcessingException {
        JsonNode run = yaml(VALID_V1.replace("pipelineRef: { name: build }", "pipelineRef: { name: build, nmae: x }"));
        assertThat(V1.validate(run)).containsExactly("$.spec.pipelineRef.nmae: unknown field; the API server would prune it");
    }

    @Test
    void wrongType_isAnError() throws JsonProcessingException {
        JsonNode run = yaml(VALID_V1.replace("timeouts: { pipeline: 1h }", "timeouts: { pipeline: 3600 }"));
        assertThat(V1.validate(run)).containsExactly("$.spec.timeouts.pipeline: must be of type string, is number");
    }

    @Test
    void missingRequiredField_isAnError() throws JsonProcessingException {
        JsonNode run = yaml(VALID_V1.replace("- { name: revision, value: abc123 }", "- { name: revision }"));
        assertThat(V1.validate(run)).containsExactly("$.spec.params[0]: required field 'value' is missing");
    }

    @Test
    void nullValue_isAnError() throws JsonProcessingException {
        JsonNode run = yaml(VALID_V1.replace("timeouts: { pipeline: 1h }", "timeouts: { pipeline: null }"));
        assertThat(V1.validate(run)).containsExactly("$.spec.timeouts.pipeline: is null, but the schema does not allow null");
    }

    @Test
    void everyError_isCollected_notJustTheFirst() throws JsonProcessingException {
        JsonNode run = yaml(VALID_V1
                .replace("pipelineRef: { name: build }", "pipelineRef: { name: build, nmae: x }")
                .replace("- { name: revision, value: abc123 }", "- { name: revision }")
                .replace("workspaces:", "resources: []\n  workspaces: {}\n  ignored:"));
        assertThat(V1.validate(run)).containsExactlyInAnyOrder(
                "$.spec.pipelineRef.nmae: unknown field; the API server would prune it",
                "$.spec.params[0]: required field 'value' is missing",
                "$.spec.resources: unknown field; the API server would prune it",
                "$.spec.workspaces: must be of type array, is object",
                "$.spec.ignored: unknown field; the API server would prune it");
    }

    @Test
    void preservedUnknownFields_andIntOrString_areAccepted() throws JsonProcessingException {
        // params[].value and volumeClaimTemplate preserve unknown fields; a quantity in the pod template is int-or-string.
        JsonNode run = yaml(VALID_V1
                .replace("value: abc123", "value: [a, b]")
                .replace("accessModes: [ReadWriteOnce]", "anything: { goes: 1 }")
                .replace("taskRunTemplate: { serviceAccountName: builder }",
                        "taskRunTemplate: { serviceAccountName: builder, podTemplate: { securityContext: { runAsUser: 1001 } } }"));
        assertThat(V1.validate(run)).isEmpty();
    }

    @Test
    void classicResources_areKnownToV1beta1_butNotToV1() throws JsonProcessingException {
        JsonNode classic = yaml("""
                apiVersion: tekton.dev/v1beta1
                kind: PipelineRun
                metadata: { name: build-1 }
                spec:
                  pipelineRef: { name: build }
                  serviceAccountName: builder
                  timeout: 1h
                  resources:
                    - name: source
                      resourceSpec:
                        type: git
                        params: [{ name: url, value: "https://example.com/a.git" }]
                """);
        assertThat(StructuralSchema.ofCrd(TektonCrds.PIPELINERUN_CRD, "v1beta1").validate(classic)).isEmpty();
        assertThat(V1.validate(classic)).contains("$.spec.resources: unknown field; the API server would prune it",
                "$.spec.serviceAccountName: unknown field; the API server would prune it",
                "$.spec.timeout: unknown field; the API server would prune it");
    }

    private static JsonNode yaml(String text) throws JsonProcessingException {
        return YAML.readTree(text);
    }
}
