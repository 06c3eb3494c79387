package dev.hookline.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.hookline.github.WriteBudget.Due;
import dev.hookline.github.WriteBudget.Urgency;

class WriteBudgetTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void aLane_sendsOneWriteAtATime_spacedByItsRate() {
        WriteBudget<String> budget = new WriteBudget<>(60);
        budget.submit("token", "run-a", Urgency.FINAL, "a", T0);
        budget.submit("token", "run-b", Urgency.FINAL, "b", T0);

        Due<String> first = budget.poll(T0).orElseThrow();
        assertThat(first.write()).isEqualTo("a");
        assertThat(budget.poll(T0)).as("one at a time: a is in flight").isEmpty();
        budget.done(first, T0.plusMillis(200));
        assertThat(budget.poll(T0.plusMillis(900))).as("a second apart at 60 a minute").isEmpty();
        assertThat(budget.nextDue()).contains(T0.plusMillis(1200));
        assertThat(budget.poll(T0.plusMillis(1200)).map(Due::write)).contains("b");
    }

    @Test
    void longQueue_sendsFinalStatesFirst_thenTheOldestIntermediate() {
        WriteBudget<String> budget = new WriteBudget<>(60);
        budget.submit("token", "run-a", Urgency.INTERMEDIATE, "a running", T0);
        budget.submit("token", "run-b", Urgency.INTERMEDIATE, "b running", T0.plusMillis(1));
        budget.submit("token", "run-c", Urgency.FINAL, "c success", T0.plusMillis(2));
        budget.submit("token", "run-d", Urgency.FINAL, "d failure", T0.plusMillis(3));

        assertThat(drain(budget, T0.plusSeconds(1))).containsExactly("c success", "d failure", "a running", "b running");
    }

    @Test
    void intermediateUpdatesOfOneRun_coalesce_keepingTheirPlace_andAFinalDropsThem() {
        WriteBudget<String> budget = new WriteBudget<>(60);
        budget.submit("token", "run-a", Urgency.INTERMEDIATE, "a 1/3", T0);
        budget.submit("token", "run-b", Urgency.INTERMEDIATE, "b 1/3", T0.plusMillis(1));
        budget.submit("token", "run-a", Urgency.INTERMEDIATE, "a 2/3", T0.plusMillis(2));
        assertThat(budget.depth()).isEqualTo(2);
        budget.submit("token", "run-b", Urgency.FINAL, "b success", T0.plusMillis(3));

        assertThat(drain(budget, T0.plusSeconds(1))).containsExactly("b success", "a 2/3");
    }

    @Test
    void secondaryLimit_pausesTheLaneForGitHubsWait_andSendsThatWriteFirstAfterwards() {
        WriteBudget<String> budget = new WriteBudget<>(60);
        budget.submit("token", "run-a", Urgency.FINAL, "a", T0);
        budget.submit("token", "run-b", Urgency.FINAL, "b", T0.plusMillis(1));
        Due<String> refused = budget.poll(T0).orElseThrow();

        budget.pause(refused, Duration.ofSeconds(60), T0.plusMillis(100));

        assertThat(budget.depth()).as("nothing lost").isEqualTo(2);
        assertThat(budget.poll(T0.plusSeconds(59))).isEmpty();
        assertThat(budget.poll(T0.plusSeconds(61)).map(Due::write)).contains("a");
    }

    @Test
    void afterASecondaryLimit_theLanePacesAtWhatGitHubTookInTheMinuteBefore_soTheRefusalIsTheLast() {
        // Configured above GitHub's limit: 120 a minute against 80.
        WriteBudget<String> budget = new WriteBudget<>(120);
        for (int i = 0; i < 82; i++) {
            budget.submit("token", "run-" + i, Urgency.FINAL, "w" + i, T0);
        }
        Instant at = T0;
        for (int i = 0; i < 80; i++) {
            Due<String> write = budget.poll(at).orElseThrow();
            budget.done(write, at);
            at = at.plusMillis(500);
        }
        Due<String> refused = budget.poll(at).orElseThrow();
        budget.pause(refused, Duration.ofSeconds(20), at);

        assertThat(budget.interval("token")).isEqualTo(Duration.ofMillis(750));
        Instant resumed = at.plusSeconds(20);
        Due<String> again = budget.poll(resumed).orElseThrow();
        assertThat(again.write()).isEqualTo("w80");
        budget.done(again, resumed);
        assertThat(budget.nextDue()).contains(resumed.plusMillis(750));
        assertThat(budget.interval("other")).as("another installation keeps its own rate")
                .isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aSecondaryLimitAfterAFewWrites_teachesNoRate() {
        WriteBudget<String> budget = new WriteBudget<>(60);
        budget.submit("token", "run-a", Urgency.FINAL, "a", T0);
        budget.submit("token", "run-b", Urgency.FINAL, "b", T0);
        budget.done(budget.poll(T0).orElseThrow(), T0);
        budget.pause(budget.poll(T0.plusSeconds(1)).orElseThrow(), Duration.ofSeconds(5), T0.plusSeconds(1));
        assertThat(budget.interval("token")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void pausedIntermediate_replacedMeanwhile_isNotSentAgain() {
        WriteBudget<String> budget = new WriteBudget<>(60);
        budget.submit("token", "run-a", Urgency.INTERMEDIATE, "a 1/3", T0);
        Due<String> refused = budget.poll(T0).orElseThrow();
        budget.submit("token", "run-a", Urgency.INTERMEDIATE, "a 2/3", T0.plusMillis(10));

        budget.pause(refused, Duration.ofSeconds(5), T0.plusMillis(20));

        assertThat(drain(budget, T0.plusSeconds(6))).containsExactly("a 2/3");
    }

    @Test
    void lanesAreIndependent_andTheOldestDueGoesFirst() {
        WriteBudget<String> budget = new WriteBudget<>(60);
        budget.submit("installation:1", "run-a", Urgency.FINAL, "a", T0);
        budget.submit("installation:2", "run-b", Urgency.FINAL, "b", T0.plusMillis(1));
        budget.submit("installation:1", "run-c", Urgency.FINAL, "c", T0.plusMillis(2));

        Due<String> a = budget.poll(T0.plusMillis(5)).orElseThrow();
        Due<String> b = budget.poll(T0.plusMillis(5)).orElseThrow();
        assertThat(List.of(a.write(), b.write())).containsExactly("a", "b");
        budget.pause(a, Duration.ofMinutes(1), T0.plusMillis(6));
        budget.done(b, T0.plusMillis(6));
        assertThat(budget.poll(T0.plusSeconds(2))).as("installation 1 is paused, 2 has nothing").isEmpty();
    }

    @Test
    void queueDepthAndOldestAge_areWhatWaits() {
        WriteBudget<String> budget = new WriteBudget<>(80);
        assertThat(budget.oldestAge(T0)).isZero();
        budget.submit("token", "run-a", Urgency.FINAL, "a", T0);
        budget.submit("token", "run-b", Urgency.FINAL, "b", T0.plusSeconds(5));
        assertThat(budget.depth()).isEqualTo(2);
        assertThat(budget.oldestAge(T0.plusSeconds(12))).isEqualTo(Duration.ofSeconds(12));
        budget.poll(T0.plusSeconds(12));
        assertThat(budget.depth()).isEqualTo(1);
        assertThat(budget.oldestAge(T0.plusSeconds(12))).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void aRateBelowOne_isRefused() {
        assertThatThrownBy(() -> new WriteBudget<String>(0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Sends everything due, one write per second of the hand-moved clock, in the order the budget picks. */
    private static List<String> drain(WriteBudget<String> budget, Instant from) {
        List<String> sent = new ArrayList<>();
        Instant now = from;
        for (int i = 0; i < 100 && budget.depth() > 0; i++) {
            Optional<Due<String>> due = budget.poll(now);
            if (due.isPresent()) {
                sent.add(due.get().write());
                budget.done(due.get(), now);
            }
            now = now.plusSeconds(1);
        }
        return sent;
    }
}
