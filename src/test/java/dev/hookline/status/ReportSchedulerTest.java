package dev.hookline.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.hookline.github.WriteBudget.Urgency;
import dev.hookline.status.ReportScheduler.Attempt;
import dev.hookline.tekton.TrackedRun;
import dev.hookline.trigger.EventKind;

class ReportSchedulerTest {

    private ReportScheduler scheduler;

    @AfterEach
    void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
        }
    }

    @Test
    void writesOfOneLane_goOneAtATime_spacedByTheRate_andEveryRunGetsItsTurn() {
        List<Instant> sent = new CopyOnWriteArrayList<>();
        scheduler = new ReportScheduler(run -> {
            sent.add(Instant.now());
            return Attempt.WROTE;
        }, run -> Urgency.FINAL, 600, 4, Duration.ofMillis(10), Duration.ofMillis(100));
        for (int i = 0; i < 5; i++) {
            scheduler.submit(run("run-" + i, 7L));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 5);
        for (int i = 1; i < sent.size(); i++) {
            assertThat(Duration.between(sent.get(i - 1), sent.get(i))).isGreaterThanOrEqualTo(Duration.ofMillis(95));
        }
        await().atMost(Duration.ofSeconds(2)).until(() -> scheduler.depth() == 0);
    }

    @Test
    void aRateLimit_pausesTheLane_andTheRunGoesAgainAfterGitHubsWait() {
        AtomicInteger calls = new AtomicInteger();
        List<Instant> sent = new CopyOnWriteArrayList<>();
        scheduler = new ReportScheduler(run -> {
            sent.add(Instant.now());
            return calls.incrementAndGet() == 1 ? new Attempt.Retry(Duration.ofMillis(300), true) : Attempt.WROTE;
        }, run -> Urgency.FINAL, 6000, 2, Duration.ofMillis(10), Duration.ofMillis(100));
        scheduler.submit(run("a", 1L));
        scheduler.submit(run("b", 1L));
        await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 3);
        assertThat(Duration.between(sent.get(0), sent.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(290));
    }

    static TrackedRun run(String name, Long installation) {
        return new TrackedRun("tekton.dev/v1", "ci", name, "1", "t", "acme/api", "a".repeat(40), "refs/heads/main", "d",
                "hookline/t", installation, Instant.now(), null, null, null, null, null, null, List.of(), EventKind.PUSH,
                null, null, TrackedRun.Check.NONE);
    }
}
