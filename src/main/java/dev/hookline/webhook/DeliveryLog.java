package dev.hookline.webhook;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.hookline.config.HooklineConfig;

/** The most recent deliveries, in memory and bounded, newest first. */
@ApplicationScoped
public class DeliveryLog {

    private final int capacity;
    private final Deque<Delivery> entries = new ArrayDeque<>();

    @Inject
    public DeliveryLog(HooklineConfig config) {
        this.capacity = Math.max(1, config.webhook().logSize());
    }

    public synchronized void add(Delivery delivery) {
        entries.addFirst(delivery);
        if (entries.size() > capacity) {
            entries.removeLast();
        }
    }

    /** A copy of the log, newest first. */
    public synchronized List<Delivery> recent() {
        return new ArrayList<>(entries);
    }
}
