package dev.hookline.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.hookline.webhook.PullRequest;
import dev.hookline.webhook.PushEvent;

/** The pull request and merge group fields of the triggers file, and how triggers match those events. */
class PullRequestTriggersTest {

    private static final String FILE = "triggers.yaml";
    private static final PushEvent.Repository REPO = new PushEvent.Repository("acme", "api", "acme/api",
            "https://github.com/acme/api.git", null, null);

    @Test
    void eventsDraftsAndForks_areRead_withTheirDefaults() {
        List<Trigger> triggers = TriggersFileParser.parse(FILE, """
                triggers:
                  - name: api-pr
                    repository: acme/api
                    events: [pull_request, merge_group]
                    branches: [main]
                    drafts: true
                    forks: never
                    namespace: ci
                    pipeline: build
                  - name: api-push
                    repository: acme/api
                    namespace: ci
                    pipeline: build
                """);
        assertThat(triggers.get(0).events()).containsExactlyInAnyOrder(EventKind.PULL_REQUEST, EventKind.MERGE_GROUP);
        assertThat(triggers.get(0).drafts()).isTrue();
        assertThat(triggers.get(0).forks()).isEqualTo(ForkPolicy.NEVER);
        assertThat(triggers.get(1).events()).containsExactly(EventKind.PUSH);
        assertThat(triggers.get(1).drafts()).isFalse();
        assertThat(triggers.get(1).forks()).isEqualTo(ForkPolicy.APPROVAL);
    }

    @Test
    void pullRequestPlaceholders_areRefusedWhereAnEventDoesNotProvideThem() {
        assertThatThrownBy(() -> TriggersFileParser.parse(FILE, """
                triggers:
                  - name: api-push
                    repository: acme/api
                    namespace: ci
                    pipeline: build
                    params: { pr: "{pr.number}" }
                  - name: api-queue
                    repository: acme/api
                    events: [pull_request, merge_group]
                    namespace: ci
                    pipeline: build
                    params: { title: "{pr.title}" }
                  - name: api-pr
                    repository: acme/api
                    events: [pull_request]
                    namespace: ci
                    pipeline: build
                    params: { pr: "{pr.number}", fork: "{pr.headRepo.cloneUrl}", typo: "{pr.nmber}" }
                """))
                .isInstanceOf(InvalidTriggersException.class)
                .hasMessageContaining("trigger 'api-push': field 'params.pr' uses {pr.number}, which only pull_request "
                        + "events provide; this trigger listens to push")
                .hasMessageContaining("trigger 'api-queue': field 'params.title' uses {pr.title}, which only "
                        + "pull_request events provide; this trigger listens to merge_group, pull_request")
                .hasMessageContaining("trigger 'api-pr': field 'params.typo' uses unknown placeholder {pr.nmber}")
                .hasMessageNotContaining("params.fork");
    }

    @Test
    void fieldsOfOtherEvents_andUnknownValues_areRefusedByName() {
        assertThatThrownBy(() -> TriggersFileParser.parse(FILE, """
                triggers:
                  - name: a
                    repository: acme/api
                    events: [push, pull_requests]
                    namespace: ci
                    pipeline: build
                  - name: b
                    repository: acme/api
                    drafts: true
                    forks: always
                    namespace: ci
                    pipeline: build
                  - name: c
                    repository: acme/api
                    events: [pull_request]
                    tags: ["v*"]
                    forks: sometimes
                    namespace: ci
                    pipeline: build
                  - name: d
                    repository: acme/api
                    events: []
                    namespace: ci
                    pipeline: build
                """))
                .isInstanceOf(InvalidTriggersException.class)
                .hasMessageContaining("trigger 'a': field 'events' 'pull_requests' is not an event a trigger listens to")
                .hasMessageContaining("trigger 'b': field 'drafts' only applies to pull requests")
                .hasMessageContaining("trigger 'b': field 'forks' only applies to pull requests")
                .hasMessageContaining("trigger 'c': field 'tags' only applies to pushes")
                .hasMessageContaining("trigger 'c': field 'forks' must be 'approval' (the default), 'never' or 'always'")
                .hasMessageContaining("trigger 'd': field 'events' must name at least one of push, pull_request");
    }

