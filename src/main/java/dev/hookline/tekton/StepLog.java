package dev.hookline.tekton;

import java.util.List;

/**
 * The last log lines of the step that failed a run, as its container printed them.
 * <p>
 * The lines are <strong>raw</strong>: not masked, not escaped, colour codes left in. Whoever shows them masks them first
 * ({@code dev.hookline.status.CredentialMasks}), since a step may have printed a secret. When the read was cut at
 * {@value StepLogs#MAX_BYTES} bytes, the partial line at the cut is dropped and the last line says so.
 *
 * @param task the pipeline task whose TaskRun failed
 * @param step the step that failed, as the Task names it
 * @param lines its last lines, oldest first; at most {@code hookline.checks.log-lines} of them, never empty
 */
public record StepLog(String task, String step, List<String> lines) {

    public StepLog {
        lines = List.copyOf(lines);
    }
}
