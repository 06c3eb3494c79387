package dev.hookline.status;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectorBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.quarkus.logging.Log;

/**
 * Leader election over a Kubernetes {@code Lease} with fabric8's elector: only the holder reports, any replica takes
 * webhooks. Losing the lease stops reporting at once; the replica then stands again as a candidate.
 */
final class Leadership implements BooleanSupplier {

    private static final Duration LEASE = Duration.ofSeconds(15);
    private static final Duration RENEW_DEADLINE = Duration.ofSeconds(10);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final KubernetesClient client;
    private final String namespace;
    private final String leaseName;
    private final String identity;
    private final Runnable onGained;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "hookline-leader-election");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean leader;
    private volatile boolean running;
    private volatile CompletableFuture<?> election;

    Leadership(KubernetesClient client, String namespace, String leaseName, String identity, Runnable onGained) {
        this.client = client;
        this.namespace = namespace;
        this.leaseName = leaseName;
        this.identity = identity;
        this.onGained = onGained;
    }

    @Override
    public boolean getAsBoolean() {
        return leader;
    }

    String identity() {
        return identity;
    }

    synchronized void start() {
        running = true;
        stand();
    }

    private synchronized void stand() {
        if (!running) {
            return;
        }
        var config = new LeaderElectionConfigBuilder()
                .withName(leaseName)
                .withLock(new LeaseLock(namespace, leaseName, identity))
                .withLeaseDuration(LEASE)
                .withRenewDeadline(RENEW_DEADLINE)
                .withRetryPeriod(RETRY)
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(this::gained, this::lost, newLeader -> Log.debugf(
                        "Status reporting leader is now %s", newLeader)))
                .build();
        election = new LeaderElectorBuilder(client, executor).withConfig(config).build().start();
        // The elector returns when leadership is lost or the API server cannot be reached: stand again.
        election.whenComplete((ok, error) -> {
            leader = false;
            if (running) {
                CompletableFuture.delayedExecutor(RETRY.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                        .execute(this::stand);
            }
        });
    }

    private void gained() {
        Log.infof("This replica (%s) now reports commit statuses (lease %s/%s)", identity, namespace, leaseName);
        leader = true;
        onGained.run();
    }

    private void lost() {
        if (leader) {
            Log.infof("This replica (%s) stopped reporting commit statuses: lease lost", identity);
        }
        leader = false;
    }

    synchronized void stop() {
        running = false;
        leader = false;
        if (election != null) {
            election.cancel(true);
        }
        executor.shutdown();
    }
}
