package dev.hookline.status;

import dev.hookline.github.CommitStatus;
import dev.hookline.github.GitHubClient;
import dev.hookline.github.PostResult;
import dev.hookline.github.StatusLookup;

/** Posts one status, and reads what GitHub shows; {@link GitHubClient} in the service. */
interface Poster {

    PostResult post(CommitStatus status, Long installationId);

    /** What GitHub shows for the status's commit and context. */
    StatusLookup shown(CommitStatus status, Long installationId);

    static Poster of(GitHubClient github) {
        return new Poster() {

            @Override
            public PostResult post(CommitStatus status, Long installationId) {
                return github.post(status, installationId);
            }

            @Override
            public StatusLookup shown(CommitStatus status, Long installationId) {
                return github.shown(status, installationId);
            }
        };
    }
}
