package dev.hookline.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.hookline.config.HooklineConfig;
import dev.hookline.github.PostedStatuses;
import dev.hookline.status.StatusReporting;
import dev.hookline.tekton.RunTasks;
import dev.hookline.tekton.StepLogs;
import dev.hookline.tekton.TaskTable;
import dev.hookline.tekton.TrackedRun;
import dev.hookline.trigger.EventKind;
import dev.hookline.webhook.Delivery;
import dev.hookline.webhook.DeliveryLog;

/**
 * Reads what the status page shows from the beans that hold it (the delivery log, the tracked runs, the posted
 * statuses) on every request; it keeps nothing itself.
 */
@ApplicationScoped
public class StatusBoard {

    static final int MAX_RUNS = 50;
    static final int MAX_DELIVERIES = 20;

    private final DeliveryLog deliveries;
    private final StatusReporting reporting;
    private final ApiToken token;
    private final RunTasks tasks;
    private final StepLogs logs;
    private final Clock clock;
    private final String githubWeb;
    private final Optional<String> dashboardTemplate;

    StatusBoard(DeliveryLog deliveries, StatusReporting reporting, ApiToken token, RunTasks tasks, StepLogs logs,
            Clock clock, HooklineConfig config) {
        this.deliveries = deliveries;
        this.reporting = reporting;
        this.token = token;
        this.tasks = tasks;
        this.logs = logs;
        this.clock = clock;
        this.githubWeb = webUrl(config.github().apiUrl());
        this.dashboardTemplate = config.github().targetUrlTemplate();
    }

    /** The page as it is now. */
    public StatusPageView now() {
        Instant now = clock.instant();
        Map<String, List<StatusPageView.Status>> statuses = statusesByCommit(now);
        List<TrackedRun> tracked = reporting.tracked();
        List<StatusPageView.Run> runs = tracked.stream().limit(MAX_RUNS)
                .map(run -> run(run, now, statuses.getOrDefault(commitKey(run.repository(), run.sha(), run.statusContext()),
                        List.of())))
                .toList();
        List<StatusPageView.Delivery> recent = deliveries.all().stream().limit(MAX_DELIVERIES)
                .map(delivery -> delivery(delivery, now)).toList();
        List<StatusPageView.Degraded> degraded = reporting.degraded().stream()
                .map(r -> new StatusPageView.Degraded(r.namespace(), r.apiVersion(), r.cause())).toList();
        return new StatusPageView(runs, tracked.size(), recent, token.required(), degraded);
    }

    /**
     * One run's page as it is now: the run and its tasks, read from the cluster (a GET, at most one list), and with
     * {@code withLog} the failed step's last lines when log lines are on and the run failed (one log read more).
     */
    public RunPageView run(String namespace, String name, boolean withLog) {
        TrackedRun run = tracked(namespace, name);
        if (run == null) {
            return new RunPageView(namespace, name, null, List.of(), null, token.required());
        }
        Instant now = clock.instant();
        List<StatusPageView.Status> statuses = statusesByCommit(now)
                .getOrDefault(commitKey(run.repository(), run.sha(), run.statusContext()), List.of());
        TaskTable table = tasks.table(run);
        StepLogView log = withLog ? logs.of(run, table).map(StepLogView::of).orElse(null) : null;
        return new RunPageView(namespace, name, run(run, now, statuses), TaskView.of(table.tasks(), now), log,
                token.required());
    }

    /**
     * The failed step's last lines of a tracked run, masked; {@link StepLogView#NONE} when there are none, {@code null}
     * when Hookline tracks no such run.
     */
    public StepLogView log(String namespace, String name) {
        TrackedRun run = tracked(namespace, name);
        return run == null ? null : logs.failedStep(run).map(StepLogView::of).orElse(StepLogView.NONE);
    }

    /** Whether failed steps' log lines are shown at all ({@code hookline.checks.log-lines} above 0). */
    public boolean logsEnabled() {
        return logs.enabled();
    }

    /** The tasks of a tracked run as they are now, or {@code null} when Hookline tracks no such run. */
    public List<TaskView> tasks(String namespace, String name) {
        TrackedRun run = tracked(namespace, name);
        return run == null ? null : TaskView.of(tasks.of(run), clock.instant());
    }

    /**
     * The run among those Hookline tracks, or {@code null}: the page and the API show Hookline's runs only, never any
     * other run the service account could read.
     */
    private TrackedRun tracked(String namespace, String name) {
        String key = namespace + "/" + name;
        return reporting.tracked().stream().filter(run -> run.key().equals(key)).findFirst().orElse(null);
    }

