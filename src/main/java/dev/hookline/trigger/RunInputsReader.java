package dev.hookline.trigger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.qute.Template;

/**
 * Reads what a trigger hands its pipeline: {@code params}, {@code workspaces} and the classic {@code resources},
 * through {@link TriggerFields} so that each problem names its field.
 */
final class RunInputsReader {

    private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    private final TriggerFields fields;
    private final Set<EventKind> events;

    RunInputsReader(TriggerFields fields, Set<EventKind> events) {
        this.fields = fields;
        this.events = events;
    }

    Map<String, Template> params() {
        Map<String, Template> params = new LinkedHashMap<>();
        JsonNode node = fields.node().get("params");
        if (node == null) {
            return params;
        }
        if (!node.isObject()) {
            fields.problem("params", "must be a map of param name to value");
            return params;
        }
        node.fields().forEachRemaining(entry -> {
            String field = "params." + entry.getKey();
            fields.check(PARAM_NAME.matcher(entry.getKey()).matches(), field, "is not a valid Tekton param name");
            if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
                fields.problem(field, "must be a string");
                return;
            }
            Template template = fields.template(field, entry.getValue().asText(), events);
            if (template != null) {
                params.put(entry.getKey(), template);
            }
        });
        return params;
    }

    Map<String, WorkspaceSource> workspaces() {
        Map<String, WorkspaceSource> workspaces = new LinkedHashMap<>();
        JsonNode node = fields.node().get("workspaces");
        if (node == null) {
            return workspaces;
        }
        if (!node.isObject()) {
            fields.problem("workspaces", "must be a map of workspace name to its source");
            return workspaces;
        }
        node.fields().forEachRemaining(entry -> {
            WorkspaceSource source = workspace("workspaces." + entry.getKey(), entry.getValue());
            if (source != null) {
                workspaces.put(entry.getKey(), source);
            }
        });
        return workspaces;
    }

    private WorkspaceSource workspace(String field, JsonNode spec) {
        if (!spec.isObject() || spec.size() != 1) {
            fields.problem(field,
                    "must have exactly one of volumeClaimTemplate, persistentVolumeClaim, secret, configMap, emptyDir");
            return null;
        }
        String kind = spec.fieldNames().next();
        JsonNode value = spec.get(kind);
        switch (kind) {
            case "volumeClaimTemplate" -> {
                String storage = fields.textIn(value, "storage", field + ".volumeClaimTemplate.storage");
                if (storage == null) {
                    fields.problem(field + ".volumeClaimTemplate.storage", "is required, e.g. 1Gi");
                    return null;
                }
                return new WorkspaceSource.VolumeClaimTemplate(storage, fields.textIn(value, "storageClass", field));
            }
            case "persistentVolumeClaim" -> {
                String claim = value.isTextual() ? value.asText() : fields.textIn(value, "claimName", field);
                return claim == null
                        ? missing(field + ".persistentVolumeClaim", "a claim name")
                        : new WorkspaceSource.PersistentVolumeClaim(claim);
            }
            case "secret" -> {
                String secret = value.isTextual() ? value.asText() : fields.textIn(value, "secretName", field);
                return secret == null ? missing(field + ".secret", "a Secret name") : new WorkspaceSource.Secret(secret);
            }
            case "configMap" -> {
                String configMap = value.isTextual() ? value.asText() : fields.textIn(value, "name", field);
                return configMap == null
                        ? missing(field + ".configMap", "a ConfigMap name")
                        : new WorkspaceSource.ConfigMap(configMap);
            }
            case "emptyDir" -> {
                return new WorkspaceSource.EmptyDir();
            }
            default -> {
                fields.problem(field, "'" + kind
                        + "' is not a workspace source; use volumeClaimTemplate, persistentVolumeClaim, secret, configMap or emptyDir");
                return null;
            }
        }
    }

    private WorkspaceSource missing(String field, String what) {
        fields.problem(field, "must name " + what);
        return null;
    }

    /** The binding name alone (the HTTPS clone URL), or {@code {name, url}} with a URL template. */
    Trigger.GitResource gitResource(JsonNode resources) {
        JsonNode git = resources.get("git");
        if (git == null || git.isNull()) {
            return null;
        }
        String name;
        String url = Trigger.GitResource.DEFAULT_URL;
        if (git.isTextual()) {
            name = fields.textIn(resources, "git", "resources.git");
        } else if (git.isObject()) {
            name = fields.textIn(git, "name", "resources.git.name");
            if (git.has("url")) {
                url = fields.textIn(git, "url", "resources.git.url");
            }
            // A misspelt url would otherwise fall back to HTTPS silently, and a deploy key would not be offered.
            git.fieldNames().forEachRemaining(f -> fields.check(f.equals("name") || f.equals("url"),
                    "resources.git." + f, "is not a known field; known are name, url"));
            if (name == null && !git.has("name")) {
                fields.problem("resources.git.name", "is required: the binding name the Pipeline declares");
            }
        } else {
            fields.problem("resources.git", "must be the binding name, or a map with 'name' (the binding name) and "
                    + "'url' (the repository URL template, default " + Trigger.GitResource.DEFAULT_URL + ")");
            return null;
        }
        if (name == null || url == null) {
            return null;
        }
        Template template = fields.template("resources.git.url", url, events);
        return template == null ? null : new Trigger.GitResource(name, template);
    }

    Trigger.ImageResource imageResource(JsonNode image) {
        if (image == null) {
            return null;
        }
        String name = fields.textIn(image, "name", "resources.image.name");
        String url = fields.textIn(image, "url", "resources.image.url");
        if (name == null || url == null) {
            fields.problem("resources.image", "must have 'name' (the binding name) and 'url' (the image reference template)");
            return null;
        }
        Template template = fields.template("resources.image.url", url, events);
        return template == null ? null : new Trigger.ImageResource(name, template);
    }
}
