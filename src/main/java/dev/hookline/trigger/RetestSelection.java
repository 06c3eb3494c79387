package dev.hookline.trigger;

import java.util.ArrayList;
import java.util.List;

/**
 * Which triggers a {@code /retest} runs again on a pull request's head, and why, in words for the delivery log.
 *
 * @param triggers the triggers to run again; empty when there is nothing to re-run
 * @param summary what was chosen and what was left alone, or why nothing is re-run
 */
record RetestSelection(List<String> triggers, String summary) {

    RetestSelection {
        triggers = List.copyOf(triggers);
    }

    /**
     * {@code /retest}: the triggers whose latest run of the head failed. A trigger that already has this comment's
     * run is chosen too: its latest run is then that re-run (still running, perhaps passed), and a redelivery must
     * reach the launcher to be answered as a duplicate rather than as "nothing to re-run".
     */
    static RetestSelection failed(List<Trigger> listening, HeadRuns head) {
        return failed(listening, head, "this comment");
    }

    /**
     * The triggers whose latest run of the commit failed, or that already have a run of {@code asker}'s (a delivery
     * of a Checks tab re-run, a comment), named so in the summary.
     */
    static RetestSelection failed(List<Trigger> listening, HeadRuns head, String asker) {
        String sha = TemplateContext.shortSha(head.headSha());
        List<String> chosen = new ArrayList<>();
        List<String> rerun = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (Trigger trigger : listening) {
            RunHistory.PastRun latest = head.latest(trigger.name());
            if (head.ownRun(trigger.name())) {
                chosen.add(trigger.name());
                rerun.add(trigger.name() + " (re-run by " + asker + " before)");
            } else if (latest != null && latest.state() == RunHistory.State.FAILED) {
                chosen.add(trigger.name());
                rerun.add(trigger.name() + " (its latest run of " + sha + " failed)");
            } else {
                left.add(trigger.name() + ": " + (latest == null ? "no run of " + sha : state(latest.state())));
            }
        }
        if (chosen.isEmpty()) {
            return new RetestSelection(chosen, "nothing to re-run: the latest runs of " + sha + " passed or are running ("
                    + String.join("; ", left) + ")");
        }
        return new RetestSelection(chosen, "to re-run: " + String.join(", ", rerun)
                + (left.isEmpty() ? "" : "; left alone: " + String.join("; ", left)));
    }

    /** {@code /retest <trigger>}: that trigger, whatever became of its latest run. */
    static RetestSelection named(String trigger, HeadRuns head) {
        RunHistory.PastRun latest = head.latest(trigger);
        String before = latest == null
                ? "it has no run of " + TemplateContext.shortSha(head.headSha()) + " yet"
                : "its latest run of " + TemplateContext.shortSha(head.headSha()) + " " + state(latest.state());
        return new RetestSelection(List.of(trigger), "to re-run as asked: " + trigger + " (" + before + ")");
    }

    /** A run's state in the words of an answer. */
    static String state(RunHistory.State state) {
        return switch (state) {
            case RUNNING -> "is running";
            case SUCCEEDED -> "passed";
            case FAILED -> "failed";
        };
    }
}
