package dev.hookline.status;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.hookline.github.CheckConclusion;
import dev.hookline.github.CheckOutput;
import dev.hookline.github.CheckRun;
import dev.hookline.github.CheckRunUpdate;
import dev.hookline.github.CheckStatus;
import dev.hookline.tekton.PipelineRuns;
import dev.hookline.tekton.RunTasks;
import dev.hookline.tekton.TrackedRun;

/**
 * What a run's check run says at a stage: its times, its link, its buttons, and its output (the title a commit status
 * would carry, the task table as the cluster has it now, and on failure the failed step's last log lines). Reads the
 * cluster for the tasks, once per write.
 */
final class CheckRunOutputs {

    private final PipelineRuns runs;
    private final RunTasks tasks;
    private final Function<TrackedRun, List<String>> failedStepLog;
    private final Optional<String> targetUrlTemplate;
    private final Clock clock;

    /**
     * @param failedStepLog the failed step's last log lines of a failed run, unmasked; none when off
     */
    CheckRunOutputs(PipelineRuns runs, RunTasks tasks, Function<TrackedRun, List<String>> failedStepLog,
            Optional<String> targetUrlTemplate, Clock clock) {
        this.runs = runs;
        this.tasks = tasks;
        this.failedStepLog = failedStepLog;
        this.targetUrlTemplate = targetUrlTemplate;
        this.clock = clock;
    }

    /** The check run to create for the run at {@code stage}. */
    CheckRun checkRun(TrackedRun run, CheckStage stage, String externalId) {
        return new CheckRun(run.repository(), run.sha(), run.statusContext(), detailsUrl(run), externalId,
                stage.status(), startedAt(run, stage), stage.conclusion(), completedAt(run, stage), output(run, stage),
                CheckRunChannel.actions(stage));
    }

    /** The update that brings an existing check run to {@code stage}. */
    CheckRunUpdate update(TrackedRun run, CheckStage stage) {
        return new CheckRunUpdate(detailsUrl(run), null, stage.completed() ? null : stage.status(), startedAt(run, stage),
                stage.conclusion(), completedAt(run, stage), output(run, stage), CheckRunChannel.actions(stage));
    }

    private CheckOutput output(TrackedRun run, CheckStage stage) {
        boolean failed = stage.conclusion() == CheckConclusion.FAILURE;
        String failedTask = failed ? runs.failedTask(run) : null;
        CommitStatusMapper.Report report = stage.conclusion() == CheckConclusion.NEUTRAL
                ? CommitStatusMapper.mapDeleted(run, null)
                : CommitStatusMapper.map(run, failedTask);
        Instant now = clock.instant();
        List<TaskRow> rows = tasks.of(run).stream().map(task -> TaskRow.of(task, now)).toList();
        return CheckOutputs.of(report.description(), rows, failed ? failedStepLog.apply(run) : List.of());
    }

    private String detailsUrl(TrackedRun run) {
        return ReportPoster.targetUrl(targetUrlTemplate, run);
    }

    private static Instant startedAt(TrackedRun run, CheckStage stage) {
        return stage.status() == CheckStatus.QUEUED ? null : run.startTime();
    }

    private Instant completedAt(TrackedRun run, CheckStage stage) {
        if (!stage.completed()) {
            return null;
        }
        return run.completionTime() != null ? run.completionTime() : clock.instant();
    }
}
