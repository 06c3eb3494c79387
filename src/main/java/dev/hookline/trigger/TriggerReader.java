package dev.hookline.trigger;

import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.qute.Template;

/** Reads one entry of a triggers file's list into a {@link Trigger}; records problems instead of throwing. */
final class TriggerReader {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final Set<String> FIELDS = Set.of("name", "repository", "events", "branches", "tags", "paths",
            "paths-ignore", "drafts", "forks", "namespace", "pipeline", "service-account", "api", "params", "workspaces",
            "resources", "timeout", "status-context", "cancel-in-progress", "keep-runs");

    private final String file;
    private final TriggerFields fields;
    private final JsonNode node;

    TriggerReader(String file, JsonNode node, int index, List<String> problems) {
        this.file = file;
        this.node = node;
        this.fields = new TriggerFields(node, file + ": trigger #" + index, problems);
    }

    /** The trigger, or {@code null} when it has problems. */
    Trigger read() {
        if (!node.isObject()) {
            fields.entryProblem("must be a map of fields");
            return null;
        }
        int before = fields.problemCount();
        String name = fields.text("name", true);
        if (name != null) {
            fields.locate(file + ": trigger '" + name + "'");
            fields.check(DNS_LABEL.matcher(name).matches(), "name",
                    "must be a DNS label: lower-case letters, digits and '-', at most 63 characters");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String field = names.next();
            fields.check(FIELDS.contains(field), field,
                    "is not a known field; known are " + String.join(", ", FIELDS.stream().sorted().toList()));
        }
        String repository = fields.text("repository", true);
        fields.check(repository == null || repository.split("/", -1).length == 2, "repository",
                "must be 'owner/name' (globs allowed, e.g. 'acme/*')");
        Set<EventKind> events = events();
        String namespace = fields.text("namespace", true);
        fields.check(namespace == null || DNS_LABEL.matcher(namespace).matches(), "namespace", "must be a DNS label");
        String pipeline = fields.text("pipeline", true);
        fields.check(pipeline == null || DNS_SUBDOMAIN.matcher(pipeline).matches(), "pipeline",
                "must be a Kubernetes object name (DNS subdomain)");
        String serviceAccount = fields.text("service-account", false);
        fields.check(serviceAccount == null || DNS_SUBDOMAIN.matcher(serviceAccount).matches(), "service-account",
                "must be a Kubernetes object name (DNS subdomain)");
        String apiKey = fields.text("api", false);
        ApiFlavour api = apiKey == null ? ApiFlavour.V1 : ApiFlavour.fromKey(apiKey);
        fields.check(api != null, "api", "must be 'v1' or 'v1beta1-resources'");
        Integer keepRuns = keepRuns();
        String statusContext = fields.text("status-context", false);
        RunInputsReader inputs = new RunInputsReader(fields, events);
        Map<String, Template> params = inputs.params();
        Map<String, WorkspaceSource> workspaces = inputs.workspaces();
        Trigger.GitResource gitResource = null;
        Trigger.ImageResource imageResource = null;
        if (node.has("resources")) {
            if (api != ApiFlavour.V1BETA1_RESOURCES) {
                fields.problem("resources", "is only for 'api: v1beta1-resources'; with 'api: v1' pass the git URL and "
                        + "image as params and the source as a workspace");
            } else {
                JsonNode resources = node.get("resources");
                gitResource = inputs.gitResource(resources);
                imageResource = inputs.imageResource(resources.get("image"));
                fields.check(gitResource != null || imageResource != null, "resources",
                        "must bind 'git', 'image' or both");
                resources.fieldNames().forEachRemaining(f -> fields.check(f.equals("git") || f.equals("image"),
                        "resources." + f, "is not a known field; known are git, image"));
            }
        } else if (api == ApiFlavour.V1BETA1_RESOURCES) {
            fields.problem("resources", "is required with 'api: v1beta1-resources': name the git and image resource bindings");
        }
        boolean pullRequests = events.contains(EventKind.PULL_REQUEST);
        fields.check(!node.has("tags") || events.contains(EventKind.PUSH), "tags",
                "only applies to pushes; add 'push' to 'events' or remove 'tags'");
        fields.check(!node.has("drafts") || pullRequests, "drafts",
                "only applies to pull requests; add 'pull_request' to 'events' or remove 'drafts'");
        fields.check(!node.has("forks") || pullRequests, "forks",
                "only applies to pull requests; add 'pull_request' to 'events' or remove 'forks'");
        Trigger trigger = new Trigger(
                name,
                repository == null ? null : Glob.of(repository, true),
                events,
                fields.globs("branches", null),
                fields.globs("tags", null),
                fields.globs("paths", List.of()),
                fields.globs("paths-ignore", List.of()),
                fields.bool("drafts"),
                forks(),
                namespace,
                pipeline,
                serviceAccount,
                api,
                params,
                workspaces,
                gitResource,
                imageResource,
                fields.duration("timeout"),
                statusContext != null ? statusContext : "hookline/" + name,
                fields.bool("cancel-in-progress"),
                keepRuns);
        return fields.problemCount() == before ? trigger : null;
    }

    /** {@code events}, default {@code [push]}. */
    private Set<EventKind> events() {
        List<String> keys = fields.strings("events");
        if (keys == null) {
            return Set.of(EventKind.PUSH);
        }
        Set<EventKind> events = EnumSet.noneOf(EventKind.class);
        for (String key : keys) {
            EventKind kind = EventKind.fromKey(key);
            if (kind == null) {
                fields.problem("events", "'" + key + "' is not an event a trigger listens to; use push, pull_request, "
                        + "merge_group");
            } else {
                events.add(kind);
            }
        }
        fields.check(!keys.isEmpty(), "events", "must name at least one of push, pull_request, merge_group");
        return events.isEmpty() ? Set.of(EventKind.PUSH) : Set.copyOf(events);
    }

    private ForkPolicy forks() {
        String key = fields.text("forks", false);
        if (key == null) {
            return ForkPolicy.APPROVAL;
        }
        ForkPolicy policy = ForkPolicy.fromKey(key);
        fields.check(policy != null, "forks", "must be 'approval' (the default), 'never' or 'always'");
        return policy == null ? ForkPolicy.APPROVAL : policy;
    }

    private Integer keepRuns() {
        if (!node.has("keep-runs")) {
            return null;
        }
        int keepRuns = node.get("keep-runs").canConvertToInt() && node.get("keep-runs").isIntegralNumber()
                ? node.get("keep-runs").asInt()
                : -1;
        fields.check(keepRuns >= 1, "keep-runs", "must be a whole number of at least 1");
        return keepRuns;
    }
}