    @Test
    void pullRequest_matchesOnTheBaseBranch_andDraftsOnlyWhereAsked() {
        List<Trigger> triggers = TriggersFileParser.parse(FILE, """
                triggers:
                  - name: main-prs
                    repository: acme/api
                    events: [pull_request]
                    branches: [main]
                    namespace: ci
                    pipeline: build
                  - name: drafts-too
                    repository: acme/api
                    events: [pull_request]
                    drafts: true
                    namespace: ci
                    pipeline: build
                  - name: pushes
                    repository: acme/api
                    namespace: ci
                    pipeline: build
                """);
        assertThat(names(TriggerMatcher.match(triggers, change(pr("feature", "main", false)))))
                .containsExactly("main-prs", "drafts-too");
        assertThat(names(TriggerMatcher.match(triggers, change(pr("main", "release", false)))))
                .containsExactly("drafts-too");
        TriggerMatcher.Result draft = TriggerMatcher.match(triggers.subList(0, 1), change(pr("feature", "main", true)));
        assertThat(draft.matches()).isEmpty();
        assertThat(draft.reason()).isEqualTo("draft pull request #7: no matching trigger runs drafts (drafts: true)");
    }

    @Test
    void pullRequestPaths_useItsChangedFiles_andRunWhenTheListIsIncomplete() {
        List<Trigger> triggers = TriggersFileParser.parse(FILE, """
                triggers:
                  - name: src
                    repository: acme/api
                    events: [pull_request]
                    paths: ["src/**"]
                    namespace: ci
                    pipeline: build
                """);
        PullRequest pr = pr("feature", "main", false);
        assertThat(TriggerMatcher.match(triggers, Change.of(REPO, pr, "octo", null,
                new PullRequestReads.ChangedFiles(List.of("docs/a.md"), null))).matches()).isEmpty();
        assertThat(TriggerMatcher.match(triggers, Change.of(REPO, pr, "octo", null,
                new PullRequestReads.ChangedFiles(List.of("docs/a.md", "src/Main.java"), null))).matches()).hasSize(1);
        TriggerMatcher.Result incomplete = TriggerMatcher.match(triggers, Change.of(REPO, pr, "octo", null,
                new PullRequestReads.ChangedFiles(List.of("docs/a.md"), "more than 3000 files")));
        assertThat(incomplete.matches()).singleElement()
                .satisfies(m -> assertThat(m.note()).isEqualTo("path filters not applied: more than 3000 files"));
    }

    @Test
    void queueBranchPush_runsOnlyWhereBranchesNameTheQueueItself() {
        List<Trigger> triggers = TriggersFileParser.parse(FILE, """
                triggers:
                  - name: every-branch
                    repository: acme/api
                    branches: ["**"]
                    namespace: ci
                    pipeline: build
                  - name: no-branches
                    repository: acme/api
                    namespace: ci
                    pipeline: build
                  - name: queue-pushes
                    repository: acme/api
                    branches: ["gh-readonly-queue/main/**"]
                    namespace: ci
                    pipeline: build
                """);
        Change queue = new Change(EventKind.PUSH, REPO, "a".repeat(40),
                "refs/heads/gh-readonly-queue/main/pr-104-929f8209d40f77f4abc622a499c93a83babdbe64",
                "gh-readonly-queue/main/pr-104-929f8209d40f77f4abc622a499c93a83babdbe64", null, null, "octo", null, null,
                null, null, new PullRequestReads.ChangedFiles(List.of("a"), null));
        assertThat(names(TriggerMatcher.match(triggers, queue))).containsExactly("queue-pushes");
        TriggerMatcher.Result none = TriggerMatcher.match(triggers.subList(0, 2), queue);
        assertThat(none.matches()).isEmpty();
        assertThat(none.reason()).startsWith("push to the merge queue's branch gh-readonly-queue/main/pr-104-");
    }

    @Test
    void onlyPullRequestTriggers_mayUseTheirPlaceholders() {
        assertThat(TemplateContext.names(Set.of(EventKind.PULL_REQUEST))).contains("pr.number", "sha");
        assertThat(TemplateContext.names(Set.of(EventKind.PULL_REQUEST, EventKind.PUSH))).doesNotContain("pr.number");
    }

    private static Change change(PullRequest pr) {
        return Change.of(REPO, pr, "octo", null, new PullRequestReads.ChangedFiles(List.of(), null));
    }

    private static PullRequest pr(String head, String base, boolean draft) {
        return new PullRequest(7, "open", draft, "Add a thing", "octo", "MEMBER", "b".repeat(40), head, "acme/api",
                "https://github.com/acme/api.git", base, "acme/api");
    }

    private static List<String> names(TriggerMatcher.Result result) {
        return result.matches().stream().map(m -> m.trigger().name()).toList();
    }
}
