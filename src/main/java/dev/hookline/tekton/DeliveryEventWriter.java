package dev.hookline.tekton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.hookline.config.EventsConfig;
import dev.hookline.webhook.Delivery;
import dev.hookline.webhook.RunRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

/**
 * Creates one Event per delivery and run it regards, on one background thread behind a bounded queue and a token
 * bucket: the webhook only ever pays for an offer to the queue. What does not fit is dropped and counted, since a
 * delivery log that slows the webhook down would cost more than a gap in it.
 */
final class DeliveryEventWriter {

    /** The versions a run is looked for under: the uid is the same whichever serves it. */
    private static final List<String> RUN_VERSIONS = List.of("tekton.dev/v1", "tekton.dev/v1beta1");
    private static final Duration FAILURE_LOG_INTERVAL = Duration.ofSeconds(10);

    private final KubernetesClient client;
    private final String ownNamespace;
    private final String deploymentName;
    private final String instance;
    private final Clock clock;
    private final TokenBucket bucket;
    private final ThreadPoolExecutor executor;
    private final Counter droppedQueueFull;
    private final Counter droppedRateLimited;
    private final Counter failed;
    private final AtomicLong failedSinceLog = new AtomicLong();
    private volatile Instant failureLoggedAt = Instant.MIN;

    DeliveryEventWriter(KubernetesClient client, EventsConfig config, String ownNamespace, String instance,
            Clock clock, MeterRegistry registry) {
        this.client = client;
        this.ownNamespace = ownNamespace;
        this.deploymentName = config.deploymentName();
        this.instance = instance;
        this.clock = clock;
        this.bucket = new TokenBucket(clock, config.perSecond(), config.burst());
        this.droppedQueueFull = dropped(registry, "queue-full");
        this.droppedRateLimited = dropped(registry, "rate-limited");
        this.failed = Counter.builder("hookline.delivery.events.failed")
                .description("Delivery Events Kubernetes did not create (logged at most once per 10 s)").register(registry);
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, config.queueSize())), task -> {
                    Thread thread = new Thread(task, "hookline-delivery-events");
                    thread.setDaemon(true);
                    return thread;
                }, (task, pool) -> droppedQueueFull.increment());
    }

    private static Counter dropped(MeterRegistry registry, String reason) {
        return Counter.builder("hookline.delivery.events.dropped").tag("reason", reason)
                .description("Delivery Events not created: the queue was full or the rate cap reached").register(registry);
    }

    /** Queues the delivery's Events, or drops and counts them; never blocks, never throws. */
    void submit(Delivery delivery) {
        // One token per Event: a delivery regards each of its runs, or the Deployment when it has none.
        int events = Math.max(1, delivery.runs().size());
        if (!bucket.tryTake(events)) {
            droppedRateLimited.increment(events);
            return;
        }
        try {
            executor.execute(() -> write(delivery));
        } catch (RejectedExecutionException e) {
            droppedQueueFull.increment(events);
        }
    }

    private void write(Delivery delivery) {
        List<Event> events = new ArrayList<>();
        for (RunRef run : delivery.runs()) {
            ObjectReference regarding = regarding(run);
            if (regarding != null) {
                events.add(DeliveryEventFactory.build(delivery, regarding, run, instance, clock.instant()));
            }
        }
        if (events.isEmpty()) {
            // No run existed (a failure before any, or a refusal of every trigger): the Event regards Hookline itself.
            ObjectReference deployment = new ObjectReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                    .withNamespace(ownNamespace).withName(deploymentName).build();
            events.add(DeliveryEventFactory.build(delivery, deployment, null, instance, clock.instant()));
        }
        events.forEach(event -> create(delivery, event));
    }

    /**
     * The run as an Event's subject, with its uid so that {@code kubectl describe pipelinerun} finds the Event;
     * {@code null} when no version serves a run of that name (a refused trigger's run was never created).
     */
    private ObjectReference regarding(RunRef run) {
        ObjectReferenceBuilder reference = new ObjectReferenceBuilder().withKind("PipelineRun")
                .withNamespace(run.namespace()).withName(run.name());
        try {
            for (String version : RUN_VERSIONS) {
                GenericKubernetesResource found = client.genericKubernetesResources(version, "PipelineRun")
                        .inNamespace(run.namespace()).withName(run.name()).get();
                if (found != null) {
                    return reference.withApiVersion(version).withUid(found.getMetadata().getUid()).build();
                }
            }
            return null;
        } catch (KubernetesClientException e) {
            // Unreadable is not absent: record the delivery against the run by name, without its uid.
            Log.debugf("Reading PipelineRun %s/%s for its uid: %s", run.namespace(), run.name(), e.getMessage());
            return reference.withApiVersion(RUN_VERSIONS.get(0)).build();
        }
    }

    private void create(Delivery delivery, Event event) {
        try {
            client.events().v1().events().inNamespace(event.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return; // a redelivery of the same id: recorded already
            }
            failed.increment();
            long failures = failedSinceLog.incrementAndGet();
            Instant now = clock.instant();
            if (now.isAfter(failureLoggedAt.plus(FAILURE_LOG_INTERVAL))) {
                failureLoggedAt = now;
                failedSinceLog.set(0);
                Log.warnf("Delivery %s for %s %s: Event %s/%s not created (%d failed since the last such line): %s",
                        delivery.id(), delivery.repository(), delivery.ref(), event.getMetadata().getNamespace(),
                        event.getMetadata().getName(), failures, e.getMessage());
            }
        }
    }

    void shutdown() {
        executor.shutdownNow();
    }
}
