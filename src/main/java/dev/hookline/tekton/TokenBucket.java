package dev.hookline.tekton;

import java.time.Clock;

/**
 * A rate cap: {@code perSecond} tokens a second on average, at most {@code burst} saved up. Takes tokens or refuses,
 * never waits, so it can sit on the request thread.
 */
final class TokenBucket {

    private final Clock clock;
    private final double perSecond;
    private final double burst;
    private double tokens;
    private long refilledAtNanos;

    TokenBucket(Clock clock, double perSecond, int burst) {
        this.clock = clock;
        this.perSecond = Math.max(0, perSecond);
        this.burst = Math.max(1, burst);
        this.tokens = this.burst;
        this.refilledAtNanos = nanos();
    }

    /** Takes {@code count} tokens if there are that many now; otherwise takes none. */
    synchronized boolean tryTake(int count) {
        long now = nanos();
        tokens = Math.min(burst, tokens + (now - refilledAtNanos) / 1e9 * perSecond);
        refilledAtNanos = now;
        if (tokens < count) {
            return false;
        }
        tokens -= count;
        return true;
    }

    private long nanos() {
        java.time.Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
