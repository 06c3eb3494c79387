package dev.hookline.webhook;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.hookline.config.HooklineConfig;

/**
 * The most recent deliveries, in memory and bounded, newest first; those that touched the cluster are handed on to
 * be recorded there too, so that every replica lists them (see {@link #all()}).
 */
@ApplicationScoped
public class DeliveryLog {

    private final int capacity;
    private final ClusterDeliveries cluster;
    private final Deque<Delivery> entries = new ArrayDeque<>();

    @Inject
    public DeliveryLog(HooklineConfig config, ClusterDeliveries cluster) {
        this.capacity = Math.max(1, config.webhook().logSize());
        this.cluster = cluster;
    }

    /** A log of this replica's memory only. */
    public DeliveryLog(HooklineConfig config) {
        this(config, ClusterDeliveries.NONE);
    }

    public void add(Delivery delivery) {
        synchronized (this) {
            entries.addFirst(delivery);
            if (entries.size() > capacity) {
                entries.removeLast();
            }
        }
        if (delivery.touchedCluster()) {
            cluster.record(delivery);
        }
    }

    /** A copy of this replica's log, newest first. */
    public synchronized List<Delivery> recent() {
        return new ArrayList<>(entries);
    }

    /**
     * What every replica can tell, newest first: the deliveries recorded in the cluster, then those only this
     * replica's memory holds, each naming this replica, so that a page behind a Service does not pass one pod's half
     * for the whole. A delivery whose Event is not in the cache yet counts as memory until it is.
     */
    public List<Delivery> all() {
        List<Delivery> all = new ArrayList<>(cluster.recorded());
        Set<String> inCluster = new HashSet<>();
        all.forEach(delivery -> inCluster.add(delivery.id()));
        String replica = Replica.name();
        recent().stream().filter(delivery -> delivery.id() == null || !inCluster.contains(delivery.id()))
                .map(delivery -> delivery.heldBy(replica)).forEach(all::add);
        all.sort(Comparator.comparing(Delivery::receivedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        // The cluster holds up to an hour of Events (the API server's --event-ttl): list as many as the log keeps.
        return all.size() > capacity ? new ArrayList<>(all.subList(0, capacity)) : all;
    }
}
