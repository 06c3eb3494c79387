package dev.hookline.status;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.hookline.config.HooklineConfig;
import dev.hookline.config.ReportMode;
import dev.hookline.config.StatusConfig;
import dev.hookline.github.CheckRuns;
import dev.hookline.github.CommitState;
import dev.hookline.github.GitHubClient;
import dev.hookline.github.PostedStatuses;
import dev.hookline.tekton.DeliveryEvents;
import dev.hookline.tekton.PipelineRuns;
import dev.hookline.tekton.RunInformers;
import dev.hookline.tekton.RunTasks;
import dev.hookline.tekton.StepLogs;
import dev.hookline.tekton.TrackedRun;
import dev.hookline.tekton.WatchRefusal;
import dev.hookline.trigger.ApiFlavour;
import dev.hookline.trigger.TriggerRules;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Wires reporting together: informers on the namespaces the triggers use, the reporter behind them, and leader
 * election. Started after the service is up and never blocking it; the informers keep retrying in the background.
 */
@ApplicationScoped
public class StatusReporting {

    private final StatusConfig config;
    private final RunInformers informers;
    private final StatusReporter reporter;
    private final Leadership leadership;
    private final ReportedStates known;
    private final PostedStatuses posted;
    /** The namespaces and versions that have their degraded gauge. */
    private final Set<String> gauged = ConcurrentHashMap.newKeySet();
    private final TriggerRules rules;
    private final MeterRegistry registry;

    StatusReporting(HooklineConfig config, KubernetesClient client, TriggerRules rules, GitHubClient github,
            CheckRuns checks, RunTasks tasks, StepLogs logs, ReportMode mode, MeterRegistry registry, ReportedStates known,
            Clock clock, PostedStatuses posted) {
        this.config = config.status();
        this.known = known;
        this.posted = posted;
        this.rules = rules;
        this.registry = registry;
        this.informers = new RunInformers(client, () -> watched(rules), this.config.resync());
        this.leadership = this.config.leaderElection()
                ? new Leadership(client, leaseNamespace(client), this.config.leaseName(), identity(),
                        this::leadershipGained)
                : null;
        PipelineRuns runs = new PipelineRuns(client);
        ReportRoutes routes = new ReportRoutes(mode, config.github().dryRun());
        Optional<String> targetUrl = config.github().targetUrlTemplate();
        List<ReportChannel> channels = List.of(
                new CommitStatusChannel(runs, new ReportPoster(Poster.of(github), targetUrl, registry), known, clock,
                        registry, run -> routes.statuses(run) || known.checks().refused(run) != null),
                new CheckRunChannel(runs, checks, known,
                        new CheckRunOutputs(runs, tasks, run -> failedStepLog(logs, run), targetUrl, clock), registry,
                        routes::checks, run -> {
                            // Timed once per run: by its final commit status when it gets one.
                            if (!routes.statuses(run)) {
                                CommitStatusChannel.recordDuration(registry, run);
                            }
                        }));
        this.reporter = new StatusReporter(runs, channels, leadership == null ? () -> true : leadership, known,
                registry, writesPerMinute(config.github()), this.config.concurrency(), this.config.initialBackoff(),
                this.config.maxBackoff());
        informers.addListener(run -> reporter.changed(run, informers.watchedFromCreation(run)));
        informers.addDeleteListener(reporter::deleted);
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        informers.ensureStarted();
        registerGauges();
        if (leadership != null) {
            leadership.start();
        }
    }

    private void leadershipGained() {
        reporter.leadershipGained(informers.tracked());
    }

    /** Picks up namespaces that a triggers reload added. */
    @Scheduled(every = "10s", delayed = "10s")
    void watchNewNamespaces() {
        if (config.enabled()) {
            informers.ensureStarted();
            registerGauges();
        }
    }

    /**
     * One gauge per watched namespace and API version: 1 while Kubernetes refuses to list its runs. The tags come from
     * the triggers file, not from requests, so the set stays as small as the configuration.
     */
    private void registerGauges() {
        // Once each: Micrometer warns about a gauge registered again, and this runs every 10 s.
        watched(rules).forEach((namespace, versions) -> versions.stream()
                .filter(version -> gauged.add(namespace + " " + version)).forEach(version -> Gauge
                        .builder("hookline.namespace.degraded", informers, i -> i.refusals().stream()
                                .anyMatch(r -> r.namespace().equals(namespace) && r.apiVersion().equals(version)) ? 1 : 0)
                        .tags("namespace", namespace, "api_version", version).strongReference(true)
                        .description("1 while Kubernetes refuses Hookline the PipelineRuns of this namespace (403, 404)")
                        .register(registry)));
    }

