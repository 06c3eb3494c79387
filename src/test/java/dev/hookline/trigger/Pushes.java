package dev.hookline.trigger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hookline.webhook.GitHubDeliveries;
import dev.hookline.webhook.PushEvent;
import dev.hookline.webhook.PushEventParser;

/** Push events for matching tests: parsed from the delivery fixtures, or built by hand for one detail at a time. */
final class Pushes {

    static final String SHA = "630bc9ca202b83edc7cebcb455baeb7502819363";
    private static final String ZEROS = "0000000000000000000000000000000000000000";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Pushes() {
    }

    /** The push of a fixture in {@code src/test/resources/github}. */
    static PushEvent fixture(String name) {
        try {
            return PushEventParser.parse(JSON.readTree(GitHubDeliveries.fixture(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A push of one commit changing {@code README.md} to a branch. */
    static Builder branch(String repository, String branch) {
        return new Builder(repository, "refs/heads/" + branch);
    }

    /** A push to a tag; like GitHub's, it lists no commits. */
    static Builder tag(String repository, String tag) {
        return new Builder(repository, "refs/tags/" + tag).noCommits();
    }

    static final class Builder {

        private final String repository;
        private final String ref;
        private final List<PushEvent.Commit> commits = new ArrayList<>();
        private boolean noCommits;
        private String headMessage;
        private boolean created;

        private Builder(String repository, String ref) {
            this.repository = repository;
            this.ref = ref;
        }

        /** One more commit, modifying these files (without any, the push modifies {@code README.md}). */
        Builder changing(String... modified) {
            return commit("Change", List.of(), List.of(modified), List.of());
        }

        /** One more commit, adding these files. */
        Builder adding(String... added) {
            return commit("Add", List.of(added), List.of(), List.of());
        }

        /** One more commit, removing these files. */
        Builder removing(String... removed) {
            return commit("Remove", List.of(), List.of(), List.of(removed));
        }

        /** One more commit with this message, e.g. to put a marker in a commit that is not the head. */
        Builder commitWithMessage(String message, String... modified) {
            return commit(message, List.of(), List.of(modified), List.of());
        }

        /** The message of the head commit. */
        Builder message(String message) {
            this.headMessage = message;
            return this;
        }

        /** A payload listing no commits, as for a new tag or a new branch pointing at an existing commit. */
        Builder noCommits() {
            this.noCommits = true;
            commits.clear();
            return this;
        }

        /** A push that created the ref. */
        Builder created() {
            this.created = true;
            return this;
        }

        private Builder commit(String message, List<String> added, List<String> modified, List<String> removed) {
            commits.add(new PushEvent.Commit(String.format("%040x", commits.size() + 1), message, "Octo Dev", added,
                    modified, removed));
            return this;
        }

        PushEvent build() {
            List<PushEvent.Commit> all = new ArrayList<>(commits);
            if (all.isEmpty() && !noCommits) {
                all.add(new PushEvent.Commit(SHA, "Change", "Octo Dev", List.of(), List.of("README.md"), List.of()));
            }
            // GitHub sends the head commit even when it lists no commits (a new tag points at an existing one).
            PushEvent.Commit last = all.isEmpty()
                    ? new PushEvent.Commit(SHA, "Change", "Octo Dev", List.of(), List.of(), List.of())
                    : all.remove(all.size() - 1);
            PushEvent.Commit head = new PushEvent.Commit(last.id(), headMessage != null ? headMessage : last.message(),
                    last.author(), last.added(), last.modified(), last.removed());
            if (!noCommits) {
                all.add(head);
            }
            String[] parts = repository.split("/", 2);
            PushEvent.Repository repo = new PushEvent.Repository(parts[0], parts[1], repository,
                    "https://github.com/" + repository + ".git", "git@github.com:" + repository + ".git",
                    "https://github.com/" + repository);
            return new PushEvent(repo, ref, created ? ZEROS : "859d455b8ebd64a26ac0b5eb7278e93d30fb10ac", head.id(),
                    created, false, false, null, head, all, "octo-dev", null);
        }
    }
}
