package dev.hookline.webhook;

import java.util.List;

/**
 * The deliveries recorded in the cluster, where every replica reads them: the port through which the webhook, which
 * must not talk to Kubernetes, hands them over and lists them (implemented in {@code tekton}).
 */
public interface ClusterDeliveries {

    /** Nothing recorded, nothing listed: for tests and for the service with recording switched off. */
    ClusterDeliveries NONE = new ClusterDeliveries() {

        @Override
        public void record(Delivery delivery) {
        }

        @Override
        public List<Delivery> recorded() {
            return List.of();
        }
    };

    /** Hands a delivery over for recording. Returns at once and never throws: recording must not delay the answer. */
    void record(Delivery delivery);

    /** The deliveries this replica's readers see in the cluster, one per delivery id, newest first. */
    List<Delivery> recorded();
}
