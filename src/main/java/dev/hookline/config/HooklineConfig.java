package dev.hookline.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every service setting of Hookline, under the {@code hookline} prefix. Each property can be given as an environment
 * variable too ({@code hookline.webhook.secrets} is {@code HOOKLINE_WEBHOOK_SECRETS}); secrets should only ever come
 * from there.
 */
@ConfigMapping(prefix = "hookline")
public interface HooklineConfig {

    /** How the GitHub webhook endpoint accepts deliveries. */
    WebhookConfig webhook();

    /**
     * The triggers file (YAML; in a cluster, a mounted ConfigMap). Without one, every push is answered "no triggers
     * configured". An invalid file stops the service at start; an invalid change later is refused and the last good
     * rules stay in force.
     */
    Optional<Path> triggersFile();

    /** How often the triggers file is checked for changes. */
    @WithDefault("5s")
    Duration triggersReloadInterval();

    /** How run outcomes are reported to GitHub. */
    StatusConfig status();

    /** What a failed run's report shows besides its task table: the failed step's last log lines. */
    ChecksConfig checks();

    /** How deliveries that touched the cluster are recorded there as Kubernetes Events. */
    EventsConfig events();

    /** How pull requests, their comments and merge groups are handled. */
    PullRequestsConfig pullRequests();

    /** Local mode: Hookline with an embedded Kubernetes API and a simulated Tekton, no cluster needed. */
    LocalConfig local();

    /** How Hookline reports commit statuses to GitHub. */
    GitHub github();

    /**
     * The GitHub REST API and how to authenticate to it: a personal access token, or a GitHub App (app id and private
     * key). With both, the App is used for runs that came through an App installation and the token for the others.
     */
    interface GitHub {

        /**
         * The REST API's base URL: {@code https://api.github.com}, or {@code https://HOST/api/v3} for GitHub
         * Enterprise Server.
         */
        @WithDefault("https://api.github.com")
        String apiUrl();

        /**
         * A personal access token (classic with {@code repo:status}, or fine-grained with "Commit statuses: write").
         * A secret: give it as {@code HOOKLINE_GITHUB_TOKEN}.
         */
        Optional<String> token();

        /** The GitHub App's id (or client id), the {@code iss} of the JWT it signs. Needs {@code private-key-file}. */
        Optional<String> appId();

        /**
         * The GitHub App's private key as GitHub hands it out: a PEM file, PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or
         * PKCS#8 ({@code BEGIN PRIVATE KEY}). Mount it from a Secret; needs {@code app-id}.
         */
        Optional<Path> privateKeyFile();

        /**
         * How run outcomes are reported: {@code statuses} (a commit status per run), {@code checks} (a check run per
         * run) or {@code both}. Default: {@code checks} when a GitHub App is configured, else {@code statuses}. GitHub
         * accepts check runs only from a GitHub App, so {@code checks} or {@code both} with only a personal access token
         * stops the service at start. A run whose delivery came without an App installation gets commit statuses
         * whatever is set, so that no run goes unreported.
         */
        Optional<ReportMode> report();

        /**
         * Writes to GitHub per minute at most, per token or App installation: commit statuses and check runs share one
         * budget, since GitHub counts its secondary limits per token or installation (about 80 content-creating requests
         * a minute) and asks integrations to send writes one at a time. Writes queue instead of bursting, final
         * states first; a rate-limit answer pauses that token's or installation's writes for the time GitHub names.
         */
        @WithDefault("60")
        int writesPerMinute();

        /** Log each commit status or check run that would be written and send nothing; writes then count as accepted. */
        @WithDefault("false")
        boolean dryRun();

        /** How long to wait for a connection to GitHub. */
        @WithDefault("2s")
        Duration connectTimeout();

        /** How long to wait for GitHub's answer once connected, before the request counts as failed and is retried. */
        @WithDefault("5s")
        Duration readTimeout();

        /**
         * The link of each commit status, with {@code {namespace}} and {@code {name}} of the PipelineRun filled in,
         * e.g. {@code https://dashboard.example.com/#/namespaces/{namespace}/pipelineruns/{name}}. Without it
         * statuses carry no link.
         */
        Optional<String> targetUrlTemplate();
    }

    /** Who may read the status page and the JSON API. */
    ApiConfig api();

}
