package dev.hookline.trigger;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.hookline.config.HooklineConfig;
import dev.hookline.webhook.PullRequest;

/**
 * Who may make Hookline run code: a user whose {@code author_association} is trusted (OWNER, MEMBER, COLLABORATOR by
 * default), else one GitHub says can write to the repository. A pull request is trusted only when its head is in the
 * base repository and its author is trusted: a fork's code is a stranger's until a maintainer looked at it.
 */
@ApplicationScoped
public class Trust {

    private final Set<String> associations;
    private final PullRequestReads reads;

    @Inject
    Trust(HooklineConfig config, PullRequestReads reads) {
        this(config.pullRequests().trustedAssociations(), reads);
    }

    Trust(List<String> associations, PullRequestReads reads) {
        this.associations = associations.stream().map(a -> a.strip().toUpperCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.reads = reads;
    }

    /**
     * Why the pull request is not trusted, or {@code null} when it is. Blocks on GitHub when the author's association
     * does not decide.
     */
    public String untrusted(String repository, PullRequest pr, Long installationId) {
        if (pr.fromFork()) {
            return "its head is in " + (pr.headRepoFullName() == null ? "a deleted fork" : "the fork " + pr.headRepoFullName());
        }
        return user(repository, pr.author(), pr.authorAssociation(), installationId)
                ? null
                : "its author " + pr.author() + " (" + pr.authorAssociation() + ") cannot write to " + repository;
    }

    /** Whether the user may run code: by association, else by the permission GitHub reports. Blocks on GitHub. */
    public boolean user(String repository, String login, String association, Long installationId) {
        return associations.contains(association == null ? "" : association.toUpperCase(Locale.ROOT))
                || reads.canWrite(repository, login, installationId);
    }
}
