package dev.hookline.tekton;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hookline.webhook.Delivery;
import dev.hookline.webhook.Outcome;
import dev.hookline.webhook.RunRef;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.events.v1.Event;

class DeliveryEventFactoryTest {

    private static final Instant RECEIVED = Instant.parse("2026-12-01T22:00:00.123456789Z");
    private static final RunRef RUN = new RunRef("api-image", "ci", "api-image-abc1234-0011aabb");
    private static final ObjectReference REGARDING = new ObjectReferenceBuilder().withApiVersion("tekton.dev/v1")
            .withKind("PipelineRun").withNamespace("ci").withName(RUN.name()).withUid("uid-1").build();

    private static Delivery delivery(String id, Outcome outcome, String reason) {
        return new Delivery(id, "push", "acme/api", "refs/heads/main", RECEIVED, outcome, reason, List.of(RUN));
    }

    @Test
    void eventReadBack_isTheDeliveryItRecords() {
        Delivery delivery = delivery("d-1", Outcome.TRIGGERED, null);
        Event event = DeliveryEventFactory.build(delivery, REGARDING, RUN, "pod-a", RECEIVED);
        assertThat(DeliveryEventFactory.parse(event)).isEqualTo(delivery);
        assertThat(event.getEventTime().getTime()).isEqualTo("2026-12-01T22:00:00.123456Z");
    }

    @Test
    void name_isTheSameForARedelivery_andDiffersPerDeliveryAndRegarding() {
        String name = DeliveryEventFactory.name("d-1", REGARDING);
        assertThat(name).startsWith(RUN.name() + ".").isEqualTo(DeliveryEventFactory.name("d-1", REGARDING));
        assertThat(DeliveryEventFactory.name("d-2", REGARDING)).isNotEqualTo(name);
        assertThat(DeliveryEventFactory.name("d-1", new ObjectReferenceBuilder(REGARDING).withNamespace("ci-classic")
                .build())).isNotEqualTo(name);
    }

    @Test
    void failures_areWarnings_andTheNoteStaysWithin1kBOfUtf8() {
        String reason = "Kubernetes refused it: " + "ü€".repeat(600);
        Event event = DeliveryEventFactory.build(delivery("d-3", Outcome.REFUSED, reason), REGARDING, RUN, "pod-a",
                RECEIVED);
        assertThat(event.getType()).isEqualTo("Warning");
        assertThat(event.getReason()).isEqualTo("Refused");
        assertThat(event.getNote().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
        assertThat(event.getNote()).startsWith("Delivery d-3 (push) for acme/api refs/heads/main: refused").endsWith("…");
    }
}
