package dev.hookline.webhook;

import static dev.hookline.webhook.GitHubDeliveries.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class PushEventParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static PushEvent parse(String fixture) throws Exception {
        return PushEventParser.parse(JSON.readTree(fixture(fixture)));
    }

    @Test
    void pushToExistingBranch_isParsedIntoTypedEvent() throws Exception {
        PushEvent push = parse("push-existing-branch.json");
        assertThat(push.repository()).isEqualTo(new PushEvent.Repository("acme", "api", "acme/api",
                "https://github.com/acme/api.git", "git@github.com:acme/api.git", "https://github.com/acme/api"));
        assertThat(push.ref()).isEqualTo("refs/heads/main");
        assertThat(push.branch()).isEqualTo("main");
        assertThat(push.tag()).isNull();
        assertThat(push.created()).isFalse();
        assertThat(push.deleted()).isFalse();
        assertThat(push.forced()).isFalse();
        assertThat(push.commits()).hasSize(2);
        assertThat(push.commits().get(0).added()).containsExactly("src/main/java/acme/Health.java");
        assertThat(push.commits().get(0).modified()).containsExactly("README.md");
        assertThat(push.headCommit().id()).isEqualTo(push.after());
        assertThat(push.pusher()).isEqualTo("octo-dev");
        assertThat(push.installationId()).isEqualTo(42L);
    }

    @Test
    void branchCreated_forced_andTagCreated_carryTheirFlags() throws Exception {
        PushEvent created = parse("push-branch-created.json");
        assertThat(created.created()).isTrue();
        assertThat(created.before()).isEqualTo("0".repeat(40));
        assertThat(created.branch()).isEqualTo("feature/login");
        assertThat(created.installationId()).isNull();
        assertThat(parse("push-forced.json").forced()).isTrue();
        PushEvent tag = parse("push-tag-created.json");
        assertThat(tag.tag()).isEqualTo("v1.2.0");
        assertThat(tag.branch()).isNull();
        assertThat(tag.baseRef()).isEqualTo("refs/heads/main");
        assertThat(tag.commits()).isEmpty();
    }

    @Test
    void deletions_parseWithNoHeadCommit() throws Exception {
        PushEvent branch = parse("push-branch-deleted.json");
        assertThat(branch.deleted()).isTrue();
        assertThat(branch.after()).isEqualTo("0".repeat(40));
        assertThat(branch.headCommit()).isNull();
        assertThat(parse("push-tag-deleted.json").tag()).isEqualTo("v0.9.0");
    }

    @Test
    void pushWithMoreThanTwentyCommits_keepsEveryCommit() throws Exception {
        assertThat(parse("push-many-commits.json").commits()).hasSize(25);
    }

    @Test
    void nonAsciiMessage_authorAndPath_areKeptExactly() throws Exception {
        PushEvent push = parse("push-non-ascii.json");
        assertThat(push.headCommit().message()).startsWith("Übersetzung: 日本語のメッセージ 🚀");
        assertThat(push.headCommit().author()).isEqualTo("Zoë Ünal");
        assertThat(push.headCommit().modified()).containsExactly("docs/日本語.md");
    }
}
