package dev.hookline.trigger;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.hookline.webhook.PushEvent;

/** Decides which triggers a push sets off: repository, then branch or tag, then changed paths. */
public final class TriggerMatcher {

    /**
     * GitHub lists at most this many commits in a push payload; a push that reaches it may have changed files the
     * payload does not show, so path filters cannot rule it out.
     */
    static final int PAYLOAD_COMMIT_LIMIT = 2048;
    private static final List<String> SKIP_MARKERS = List.of("[skip ci]", "[ci skip]", "[no ci]");

    private TriggerMatcher() {
    }

    /**
     * One trigger a push matched.
     *
     * @param trigger the trigger
     * @param note a remark for the delivery log (e.g. that path filters could not be applied), or {@code null}
     */
    public record Match(Trigger trigger, String note) {
    }

    /**
     * The outcome of matching one push.
     *
     * @param matches the triggers that match, in file order
     * @param reason why nothing matched, when nothing did
     */
    public record Result(List<Match> matches, String reason) {
    }

    public static Result match(List<Trigger> triggers, PushEvent push) {
        String where = push.repository().fullName() + " " + push.ref();
        if (push.deleted()) {
            return new Result(List.of(), "deleted refs never trigger: " + where);
        }
        String marker = skipMarker(push);
        if (marker != null) {
            return new Result(List.of(), "head commit message contains " + marker);
        }
        List<Match> matches = new ArrayList<>();
        ChangedFiles changed = ChangedFiles.of(push);
        for (Trigger trigger : triggers) {
            if (!trigger.repository().matches(push.repository().fullName()) || !refMatches(trigger, push)) {
                continue;
            }
            if (trigger.paths().isEmpty() && trigger.pathsIgnore().isEmpty()) {
                matches.add(new Match(trigger, null));
            } else if (changed.unknownReason() != null) {
                // Run rather than silently skip: a missed build is worse than an extra one.
                matches.add(new Match(trigger, "path filters not applied: " + changed.unknownReason()));
            } else if (changed.paths().stream().anyMatch(path -> pathCounts(trigger, path))) {
                matches.add(new Match(trigger, null));
            }
        }
        return new Result(List.copyOf(matches), matches.isEmpty() ? "no trigger matches " + where : null);
    }

    private static boolean refMatches(Trigger trigger, PushEvent push) {
        if (push.branch() != null) {
            // Branches absent means every branch, unless the trigger lists only tags: then it is a tag trigger.
            return trigger.branches() == null
                    ? trigger.tags() == null
                    : trigger.branches().stream().anyMatch(g -> g.matches(push.branch()));
        }
        if (push.tag() != null) {
            return trigger.tags() != null && trigger.tags().stream().anyMatch(g -> g.matches(push.tag()));
        }
        return false;
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

    /** The files a push changed, as far as its payload tells. */
    private record ChangedFiles(Set<String> paths, String unknownReason) {

        static ChangedFiles of(PushEvent push) {
            if (push.commits().isEmpty()) {
                return new ChangedFiles(Set.of(), "the payload lists no commits (a new tag or a branch without new commits)");
            }
            if (push.commits().size() >= PAYLOAD_COMMIT_LIMIT) {
                return new ChangedFiles(Set.of(), "the payload lists " + push.commits().size() + " commits, GitHub's limit");
            }
            Set<String> paths = new LinkedHashSet<>();
            for (PushEvent.Commit commit : push.commits()) {
                paths.addAll(commit.added());
                paths.addAll(commit.modified());
                paths.addAll(commit.removed());
            }
            return new ChangedFiles(paths, null);
        }
    }
}
