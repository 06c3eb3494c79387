package dev.hookline.web;

import java.util.List;

/**
 * Everything the status page shows, already turned into text: the template only lays it out (and escapes it).
 *
 * @param runs the newest tracked runs, newest first
 * @param totalRuns how many runs are tracked in all
 * @param deliveries the newest deliveries, newest first
 * @param signOut whether to offer signing out (a token is configured)
 * @param degraded the namespaces whose runs Kubernetes refuses to list or watch now
 */
public record StatusPageView(List<Run> runs, int totalRuns, List<Delivery> deliveries, boolean signOut,
        List<Degraded> degraded) {

    /**
     * A namespace Kubernetes refuses Hookline: its triggers' runs get no commit status until that is fixed.
     *
     * @param apiVersion the PipelineRun API version watched there
     * @param cause what it means and what to do
     */
    public record Degraded(String namespace, String apiVersion, String cause) {
    }

    /**
     * One PipelineRun.
     *
     * @param key {@code namespace/name}, what the row is known by
     * @param branch the branch, {@code tag NAME} for a tag, else the ref ({@code refs/pull/2/head} for a pull request)
     * @param state {@code pending}, {@code success}, {@code failure} or {@code error}
     * @param detail Tekton's reason, or a word on why there is none
     * @param created how long ago it was created, e.g. {@code 3m ago}
     * @param createdAt the creation time as an ISO instant, or empty
     * @param duration how long it ran or has been running, or {@code —} before it started
     * @param commitUrl the commit on GitHub
     * @param dashboardUrl the run on the dashboard ({@code hookline.github.target-url-template}), or {@code null}
     * @param statuses the commit statuses posted for this commit and context, oldest first
     * @param pullRequest the pull request's number, for a run of a pull request, else {@code null}
     * @param pullRequestUrl the pull request on GitHub, or {@code null}
     * @param mergeGroup whether the run checks a merge queue's merge group
     */
    public record Run(String key, String namespace, String name, String trigger, String repository, String branch,
            String sha, String shortSha, String context, String state, String detail, String created, String createdAt,
            String duration, String commitUrl, String dashboardUrl, List<Status> statuses, Integer pullRequest,
            String pullRequestUrl, boolean mergeGroup) {
    }

    /**
     * One commit status posted (or, in a dry run, recorded).
     *
     * @param ago how long ago
     * @param at when, as an ISO instant
     */
    public record Status(String state, String description, String ago, String at, boolean dryRun) {
    }

    /**
     * One delivery.
     *
     * @param received how long ago it arrived
     * @param receivedAt when, as an ISO instant
     * @param runs how many runs it led to
     * @param replica the replica whose memory alone holds it, or {@code null} when it is recorded in the cluster
     */
    public record Delivery(String id, String event, String repository, String ref, String received, String receivedAt,
            String outcome, String reason, int runs, String replica) {
    }
}
