package dev.hookline.local;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * How Tekton's PipelineRun reconciler ends a reconcile: it takes the latest run from its cache and, when the labels or
 * annotations differ from the copy it read when the reconcile began, updates the run with them merged, the older
 * copy's values winning ({@code updateLabelsAndAnnotations}). Whatever Hookline wrote to the run's metadata during the
 * reconcile is undone. Observed on real clusters (shared/reference/tekton/observed-2026-12-01); local mode's
 * simulated controller does it, and the tests make the Kubernetes mock server suffer it.
 */
public final class StaleMetadataWriter {

    /** How the older copy's maps are put back. */
    public enum Merge {
        /** Tekton v0.45 and later: {@code kmap.Union(latest, older)}: every key of both, the older value winning. */
        UNION,
        /** Tekton v0.27: the older copy's maps wholesale; a key added since is gone. */
        WHOLESALE
    }

    private StaleMetadataWriter() {
    }

    /**
     * Writes {@code older}'s labels and annotations back onto {@code latest} (the run as the writer's cache has it
     * now, as Tekton takes it from its lister), merged as {@code merge} says. Like Tekton, it updates only when they
     * differ and sends the version of {@code latest}: when the cache is behind, the API server answers 409, and Tekton
     * then starts over from a fresh copy instead, so nothing is written. Returns the resourceVersion written, or
     * {@code null} when nothing was.
     */
    public static String writeBack(KubernetesClient client, GenericKubernetesResource older,
            GenericKubernetesResource latest, Merge merge) {
        if (latest == null) {
            return null;
        }
        Map<String, String> labels = merged(latest.getMetadata().getLabels(), older.getMetadata().getLabels(), merge);
        Map<String, String> annotations = merged(latest.getMetadata().getAnnotations(),
                older.getMetadata().getAnnotations(), merge);
        if (Objects.equals(labels, orEmpty(latest.getMetadata().getLabels()))
                && Objects.equals(annotations, orEmpty(latest.getMetadata().getAnnotations()))) {
            return null;
        }
        GenericKubernetesResource update = client.getKubernetesSerialization().clone(latest);
        update.getMetadata().setLabels(labels);
        update.getMetadata().setAnnotations(annotations);
        try {
            return client.genericKubernetesResources(older.getApiVersion(), "PipelineRun")
                    .inNamespace(older.getMetadata().getNamespace()).resource(update).update().getMetadata()
                    .getResourceVersion();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409 || e.getCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    private static Map<String, String> merged(Map<String, String> latest, Map<String, String> older, Merge merge) {
        Map<String, String> result = new HashMap<>(merge == Merge.UNION ? orEmpty(latest) : Map.of());
        result.putAll(orEmpty(older));
        return result;
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
