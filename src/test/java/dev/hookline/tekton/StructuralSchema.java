package dev.hookline.tekton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Checks an object against a CRD's structural schema ({@code openAPIV3Schema}) the way the API server would prune and
 * validate it, as far as Hookline's PipelineRuns need: {@code type}, {@code properties}, {@code required},
 * {@code items}, {@code additionalProperties}, {@code x-kubernetes-preserve-unknown-fields} and
 * {@code x-kubernetes-int-or-string}. A real API server silently prunes unknown fields; here they are errors, because a
 * pruned field is a setting Tekton never sees. Every error is collected with its JSON path.
 */
public final class StructuralSchema {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final JsonNode root;

    StructuralSchema(JsonNode root) {
        this.root = root;
    }

    /** The schema of one version of the CRD in a classpath resource. */
    public static StructuralSchema ofCrd(String resource, String version) {
        JsonNode crd;
        try (InputStream in = StructuralSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            crd = YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (JsonNode served : crd.path("spec").path("versions")) {
            if (version.equals(served.path("name").asText())) {
                return new StructuralSchema(served.path("schema").path("openAPIV3Schema"));
            }
        }
        throw new IllegalArgumentException(resource + " has no version " + version);
    }

    /** Every way the object breaks the schema, each as {@code <json path>: <problem>}; empty when it is valid. */
    public List<String> validate(JsonNode object) {
        List<String> errors = new ArrayList<>();
        walk(object, root, "$", errors);
        return errors;
    }

    private static void walk(JsonNode value, JsonNode schema, String path, List<String> errors) {
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) {
                // The API server drops it: whatever the field was meant to say is lost.
                errors.add(path + ": is null, but the schema does not allow null");
            }
            return;
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            if (!value.isIntegralNumber() && !value.isTextual()) {
                errors.add(path + ": must be an integer or a string, is " + kind(value));
            }
            return;
        }
        String type = schema.path("type").asText("");
        if (!type.isEmpty() && !hasType(value, type)) {
            errors.add(path + ": must be of type " + type + ", is " + kind(value));
            return;
        }
        if (value.isObject()) {
            object(value, schema, path, errors);
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                walk(value.get(i), schema.get("items"), path + "[" + i + "]", errors);
            }
        }
    }

    private static void object(JsonNode value, JsonNode schema, String path, List<String> errors) {
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                errors.add(path + ": required field '" + required.asText() + "' is missing");
            }
        }
        JsonNode properties = schema.get("properties");
        JsonNode additional = schema.get("additionalProperties");
        boolean preserveUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            String fieldPath = path + "." + field.getKey();
            if (properties != null && properties.has(field.getKey())) {
                walk(field.getValue(), properties.get(field.getKey()), fieldPath, errors);
            } else if (additional != null && additional.isObject()) {
                walk(field.getValue(), additional, fieldPath, errors);
            } else if (properties != null && !preserveUnknown && !(additional != null && additional.asBoolean(false))) {
                errors.add(fieldPath + ": unknown field; the API server would prune it");
            }
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> throw new IllegalArgumentException("schema type '" + type + "' is not structural");
        };
    }

    private static String kind(JsonNode value) {
        return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
