package dev.hookline.web;

import java.util.List;
import java.util.regex.Pattern;

import dev.hookline.status.CredentialMasks;
import dev.hookline.tekton.StepLog;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The failed step's last log lines, as a run's page and {@code GET /api/runs/{namespace}/{name}/log} show them: colour
 * codes removed and credentials masked ({@link CredentialMasks}, best effort), never the raw lines.
 *
 * @param task the pipeline task that failed, or {@code null} when there is nothing to show
 * @param step the step that failed, or {@code null}
 * @param lines its last lines, oldest first, masked; empty when there is nothing to show
 */
@RegisterForReflection
public record StepLogView(String task, String step, List<String> lines) {

    /** Nothing to show: the run did not fail, no step of it exited non-zero, or the cluster cannot give the log. */
    static final StepLogView NONE = new StepLogView(null, null, List.of());

    /** Colour and cursor codes, which a terminal renders and a web page would show as garbage. */
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");

    static StepLogView of(StepLog log) {
        List<String> plain = log.lines().stream().map(line -> ANSI.matcher(line).replaceAll("")).toList();
        return new StepLogView(log.task(), log.step(), CredentialMasks.maskLines(plain));
    }
}
