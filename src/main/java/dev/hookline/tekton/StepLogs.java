package dev.hookline.tekton;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.hookline.config.ChecksConfig;
import dev.hookline.config.HooklineConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * The last lines of the step that failed a run ({@code hookline.checks.log-lines}), read from its container's log: the
 * failed TaskRun and its pod come from {@link RunTasks}, the step from the TaskRun's {@code status.steps}.
 * <p>
 * Off ({@code 0}, the default) it makes no call at all. On, it reads one log per failed run asked about (a GET of the
 * pod's {@code log} subresource, as {@code kubectl logs --tail} sends it), bounded twice:
 * {@code tailLines} to the setting, and {@code limitBytes} to {@value #MAX_BYTES} bytes, so that one huge line cannot
 * fill the heap. It needs {@code get} on {@code pods/log} (the kustomize component {@code components/step-logs}), nothing
 * on {@code pods} itself. Never throws: a refusal (403: the component is not installed), a pod already gone, or a
 * cluster that does not answer in time yields no lines and a line at DEBUG, and a 403 one WARN per namespace.
 */
@Startup
@ApplicationScoped
public class StepLogs {

    /** The most bytes of log read for one step. */
    public static final int MAX_BYTES = 1024 * 1024;

    private final KubernetesClient client;
    private final RunTasks tasks;
    private final int lines;
    /** Namespaces whose 403 was logged at WARN: once each, not on every page view. */
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    @Inject
    StepLogs(KubernetesClient client, RunTasks tasks, HooklineConfig config) {
        this(client, tasks, config.checks().logLines());
    }

    /** @throws IllegalStateException when {@code lines} is negative or above {@value ChecksConfig#MAX_LOG_LINES} */
    StepLogs(KubernetesClient client, RunTasks tasks, int lines) {
        if (lines < 0 || lines > ChecksConfig.MAX_LOG_LINES) {
            throw new IllegalStateException("hookline.checks.log-lines (HOOKLINE_CHECKS_LOG_LINES) is " + lines
                    + ": give 0 to show no log lines, or up to " + ChecksConfig.MAX_LOG_LINES
                    + " (a check run's text holds 65,535 characters in all)");
        }
        this.client = client;
        this.tasks = tasks;
        this.lines = lines;
    }

    /** Whether failed steps' logs are read at all ({@code hookline.checks.log-lines} above 0). */
    public boolean enabled() {
        return lines > 0;
    }

    /**
     * The failed step of a failed run with its last {@code hookline.checks.log-lines} lines, read now: the run and its
     * TaskRuns, then the log. Empty when off, when the run has not failed or no step of it exited non-zero, and when the
     * cluster cannot give the log. The lines are raw: mask them before showing them ({@link StepLog}).
     */
    public Optional<StepLog> failedStep(TrackedRun run) {
        if (!enabled() || !failed(run)) {
            return Optional.empty();
        }
        return of(run, tasks.table(run));
    }

    /** The same, from a task table already read for the run (the run's page reads it for its table anyway). */
    public Optional<StepLog> of(TrackedRun run, TaskTable table) {
        if (!enabled() || !failed(run)) {
            return Optional.empty();
        }
        return table.failedStep().flatMap(this::read);
    }

    /** The log subresource of the step's container, its last {@code lines} lines, at most {@link #MAX_BYTES}. */
    static String path(FailedStep step, int lines) {
        return "/api/v1/namespaces/" + encode(step.namespace()) + "/pods/" + encode(step.pod()) + "/log?container="
                + encode(step.container()) + "&tailLines=" + lines + "&limitBytes=" + MAX_BYTES;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }

    private static boolean failed(TrackedRun run) {
        return run.condition() != null && "False".equals(run.condition().status());
    }

    private Optional<StepLog> read(FailedStep step) {
        String log;
        try {
            // A plain GET of the log subresource rather than pods()...getLog(), which first waits for the pod to be ready
            // and lists pods to do so (fabric8 7.5, even with a ready-wait timeout of 0): a grant more, on objects whose
            // spec can hold secrets, for a step that has ended anyway.
            log = client.raw(path(step, lines));
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403 && refused.add(step.namespace())) {
                Log.warnf("Cannot read the log of failed step %s of pod %s/%s: %s. Install the kustomize component "
                        + "components/step-logs, which grants get on pods/log in each pipeline namespace, or set "
                        + "hookline.checks.log-lines=0", step.step(), step.namespace(), step.pod(), e.getMessage());
            } else {
                Log.debugf("Cannot read the log of failed step %s of pod %s/%s: %s", step.step(), step.namespace(),
                        step.pod(), e.getMessage());
            }
            return Optional.empty();
        }
        List<String> tail = tail(log, lines);
        return tail.isEmpty() ? Optional.empty() : Optional.of(new StepLog(step.task(), step.step(), tail));
    }

    /**
     * The last {@code max} lines of a log as the API server sent it; when it was cut at {@link #MAX_BYTES}, the partial
     * line at the cut gives way to a line saying so.
     */
    static List<String> tail(String log, int max) {
        if (log == null || log.isEmpty()) {
            return List.of();
        }
        List<String> all = new ArrayList<>(List.of(log.split("\\R", -1)));
        boolean cut = log.getBytes(StandardCharsets.UTF_8).length >= MAX_BYTES;
        // A log ends with a newline, which is no line of its own; a cut one ends inside a line, which goes.
        if (cut || all.get(all.size() - 1).isEmpty()) {
            all.remove(all.size() - 1);
        }
        int keep = cut ? max - 1 : max;
        List<String> tail = new ArrayList<>(all.subList(Math.max(0, all.size() - keep), all.size()));
        if (cut) {
            tail.add(String.format(Locale.ROOT, "[hookline: the log was cut at %,d bytes; its later lines are not shown]",
                    MAX_BYTES));
        }
        return tail;
    }
}
