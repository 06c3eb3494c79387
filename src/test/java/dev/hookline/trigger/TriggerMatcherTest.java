package dev.hookline.trigger;

import static dev.hookline.trigger.Pushes.branch;
import static dev.hookline.trigger.Pushes.fixture;
import static dev.hookline.trigger.Pushes.tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.hookline.webhook.PushEvent;

/**
 * Which triggers a push sets off, one row per case: the triggers (a small triggers file), the push, the triggers
 * expected to match in order, and a remark the result must contain: the reason when nothing matches, the note of the
 * first match otherwise ({@code null}: a match without a note).
 */
class TriggerMatcherTest {

    private static final String NO_COMMITS = "path filters not applied: the payload lists no commits";
    private static final String TEST_TRIGGERS = testTriggers();

    static Stream<Arguments> table() {
        return Stream.of(
                // Repositories: globs over owner/name, case-insensitive as GitHub's names are.
                row("acme/* matches a repository of acme", one("repository: acme/*"), branch("acme/api", "main"), "t"),
                row("repository globs ignore case", one("repository: acme/*"), branch("ACME/Api", "main"), "t"),
                row("*/api matches api of any owner", one("repository: '*/api'"), branch("other/api", "main"), "t"),
                row("acme/* does not match acme-corp/api", one("repository: acme/*"), branch("acme-corp/api", "main"),
                        none("no trigger matches acme-corp/api refs/heads/main")),
                row("acme/api does not match acme/api-docs", one("repository: acme/api"), branch("acme/api-docs", "main"),
                        none("no trigger matches acme/api-docs refs/heads/main")),

                // Branches.
                row("release/* matches release/1.0", one("branches: ['release/*']"), branch("acme/api", "release/1.0"), "t"),
                row("release/* does not match release/1/2", one("branches: ['release/*']"), branch("acme/api", "release/1/2"),
                        none("no trigger matches acme/api refs/heads/release/1/2")),
                row("release/** matches release/1/2", one("branches: ['release/**']"), branch("acme/api", "release/1/2"), "t"),
                row("** matches any branch, slashes included", one("branches: ['**']"), branch("acme/api", "feature/a/b"), "t"),
                row("branch globs are case-sensitive, as git refs are", one("branches: [main]"), branch("acme/api", "Main"),
                        none("no trigger matches acme/api refs/heads/Main")),
                row("a branch outside the list does not match", one("branches: [main, 'release/*']"),
                        branch("acme/api", "develop"), none("no trigger matches")),
                row("branches absent matches every branch", one(), branch("acme/api", "feature/x"), "t"),

                // Tags: a tag push only ever matches a trigger that lists tags.
                row("a tag push never matches a trigger without tags", one(), tag("acme/api", "v1.0"),
                        none("no trigger matches acme/api refs/tags/v1.0")),
                row("a tag push does not match branches: ['**']", one("branches: ['**']"), tag("acme/api", "v1.0"),
                        none("no trigger matches")),
                row("tags: [v*] matches the created tag v1.2.0", one("tags: ['v*']"), fixture("push-tag-created.json"), "t"),
                row("tags: [v*] does not match tag release-1", one("tags: ['v*']"), tag("acme/api", "release-1"),
                        none("no trigger matches acme/api refs/tags/release-1")),
                row("a trigger that lists only tags is for tags: a branch push does not match it", one("tags: ['v*']"),
                        branch("acme/api", "main"), none("no trigger matches acme/api refs/heads/main")),
                row("with branches and tags listed, a branch outside them does not match",
                        one("branches: [main]", "tags: ['v*']"), branch("acme/api", "feature/x"), none("no trigger matches")),

                // paths: a changed file must match one; removed and added files count, in any commit of the push.
                row("paths: a changed file matching counts", one("paths: ['src/**']"),
                        branch("acme/api", "main").changing("src/main/java/A.java"), "t"),
                row("paths: no changed file matching, no match", one("paths: ['src/**']"),
                        branch("acme/api", "main").changing("README.md", "docs/guide.md"), none("no trigger matches")),
                row("paths: a removed file counts", one("paths: ['src/**']"),
                        branch("acme/api", "main").removing("src/main/java/Old.java"), "t"),
                row("paths: an added file of a new branch counts", one("paths: ['src/**']"),
                        fixture("push-branch-created.json"), "t"),
                row("paths: a file of an earlier commit counts, not only the head's", one("paths: ['src/**']"),
                        fixture("push-existing-branch.json"), "t"),
                row("paths: **/Dockerfile matches Dockerfile at the root", one("paths: ['**/Dockerfile']"),
                        fixture("push-existing-branch.json"), "t"),
                row("paths: *.md does not reach into folders", one("paths: ['*.md']"),
                        branch("acme/api", "main").changing("docs/guide.md"), none("no trigger matches")),

                // paths-ignore: ignored files do not count; all files ignored, no match.
                row("paths-ignore: one file outside the ignored set counts", one("paths-ignore: ['docs/**']"),
                        branch("acme/api", "main").changing("docs/guide.md").adding("src/A.java"), "t"),
                row("paths-ignore: all files ignored, no match", one("paths-ignore: ['docs/**']"),
                        branch("acme/api", "main").changing("docs/guide.md").removing("docs/old/intro.md"),
                        none("no trigger matches acme/api refs/heads/main")),
                row("paths-ignore: a non-ASCII push touching only docs does not match", one("paths-ignore: ['docs/**']"),
                        fixture("push-non-ascii.json"), none("no trigger matches")),
                row("paths and paths-ignore: a file matching both does not count",
                        one("paths: ['src/**']", "paths-ignore: ['**/*.md']"),
                        branch("acme/api", "main").changing("src/README.md"), none("no trigger matches")),
                row("paths and paths-ignore: another file matching paths counts",
                        one("paths: ['src/**']", "paths-ignore: ['**/*.md']"),
                        branch("acme/api", "main").changing("src/README.md", "src/A.java"), "t"),
                row("paths and paths-ignore: ignored files and files outside paths, no match",
                        one("paths: ['src/**']", "paths-ignore: ['docs/**']"),
                        branch("acme/api", "main").changing("docs/guide.md", "README.md"), none("no trigger matches")),

                // Changed files unknown: match anyway, and say why the filters were not applied.
                row("unknown files: a tag push lists no commits, matches with a note",
                        one("tags: ['v*']", "paths: ['src/**']"), fixture("push-tag-created.json"), note("t", NO_COMMITS)),
                row("unknown files: a new branch without new commits matches with a note",
                        one("paths-ignore: ['docs/**']"), branch("acme/api", "feature/x").created().noCommits(),
                        note("t", NO_COMMITS)),
                row("unknown files: a payload at GitHub's 2048-commit limit matches with a note",
                        one("paths-ignore: ['docs/**']"), docsOnlyCommits(2048),
                        note("t", "path filters not applied: the payload lists 2048 commits, GitHub's limit")),
                row("below the commit limit path filters apply", one("paths-ignore: ['docs/**']"), docsOnlyCommits(2047),
                        none("no trigger matches")),
                row("25 commits: path filters apply as usual", one("paths: ['src/main/java/acme/Part24.java']"),
                        fixture("push-many-commits.json"), "t"),
                row("without path filters a push without commits matches without a note", one(),
                        branch("acme/api", "feature/x").created().noCommits(), "t"),

                // Skip markers in the head commit message.
                row("[skip ci] skips", one(), branch("acme/api", "main").message("Fix typo [skip ci]"),
                        none("head commit message contains [skip ci]")),
                row("[ci skip] skips", one(), branch("acme/api", "main").message("[ci skip] Fix typo"),
                        none("head commit message contains [ci skip]")),
                row("[no ci] skips", one(), branch("acme/api", "main").message("Docs only\n\nBody [no ci]"),
                        none("head commit message contains [no ci]")),
                row("markers are found in any case", one(), branch("acme/api", "main").message("Fix [SKIP CI]"),
                        none("head commit message contains [skip ci]")),
                row("a marker in an earlier commit, not the head, does not skip", one(),
                        branch("acme/api", "main").commitWithMessage("WIP [skip ci]", "a").commitWithMessage("Done", "b"),
                        "t"),
                row("skip ci without brackets does not skip", one(), branch("acme/api", "main").message("Do not skip ci"),
                        "t"),

                // Deletions never trigger, whatever the trigger says.
                row("a deleted branch never triggers", one("branches: ['**']"), fixture("push-branch-deleted.json"),
                        none("deleted refs never trigger: acme/api refs/heads/feature/login")),
                row("a deleted tag never triggers", one("tags: ['**']"), fixture("push-tag-deleted.json"),
                        none("deleted refs never trigger: acme/api refs/tags/")),

                // Several triggers: every one that matches, in file order.
                row("several triggers match, in file order", """
                        triggers:
                          - { name: zeta, repository: acme/*, namespace: ci, pipeline: p }
                          - { name: other, repository: other/*, namespace: ci, pipeline: p }
                          - { name: alpha, repository: acme/api, branches: [main], namespace: ci, pipeline: p }
                          - { name: beta, repository: acme/api, branches: [develop], namespace: ci, pipeline: p }
                        """, branch("acme/api", "main"), "zeta", "alpha"),
                row("test triggers: a push to main sets off api-image, then api-classic", TEST_TRIGGERS,
                        fixture("push-existing-branch.json"), "api-image", "api-classic"),
                row("test triggers: a docs-only push sets off only api-classic", TEST_TRIGGERS,
                        fixture("push-non-ascii.json"), "api-classic"),
                row("test triggers: tag v1.2.0 sets off only api-image, with a note", TEST_TRIGGERS,
                        fixture("push-tag-created.json"), note("api-image", NO_COMMITS)),
                row("test triggers: a skip marker stops every trigger", TEST_TRIGGERS,
                        branch("acme/api", "main").message("Release notes [skip ci]"),
                        none("head commit message contains [skip ci]")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void matching(String description, String triggersFile, PushEvent push, Expected expected) {
        TriggerMatcher.Result result = TriggerMatcher.match(TriggersFileParser.parse("triggers.yaml", triggersFile), push);

        assertThat(result.matches()).extracting(m -> m.trigger().name()).containsExactlyElementsOf(expected.names());
        if (expected.names().isEmpty()) {
            assertThat(result.reason()).contains(expected.remark());
        } else {
            assertThat(result.reason()).isNull();
            assertThat(result.matches().get(0).note()).satisfies(note -> {
                if (expected.remark() == null) {
                    assertThat(note).isNull();
                } else {
                    assertThat(note).contains(expected.remark());
                }
            });
        }
    }

    /** What a row expects: the matching triggers in order, and the reason or note. */
    record Expected(List<String> names, String remark) {
    }

    private static Arguments row(String description, String triggers, Object push, String... names) {
        return row(description, triggers, push, new Expected(List.of(names), null));
    }

    private static Arguments row(String description, String triggers, Object push, Expected expected) {
        PushEvent event = push instanceof Pushes.Builder builder ? builder.build() : (PushEvent) push;
        return Arguments.of(description, triggers, event, expected);
    }

    private static Expected none(String reason) {
        return new Expected(List.of(), Objects.requireNonNull(reason));
    }

    private static Expected note(String name, String note) {
        return new Expected(List.of(name), note);
    }

    /** A triggers file with one trigger {@code t} on {@code acme/api} (unless a line says otherwise) and these lines. */
    private static String one(String... fields) {
        boolean repository = Arrays.stream(fields).anyMatch(f -> f.startsWith("repository:"));
        StringBuilder yaml = new StringBuilder("triggers:\n  - name: t\n    namespace: ci\n    pipeline: build\n");
        if (!repository) {
            yaml.append("    repository: acme/api\n");
        }
        for (String field : fields) {
            yaml.append("    ").append(field).append('\n');
        }
        return yaml.toString();
    }

    private static Pushes.Builder docsOnlyCommits(int count) {
        Pushes.Builder push = branch("acme/api", "main");
        for (int i = 0; i < count; i++) {
            push.changing("docs/page" + i + ".md");
        }
        return push;
    }

    private static String testTriggers() {
        try (InputStream in = TriggerMatcherTest.class.getResourceAsStream("/triggers/test-triggers.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
