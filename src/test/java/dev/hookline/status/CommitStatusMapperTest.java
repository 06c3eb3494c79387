package dev.hookline.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.hookline.github.CommitState;
import dev.hookline.tekton.TrackedRun;
import dev.hookline.trigger.EventKind;

class CommitStatusMapperTest {

    private static final Instant START = Instant.parse("2026-11-26T10:00:00Z");

    @ParameterizedTest(name = "{0} {1} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            -       | -                    | -                                                                        | -          | pending | Waiting for Tekton to start the run
            Unknown | Started              | -                                                                        | -          | pending | Running
            Unknown | Running              | Tasks Completed: 3 (Failed: 0, Cancelled 0), Incomplete: 4, Skipped: 0   | -          | pending | Running 3/7 tasks
            True    | Succeeded            | Tasks Completed: 7 (Failed: 0, Cancelled 0), Skipped: 0                  | -          | success | Succeeded in 2m13s
            True    | Completed            | Tasks Completed: 5 (Failed: 0, Cancelled 0), Skipped: 2                  | -          | success | Succeeded in 2m13s
            False   | Failed               | Tasks Completed: 3 (Failed: 1, Cancelled 0), Skipped: 4                  | build-push | failure | Failed: task build-push
            False   | Failed               | Tasks Completed: 3 (Failed: 1, Cancelled 0), Skipped: 4                  | -          | failure | Failed: 1 of 7 tasks failed
            False   | PipelineRunTimeout   | PipelineRun "x" failed to finish within "1h0m0s"                         | -          | error   | Timed out after 2m13s
            False   | Cancelled            | PipelineRun "x" was cancelled                                            | -          | error   | Cancelled
            False   | PipelineRunCancelled | PipelineRun "x" was cancelled                                            | -          | error   | Cancelled
            False   | CancelledRunFinally  | -                                                                        | -          | error   | Cancelled
            False   | StoppedRunFinally    | -                                                                        | -          | error   | Cancelled
            False   | SomethingNewInTekton | the first line\\n\\tat a.stack.Trace(Trace.java:1)                       | -          | failure | Failed: SomethingNewInTekton: the first line
            Unknown | AnyReasonAtAll       | -                                                                        | -          | pending | Running
            """)
    void stateFollowsConditionStatus_descriptionSaysWhatHappened(String status, String reason, String message,
            String failedTask, String state, String description) {
        TrackedRun.Condition condition = status == null
                ? null
                : new TrackedRun.Condition(status, reason,
                        message == null ? null : message.replace("\\n", "\n").replace("\\t", "\t"));
        boolean finished = "True".equals(status) || "False".equals(status);
        TrackedRun run = run(condition, finished ? START.plusSeconds(133) : null, null);

        CommitStatusMapper.Report report = CommitStatusMapper.map(run, failedTask);

        assertThat(report.state().wireName()).isEqualTo(state);
        assertThat(report.description()).isEqualTo(description);
    }

    @ParameterizedTest
    @CsvSource({"0,0s", "45,45s", "133,2m13s", "3600,1h", "3900,1h5m", "3661,1h1m1s"})
    void durations_readLikeGo(long seconds, String text) {
        assertThat(CommitStatusMapper.format(Duration.ofSeconds(seconds))).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"Cancelled", "PipelineRunCancelled"})
    void supersededRun_saysByWhich(String reason) {
        TrackedRun run = run(new TrackedRun.Condition("False", reason, "cancelled"), START.plusSeconds(3),
                "api-image-abc1234-1a2b3c4d");
        assertThat(CommitStatusMapper.map(run, null).description())
                .isEqualTo("Cancelled: superseded by api-image-abc1234-1a2b3c4d");
    }

    @Test
    void deletedRun_keepsTheStateItEndedIn_orIsAnErrorIfItNeverEnded() {
        TrackedRun succeeded = run(new TrackedRun.Condition("True", "Succeeded", "done"), START.plusSeconds(45), null);
        assertThat(CommitStatusMapper.mapDeleted(succeeded, null))
                .isEqualTo(new CommitStatusMapper.Report(CommitState.SUCCESS, "Succeeded in 45s"));
        for (TrackedRun unfinished : List.of(run(null, null, null),
                run(new TrackedRun.Condition("Unknown", "Running", "Tasks Completed: 1"), null, null))) {
            assertThat(CommitStatusMapper.mapDeleted(unfinished, null))
                    .isEqualTo(new CommitStatusMapper.Report(CommitState.ERROR, "Deleted before it finished"));
        }
    }

    private static TrackedRun run(TrackedRun.Condition condition, Instant completion, String supersededBy) {
        return new TrackedRun("tekton.dev/v1", "ci", "x", "1", "api-image", "acme/api", "a".repeat(40), "refs/heads/main",
                "d-1", "hookline/api-image", null, START, condition, condition == null ? null : START, completion,
                supersededBy, null, null, List.of(), EventKind.PUSH, null, null, TrackedRun.Check.NONE);
    }
}
