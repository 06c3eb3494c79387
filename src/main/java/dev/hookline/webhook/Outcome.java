package dev.hookline.webhook;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What became of one delivery. */
@RegisterForReflection
public enum Outcome {

    /** PipelineRuns were created for it. */
    TRIGGERED,
    /** Verified, but nothing to do: an unhandled event, no matching trigger, a deleted ref. */
    IGNORED,
    /** A redelivery of a delivery whose runs already exist; nothing was created. */
    DUPLICATE,
    /** Refused before processing: bad signature, size, content type, headers or payload. */
    REJECTED,
    /** Verified, but the runs could not be created; GitHub shows the delivery as failed and may redeliver. */
    FAILED,
    /**
     * Verified, but the cluster refused a trigger's run for good (admission, missing namespace): a redelivery gets the
     * same answer until the trigger or the cluster changes. Runs of the other triggers may exist.
     */
    REFUSED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
