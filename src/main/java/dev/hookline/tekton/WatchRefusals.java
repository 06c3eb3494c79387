package dev.hookline.tekton;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.quarkus.logging.Log;

/**
 * The informers Kubernetes refuses, keyed as {@link RunInformers} keys its informers. fabric8 retries a refused list
 * every few seconds, so a refusal is logged when a namespace's state changes (refused, refused differently, watching
 * again), never per retry.
 */
final class WatchRefusals {

    private final Map<String, WatchRefusal> refusals = new ConcurrentHashMap<>();

    void refused(String key, WatchRefusal refusal) {
        WatchRefusal before = refusals.put(key, refusal);
        if (before == null || before.code() != refusal.code()) {
            Log.warnf("Watching %s PipelineRuns in namespace %s: %s (Kubernetes: %s). Only its triggers are affected: "
                    + "their runs get no commit status until this is fixed; retrying", refusal.apiVersion(),
                    refusal.namespace(), refusal.cause(), refusal.message());
        }
    }

    boolean contains(String key) {
        return refusals.containsKey(key);
    }

    /** The refusals still in force, by namespace and API version; those whose informer watches again are dropped. */
    List<WatchRefusal> current(Predicate<String> watching) {
        refusals.forEach((key, refusal) -> {
            if (watching.test(key) && refusals.remove(key, refusal)) {
                Log.infof("Watching %s PipelineRuns in namespace %s again, after %s", refusal.apiVersion(),
                        refusal.namespace(), refusal.cause());
            }
        });
        return refusals.values().stream()
                .sorted(Comparator.comparing(WatchRefusal::namespace).thenComparing(WatchRefusal::apiVersion)).toList();
    }

    void clear() {
        refusals.clear();
    }
}
