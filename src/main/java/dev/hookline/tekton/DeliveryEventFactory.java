package dev.hookline.tekton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.hookline.webhook.Delivery;
import dev.hookline.webhook.Outcome;
import dev.hookline.webhook.RunRef;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;

/**
 * A delivery as a Kubernetes Event and back. The note is for people ({@code kubectl describe}); the annotations carry
 * the exact values, which is what the replicas read.
 */
final class DeliveryEventFactory {

    static final String REPORTING_CONTROLLER = "hookline.dev/webhook";
    static final String ANNOTATION_OUTCOME = "hookline.dev/outcome";
    static final String ANNOTATION_RECEIVED_AT = "hookline.dev/received-at";
    static final String ANNOTATION_REASON = "hookline.dev/reason";
    /** The API server refuses a note over 1 kB. */
    static final int NOTE_MAX_BYTES = 1024;
    private static final DateTimeFormatter MICRO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX")
            .withZone(ZoneOffset.UTC);

    private DeliveryEventFactory() {
    }

    /**
     * The Event for one delivery regarding one object.
     *
     * @param run the run it regards, or {@code null} for Hookline's Deployment
     */
    static Event build(Delivery delivery, ObjectReference regarding, RunRef run, String instance, Instant now) {
        Map<String, String> annotations = new LinkedHashMap<>();
        put(annotations, RunLabels.ANNOTATION_DELIVERY, delivery.id());
        put(annotations, RunLabels.ANNOTATION_EVENT, delivery.event());
        put(annotations, RunLabels.ANNOTATION_REPOSITORY, delivery.repository());
        put(annotations, RunLabels.ANNOTATION_REF, delivery.ref());
        put(annotations, ANNOTATION_OUTCOME, delivery.outcome().label());
        put(annotations, ANNOTATION_RECEIVED_AT, delivery.receivedAt() == null ? null : delivery.receivedAt().toString());
        put(annotations, RunLabels.TRIGGER, run == null ? null : run.trigger());
        put(annotations, ANNOTATION_REASON, delivery.reason() == null ? null : cut(delivery.reason(), NOTE_MAX_BYTES));
        ObjectMeta metadata = new ObjectMeta();
        metadata.setName(name(delivery.id(), regarding));
        metadata.setNamespace(regarding.getNamespace());
        metadata.setLabels(Map.of(RunLabels.MANAGED_BY, RunLabels.MANAGED_BY_VALUE));
        metadata.setAnnotations(annotations);
        boolean warning = delivery.outcome() == Outcome.FAILED || delivery.outcome() == Outcome.REFUSED;
        return new EventBuilder().withMetadata(metadata).withRegarding(regarding)
                .withEventTime(new MicroTime(MICRO_TIME.format(now)))
                .withReportingController(REPORTING_CONTROLLER).withReportingInstance(instance)
                .withAction(delivery.outcome() == Outcome.DUPLICATE ? "FindPipelineRun" : "CreatePipelineRun")
                .withReason(reason(delivery.outcome())).withType(warning ? "Warning" : "Normal")
                .withNote(cut(note(delivery), NOTE_MAX_BYTES)).build();
    }

    /** The delivery an Event records, or {@code null} when it is not one of Hookline's. */
    static Delivery parse(Event event) {
        Map<String, String> annotations = event.getMetadata().getAnnotations();
        if (annotations == null || annotations.get(RunLabels.ANNOTATION_DELIVERY) == null) {
            return null;
        }
        Outcome outcome;
        Instant received;
        try {
            outcome = Outcome.valueOf(annotations.getOrDefault(ANNOTATION_OUTCOME, "").toUpperCase(Locale.ROOT));
            received = Instant.parse(annotations.getOrDefault(ANNOTATION_RECEIVED_AT, ""));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return null;
        }
        ObjectReference regarding = event.getRegarding();
        List<RunRef> runs = regarding != null && "PipelineRun".equals(regarding.getKind())
                ? List.of(new RunRef(annotations.get(RunLabels.TRIGGER), regarding.getNamespace(), regarding.getName()))
                : List.of();
        return new Delivery(annotations.get(RunLabels.ANNOTATION_DELIVERY), annotations.get(RunLabels.ANNOTATION_EVENT),
                annotations.get(RunLabels.ANNOTATION_REPOSITORY), annotations.get(RunLabels.ANNOTATION_REF), received,
                outcome, annotations.get(ANNOTATION_REASON), runs);
    }

    /**
     * {@code <regarding name>.<hash>}: a pure function of delivery and regarding object, so a redelivery of the same
     * id, or a second attempt, meets {@code AlreadyExists} instead of adding a second Event.
     */
    static String name(String deliveryId, ObjectReference regarding) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((deliveryId + "/" + regarding.getKind() + "/"
                    + regarding.getNamespace() + "/" + regarding.getName()).getBytes(StandardCharsets.UTF_8));
            return regarding.getName() + "." + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String reason(Outcome outcome) {
        String label = outcome.label();
        return Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }

    private static String note(Delivery delivery) {
        return "Delivery " + delivery.id() + " (" + delivery.event() + ") for " + delivery.repository() + " "
                + delivery.ref() + ": " + delivery.outcome().label()
                + (delivery.reason() == null ? "" : " (" + delivery.reason() + ")");
    }

    /** The text cut to at most {@code maxBytes} of UTF-8, at a code point boundary. */
    static String cut(String text, int maxBytes) {
        if (text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return text;
        }
        StringBuilder cut = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < text.length();) {
            int codePoint = text.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > maxBytes - 3) {
                break;
            }
            cut.appendCodePoint(codePoint);
            bytes += size;
            i += Character.charCount(codePoint);
        }
        return cut.append('…').toString();
    }

    private static void put(Map<String, String> annotations, String key, String value) {
        if (value != null) {
            annotations.put(key, value);
        }
    }
}
