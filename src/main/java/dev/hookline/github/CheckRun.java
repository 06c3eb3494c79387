package dev.hookline.github;

import java.time.Instant;
import java.util.List;

/**
 * One check run to create on a commit. Hookline creates one per PipelineRun, named after the trigger and found again
 * by its {@code externalId}, so what GitHub's limits refuse cannot be built.
 *
 * @param repository the repository as {@code owner/name}
 * @param sha the full commit sha ({@code head_sha})
 * @param name the check's name, e.g. {@code hookline/build}; what branch protection requires
 * @param detailsUrl the link behind the check run ({@code details_url}), or {@code null}
 * @param externalId Hookline's own id for it ({@code external_id}), required: after a crash between GitHub's answer
 *        and recording the check run's id, it is what finds the check run again instead of creating a second one
 * @param status where it stands
 * @param startedAt when the run started, or {@code null}
 * @param conclusion how it ended: required when {@code status} is {@code completed}, else {@code null}
 * @param completedAt when it ended, or {@code null}; only with a conclusion
 * @param output what its page shows, or {@code null}
 * @param actions at most {@value #MAX_ACTIONS} buttons; never {@code null}
 */
public record CheckRun(String repository, String sha, String name, String detailsUrl, String externalId,
        CheckStatus status, Instant startedAt, CheckConclusion conclusion, Instant completedAt, CheckOutput output,
        List<CheckAction> actions) {

    /** GitHub refuses more with a 422. */
    public static final int MAX_ACTIONS = 3;

    public CheckRun {
        requireRepository(repository);
        if (sha == null || sha.isBlank()) {
            throw new IllegalArgumentException("a check run needs a head sha");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a check run needs a name");
        }
        if (externalId == null || externalId.isBlank()) {
            throw new IllegalArgumentException("a check run needs an external id to be found again by");
        }
        if (status == null) {
            throw new IllegalArgumentException("a check run needs a status");
        }
        requireConsistent(status, conclusion, completedAt);
        actions = requireActions(actions);
    }

    static String owner(String repository) {
        return repository.substring(0, repository.indexOf('/'));
    }

    static String repo(String repository) {
        return repository.substring(repository.indexOf('/') + 1);
    }

    static void requireRepository(String repository) {
        if (repository == null || repository.indexOf('/') <= 0 || repository.indexOf('/') != repository.lastIndexOf('/')
                || repository.endsWith("/")) {
            throw new IllegalArgumentException("repository must be owner/name, not '" + repository + "'");
        }
    }

    /**
     * GitHub's rules tying the three together: a conclusion marks the run completed (and GitHub sets the status to
     * {@code completed} by itself), and {@code completed} or a completion time needs a conclusion.
     *
     * @param status the status, or {@code null} when an update leaves it as it is
     */
    static void requireConsistent(CheckStatus status, CheckConclusion conclusion, Instant completedAt) {
        if (conclusion != null && status != null && status != CheckStatus.COMPLETED) {
            throw new IllegalArgumentException("a check run with a conclusion is completed, not " + status.wireName());
        }
        if (conclusion == null && (status == CheckStatus.COMPLETED || completedAt != null)) {
            throw new IllegalArgumentException("a completed check run needs a conclusion");
        }
    }

    static List<CheckAction> requireActions(List<CheckAction> actions) {
        if (actions == null) {
            return List.of();
        }
        if (actions.size() > MAX_ACTIONS) {
            throw new IllegalArgumentException("a check run takes " + MAX_ACTIONS + " actions at most, not "
                    + actions.size());
        }
        return List.copyOf(actions);
    }
}
