package dev.hookline.deploy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One request to the Kubernetes API as RBAC sees it: the verb, the API group ({@code ""} for the core group), the
 * resource with its subresource ({@code pipelineruns/status}) and the namespace ({@code ""} when cluster-scoped), the
 * way the API server's request-info resolver derives them from the method and the path.
 *
 * @param verb {@code get}, {@code list}, {@code watch}, {@code create}, {@code update}, {@code patch}, {@code delete},
 *        {@code deletecollection}; for a path outside {@code /api} and {@code /apis} resources, the method in lower case
 * @param group the API group, {@code ""} for {@code /api/v1}; {@code null} for a non-resource path
 * @param resource the plural, with {@code /subresource} when there is one; {@code null} for a non-resource path
 * @param namespace the namespace, {@code ""} for a cluster-scoped request
 * @param name the object's name, {@code null} for a collection
 * @param path the path as requested, with its query, to show in a report
 */
record KubernetesRequest(String verb, String group, String resource, String namespace, String name, String path) {

    /** Reads a request line's method and path (with query). */
    static KubernetesRequest of(String method, String path) {
        int queryStart = path.indexOf('?');
        String query = queryStart < 0 ? "" : path.substring(queryStart + 1);
        List<String> segments = Arrays.stream((queryStart < 0 ? path : path.substring(0, queryStart)).split("/"))
                .filter(s -> !s.isEmpty()).toList();
        boolean watch = Arrays.stream(query.split("&")).anyMatch(p -> p.equals("watch=true") || p.equals("watch=1"));
        String lowerMethod = method.toLowerCase(Locale.ROOT);
        int resourceStart;
        String group;
        if (segments.size() > 2 && segments.get(0).equals("api")) {
            group = "";
            resourceStart = 2;
        } else if (segments.size() > 3 && segments.get(0).equals("apis")) {
            group = segments.get(1);
            resourceStart = 3;
        } else {
            return new KubernetesRequest(lowerMethod, null, null, "", null, path);
        }
        List<String> rest = segments.subList(resourceStart, segments.size());
        String namespace = "";
        // /namespaces/{ns}/{resource}...; /namespaces and /namespaces/{name} are the cluster-scoped Namespace resource.
        if (rest.get(0).equals("namespaces") && rest.size() > 2) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        String name = rest.size() > 1 ? rest.get(1) : null;
        String resource = rest.size() > 2 ? rest.get(0) + "/" + rest.get(2) : rest.get(0);
        String verb = switch (lowerMethod) {
            case "get", "head" -> watch ? "watch" : name == null ? "list" : "get";
            case "post" -> "create";
            case "put" -> "update";
            case "patch" -> "patch";
            case "delete" -> name == null ? "deletecollection" : "delete";
            default -> lowerMethod;
        };
        return new KubernetesRequest(verb, group, resource, namespace, name, path);
    }

    /** Whether the path is outside the resource API, e.g. discovery ({@code /apis/tekton.dev/v1}) or {@code /version}. */
    boolean nonResource() {
        return resource == null;
    }

    /**
     * A read of the discovery documents, which Kubernetes' default {@code system:discovery} ClusterRole allows to
     * every authenticated client, so no Role of Hookline's has to grant it.
     */
    boolean discovery() {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return nonResource() && verb.equals("get")
                && (bare.matches("/api(/[^/]+)?/?") || bare.matches("/apis(/[^/]+){0,2}/?") || bare.equals("/version"));
    }

    /** The same request, as if it were made in another namespace. */
    KubernetesRequest inNamespace(String other) {
        return new KubernetesRequest(verb, group, resource, other, name, path);
    }

    /** The RBAC tuple, e.g. {@code patch tekton.dev/pipelineruns in ci}. */
    String tuple() {
        if (nonResource()) {
            return verb + " " + path;
        }
        return verb + " " + (group.isEmpty() ? "core" : group) + "/" + resource + " in "
                + (namespace.isEmpty() ? "(cluster)" : namespace);
    }
}
