package dev.hookline.tekton;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.hookline.webhook.Delivery;
import dev.hookline.webhook.RunRef;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.logging.Log;

/**
 * Informers on Hookline's delivery Events ({@code app.kubernetes.io/managed-by=hookline}), one per namespace: those
 * the triggers use and Hookline's own. Like {@link RunInformers} they start in the background and keep retrying, but
 * readiness does not wait for them: an empty delivery list is no reason to refuse deliveries.
 */
public class DeliveryEventInformers {

    private final KubernetesClient client;
    private final Supplier<Set<String>> namespaces;
    private final Map<String, SharedIndexInformer<Event>> informers = new ConcurrentHashMap<>();

    /** @param namespaces where to watch, asked again on every {@link #ensureStarted()} */
    public DeliveryEventInformers(KubernetesClient client, Supplier<Set<String>> namespaces) {
        this.client = client;
        this.namespaces = namespaces;
    }

    /** Starts informers for namespaces not watched yet (new triggers after a reload). */
    public synchronized void ensureStarted() {
        for (String namespace : namespaces.get()) {
            informers.computeIfAbsent(namespace, this::start);
        }
    }

    private SharedIndexInformer<Event> start(String namespace) {
        SharedIndexInformer<Event> informer = client.events().v1().events().inNamespace(namespace)
                .withLabel(RunLabels.MANAGED_BY, RunLabels.MANAGED_BY_VALUE).runnableInformer(0);
        informer.exceptionHandler((started, error) -> {
            Log.debugf("Watching delivery Events in %s: %s; retrying", namespace, error.getMessage());
            return true;
        });
        informer.start();
        return informer;
    }

    /** Whether every informer has listed at least once. */
    public boolean synced() {
        return !informers.isEmpty() && informers.values().stream().allMatch(SharedIndexInformer::hasSynced);
    }

    /** The deliveries in the caches, one per delivery id with the runs of all its Events, newest first. */
    public List<Delivery> deliveries() {
        Map<String, Delivery> byId = new LinkedHashMap<>();
        Map<String, Set<RunRef>> runs = new LinkedHashMap<>();
        informers.values().forEach(informer -> informer.getStore().list().forEach(event -> {
            Delivery delivery = DeliveryEventFactory.parse(event);
            if (delivery != null) {
                byId.putIfAbsent(delivery.id(), delivery);
                runs.computeIfAbsent(delivery.id(), id -> new LinkedHashSet<>()).addAll(delivery.runs());
            }
        }));
        List<Delivery> merged = new ArrayList<>();
        byId.forEach((id, d) -> merged.add(new Delivery(id, d.event(), d.repository(), d.ref(), d.receivedAt(),
                d.outcome(), d.reason(), new ArrayList<>(runs.get(id)))));
        merged.sort(Comparator.comparing(Delivery::receivedAt).reversed());
        return merged;
    }

    public synchronized void stop() {
        informers.values().forEach(SharedIndexInformer::stop);
        informers.clear();
    }
}
