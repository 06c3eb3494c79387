package dev.hookline.status;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.hookline.tekton.TrackedRun;
import io.quarkus.logging.Log;

/**
 * A work queue keyed by run. Rapid updates of one run coalesce (only the newest matters); at most {@code concurrency}
 * runs are worked on at once, and one run never twice at the same time; a failed attempt is retried with exponential
 * backoff and full jitter, or after the time GitHub asked for.
 */
final class ReportQueue {

    /** What an attempt asks of the queue. */
    sealed interface Attempt {

        Attempt DONE = new Done();

        record Done() implements Attempt {
        }

        /** Try again; {@code after} is a wait GitHub asked for, or {@code null} for the queue's backoff. */
        record Retry(Duration after) implements Attempt {
        }
    }

    private final Function<TrackedRun, Attempt> work;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("hookline-report-timer"));
    private final Map<String, TrackedRun> latest = new ConcurrentHashMap<>();
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
    /** Keys queued, waiting for a retry, or being worked on. */
    private final Set<String> active = ConcurrentHashMap.newKeySet();

    ReportQueue(Function<TrackedRun, Attempt> work, int concurrency, Duration initialBackoff, Duration maxBackoff) {
        this.work = work;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.workers = Executors.newFixedThreadPool(Math.max(1, concurrency), daemon("hookline-reporter"));
    }

    void submit(TrackedRun run) {
        latest.put(run.key(), run);
        if (active.add(run.key())) {
            workers.execute(() -> process(run.key()));
        }
    }

    /** Runs waiting for, or in, an attempt. */
    int depth() {
        return active.size();
    }

    private void process(String key) {
        TrackedRun run = latest.remove(key);
        Attempt attempt = Attempt.DONE;
        if (run != null) {
            try {
                attempt = work.apply(run);
            } catch (RuntimeException e) {
                // One run's trouble must not stop the others: log it and retry this one later.
                Log.errorf(e, "Reporting %s failed", key);
                attempt = new Attempt.Retry(null);
            }
        }
        if (attempt instanceof Attempt.Retry retry) {
            latest.putIfAbsent(key, run);
            int count = attempts.merge(key, 1, Integer::sum);
            Duration wait = retry.after() != null ? retry.after() : backoff(count);
            timer.schedule(() -> workers.execute(() -> process(key)), wait.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        attempts.remove(key);
        active.remove(key);
        // An update that arrived while this attempt ran: work on it now.
        if (latest.containsKey(key) && active.add(key)) {
            workers.execute(() -> process(key));
        }
    }

    /** Exponential backoff with full jitter: a random wait up to {@code initial * 2^(attempt-1)}, capped. */
    Duration backoff(int attempt) {
        long cap = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
    }

    void shutdown() {
        timer.shutdownNow();
        workers.shutdownNow();
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
