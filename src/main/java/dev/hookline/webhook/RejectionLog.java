package dev.hookline.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.quarkus.logging.Log;

/**
 * Logs refused signatures at {@code WARN} at most once per interval, with the number refused since: anybody can send
 * forged requests, and a flood of them must not become a flood of log lines (the benchmark's 30,000 a second wrote
 * 30 MB of log in 10 s). Every refusal is still counted in {@code hookline_deliveries_total} and the delivery log, and
 * logged at {@code DEBUG}.
 */
final class RejectionLog {

    static final Duration INTERVAL = Duration.ofSeconds(10);

    private final Clock clock;
    private final AtomicReference<Instant> nextWarning = new AtomicReference<>(Instant.MIN);
    private final AtomicLong quiet = new AtomicLong();

    RejectionLog(Clock clock) {
        this.clock = clock;
    }

    /** Records a refusal; returns whether it was logged at {@code WARN}. */
    boolean rejected(String deliveryId, String reason) {
        Instant now = clock.instant();
        Instant due = nextWarning.get();
        if (now.isBefore(due) || !nextWarning.compareAndSet(due, now.plus(INTERVAL))) {
            quiet.incrementAndGet();
            Log.debugf("Rejected delivery %s: %s", deliveryId, reason);
            return false;
        }
        long since = quiet.getAndSet(0);
        Log.warnf("Rejected delivery %s: %s%s", deliveryId, reason, since == 0
                ? ""
                : " (" + since + " more refused in the last " + INTERVAL.toSeconds() + " s, logged at DEBUG)");
        return true;
    }
}
