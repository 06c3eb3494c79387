package dev.hookline.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import dev.hookline.github.CommitState;
import dev.hookline.status.StatusReporting;
import dev.hookline.tekton.TrackedRun;
import dev.hookline.trigger.EventKind;
import dev.hookline.trigger.Trigger;
import dev.hookline.trigger.TriggerRules;

/**
 * {@code GET /badge/{owner}/{repo}.svg?branch=main}: the state of the latest commit Hookline built for a repository
 * (and branch, and trigger when given), as an SVG badge for a README; {@code ?pull-request=N} instead of a branch
 * gives the state of that pull request's latest head. Always public, and never cached: GitHub's image proxy would
 * otherwise show a stale state for hours.
 */
@Path("/badge")
public class BadgeResource {

    static final String SVG = "image/svg+xml";
    private static final String DEFAULT_LABEL = "hookline";

    private final StatusReporting reporting;
    private final TriggerRules rules;

    BadgeResource(StatusReporting reporting, TriggerRules rules) {
        this.reporting = reporting;
        this.rules = rules;
    }

    @GET
    @Path("{owner}/{file}")
    public Response badge(@PathParam("owner") String owner, @PathParam("file") String file,
            @QueryParam("branch") String branch, @QueryParam("trigger") String trigger,
            @QueryParam("pull-request") Integer pullRequest, @Context Request request) {
        if (!file.endsWith(".svg") || file.length() == ".svg".length()) {
            throw new NotFoundException();
        }
        String repository = owner + "/" + file.substring(0, file.length() - ".svg".length());
        String only = trigger == null || trigger.isBlank() ? null : trigger;
        List<TrackedRun> runs = reporting.tracked().stream()
                .filter(run -> run.repository() != null && run.repository().equalsIgnoreCase(repository))
                .filter(run -> pullRequest == null ? onBranch(run, branch) : pullRequest.equals(run.pullRequest()))
                .filter(run -> only == null || only.equals(run.trigger()))
                .toList();
        String label = only == null ? DEFAULT_LABEL : label(only, runs);
        Badge badge = Badge.of(label, latestCommitState(runs));

        String svg = badge.svg();
        EntityTag tag = new EntityTag(digest(svg));
        CacheControl noCache = new CacheControl();
        noCache.setNoCache(true);
        noCache.setMaxAge(0);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        Response.ResponseBuilder response = notModified != null ? notModified : Response.ok(svg, SVG);
        return response.tag(tag).cacheControl(noCache).header("X-Content-Type-Options", "nosniff").build();
    }

    /**
     * Without a branch, any branch counts (tags do not: a badge tells how a line of development is doing; nor do pull
     * requests, whose runs have a {@code refs/pull/} ref; nor merge groups, whose queue branches are GitHub's
     * scratch space, not a line of development).
     */
    private static boolean onBranch(TrackedRun run, String branch) {
        if (run.ref() == null || run.event() == EventKind.MERGE_GROUP) {
            return false;
        }
        return branch == null || branch.isBlank()
                ? run.ref().startsWith("refs/heads/")
                : run.ref().equals("refs/heads/" + branch);
    }

    /**
     * Combines the runs of the newest commit the way GitHub combines statuses: the newest run per context counts, and
     * any failure (then error, then pending) wins over success. {@code null} when there is no run.
     */
    static CommitState latestCommitState(List<TrackedRun> newestFirst) {
        if (newestFirst.isEmpty()) {
            return null;
        }
        String sha = newestFirst.get(0).sha();
        Map<String, CommitState> byContext = new LinkedHashMap<>();
        newestFirst.stream().filter(run -> sha.equals(run.sha())).forEach(run -> byContext
                .putIfAbsent(run.statusContext(), CommitState.valueOf(StatusReporting.stateOf(run).toUpperCase(Locale.ROOT))));
        for (CommitState worst : List.of(CommitState.FAILURE, CommitState.ERROR, CommitState.PENDING)) {
            if (byContext.containsValue(worst)) {
                return worst;
            }
        }
        return CommitState.SUCCESS;
    }

    /** A trigger's badge is labelled with its status context, as GitHub shows it next to the commit. */
    private String label(String trigger, List<TrackedRun> runs) {
        if (!runs.isEmpty()) {
            return runs.get(0).statusContext();
        }
        return rules.named(trigger).map(Trigger::statusContext).orElse(DEFAULT_LABEL);
    }

    private static String digest(String svg) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(svg.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
