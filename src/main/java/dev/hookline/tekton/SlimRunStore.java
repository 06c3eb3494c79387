package dev.hookline.tekton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;

/**
 * The informer's cache, keeping of each run only what reporting reads: metadata without {@code managedFields}, and
 * the status' conditions and times. A busy cluster holds thousands of runs; their specs, pipeline specs and per-task
 * results stay out of Hookline's heap.
 */
final class SlimRunStore implements ItemStore<GenericKubernetesResource> {

    private final BasicItemStore<GenericKubernetesResource> store = new BasicItemStore<>(Cache::metaNamespaceKeyFunc);

    @Override
    public String getKey(GenericKubernetesResource run) {
        return store.getKey(run);
    }

    @Override
    public GenericKubernetesResource put(String key, GenericKubernetesResource run) {
        return store.put(key, slim(run));
    }

    @Override
    public GenericKubernetesResource remove(String key) {
        return store.remove(key);
    }

    @Override
    public Stream<String> keySet() {
        return store.keySet();
    }

    @Override
    public Stream<GenericKubernetesResource> values() {
        return store.values();
    }

    @Override
    public int size() {
        return store.size();
    }

    @Override
    public GenericKubernetesResource get(String key) {
        return store.get(key);
    }

    static GenericKubernetesResource slim(GenericKubernetesResource run) {
        GenericKubernetesResource slim = new GenericKubernetesResource();
        slim.setApiVersion(run.getApiVersion());
        slim.setKind(run.getKind());
        slim.setMetadata(run.getMetadata().toBuilder().withManagedFields().build());
        Map<String, Object> status = TrackedRun.map(run.getAdditionalProperties().get("status"));
        Map<String, Object> kept = new LinkedHashMap<>();
        for (String field : new String[]{"conditions", "startTime", "completionTime"}) {
            if (status.containsKey(field)) {
                kept.put(field, status.get(field));
            }
        }
        TrackedRun tracked = TrackedRun.of(run);
        String failedTask = tracked == null ? null : tracked.failedTask();
        if (failedTask != null) {
            // Keep just the failed task's entry, in the shape TrackedRun reads it from.
            kept.put("taskRuns", Map.of("failed", Map.of("pipelineTaskName", failedTask, "status",
                    Map.of("conditions", List.of(Map.of("type", "Succeeded", "status", "False"))))));
        }
        slim.setAdditionalProperty("status", kept);
        return slim;
    }
}