    private StatusPageView.Run run(TrackedRun run, Instant now, List<StatusPageView.Status> statuses) {
        String sha = run.sha();
        TrackedRun.Condition condition = run.condition();
        String detail = condition == null ? "waiting for Tekton" : condition.reason();
        String dashboard = dashboardTemplate
                .map(t -> t.replace("{namespace}", run.namespace()).replace("{name}", run.name())).orElse(null);
        return new StatusPageView.Run(run.key(), run.namespace(), run.name(), run.trigger(), run.repository(),
                branch(run.ref()), sha, sha.length() > 7 ? sha.substring(0, 7) : sha, run.statusContext(),
                StatusReporting.stateOf(run), detail, ago(run.created(), now),
                run.created() == null ? "" : run.created().toString(), duration(run, now),
                githubWeb + "/" + run.repository() + "/commit/" + sha, dashboard, statuses, run.pullRequest(),
                pullRequestUrl(run), run.event() == EventKind.MERGE_GROUP);
    }

    /** The run's pull request on GitHub (on GitHub Enterprise, on its web host), or {@code null} for other runs. */
    String pullRequestUrl(TrackedRun run) {
        return pullRequestUrl(githubWeb, run);
    }

    static String pullRequestUrl(String githubWeb, TrackedRun run) {
        return run.pullRequest() == null ? null : githubWeb + "/" + run.repository() + "/pull/" + run.pullRequest();
    }

    private static StatusPageView.Delivery delivery(Delivery delivery, Instant now) {
        return new StatusPageView.Delivery(delivery.id(), delivery.event(), delivery.repository(), delivery.ref(),
                ago(delivery.receivedAt(), now), delivery.receivedAt() == null ? "" : delivery.receivedAt().toString(),
                delivery.outcome() == null ? "" : delivery.outcome().label(), delivery.reason(), delivery.runs().size(),
                delivery.replica());
    }

    /** The posted statuses, oldest first, keyed by repository (in any case), commit and context. */
    private Map<String, List<StatusPageView.Status>> statusesByCommit(Instant now) {
        Map<String, List<StatusPageView.Status>> byCommit = new HashMap<>();
        List<PostedStatuses.Posted> newestFirst = reporting.postedStatuses();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            PostedStatuses.Posted status = newestFirst.get(i);
            byCommit.computeIfAbsent(commitKey(status.repository(), status.sha(), status.context()), k -> new ArrayList<>())
                    .add(new StatusPageView.Status(status.state().wireName(), status.description(), ago(status.at(), now),
                            status.at().toString(), status.dryRun()));
        }
        return byCommit;
    }

    private static String commitKey(String repository, String sha, String context) {
        return repository.toLowerCase(Locale.ROOT) + "@" + sha + "#" + context;
    }

    static String branch(String ref) {
        if (ref == null) {
            return "";
        }
        if (ref.startsWith("refs/heads/")) {
            return ref.substring("refs/heads/".length());
        }
        return ref.startsWith("refs/tags/") ? "tag " + ref.substring("refs/tags/".length()) : ref;
    }

    private static String duration(TrackedRun run, Instant now) {
        if (run.startTime() == null) {
            return "—";
        }
        Instant end = run.completionTime() != null ? run.completionTime() : now;
        return format(Duration.between(run.startTime(), end));
    }

    static String ago(Instant then, Instant now) {
        if (then == null) {
            return "";
        }
        long seconds = Duration.between(then, now).toSeconds();
        if (seconds < 5) {
            return "just now";
        }
        if (seconds < 60) {
            return seconds + "s ago";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m ago";
        }
        return seconds < 86400 ? seconds / 3600 + "h ago" : seconds / 86400 + "d ago";
    }

    /** {@code 2m13s}, {@code 1h5m}, {@code 45s}, the way commit status descriptions put it. */
    static String format(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        StringBuilder text = new StringBuilder();
        if (seconds >= 3600) {
            text.append(seconds / 3600).append('h');
        }
        if (seconds % 3600 >= 60) {
            text.append(seconds % 3600 / 60).append('m');
        }
        if (seconds % 60 > 0 || text.length() == 0) {
            text.append(seconds % 60).append('s');
        }
        return text.toString();
    }

    /** github.com's API is on its own host; GitHub Enterprise Server serves it under {@code /api/v3} of the web host. */
    static String webUrl(String apiUrl) {
        String url = apiUrl.replaceAll("/+$", "");
        if (url.equals("https://api.github.com")) {
            return "https://github.com";
        }
        return url.endsWith("/api/v3") ? url.substring(0, url.length() - "/api/v3".length()) : "https://github.com";
    }
}