    /**
     * Whether this pod can take deliveries: every informer has synced or been refused (always, when reporting is off).
     * A refused namespace degrades only its own triggers, so it does not hold readiness DOWN; see {@link #degraded()}.
     */
    public boolean ready() {
        return !config.enabled() || informers.synced();
    }

    /** The namespaces (and API versions) whose PipelineRuns Kubernetes refuses to list or watch now. */
    public List<WatchRefusal> degraded() {
        return config.enabled() ? informers.refusals() : List.of();
    }

    /** The commit state a run is in now, as GitHub names it. */
    public static String stateOf(TrackedRun run) {
        return CommitStatusMapper.map(run, null).state().wireName();
    }

    /**
     * The commit statuses posted, newest first: those of the runs in the cluster, read from the runs themselves (as
     * this replica knows them where Tekton undid a write), so every replica lists them alike and a restart forgets
     * none; then those this replica posted for no run it tracks (a refused run's error, a run pruned since), which only
     * this replica's memory holds.
     */
    public List<PostedStatuses.Posted> postedStatuses() {
        List<PostedStatuses.Posted> all = new ArrayList<>();
        Set<String> inCluster = new HashSet<>();
        for (TrackedRun cached : informers.tracked()) {
            TrackedRun run = known.recall(cached);
            for (TrackedRun.Posted status : run.statuses()) {
                CommitState state = CommitState.of(status.state());
                if (state != null && status.at() != null) {
                    inCluster.add(commit(run.repository(), run.sha(), run.statusContext()));
                    all.add(new PostedStatuses.Posted(status.at(), run.repository(), run.sha(), state,
                            status.description(), run.statusContext(), status.targetUrl(), status.dryRun(),
                            run.pullRequest()));
                }
            }
        }
        posted.recent().stream().filter(p -> !inCluster.contains(commit(p.repository(), p.sha(), p.context())))
                .forEach(all::add);
        all.sort(Comparator.comparing(PostedStatuses.Posted::at).reversed());
        return all;
    }

    private static String commit(String repository, String sha, String context) {
        return repository + "@" + sha + "#" + context;
    }

    /** The runs Hookline tracks, newest first. */
    public List<TrackedRun> tracked() {
        return informers.tracked();
    }

    // Early among shutdown observers: stop watching before local mode takes its embedded API away.
    void stop(@Observes @Priority(1) ShutdownEvent event) {
        if (leadership != null) {
            leadership.stop();
        }
        informers.stop();
        reporter.shutdown();
    }

    /** The failed step's last log lines, for a failed run's check run: none when they are off or cannot be read. */
    private static List<String> failedStepLog(StepLogs logs, TrackedRun run) {
        return logs.failedStep(run).map(log -> {
            List<String> lines = new ArrayList<>();
            lines.add("Task " + log.task() + ", step " + log.step() + ", last lines of its log:");
            lines.addAll(log.lines());
            return lines;
        }).orElse(List.of());
    }

    /** The write budget's rate: a dry run (local mode's) sends nothing, so GitHub's limits do not apply to it. */
    static int writesPerMinute(HooklineConfig.GitHub github) {
        return github.dryRun() ? UNPACED : github.writesPerMinute();
    }

    /** Writes a minute a dry run may record: as many as come. */
    private static final int UNPACED = 600_000;

    /** Namespace to the API versions its triggers create runs in. */
    static Map<String, Set<String>> watched(TriggerRules rules) {
        Map<String, Set<String>> watched = new TreeMap<>();
        rules.triggers().forEach(trigger -> watched.computeIfAbsent(trigger.namespace(), ns -> new HashSet<>())
                .add(trigger.api() == ApiFlavour.V1 ? "tekton.dev/v1" : "tekton.dev/v1beta1"));
        return watched;
    }

    private String leaseNamespace(KubernetesClient client) {
        return config.leaseNamespace().orElseGet(() -> DeliveryEvents.ownNamespace(client));
    }

    private static String identity() {
        String host = System.getenv("HOSTNAME");
        if (host == null) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "hookline";
            }
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
