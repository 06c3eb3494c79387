package dev.hookline.tekton;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.hookline.config.HooklineConfig;
import dev.hookline.trigger.TriggerRules;
import dev.hookline.webhook.ClusterDeliveries;
import dev.hookline.webhook.Delivery;
import dev.hookline.webhook.Replica;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * The delivery log in the cluster: deliveries that touched it are written as Events ({@link DeliveryEventWriter})
 * and every replica lists them back from its informers ({@link DeliveryEventInformers}). Events expire with the API
 * server's {@code --event-ttl} (1 h by default), so that is the window the cluster part covers.
 */
@ApplicationScoped
public class DeliveryEvents implements ClusterDeliveries {

    private final boolean enabled;
    private final DeliveryEventWriter writer;
    private final DeliveryEventInformers informers;

    DeliveryEvents(HooklineConfig config, KubernetesClient client, TriggerRules rules, Clock clock,
            MeterRegistry registry) {
        this.enabled = config.events().enabled();
        String ownNamespace = ownNamespace(client);
        this.writer = new DeliveryEventWriter(client, config.events(), ownNamespace, Replica.name(), clock, registry);
        this.informers = new DeliveryEventInformers(client, () -> namespaces(rules, ownNamespace));
    }

    void start(@Observes StartupEvent event) {
        if (enabled) {
            informers.ensureStarted();
        }
    }

    /** Picks up namespaces that a triggers reload added. */
    @Scheduled(every = "10s", delayed = "10s")
    void watchNewNamespaces() {
        if (enabled) {
            informers.ensureStarted();
        }
    }

    @Override
    public void record(Delivery delivery) {
        if (enabled) {
            writer.submit(delivery);
        }
    }

    @Override
    public List<Delivery> recorded() {
        return enabled ? informers.deliveries() : List.of();
    }

    // Early among shutdown observers: stop watching before local mode takes its embedded API away.
    void stop(@Observes @Priority(1) ShutdownEvent event) {
        writer.shutdown();
        informers.stop();
    }

    /** Where Events are written and read: every namespace a trigger names, and Hookline's own. */
    public static Set<String> namespaces(TriggerRules rules, String ownNamespace) {
        Set<String> namespaces = new TreeSet<>();
        rules.triggers().forEach(trigger -> namespaces.add(trigger.namespace()));
        namespaces.add(ownNamespace);
        return namespaces;
    }

    /** The pod's namespace ({@code POD_NAMESPACE}), else the client's: where Hookline's own Events and its Lease live. */
    public static String ownNamespace(KubernetesClient client) {
        return Optional.ofNullable(System.getenv("POD_NAMESPACE")).or(() -> Optional.ofNullable(client.getNamespace()))
                .orElse("default");
    }
}
