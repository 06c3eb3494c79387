package dev.hookline.tekton;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.logging.Log;

/**
 * Informers on the PipelineRuns Hookline created ({@code app.kubernetes.io/managed-by=hookline}), one per namespace
 * and API version the triggers use. They start in the background, never blocking start-up, and keep retrying while
 * the API server is away; until every one has synced, readiness says DOWN. Each added or changed run goes to the
 * listeners as a {@link TrackedRun}, each deleted one to the delete listeners as it was last seen.
 * <p>
 * An informer that Kubernetes refuses ({@code 403}, {@code 404}: see {@link WatchRefusal}) counts as settled, not as
 * unsynced: one namespace without Hookline's Role must not take every replica out of the Service. It is listed in
 * {@link #refusals()} until it lists and watches again.
 */
public class RunInformers {

    private final KubernetesClient client;
    private final Supplier<Map<String, Set<String>>> wanted;
    private final Duration resync;
    private final Map<String, SharedIndexInformer<GenericKubernetesResource>> informers = new ConcurrentHashMap<>();
    private final List<Consumer<TrackedRun>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<TrackedRun>> deleteListeners = new CopyOnWriteArrayList<>();
    /** Per informer, the names its first list returned: runs whose past this process did not watch. */
    private final Map<String, Set<String>> listedAtStart = new ConcurrentHashMap<>();
    private final WatchRefusals refusals = new WatchRefusals();

    /**
     * @param wanted namespace to the API versions ({@code tekton.dev/v1}, {@code tekton.dev/v1beta1}) to watch there
     * @param resync how often every cached run is handed to the listeners again
     */
    public RunInformers(KubernetesClient client, Supplier<Map<String, Set<String>>> wanted, Duration resync) {
        this.client = client;
        this.wanted = wanted;
        this.resync = resync;
    }

    public void addListener(Consumer<TrackedRun> listener) {
        listeners.add(listener);
    }

    /** Listens for deleted runs, each as it was last seen. */
    public void addDeleteListener(Consumer<TrackedRun> listener) {
        deleteListeners.add(listener);
    }

    /** Starts informers for namespaces and versions not watched yet (new triggers after a reload). */
    public synchronized void ensureStarted() {
        wanted.get().forEach((namespace, versions) -> versions.forEach(version -> {
            String key = key(namespace, version);
            if (!informers.containsKey(key)) {
                informers.put(key, start(namespace, version));
            }
        }));
    }

    private SharedIndexInformer<GenericKubernetesResource> start(String namespace, String apiVersion) {
        SharedIndexInformer<GenericKubernetesResource> informer = client.genericKubernetesResources(apiVersion, "PipelineRun")
                .inNamespace(namespace)
                .withLabel(RunLabels.MANAGED_BY, RunLabels.MANAGED_BY_VALUE)
                .runnableInformer(resync.toMillis());
        informer.itemStore(new SlimRunStore());
        informer.addEventHandler(new ResourceEventHandler<>() {

            @Override
            public void onAdd(GenericKubernetesResource run) {
                publish(run);
            }

            @Override
            public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource run) {
                publish(run);
            }

            @Override
            public void onDelete(GenericKubernetesResource resource, boolean deletedFinalStateUnknown) {
                TrackedRun run = TrackedRun.of(resource);
                if (run == null) {
                    return;
                }
                if (deletedFinalStateUnknown && !run.finished()) {
                    // Gone while the watch was away: how it ended is unknown, and a wrong status is worse than none.
                    Log.infof("PipelineRun %s was deleted while unwatched, last seen unfinished; no status for it",
                            run.key());
                    return;
                }
                deleteListeners.forEach(listener -> listener.accept(run));
            }
        });
        // Keep watching through API server outages instead of giving up (the default stops on some errors).
        informer.exceptionHandler((started, error) -> {
            WatchRefusal refusal = WatchRefusal.of(namespace, apiVersion, error);
            if (refusal != null) {
                refusals.refused(key(namespace, apiVersion), refusal);
                return true;
            }
            Log.warnf("Watching %s PipelineRuns in %s: %s; retrying", apiVersion, namespace, error.getMessage());
            return true;
        });
        informer.start().whenComplete((ok, error) -> {
            if (error == null) {
                // Taken once the first list is in the store; a run created just before is counted as listed, which
                // only costs it one look at GitHub.
                listedAtStart.put(apiVersion + " " + namespace, informer.getStore().list().stream()
                        .map(run -> run.getMetadata().getName()).collect(Collectors.toSet()));
                Log.infof("Watching %s PipelineRuns in namespace %s", apiVersion, namespace);
            }
        });
        return informer;
    }

    private void publish(GenericKubernetesResource resource) {
        TrackedRun run = TrackedRun.of(resource);
        if (run != null) {
            listeners.forEach(listener -> listener.accept(run));
        }
    }

    /**
     * Whether this process has watched the run since it was created, and so has been handed every version of it: true
     * only for runs that appeared after their informer's first list.
     */
    public boolean watchedFromCreation(TrackedRun run) {
        Set<String> listed = listedAtStart.get(run.apiVersion() + " " + run.namespace());
        return listed != null && !listed.contains(run.name());
    }

    /** Whether every informer has listed its runs at least once, or been refused by Kubernetes. */
    public boolean synced() {
        return !informers.isEmpty()
                ? informers.entrySet().stream().allMatch(e -> e.getValue().hasSynced() || refusals.contains(e.getKey()))
                : wanted.get().isEmpty();
    }

    /** The informers Kubernetes refuses now (403, 404); one that lists and watches again is dropped. */
    public List<WatchRefusal> refusals() {
        return refusals.current(key -> {
            SharedIndexInformer<GenericKubernetesResource> informer = informers.get(key);
            return informer != null && informer.isWatching();
        });
    }

    private static String key(String namespace, String apiVersion) {
        return apiVersion + " " + namespace;
    }

    /** Every run in the caches, newest first; a run served under both versions is listed once. */
    public List<TrackedRun> tracked() {
        Map<String, TrackedRun> runs = new ConcurrentHashMap<>();
        informers.values().forEach(informer -> informer.getStore().list().forEach(resource -> {
            TrackedRun run = TrackedRun.of(resource);
            if (run != null) {
                runs.putIfAbsent(run.key(), run);
            }
        }));
        List<TrackedRun> sorted = new ArrayList<>(runs.values());
        sorted.sort((a, b) -> String.valueOf(b.created()).compareTo(String.valueOf(a.created())));
        return sorted;
    }

    public synchronized void stop() {
        informers.values().forEach(SharedIndexInformer::stop);
        informers.clear();
        listedAtStart.clear();
        refusals.clear();
    }
}
