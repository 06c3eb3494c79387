package dev.hookline.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.hookline.github.WriteBudget;
import dev.hookline.github.WriteBudget.Urgency;
import dev.hookline.tekton.TrackedRun;
import io.quarkus.logging.Log;

/**
 * Drives the reports of runs through GitHub's write budget ({@link WriteBudget}): one lane per App installation or
 * token, one write at a time in a lane, spaced to {@code writesPerMinute}, final states first, rapid updates of one run
 * coalesced (only its newest copy is worked on), and a rate-limit answer pausing the lane for the time GitHub names.
 * An attempt sends at most one write; one that has more to send asks to be queued again. A failed attempt is retried
 * with exponential backoff and full jitter, or after the time GitHub asked for. One run is never worked on twice at the
 * same time. Timers are real time: the budget is read with the system clock.
 */
final class ReportScheduler {

    /** GitHub asks to wait at least a minute after a secondary limit that names no time. */
    static final Duration DEFAULT_LIMIT_WAIT = Duration.ofMinutes(1);

    /** What an attempt did, and asks of the scheduler. */
    sealed interface Attempt {

        /** Nothing to send: done with the run for now. */
        Attempt IDLE = new Done(false);
        /** One write sent, nothing more to send. */
        Attempt WROTE = new Done(true);
        /** One write sent, and the run has more to send: queue it again. */
        Attempt AGAIN = new Again();

        record Done(boolean wrote) implements Attempt {
        }

        record Again() implements Attempt {
        }

        /**
         * Try the run again.
         *
         * @param after a wait GitHub asked for, or {@code null} for the backoff
         * @param limited whether GitHub refused for a rate limit: then the whole lane waits, and this run goes first
         */
        record Retry(Duration after, boolean limited) implements Attempt {

            Retry(Duration after) {
                this(after, false);
            }
        }
    }

    private enum State {
        QUEUED, RUNNING, WAITING
    }

