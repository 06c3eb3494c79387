package dev.hookline.github;

import java.time.Duration;

/**
 * What GitHub has of one check run, looked up by commit, name and external id: what lets the reporter adopt a check
 * run it created but did not record (a crash, a failover, a timed-out answer) instead of creating a second one.
 */
public sealed interface CheckRunLookup {

    /**
     * GitHub has it.
     *
     * @param id its id, for updates
     * @param status where it stands, or {@code null} for a status Hookline does not know
     * @param conclusion how it ended, or {@code null} while it has not
     */
    record Found(long id, CheckStatus status, CheckConclusion conclusion) implements CheckRunLookup {
    }

    /** GitHub has none such, or would not say (a refusal that creating one would meet too). */
    record NotFound() implements CheckRunLookup {
    }

    /**
     * GitHub could not be asked this time (5xx, rate limit, timeout, an answer that was not GitHub's): neither create
     * nor give up, ask again later.
     *
     * @param after how long GitHub asked to wait, or {@code null}
     * @param reason why, for the log
     */
    record Unknown(Duration after, String reason) implements CheckRunLookup {
    }
}
