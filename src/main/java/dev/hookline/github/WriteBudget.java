package dev.hookline.github;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GitHub's write limits as a schedule: one lane per token or App installation (what GitHub counts a limit against),
 * each sending one write at a time and at most {@code writesPerMinute} of them, as GitHub asks of integrations (about
 * one a second, and secondary limits of about 80 content-creating requests a minute). Writes queue instead of
 * bursting; when a lane's queue is long, final states go before intermediate ones; an intermediate write of a run
 * replaces the one it queued before (only the newest matters), and a final one drops it; a secondary-limit answer
 * pauses the lane for the time GitHub names, with the write kept at the head of its lane, so nothing is lost, and
 * slows the lane to what GitHub took in the minute before, so that the refusal is the last.
 * <p>
 * A passive schedule: a driver asks {@link #poll} for what is due and reports back with {@link #done} or
 * {@link #pause}; it holds no thread and no clock of its own, so tests drive it with any clock. Thread-safe.
 *
 * @param <T> what a write carries
 */
public final class WriteBudget<T> {

    /** Whether a write ends a run's story on GitHub or only tells how it goes. */
    public enum Urgency {
        /** A final state: sent before any intermediate one of its lane. */
        FINAL,
        /** An intermediate state: replaced by a newer write of the same run while it waits. */
        INTERMEDIATE
    }

    /**
     * A write whose turn has come.
     *
     * @param lane the token or installation it counts against
     * @param key the run it is about (what coalesces)
     * @param urgency final or intermediate
     * @param write what to send
     * @param queuedAt when it was first queued (a replaced write keeps its predecessor's place)
     */
    public record Due<T>(String lane, String key, Urgency urgency, T write, Instant queuedAt) {
    }

    /** GitHub's secondary limits count writes a minute. */
    private static final Duration WINDOW = Duration.ofMinutes(1);
    /** The fewest writes in a minute from which a refusal teaches a lane its rate. */
    static final int MIN_LESSON = 10;

    private static final Comparator<Due<?>> ORDER = Comparator.comparing((Due<?> d) -> d.urgency())
            .thenComparing(Due::queuedAt);

    private final Duration interval;
    private final Map<String, Lane<T>> lanes = new HashMap<>();
    /**
     * The interval a lane learnt from GitHub's refusal, when longer than {@link #interval}; forgotten with the lane,
     * once it has been quiet for a minute.
     */
    private final Map<String, Duration> learnt = new HashMap<>();

    /** @param writesPerMinute the most writes a lane sends a minute; spaced evenly */
    public WriteBudget(int writesPerMinute) {
        if (writesPerMinute < 1) {
            throw new IllegalArgumentException("writes per minute must be at least 1, not " + writesPerMinute);
        }
        this.interval = Duration.ofMinutes(1).dividedBy(writesPerMinute);
    }

    /**
     * Queues a write. A lane holds one waiting write per run: a newer one replaces it, keeping its place in line and
     * the more urgent of the two urgencies (a final state queued stays final).
     */
    public synchronized void submit(String lane, String key, Urgency urgency, T write, Instant now) {
        Lane<T> queue = lanes.computeIfAbsent(lane, l -> new Lane<>());
        Instant place = now;
        Urgency kept = urgency;
        for (int i = 0; i < queue.waiting.size(); i++) {
            Due<T> queued = queue.waiting.get(i);
            if (queued.key().equals(key)) {
                // The newer write makes the queued one pointless; it keeps the older write's place in line.
                place = queued.queuedAt();
                kept = queued.urgency() == Urgency.FINAL ? Urgency.FINAL : urgency;
                queue.waiting.remove(i);
                break;
            }
        }
        queue.waiting.add(new Due<>(lane, key, kept, write, place));
    }

    /**
     * The next write to send now, if a lane has one due: not paused, none of its writes in flight, its interval
     * passed since its last write. The lane counts it as in flight until {@link #done} or {@link #pause}.
     */
    public synchronized Optional<Due<T>> poll(Instant now) {
        Lane<T> best = null;
        Due<T> bestWrite = null;
        // An idle lane whose interval has passed holds nothing worth keeping: drop it, so lanes stay as few as the
        // installations writing now.
        // With it goes what it learnt from a refusal: after a quiet minute GitHub's window holds none of its writes.
        lanes.entrySet().removeIf(e -> {
            Lane<T> lane = e.getValue();
            boolean idle = !lane.inFlight && lane.waiting.isEmpty() && !lane.readyAt.isAfter(now)
                    && !lane.sentSince(now.minus(WINDOW));
            if (idle) {
                learnt.remove(e.getKey());
            }
            return idle;
        });
        for (Lane<T> lane : lanes.values()) {
            if (lane.inFlight || lane.waiting.isEmpty() || lane.readyAt.isAfter(now)) {
                continue;
            }
            Due<T> head = lane.head();
            // Across lanes the oldest goes first, so that no installation starves another.
            if (bestWrite == null || head.queuedAt().isBefore(bestWrite.queuedAt())) {
                best = lane;
                bestWrite = head;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        best.waiting.remove(bestWrite);
        best.inFlight = true;
        return Optional.of(bestWrite);
    }

    /** When the next write could be due (now or later), or empty when nothing waits outside a write in flight. */
    public synchronized Optional<Instant> nextDue() {
        return lanes.values().stream().filter(l -> !l.inFlight && !l.waiting.isEmpty()).map(l -> l.readyAt)
                .min(Comparator.naturalOrder());
    }

    /**
     * The write was sent, whatever GitHub answered but a secondary limit: the lane's next one goes an interval after
     * this one went, and not before this one's answer came (one at a time).
     *
     * @param sentAt when the write went out
     */
    public synchronized void done(Due<T> due, Instant sentAt) {
        Lane<T> lane = lanes.get(due.lane());
        lane.inFlight = false;
        lane.readyAt = later(lane.readyAt, sentAt.plus(learnt.getOrDefault(due.lane(), interval)));
        lane.sent.addLast(sentAt);
        while (lane.sent.size() > 1 && lane.sent.peekFirst().isBefore(sentAt.minus(WINDOW))) {
            lane.sent.removeFirst();
        }
    }

    /** Nothing was sent for the write after all (there was nothing left to say): the lane's next one may go at once. */
    public synchronized void release(Due<T> due) {
        Lane<T> lane = lanes.get(due.lane());
        lane.inFlight = false;
    }

    /**
     * GitHub refused the write for its secondary limit: the lane sends nothing for {@code wait}, then this write
     * first (unless a newer write of its run replaced it meanwhile).
     */
    public synchronized void pause(Due<T> due, Duration wait, Instant now) {
        Lane<T> lane = lanes.computeIfAbsent(due.lane(), l -> new Lane<>());
        lane.inFlight = false;
        lane.readyAt = later(lane.readyAt, now.plus(wait.isNegative() ? Duration.ZERO : wait));
        // What GitHub took in the last minute before refusing is its limit for this lane: pace below it from now on, so
        // that one refusal is the last (a sliding window refuses a faster client once per window otherwise).
        // A refusal after a few writes is not about their count (GitHub also limits concurrency and CPU time): no lesson.
        long accepted = lane.sent.stream().filter(at -> !at.isBefore(now.minus(WINDOW))).count();
        if (accepted >= MIN_LESSON) {
            Duration paced = WINDOW.dividedBy(accepted);
            if (paced.compareTo(learnt.getOrDefault(due.lane(), interval)) > 0) {
                learnt.put(due.lane(), paced);
            }
        }
        // An intermediate write that a newer one of its run replaced while it was in flight is not worth sending.
        if (due.urgency() == Urgency.FINAL || lane.waiting.stream().noneMatch(w -> w.key().equals(due.key()))) {
            // First in line: among writes queued at the same moment, the refused one goes first.
            lane.waiting.add(0, due);
        }
    }

    /** The interval between a lane's writes now: the configured one, or the longer one it learnt from GitHub. */
    public synchronized Duration interval(String lane) {
        return learnt.getOrDefault(lane, interval);
    }

    /** Writes waiting, in every lane (not those in flight). */
    public synchronized int depth() {
        return lanes.values().stream().mapToInt(l -> l.waiting.size()).sum();
    }

    /** How long the oldest waiting write has waited, or zero. */
    public synchronized Duration oldestAge(Instant now) {
        return lanes.values().stream().flatMap(l -> l.waiting.stream()).map(Due::queuedAt)
                .min(Comparator.naturalOrder()).map(oldest -> Duration.between(oldest, now)).filter(d -> !d.isNegative())
                .orElse(Duration.ZERO);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** One token's or installation's writes. */
    private static final class Lane<T> {

        private final List<Due<T>> waiting = new ArrayList<>();
        /** When its writes of about the last minute went out, oldest first. */
        private final ArrayDeque<Instant> sent = new ArrayDeque<>();
        private Instant readyAt = Instant.MIN;
        private boolean inFlight;

        boolean sentSince(Instant since) {
            return !sent.isEmpty() && !sent.peekLast().isBefore(since);
        }

        Due<T> head() {
            return waiting.stream().min(ORDER).orElseThrow();
        }
    }
}
