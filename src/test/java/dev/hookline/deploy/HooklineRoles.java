package dev.hookline.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.zjsonpatch.JsonPatch;

/**
 * What the Roles under some folders of {@code kubernetes/} let one ServiceAccount do: the rules of every Role that a
 * RoleBinding there binds to it, by namespace, with the JSON patches of some kustomize components applied to them, as
 * kustomize applies them. Only Roles are modelled; a binding to a ClusterRole, a binding to a Role that does not exist,
 * and a component patch that is not a JSON patch of Roles by name are listed in {@link #problems()}.
 */
final class HooklineRoles {

    /** One verb on one resource of one API group, as a Role grants it (in any namespace). */
    record Grant(String verb, String group, String resource) implements Comparable<Grant> {

        @Override
        public int compareTo(Grant other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return verb + " " + (group.isEmpty() ? "core" : group) + "/" + resource;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<PolicyRule>> rulesByNamespace = new HashMap<>();
    private final List<String> problems = new ArrayList<>();

    private HooklineRoles() {
    }

    /** Reads every Role and RoleBinding in the files under {@code folders} and keeps those bound to the account. */
    static HooklineRoles of(KubernetesClient client, String account, String accountNamespace, Path... folders) {
        return of(client, account, accountNamespace, List.of(), folders);
    }

    /** The same, each Role patched as the kustomize {@code components} (folders) patch it. */
    static HooklineRoles of(KubernetesClient client, String account, String accountNamespace, List<Path> components,
            Path... folders) {
        List<HasMetadata> objects = Manifests.objectFiles().stream()
                .filter(file -> List.of(folders).stream().anyMatch(file::startsWith))
                .flatMap(file -> Manifests.load(client, file).stream())
                .toList();
        Map<String, Role> roles = new HashMap<>();
        objects.stream().filter(Role.class::isInstance).map(Role.class::cast)
                .forEach(role -> roles.put(role.getMetadata().getNamespace() + "/" + role.getMetadata().getName(), role));
        HooklineRoles granted = new HooklineRoles();
        components.forEach(component -> granted.patch(client, component, roles));
        for (RoleBinding binding : objects.stream().filter(RoleBinding.class::isInstance).map(RoleBinding.class::cast)
                .toList()) {
            String namespace = binding.getMetadata().getNamespace();
            if (!binding.getSubjects().stream().anyMatch(s -> bindsAccount(s, namespace, account, accountNamespace))) {
                continue;
            }
            String where = "RoleBinding " + namespace + "/" + binding.getMetadata().getName();
            if (!"Role".equals(binding.getRoleRef().getKind())) {
                granted.problems
                        .add(where + " refers to a " + binding.getRoleRef().getKind() + ", which Hookline must not need");
                continue;
            }
            Role role = roles.get(namespace + "/" + binding.getRoleRef().getName());
            if (role == null) {
                granted.problems.add(where + " refers to Role " + binding.getRoleRef().getName() + ", which does not exist");
                continue;
            }
            granted.rulesByNamespace.computeIfAbsent(namespace, ns -> new ArrayList<>()).addAll(role.getRules());
        }
        return granted;
    }

    /**
     * Applies a component's patches to the Roles they target: a JSON patch (RFC 6902) file with a target of kind Role
     * and a name, the one form Hookline's components use; any other form is a problem, never silently skipped.
     */
    private void patch(KubernetesClient client, Path component, Map<String, Role> roles) {
        for (JsonNode patch : Manifests.document(component.resolve(Manifests.KUSTOMIZATION)).path("patches")) {
            JsonNode target = patch.path("target");
            if (!patch.has("path") || !patch.path("path").asText().endsWith(".json") || !"Role".equals(target.path("kind")
                    .asText()) || !target.has("name")) {
                problems.add(component + ": a patch that is not a JSON patch file of Roles by name: " + patch);
                continue;
            }
            JsonNode operations = read(component.resolve(patch.path("path").asText()));
            roles.replaceAll((key, role) -> {
                boolean named = role.getMetadata().getName().equals(target.path("name").asText());
                boolean inNamespace = !target.has("namespace")
                        || role.getMetadata().getNamespace().equals(target.path("namespace").asText());
                if (!named || !inNamespace) {
                    return role;
                }
                KubernetesSerialization serialization = client.getKubernetesSerialization();
                return serialization.convertValue(JsonPatch.apply(operations, serialization.convertValue(role,
                        JsonNode.class)), Role.class);
            });
        }
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is not valid JSON", e);
        }
    }

    private static boolean bindsAccount(Subject subject, String bindingNamespace, String account, String accountNamespace) {
        // A ServiceAccount subject without a namespace means one in the binding's namespace.
        return "ServiceAccount".equals(subject.getKind()) && account.equals(subject.getName())
                && accountNamespace.equals(Objects.requireNonNullElse(subject.getNamespace(), bindingNamespace));
    }

    /** Whether a rule of a Role bound in the request's namespace allows it. */
    boolean allows(KubernetesRequest request) {
        return !request.nonResource() && rulesByNamespace.getOrDefault(request.namespace(), List.of()).stream()
                .anyMatch(rule -> matches(rule, request));
    }

    /** Every verb on every resource that the bound Roles grant. */
    Set<Grant> grants() {
        Set<Grant> grants = new TreeSet<>();
        rulesByNamespace.values().forEach(rules -> rules.forEach(rule -> rule.getVerbs()
                .forEach(verb -> rule.getApiGroups().forEach(group -> rule.getResources()
                        .forEach(resource -> grants.add(new Grant(verb, group, resource)))))));
        return grants;
    }

    /** The namespaces in which the account holds a Role. */
    Set<String> namespaces() {
        return new TreeSet<>(rulesByNamespace.keySet());
    }

    List<String> problems() {
        return problems;
    }

    private static boolean matches(PolicyRule rule, KubernetesRequest request) {
        boolean named = rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
                || request.name() != null && rule.getResourceNames().contains(request.name());
        return covers(rule.getVerbs(), request.verb()) && covers(rule.getApiGroups(), request.group())
                && covers(rule.getResources(), request.resource()) && named;
    }

    private static boolean covers(List<String> values, String value) {
        return values != null && (values.contains(value) || values.contains("*"));
    }
}
