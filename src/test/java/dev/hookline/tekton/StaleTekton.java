package dev.hookline.tekton;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.hookline.local.StaleMetadataWriter;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * Tekton's controller as it treats the metadata of the runs in one namespace, for the Kubernetes mock server (which
 * never rewrites a run by itself): whenever someone else writes Hookline's ledger or {@code superseded-by}, a
 * reconcile that had read the run just before that write ends a moment later and writes the older labels and
 * annotations back ({@link StaleMetadataWriter}), as real Tekton did in the audit logs of
 * shared/reference/tekton/observed-2026-12-01. Each run suffers at most {@code timesPerRun} such write-backs, as
 * Tekton stops reconciling a finished run.
 */
public final class StaleTekton implements AutoCloseable {

    /** The annotations Hookline writes on a run after creating it. */
    public static final Set<String> HOOKLINE_WRITES = Set.of(TrackedRun.ANNOTATION_REPORTED,
            RunLabels.ANNOTATION_SUPERSEDED_BY, TrackedRun.ANNOTATION_CHECK_RUN, TrackedRun.ANNOTATION_CHECK_STATE);

    private final KubernetesClient client;
    private final StaleMetadataWriter.Merge merge;
    private final int timesPerRun;
    private final Duration reconcile;
    private final Set<String> undone;
    private final ScheduledExecutorService reconciler = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, AtomicInteger> writeBacks = new ConcurrentHashMap<>();
    /** Versions this stand-in wrote itself: its own writes start no reconcile that undoes anything. */
    private final Set<String> own = ConcurrentHashMap.newKeySet();
    private final SharedIndexInformer<GenericKubernetesResource> informer;

    /**
     * @param reconcile how long after the write the stale reconcile ends (about 150 ms in the audit logs)
     */
    public StaleTekton(KubernetesClient client, String apiVersion, String namespace, StaleMetadataWriter.Merge merge,
            int timesPerRun, Duration reconcile) {
        this(client, apiVersion, namespace, merge, timesPerRun, reconcile, HOOKLINE_WRITES);
    }

    /** @param undone the annotations whose writes start a stale reconcile: a test may pick one */
    public StaleTekton(KubernetesClient client, String apiVersion, String namespace, StaleMetadataWriter.Merge merge,
            int timesPerRun, Duration reconcile, Set<String> undone) {
        this.client = client;
        this.merge = merge;
        this.timesPerRun = timesPerRun;
        this.reconcile = reconcile;
        this.undone = undone;
        this.informer = client.genericKubernetesResources(apiVersion, "PipelineRun").inNamespace(namespace)
                .inform(new ResourceEventHandler<>() {

                    @Override
                    public void onAdd(GenericKubernetesResource run) {
                    }

                    @Override
                    public void onUpdate(GenericKubernetesResource older, GenericKubernetesResource run) {
                        synchronized (own) {
                            if (!own.contains(run.getMetadata().getResourceVersion()) && hooklineWrote(older, run)) {
                                reconciler.schedule(() -> writeBack(older), reconcile.toMillis(), TimeUnit.MILLISECONDS);
                            }
                        }
                    }

                    @Override
                    public void onDelete(GenericKubernetesResource run, boolean unknown) {
                    }
                });
    }

    /** How many times the run's metadata was written back from an older copy. */
    public int writeBacks(String name) {
        AtomicInteger count = writeBacks.get(name);
        return count == null ? 0 : count.get();
    }

    private void writeBack(GenericKubernetesResource older) {
        AtomicInteger count = writeBacks.computeIfAbsent(older.getMetadata().getName(), n -> new AtomicInteger());
        if (count.get() >= timesPerRun) {
            return;
        }
        // Held while writing, so that the watch event of this write is not mistaken for someone else's.
        synchronized (own) {
            writeBack(older, count);
        }
    }

    private void writeBack(GenericKubernetesResource older, AtomicInteger count) {
        try {
            String version = StaleMetadataWriter.writeBack(client, older,
                    informer.getStore().getByKey(older.getMetadata().getNamespace() + "/" + older.getMetadata().getName()),
                    merge);
            if (version != null) {
                own.add(version);
                count.incrementAndGet();
            }
        } catch (KubernetesClientException e) {
            // Deleted meanwhile: Tekton's reconcile would end without a write too.
        }
    }

    private boolean hooklineWrote(GenericKubernetesResource older, GenericKubernetesResource run) {
        for (String key : undone) {
            if (!Objects.equals(annotation(older, key), annotation(run, key))) {
                return true;
            }
        }
        return false;
    }

    private static String annotation(GenericKubernetesResource run, String key) {
        Map<String, String> annotations = run.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }

    @Override
    public void close() {
        informer.stop();
        reconciler.shutdownNow();
    }
}
