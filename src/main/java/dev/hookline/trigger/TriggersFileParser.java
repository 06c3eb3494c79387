package dev.hookline.trigger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.qute.Template;

/**
 * Reads a triggers file into {@link Trigger}s. Every problem is collected, not just the first, and each names the
 * file, the trigger and the field, so one edit can fix them all.
 */
public final class TriggersFileParser {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern GO_DURATION = Pattern.compile("(\\d+)(h|ms|m|s)");
    private static final Set<String> FIELDS = Set.of("name", "repository", "branches", "tags", "paths", "paths-ignore",
            "namespace", "pipeline", "service-account", "api", "params", "workspaces", "resources", "timeout",
            "status-context", "cancel-in-progress", "keep-runs");

    private final String file;
    private final List<String> problems = new ArrayList<>();

    private TriggersFileParser(String file) {
        this.file = file;
    }

    /**
     * The triggers of a file's content.
     *
     * @param file the file's name, for messages
     * @param yaml its content
     * @throws InvalidTriggersException listing every problem
     */
    public static List<Trigger> parse(String file, String yaml) {
        return new TriggersFileParser(file).parse(yaml);
    }

    private List<Trigger> parse(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new InvalidTriggersException(List.of(file + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")")));
        }
        if (root == null || !root.isObject() || !root.path("triggers").isArray()) {
            throw new InvalidTriggersException(List.of(file + ": must be a map with a 'triggers' list"));
        }
        root.fieldNames().forEachRemaining(field -> {
            if (!field.equals("triggers")) {
                problems.add(file + ": unknown top-level field '" + field + "'; only 'triggers' is read");
            }
        });
        List<Trigger> triggers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int index = 0;
        for (JsonNode node : root.get("triggers")) {
            index++;
            triggers.add(new TriggerReader(node, index).read());
            String name = node.path("name").asText("");
            if (!name.isEmpty() && !names.add(name)) {
                problems.add(file + ": trigger '" + name + "': field 'name' used by an earlier trigger; names must be unique");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidTriggersException(problems);
        }
        return List.copyOf(triggers);
    }

    /** Reads one entry of the list; records problems instead of throwing. */
    private final class TriggerReader {

        private final JsonNode node;
        private String where;

        TriggerReader(JsonNode node, int index) {
            this.node = node;
            this.where = file + ": trigger #" + index;
        }

        Trigger read() {
            if (!node.isObject()) {
                problems.add(where + ": must be a map of fields");
                return null;
            }
            int before = problems.size();
            String name = text("name", true);
            if (name != null) {
                where = file + ": trigger '" + name + "'";
                check(DNS_LABEL.matcher(name).matches(), "name",
                        "must be a DNS label: lower-case letters, digits and '-', at most 63 characters");
            }
            for (Iterator<String> fields = node.fieldNames(); fields.hasNext();) {
                String field = fields.next();
                check(FIELDS.contains(field), field,
                        "is not a known field; known are " + String.join(", ", FIELDS.stream().sorted().toList()));
            }
            String repository = text("repository", true);
            check(repository == null || repository.split("/", -1).length == 2, "repository",
                    "must be 'owner/name' (globs allowed, e.g. 'acme/*')");
            String namespace = text("namespace", true);
            check(namespace == null || DNS_LABEL.matcher(namespace).matches(), "namespace", "must be a DNS label");
            String pipeline = text("pipeline", true);
            check(pipeline == null || DNS_SUBDOMAIN.matcher(pipeline).matches(), "pipeline",
                    "must be a Kubernetes object name (DNS subdomain)");
            String serviceAccount = text("service-account", false);
            check(serviceAccount == null || DNS_SUBDOMAIN.matcher(serviceAccount).matches(), "service-account",
                    "must be a Kubernetes object name (DNS subdomain)");
            String apiKey = text("api", false);
            ApiFlavour api = apiKey == null ? ApiFlavour.V1 : ApiFlavour.fromKey(apiKey);
            check(api != null, "api", "must be 'v1' or 'v1beta1-resources'");
            Integer keepRuns = null;
            if (node.has("keep-runs")) {
                keepRuns = node.get("keep-runs").canConvertToInt() && node.get("keep-runs").isIntegralNumber()
                        ? node.get("keep-runs").asInt()
                        : -1;
                check(keepRuns >= 1, "keep-runs", "must be a whole number of at least 1");
            }
            String statusContext = text("status-context", false);
            Map<String, Template> params = params();
            Map<String, WorkspaceSource> workspaces = workspaces();
            Trigger.GitResource gitResource = null;
            Trigger.ImageResource imageResource = null;
            if (node.has("resources")) {
                if (api != ApiFlavour.V1BETA1_RESOURCES) {
                    problem("resources", "is only for 'api: v1beta1-resources'; with 'api: v1' pass the git URL and "
                            + "image as params and the source as a workspace");
                } else {
                    JsonNode resources = node.get("resources");
                    gitResource = gitResource(resources);
                    imageResource = imageResource(resources.get("image"));
                    check(gitResource != null || imageResource != null, "resources", "must bind 'git', 'image' or both");
                    resources.fieldNames().forEachRemaining(f -> check(f.equals("git") || f.equals("image"),
                            "resources." + f, "is not a known field; known are git, image"));
                }
            } else if (api == ApiFlavour.V1BETA1_RESOURCES) {
                problem("resources", "is required with 'api: v1beta1-resources': name the git and image resource bindings");
            }
            Trigger trigger = new Trigger(
                    name,
                    repository == null ? null : Glob.of(repository, true),
                    globs("branches", null),
                    globs("tags", null),
                    globs("paths", List.of()),
                    globs("paths-ignore", List.of()),
                    namespace,
                    pipeline,
                    serviceAccount,
                    api,
                    params,
                    workspaces,
                    gitResource,
                    imageResource,
                    duration("timeout"),
                    statusContext != null ? statusContext : "hookline/" + name,
                    bool("cancel-in-progress"),
                    keepRuns);
            return problems.size() == before ? trigger : null;
        }

        private Map<String, Template> params() {
            Map<String, Template> params = new LinkedHashMap<>();
            JsonNode node = this.node.get("params");
            if (node == null) {
                return params;
            }
            if (!node.isObject()) {
                problem("params", "must be a map of param name to value");
                return params;
            }
            node.fields().forEachRemaining(entry -> {
                String field = "params." + entry.getKey();
                check(PARAM_NAME.matcher(entry.getKey()).matches(), field, "is not a valid Tekton param name");
                if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
                    problem(field, "must be a string");
                    return;
                }
                Template template = template(field, entry.getValue().asText());
                if (template != null) {
                    params.put(entry.getKey(), template);
                }
            });
            return params;
        }

        private Map<String, WorkspaceSource> workspaces() {
            Map<String, WorkspaceSource> workspaces = new LinkedHashMap<>();
            JsonNode node = this.node.get("workspaces");
            if (node == null) {
                return workspaces;
            }
            if (!node.isObject()) {
                problem("workspaces", "must be a map of workspace name to its source");
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
                problem(field,
                        "must have exactly one of volumeClaimTemplate, persistentVolumeClaim, secret, configMap, emptyDir");
                return null;
            }
            String kind = spec.fieldNames().next();
            JsonNode value = spec.get(kind);
            switch (kind) {
                case "volumeClaimTemplate" -> {
                    String storage = textIn(value, "storage", field + ".volumeClaimTemplate.storage");
                    if (storage == null) {
                        problem(field + ".volumeClaimTemplate.storage", "is required, e.g. 1Gi");
                        return null;
                    }
                    return new WorkspaceSource.VolumeClaimTemplate(storage, textIn(value, "storageClass", field));
                }
                case "persistentVolumeClaim" -> {
                    String claim = value.isTextual() ? value.asText() : textIn(value, "claimName", field);
                    return claim == null
                            ? missing(field + ".persistentVolumeClaim", "a claim name")
                            : new WorkspaceSource.PersistentVolumeClaim(claim);
                }
                case "secret" -> {
                    String secret = value.isTextual() ? value.asText() : textIn(value, "secretName", field);
                    return secret == null ? missing(field + ".secret", "a Secret name") : new WorkspaceSource.Secret(secret);
                }
                case "configMap" -> {
                    String configMap = value.isTextual() ? value.asText() : textIn(value, "name", field);
                    return configMap == null
                            ? missing(field + ".configMap", "a ConfigMap name")
                            : new WorkspaceSource.ConfigMap(configMap);
                }
                case "emptyDir" -> {
                    return new WorkspaceSource.EmptyDir();
                }
                default -> {
                    problem(field, "'" + kind
                            + "' is not a workspace source; use volumeClaimTemplate, persistentVolumeClaim, secret, configMap or emptyDir");
                    return null;
                }
            }
        }

        private WorkspaceSource missing(String field, String what) {
            problem(field, "must name " + what);
            return null;
        }

        /** The binding name alone (the HTTPS clone URL), or {@code {name, url}} with a URL template. */
        private Trigger.GitResource gitResource(JsonNode resources) {
            JsonNode git = resources.get("git");
            if (git == null || git.isNull()) {
                return null;
            }
            String name;
            String url = Trigger.GitResource.DEFAULT_URL;
            if (git.isTextual()) {
                name = textIn(resources, "git", "resources.git");
            } else if (git.isObject()) {
                name = textIn(git, "name", "resources.git.name");
                if (git.has("url")) {
                    url = textIn(git, "url", "resources.git.url");
                }
                // A misspelt url would otherwise fall back to HTTPS silently, and a deploy key would not be offered.
                git.fieldNames().forEachRemaining(f -> check(f.equals("name") || f.equals("url"), "resources.git." + f,
                        "is not a known field; known are name, url"));
                if (name == null && !git.has("name")) {
                    problem("resources.git.name", "is required: the binding name the Pipeline declares");
                }
            } else {
                problem("resources.git", "must be the binding name, or a map with 'name' (the binding name) and 'url' "
                        + "(the repository URL template, default " + Trigger.GitResource.DEFAULT_URL + ")");
                return null;
            }
            if (name == null || url == null) {
                return null;
            }
            Template template = template("resources.git.url", url);
            return template == null ? null : new Trigger.GitResource(name, template);
        }

        private Trigger.ImageResource imageResource(JsonNode image) {
            if (image == null) {
                return null;
            }
            String name = textIn(image, "name", "resources.image.name");
            String url = textIn(image, "url", "resources.image.url");
            if (name == null || url == null) {
                problem("resources.image", "must have 'name' (the binding name) and 'url' (the image reference template)");
                return null;
            }
            Template template = template("resources.image.url", url);
            return template == null ? null : new Trigger.ImageResource(name, template);
        }

        private Template template(String field, String source) {
            List<String> templateProblems = new ArrayList<>();
            Template template = Templates.parse(source, templateProblems);
            templateProblems.forEach(p -> problem(field, p));
            return template;
        }

        private List<Glob> globs(String field, List<Glob> absent) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return absent;
            }
            List<Glob> globs = new ArrayList<>();
            if (value.isTextual()) {
                globs.add(Glob.of(value.asText()));
            } else if (value.isArray()) {
                for (JsonNode item : value) {
                    if (item.isTextual() && !item.asText().isEmpty()) {
                        globs.add(Glob.of(item.asText()));
                    } else {
                        problem(field, "must be a list of non-empty strings");
                    }
                }
            } else {
                problem(field, "must be a list of globs");
            }
            return globs;
        }

        private Duration duration(String field) {
            String value = text(field, false);
            if (value == null) {
                return null;
            }
            Matcher matcher = GO_DURATION.matcher(value);
            Duration total = Duration.ZERO;
            int end = 0;
            while (matcher.find() && matcher.start() == end) {
                long amount = Long.parseLong(matcher.group(1));
                total = total.plus(switch (matcher.group(2)) {
                    case "h" -> Duration.ofHours(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    default -> Duration.ofMillis(amount);
                });
                end = matcher.end();
            }
            if (end == 0 || end != value.length() || total.isZero()) {
                problem(field, "must be a duration such as 90s, 30m, 1h or 1h30m");
                return null;
            }
            return total;
        }

        private boolean bool(String field) {
            JsonNode value = node.get(field);
            if (value == null) {
                return false;
            }
            check(value.isBoolean(), field, "must be true or false");
            return value.asBoolean(false);
        }

        private String text(String field, boolean required) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (required) {
                    problem(field, "is required");
                }
                return null;
            }
            if (!value.isTextual() || value.asText().isBlank()) {
                problem(field, "must be a non-empty string");
                return null;
            }
            return value.asText();
        }

        private String textIn(JsonNode parent, String field, String path) {
            JsonNode value = parent == null ? null : parent.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual() || value.asText().isBlank()) {
                problem(path, "must be a non-empty string");
                return null;
            }
            return value.asText();
        }

        private void check(boolean ok, String field, String message) {
            if (!ok) {
                problem(field, message);
            }
        }

        private void problem(String field, String message) {
            problems.add(where + ": field '" + field + "' " + message);
        }
    }
}
