package dev.hookline.trigger;

import java.util.List;

/**
 * A pull request's past runs as a comment command sees them: those of the head it acts on, and those its own key
 * named. Every replica reads them from the cluster, so a redelivered command sees what the first delivery did.
 *
 * @param headSha the pull request's head now
 * @param runKey the command's run key, {@code comment-<id>}
 * @param runs the pull request's runs, oldest first
 */
record HeadRuns(String headSha, String runKey, List<RunHistory.PastRun> runs) {

    HeadRuns {
        runs = List.copyOf(runs);
    }

    /** The trigger's newest run of the head, or {@code null}. */
    RunHistory.PastRun latest(String trigger) {
        return ofHead().filter(r -> r.run().trigger().equals(trigger)).reduce((first, later) -> later).orElse(null);
    }

    /** Whether the command already has a run of the head for this trigger (made by an earlier delivery of it). */
    boolean ownRun(String trigger) {
        return ofHead().anyMatch(r -> r.run().trigger().equals(trigger) && runKey.equals(r.runKey()));
    }

    /** Whether the command already has a run of the head, of any trigger. */
    boolean ownRunOfAnyTrigger() {
        return ofHead().anyMatch(r -> runKey.equals(r.runKey()));
    }

    /** Who approved the head with {@code /ok-to-test}, the latest approval winning, or {@code null}. */
    String approvedBy() {
        return ofHead().map(RunHistory.PastRun::approvedBy).filter(by -> by != null).reduce((first, later) -> later)
                .orElse(null);
    }

    /**
     * A commit other than the head that the command already ran, or {@code null}: a delivery of it came before a
     * push, and acting again would run (or approve) a commit the commenter never saw.
     */
    String ranBefore() {
        return runs.stream().filter(r -> runKey.equals(r.runKey()) && r.sha() != null && !r.sha().equalsIgnoreCase(headSha))
                .map(RunHistory.PastRun::sha).findFirst().orElse(null);
    }

    private java.util.stream.Stream<RunHistory.PastRun> ofHead() {
        return runs.stream().filter(r -> headSha.equalsIgnoreCase(r.sha()));
    }
}
