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

    private static final int ATTEMPTS = 5;

    private StaleMetadataWriter() {
    }

    /**
     * Writes {@code older}'s labels and annotations back onto the run as it is now, merged as {@code merge} says.
     * Like Tekton, it updates only when they differ, and sends the version it read (a conflict is read again and
     * retried). Returns the resourceVersion written, or {@code null} when nothing was written or the run is gone.
     */
    public static String writeBack(KubernetesClient client, GenericKubernetesResource older, Merge merge) {
        var runs = client.genericKubernetesResources(older.getApiVersion(), "PipelineRun")
                .inNamespace(older.getMetadata().getNamespace());
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            GenericKubernetesResource latest = runs.withName(older.getMetadata().getName()).get();
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
            latest.getMetadata().setLabels(labels);
            latest.getMetadata().setAnnotations(annotations);
            try {
                return runs.resource(latest).update().getMetadata().getResourceVersion();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
        }
        return null;
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
