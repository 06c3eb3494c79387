package dev.hookline.github;

import java.time.Instant;
import java.util.List;

/**
 * What to change on an existing check run; every {@code null} leaves that field as GitHub has it. The commit cannot
 * change: a new commit gets a new check run.
 *
 * @param detailsUrl the new link, or {@code null}
 * @param externalId the new external id, or {@code null}
 * @param status the new status, or {@code null}
 * @param startedAt when the run started, or {@code null}
 * @param conclusion how it ended, or {@code null}; with one, GitHub marks the check run completed
 * @param completedAt when it ended, or {@code null}; only with a conclusion
 * @param output what its page shows from now on, or {@code null}
 * @param actions the buttons from now on ({@value CheckRun#MAX_ACTIONS} at most; empty removes them), or {@code null}
 */
public record CheckRunUpdate(String detailsUrl, String externalId, CheckStatus status, Instant startedAt,
        CheckConclusion conclusion, Instant completedAt, CheckOutput output, List<CheckAction> actions) {

    public CheckRunUpdate {
        CheckRun.requireConsistent(status, conclusion, completedAt);
        actions = actions == null ? null : CheckRun.requireActions(actions);
    }

    /** The status GitHub will show after this update: {@code completed} whenever a conclusion is given. */
    CheckStatus effectiveStatus() {
        return conclusion != null ? CheckStatus.COMPLETED : status;
    }
}
