package dev.hookline.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.hookline.config.ReportMode;
import dev.hookline.tekton.TrackedRun;
import dev.hookline.trigger.EventKind;

/** When housekeeping may delete a run: only once its ledger holds the final state its condition maps to. */
class CommitStatusLedgerTest {

    private static final Instant START = Instant.parse("2026-11-26T10:00:00Z");

    @ParameterizedTest(name = "{0} {1}, ledger {2} -> settled: {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            True    | Succeeded            | success | true
            False   | Failed               | failure | true
            False   | Cancelled            | error   | true
            False   | PipelineRunTimeout   | error   | true
            True    | Succeeded            | pending | false
            True    | Succeeded            | -       | false
            False   | Failed               | pending | false
            False   | Cancelled            | failure | false
            False   | Failed               | success | false
            Unknown | Running              | pending | false
            """)
    void finishedRun_isSettledOnlyWhenItsLedgerHoldsItsFinalState(String status, String reason, String reported,
            boolean settled) {
        TrackedRun run = run(new TrackedRun.Condition(status, reason, reason), reported);

        assertThat(
                new CommitStatusLedger(true, new ReportedStates(), new ReportRoutes(ReportMode.STATUSES, false)).settled(run))
                .isEqualTo(settled);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {"True,Succeeded,-", "False,Failed,pending"})
    void reportingOff_settlesEveryRun_becauseNoLedgerIsEverWritten(String status, String reason, String reported) {
        TrackedRun run = run(new TrackedRun.Condition(status, reason, reason), reported);

        assertThat(
                new CommitStatusLedger(false, new ReportedStates(), new ReportRoutes(ReportMode.STATUSES, false)).settled(run))
                .isTrue();
    }

    private static TrackedRun run(TrackedRun.Condition condition, String reported) {
        return new TrackedRun("tekton.dev/v1", "ci", "x", "1", "api-image", "acme/api", "a".repeat(40), "refs/heads/main",
                "d-1", "hookline/api-image", null, START, condition, START,
                condition.decided() ? START.plusSeconds(60) : null, null, null, reported, List.of(), EventKind.PUSH, null, null,
                TrackedRun.Check.NONE);
    }
}
