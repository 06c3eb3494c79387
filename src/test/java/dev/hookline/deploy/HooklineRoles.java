package dev.hookline.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * What the Roles under some folders of {@code kubernetes/} let one ServiceAccount do: the rules of every Role that a
 * RoleBinding there binds to it, by namespace. Only Roles are modelled; a binding to a ClusterRole, or to a Role that
 * does not exist, is listed in {@link #problems()}.
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

    private final Map<String, List<PolicyRule>> rulesByNamespace = new HashMap<>();
    private final List<String> problems = new ArrayList<>();

    private HooklineRoles() {
    }

    /** Reads every Role and RoleBinding in the files under {@code folders} and keeps those bound to the account. */
    static HooklineRoles of(KubernetesClient client, String account, String accountNamespace, Path... folders) {
        List<HasMetadata> objects = Manifests.objectFiles().stream()
                .filter(file -> List.of(folders).stream().anyMatch(file::startsWith))
                .flatMap(file -> Manifests.load(client, file).stream())
                .toList();
        Map<String, Role> roles = new HashMap<>();
        objects.stream().filter(Role.class::isInstance).map(Role.class::cast)
                .forEach(role -> roles.put(role.getMetadata().getNamespace() + "/" + role.getMetadata().getName(), role));
        HooklineRoles granted = new HooklineRoles();
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
