package dev.hookline.bench;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * GitHub's secondary limit on content-creating requests as the stand-in enforces it: per token, a <em>sliding</em>
 * window of {@code limit} accepted writes in any 60 s. GitHub documents the figure (about 80 a minute) but not the
 * window's shape; a sliding window is the stricter reading, since a fixed one lets up to twice the limit through
 * across a boundary. Refused writes do not count: GitHub does not say they do, and counting them would punish a client
 * for the very answer that tells it to wait. {@code limit <= 0} accepts everything.
 */
final class SecondaryLimit {

    static final long WINDOW_NANOS = 60_000_000_000L;

    /** Accepted, or refused with the whole seconds until the window has room again (at least 1). */
    record Decision(boolean accepted, long retryAfterSeconds) {
    }

    private static final Decision ACCEPTED = new Decision(true, 0);

    private final int limit;
    /** Guarded by this: per token, the arrival times (nanoTime) of the writes accepted in the last window. */
    private final Map<String, Deque<Long>> accepted = new HashMap<>();

    SecondaryLimit(int limit) {
        this.limit = limit;
    }

    int limit() {
        return limit;
    }

    /** Decides on a write of {@code token} arriving at {@code nanos}; an accepted one takes a place in the window. */
    synchronized Decision admit(String token, long nanos) {
        if (limit <= 0) {
            return ACCEPTED;
        }
        Deque<Long> window = accepted.computeIfAbsent(token, t -> new ArrayDeque<>());
        // A write leaves the window 60 s after it arrived.
        while (!window.isEmpty() && window.peekFirst() + WINDOW_NANOS <= nanos) {
            window.pollFirst();
        }
        if (window.size() < limit) {
            window.addLast(nanos);
            return ACCEPTED;
        }
        long frees = window.peekFirst() + WINDOW_NANOS - nanos;
        return new Decision(false, Math.max(1, (frees + 999_999_999L) / 1_000_000_000L));
    }
}
