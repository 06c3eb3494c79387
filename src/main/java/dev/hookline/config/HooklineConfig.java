package dev.hookline.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.hookline.github.ReportMode;
import io.quarkus.runtime.configuration.MemorySize;
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
    Webhook webhook();

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
    Status status();

    /** How deliveries that touched the cluster are recorded there as Kubernetes Events. */
    Events events();

    /**
     * Deliveries that created, found or failed to create runs, recorded as {@code events.k8s.io/v1} Events regarding
     * each run (or Hookline's Deployment), so that every replica lists them and {@code kubectl describe pipelinerun}
     * shows why a run exists. Recording happens in the background and never delays or fails a webhook's answer.
     */
    interface Events {

        /** Whether deliveries are recorded as Events and listed from them; off, each replica lists its own only. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Events created per second at most, on average (a token bucket): a flood of deliveries must not become a
         * flood of writes to the API server. Events beyond it are dropped and counted.
         */
        @WithDefault("5")
        double perSecond();

        /** How many Events may be created at once above {@code per-second}, after a quiet spell. */
        @WithDefault("10")
        int burst();

        /** Deliveries waiting to be recorded at most; one arriving while it is full is dropped and counted. */
        @WithDefault("100")
        int queueSize();

        /** Hookline's own Deployment, in the pod's namespace: what a failure before any run existed regards. */
        @WithDefault("hookline")
        String deploymentName();
    }

    /** How pull requests, their comments and merge groups are handled. */
    PullRequests pullRequests();

    /** Settings of pull request handling: who is trusted, and how much of GitHub is read per delivery. */
    interface PullRequests {

        /**
         * The {@code author_association} values GitHub gives a pull request's author or a commenter that make them
         * trusted without asking GitHub for their permission; anyone else is trusted only when GitHub says they can
         * write to the repository.
         */
        @WithDefault("OWNER,MEMBER,COLLABORATOR")
        List<String> trustedAssociations();

        /**
         * Whether a maintainer's {@code /ok-to-test} approves the pull request rather than one commit: new pushes by
         * its untrusted author then run without asking again. Off by default, since a push after the approval can
         * change anything the approval was given for, including the pipeline's use of secrets.
         */
        @WithDefault("false")
        boolean rememberApproval();

        /** The most changed files read for path filters; GitHub lists at most 3,000. */
        @WithDefault("3000")
        int filesLimit();

        /**
         * How long reading a pull request's changed files may take in all (pages of 100, the page in flight
         * included); past it the list counts as incomplete and the pull request runs. Keeps a delivery's answer
         * within GitHub's 10 s.
         */
        @WithDefault("3s")
        Duration filesBudget();

        /**
         * How long a delivery waits for each other read from GitHub (the pull request, a user's permission); past it
         * the delivery is answered 503, and GitHub's redelivery finishes the job. With {@code files-budget}, a
         * comment's reads take 7 s at most, within the 10 s GitHub waits for an answer.
         */
        @WithDefault("2s")
        Duration readTimeout();
    }

    /** Local mode: Hookline with an embedded Kubernetes API and a simulated Tekton, no cluster needed. */
    Local local();

    /** Settings of local mode. */
    interface Local {

        /**
         * Run with an in-process Kubernetes API, a simulated Tekton controller and commit statuses recorded instead of
         * posted (unless {@code hookline.github.api-url} is set). On by default in dev mode when no cluster is
         * configured (no kubeconfig, not in a pod); off otherwise unless set.
         */
        @WithDefault("false")
        boolean enabled();

        /** How long a simulated PipelineRun takes from start to its final condition. */
        @WithDefault("5s")
        Duration runDuration();

        /** The port of the embedded Kubernetes API; chosen free when local mode starts. */
        @WithDefault("0")
        int kubernetesPort();
    }

    /** Settings of commit status reporting. */
    interface Status {

        /** Whether reporting runs at all; off, runs are still created but no commit status is posted. */
        @WithDefault("true")
        boolean enabled();

        /** How many statuses are posted at the same time. */
        @WithDefault("4")
        int concurrency();

        /** The first wait before retrying a failed post; it doubles per attempt, with jitter. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** The longest wait between two attempts (GitHub's rate-limit reset may ask for longer; that is honoured). */
        @WithDefault("5m")
        Duration maxBackoff();

        /** How often every watched run is checked again, catching anything missed. */
        @WithDefault("5m")
        Duration resync();

        /** Only the holder of a Kubernetes Lease reports, so that several replicas post each state once. */
        @WithDefault("true")
        boolean leaderElection();

        /** The Lease's name. */
        @WithDefault("hookline-status-reporter")
        String leaseName();

        /** The Lease's namespace; default: the pod's namespace ({@code POD_NAMESPACE}), else the client's. */
        Optional<String> leaseNamespace();
    }

    /** Settings of {@code POST /hooks/github}. */
    interface Webhook {

        /**
         * The webhook secrets, comma separated. A delivery is accepted when its {@code X-Hub-Signature-256} matches any
         * of them, so a secret can be rotated without downtime: add the new one, change it on GitHub, drop the old one.
         */
        Optional<List<String>> secrets();

        /**
         * Accept deliveries that carry no valid signature. Only for trying Hookline out: the service warns at start and
         * on every delivery while this is on. Without it, the service refuses to start when no secret is configured.
         */
        @WithDefault("false")
        boolean allowUnsigned();

        /** The largest body accepted; larger ones get 413 without being read. GitHub caps payloads at 25 MB. */
        @WithDefault("25M")
        MemorySize maxBodySize();

        /** How many recent deliveries {@code GET /api/deliveries} keeps in memory. */
        @WithDefault("500")
        int logSize();
    }

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
         * stops the service at start. Groundwork for check runs: the reporter still posts commit statuses whatever is
         * set here.
         */
        Optional<ReportMode> report();

        /**
         * Writes to GitHub per minute at most, per token or App installation: commit statuses and check runs share one
         * budget, since GitHub counts its secondary limits per token or installation (about 80 content-creating requests
         * a minute) and asks integrations to send writes one at a time. Not applied yet: groundwork for check runs.
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
    Api api();

    /**
     * Access to the status page ({@code /}) and every {@code /api/*} endpoint. Badges, the webhook, health and metrics
     * stay open whatever is set here.
     */
    interface Api {

        /**
         * A token that the status page and every {@code /api/*} endpoint then require: {@code Authorization: Bearer
         * TOKEN}, or, for the page, a sign-in form that sets a cookie derived from it. Without one they are open, which
         * suits a cluster-internal service. A secret: give it as {@code HOOKLINE_API_TOKEN}.
         */
        Optional<String> token();
    }
}