    private final Function<TrackedRun, Attempt> work;
    private final Function<TrackedRun, Urgency> urgency;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final WriteBudget<TrackedRun> budget;
    private final Clock clock = Clock.systemUTC();
    private final ExecutorService workers;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("hookline-report-timer"));
    /** Guarded by this: where each run is, its newest copy, its failed attempts, the next wake-up. */
    private final Map<String, State> states = new HashMap<>();
    private final Map<String, TrackedRun> latest = new HashMap<>();
    private final Map<String, Integer> attempts = new HashMap<>();
    private ScheduledFuture<?> wake;
    private Instant wakeAt;

    ReportScheduler(Function<TrackedRun, Attempt> work, Function<TrackedRun, Urgency> urgency, int writesPerMinute,
            int concurrency, Duration initialBackoff, Duration maxBackoff) {
        this.work = work;
        this.urgency = urgency;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.budget = new WriteBudget<>(writesPerMinute);
        this.workers = Executors.newFixedThreadPool(Math.max(1, concurrency), daemon("hookline-reporter"));
    }

    /** The run may need a report: queued in its lane, or, when it is being worked on or waits, its newest copy kept. */
    void submit(TrackedRun run) {
        synchronized (this) {
            latest.put(run.key(), run);
            State state = states.get(run.key());
            if (state == null || state == State.QUEUED) {
                // Queued already: submitted again, it takes the newer urgency (a final state moves it up).
                states.put(run.key(), State.QUEUED);
                budget.submit(lane(run), run.key(), urgency.apply(run), run, clock.instant());
            }
        }
        pump();
    }

    /** Runs queued, waiting for a retry, or being worked on. */
    synchronized int depth() {
        return states.size();
    }

    /** Writes waiting in the budget's lanes. */
    int queued() {
        return budget.depth();
    }

    /** How long the oldest write in the budget has waited. */
    Duration oldestAge() {
        return budget.oldestAge(clock.instant());
    }

    void shutdown() {
        timer.shutdownNow();
        workers.shutdownNow();
    }

    /** The token or installation a run's writes count against: what GitHub's limits are per. */
    static String lane(TrackedRun run) {
        return run.installationId() == null ? "token" : "installation " + run.installationId();
    }

    /** Hands every write that is due to a worker, then sets the timer for the next one. */
    private void pump() {
        synchronized (this) {
            Instant now = clock.instant();
            Optional<WriteBudget.Due<TrackedRun>> due;
            while ((due = budget.poll(now)).isPresent()) {
                WriteBudget.Due<TrackedRun> next = due.get();
                states.put(next.key(), State.RUNNING);
                TrackedRun run = latest.remove(next.key());
                TrackedRun copy = run != null ? run : next.write();
                workers.execute(() -> process(next, copy));
            }
            budget.nextDue().ifPresent(this::wakeAt);
        }
    }

    private void wakeAt(Instant at) {
        // A wake-up still to come, no later than this one, will do.
        if (wake != null && !wakeAt.isAfter(at)) {
            return;
        }
        if (wake != null) {
            wake.cancel(false);
        }
        wakeAt = at;
        // Rounded up: a timer that fires a moment early finds nothing due.
        long delay = Math.max(0, Duration.between(clock.instant(), at).toNanos());
        wake = timer.schedule(this::woken, delay + 1_000_000, TimeUnit.NANOSECONDS);
    }

    private void woken() {
        synchronized (this) {
            wake = null;
        }
        pump();
    }

    private void process(WriteBudget.Due<TrackedRun> due, TrackedRun run) {
        // The lane's interval counts from when its write went out, not from when the attempt (the run's read, GitHub's
        // answer, the ledger's patch) ended: a slow GitHub must not slow the lane below its rate.
        Instant started = clock.instant();
        Attempt attempt;
        try {
            attempt = work.apply(run);
        } catch (RuntimeException e) {
            // One run's trouble must not stop the others: log it and retry this one later.
            Log.errorf(e, "Reporting %s failed", run.key());
            attempt = new Attempt.Retry(null);
        }
        Instant now = clock.instant();
        synchronized (this) {
            String key = run.key();
            if (attempt instanceof Attempt.Retry retry && retry.limited()) {
                // The lane waits for GitHub's time; this run goes first after it, as its newest copy.
                Duration wait = retry.after() != null ? retry.after() : DEFAULT_LIMIT_WAIT;
                Log.infof("GitHub's rate limit holds the writes of %s for %s (%d waiting)", due.lane(), wait,
                        budget.depth());
                TrackedRun newest = latest.getOrDefault(key, run);
                latest.put(key, newest);
                budget.pause(new WriteBudget.Due<>(due.lane(), key, due.urgency(), newest, due.queuedAt()), wait, now);
                states.put(key, State.QUEUED);
            } else {
                if (attempt instanceof Attempt.Done done && !done.wrote()) {
                    budget.release(due);
                } else {
                    budget.done(due, started);
                }
                settle(key, run, attempt, now);
            }
        }
        pump();
    }

    /** Guarded by this: the run's next place after an attempt that was not rate limited. */
    private void settle(String key, TrackedRun run, Attempt attempt, Instant now) {
        if (attempt instanceof Attempt.Retry retry) {
            latest.putIfAbsent(key, run);
            int count = attempts.merge(key, 1, Integer::sum);
            Duration wait = retry.after() != null ? retry.after() : backoff(count);
            states.put(key, State.WAITING);
            timer.schedule(() -> requeue(key), wait.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        if (attempt instanceof Attempt.Done) {
            attempts.remove(key);
        }
        // More to send, or an update that arrived while this attempt ran: queue the run again.
        TrackedRun next = latest.get(key);
        if (attempt instanceof Attempt.Again || next != null) {
            TrackedRun copy = next != null ? next : run;
            latest.put(key, copy);
            states.put(key, State.QUEUED);
            budget.submit(lane(copy), key, urgency.apply(copy), copy, now);
        } else {
            states.remove(key);
        }
    }

    private void requeue(String key) {
        synchronized (this) {
            TrackedRun run = latest.get(key);
            if (run == null || states.get(key) != State.WAITING) {
                return;
            }
            states.put(key, State.QUEUED);
            budget.submit(lane(run), key, urgency.apply(run), run, clock.instant());
        }
        pump();
    }

    /** Exponential backoff with full jitter: a random wait up to {@code initial * 2^(attempt-1)}, capped. */
    Duration backoff(int attempt) {
        long cap = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
    }

    static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
