package dev.hookline.trigger;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.hookline.webhook.PushEvent;

/**
 * Decides which triggers a change sets off: the event, the repository, then the branch or tag (for a pull request or
 * a merge group, the base branch), drafts, then changed paths.
 */
public final class TriggerMatcher {

    /** The branches GitHub's merge queue pushes to; their pushes are the merge groups' own, announced separately. */
    static final String QUEUE_PREFIX = "gh-readonly-queue/";
    private static final List<String> SKIP_MARKERS = List.of("[skip ci]", "[ci skip]", "[no ci]");

    private TriggerMatcher() {
    }

    /**
     * One trigger a change matched.
     *
     * @param trigger the trigger
     * @param note a remark for the delivery log (e.g. that path filters could not be applied), or {@code null}
     */
    public record Match(Trigger trigger, String note) {
    }

    /**
     * The outcome of matching one change.
     *
     * @param matches the triggers that match, in file order
     * @param reason why nothing matched, when nothing did
     */
    public record Result(List<Match> matches, String reason) {
    }

    public static Result match(List<Trigger> triggers, PushEvent push) {
        if (push.deleted()) {
            return new Result(List.of(), "deleted refs never trigger: " + push.repository().fullName() + " " + push.ref());
        }
        String marker = skipMarker(push);
        if (marker != null) {
            return new Result(List.of(), "head commit message contains " + marker);
        }
        return match(triggers, Change.of(push));
    }

    public static Result match(List<Trigger> triggers, Change change) {
        List<Match> matches = new ArrayList<>();
        boolean skippedDraft = false;
        boolean skippedQueue = false;
        for (Trigger trigger : triggers) {
            if (!trigger.events().contains(change.event()) || !trigger.repository().matches(change.repository().fullName())) {
                continue;
            }
            if (!refMatches(trigger, change)) {
                skippedQueue |= queuePush(change);
                continue;
            }
            if (change.pullRequest() != null && change.pullRequest().draft() && !trigger.drafts()) {
                skippedDraft = true;
                continue;
            }
            PullRequestReads.ChangedFiles files = change.files();
            if (trigger.paths().isEmpty() && trigger.pathsIgnore().isEmpty()) {
                matches.add(new Match(trigger, null));
            } else if (files.unknownReason() != null) {
                // Run rather than silently skip: a missed build is worse than an extra one.
                matches.add(new Match(trigger, "path filters not applied: " + files.unknownReason()));
            } else if (files.paths().stream().anyMatch(path -> pathCounts(trigger, path))) {
                matches.add(new Match(trigger, null));
            }
        }
        return new Result(List.copyOf(matches), matches.isEmpty() ? noMatch(change, skippedDraft, skippedQueue) : null);
    }

    private static String noMatch(Change change, boolean skippedDraft, boolean skippedQueue) {
        if (skippedQueue) {
            return "push to the merge queue's branch " + change.branch() + ": its merge_group event runs the checks; "
                    + "a trigger runs such pushes only when its branches name " + QUEUE_PREFIX + "... itself";
        }
        if (skippedDraft) {
            return "draft pull request #" + change.pullRequest().number()
                    + ": no matching trigger runs drafts (drafts: true)";
        }
        return switch (change.event()) {
            case PUSH -> "no trigger matches " + change.where();
            case PULL_REQUEST -> "no trigger matches pull request #" + change.pullRequest().number() + " of "
                    + change.repository().fullName() + " into " + change.baseBranch();
            case MERGE_GROUP -> "no trigger matches the merge group of " + change.repository().fullName() + " into "
                    + change.baseBranch();
        };
    }

    private static boolean refMatches(Trigger trigger, Change change) {
        if (change.event() != EventKind.PUSH) {
            // Branches absent means every base branch; a trigger that lists only tags listens to no pull request.
            return trigger.branches() == null
                    ? trigger.tags() == null
                    : trigger.branches().stream().anyMatch(g -> g.matches(change.baseBranch()));
        }
        if (change.branch() != null) {
            if (queuePush(change)) {
                // GitHub pushes every merge group's commit to a queue branch too; its merge_group event is what
                // runs it, so a glob such as ** must not start a second set of runs.
                return trigger.branches() != null && trigger.branches().stream()
                        .anyMatch(g -> g.pattern().startsWith(QUEUE_PREFIX) && g.matches(change.branch()));
            }
            // Branches absent means every branch, unless the trigger lists only tags: then it is a tag trigger.
            return trigger.branches() == null
                    ? trigger.tags() == null
                    : trigger.branches().stream().anyMatch(g -> g.matches(change.branch()));
        }
        if (change.tag() != null) {
            return trigger.tags() != null && trigger.tags().stream().anyMatch(g -> g.matches(change.tag()));
        }
        return false;
    }

    private static boolean queuePush(Change change) {
        return change.event() == EventKind.PUSH && change.branch() != null && change.branch().startsWith(QUEUE_PREFIX);
    }

    private static boolean pathCounts(Trigger trigger, String path) {
        boolean included = trigger.paths().isEmpty() || trigger.paths().stream().anyMatch(g -> g.matches(path));
        return included && trigger.pathsIgnore().stream().noneMatch(g -> g.matches(path));
    }

    private static String skipMarker(PushEvent push) {
        if (push.headCommit() == null) {
            return null;
        }
        String message = push.headCommit().message().toLowerCase(Locale.ROOT);
        return SKIP_MARKERS.stream().filter(message::contains).findFirst().orElse(null);
    }
}
