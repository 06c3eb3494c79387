package dev.hookline.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hookline.webhook.PullRequest;
import dev.hookline.webhook.PullRequestParser;
import dev.hookline.webhook.PushEvent;

class TemplateContextTest {

    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    /** The OCI distribution spec's tag grammar. */
    private static final Pattern IMAGE_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    @ParameterizedTest(name = "''{0}'' becomes ''{1}''")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            main                       | main
            feature/Login-Form         | feature-login-form
            release/1.0                | release-1.0
            v1.2.0                     | v1.2.0
            snake_case                 | snake_case
            _leading/and/trailing_-    | leading-and-trailing
            $(rm -rf /);echo           | rm-rf-echo
            `id`                       | id
            ~it's "quoted"~            | it-s-quoted
            a;b&c>d<e\\f              | a-b-c-d-e-f
            fönster/日本語              | f-nster
            🚀 launch                  | launch
            İstanbul                   | i-stanbul
            """)
    void refSlug(String name, String slug) {
        assertThat(TemplateContext.refSlug(name)).isEqualTo(slug);
    }

    @Test
    void refSlug_of250Characters_isCutTo63() {
        assertThat(TemplateContext.refSlug("a".repeat(250))).isEqualTo("a".repeat(63));
    }

    @Test
    void refSlug_cutBeforeAnInvalidCharacter_endsAlphanumeric() {
        // The cut at 63 lands right after the '-' that replaced '/': it must not end the slug.
        assertThat(TemplateContext.refSlug("a".repeat(62) + "/bbbb")).isEqualTo("a".repeat(62));
        assertThat(TemplateContext.refSlug("b".repeat(61) + "._x" + "c".repeat(100))).isEqualTo("b".repeat(61));
    }

    @ParameterizedTest
    @ValueSource(strings = {"日本語", "!!!", "---", "🚀", "/", "._."})
    void refSlug_withNothingUsable_isRefAndAHash(String name) {
        assertThat(TemplateContext.refSlug(name)).isEqualTo("ref-" + TemplateContext.sha256(name).substring(0, 10));
    }

    @Test
    void refSlug_ofDifferentUnusableNames_differ() {
        assertThat(TemplateContext.refSlug("日本語")).isNotEqualTo(TemplateContext.refSlug("中文"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"main", "$(rm -rf /);echo", "`id`", "it's \"quoted\"", "fönster/日本語", "日本語",
            "İstanbul", "a..b", "a|b", "_x_", "-", "x", "release/1.0/", "Ǆ-digraph", "ß", "\u0000nul\u0007"})
    void refSlug_isAlwaysAValidLabelValueAndImageTag(String name) {
        for (String candidate : new String[]{name, name.repeat(40)}) {
            String slug = TemplateContext.refSlug(candidate);
            assertThat(slug).hasSizeBetween(1, 63).matches(LABEL_VALUE).matches(IMAGE_TAG);
        }
    }

    @Test
    void of_givesEveryDocumentedPlaceholder() {
        Map<String, Object> data = TemplateContext.of(Pushes.fixture("push-tag-created.json"), "d-1", "api-image");
        @SuppressWarnings("unchecked")
        Map<String, Object> repo = (Map<String, Object>) data.get("repo");
        for (String name : TemplateContext.COMMON) {
            assertThat(resolve(data, name)).as(name).isNotNull();
        }
        assertThat(data).doesNotContainKey("pr");
        assertThat(data).containsEntry("tag", "v1.2.0").containsEntry("branch", "").containsEntry("refSlug", "v1.2.0")
                .containsEntry("delivery", "d-1").containsEntry("trigger", "api-image");
    }

    @Test
    void pullRequest_givesEveryPlaceholder_withTheHeadAndTheBaseRepository() {
        JsonNode payload = json("pull_request-opened-fork.json");
        PullRequest pr = PullRequestParser.parse(payload.get("pull_request"));
        PushEvent.Repository base = new PushEvent.Repository("Codertocat", "Hello-World", "Codertocat/Hello-World",
                "https://github.com/Codertocat/Hello-World.git", null, null);
        Map<String, Object> data = TemplateContext.of(Change.of(base, pr, "stranger", 1L,
                new PullRequestReads.ChangedFiles(List.of(), null)), "d-2", "hello-pr");
        for (String name : TemplateContext.NAMES) {
            assertThat(resolve(data, name)).as(name).isNotNull();
        }
        assertThat(resolve(data, "sha")).isEqualTo("5a7f0c3e9b1d2a4c6e8f0a1b3c5d7e9f1a2b4c6d");
        assertThat(resolve(data, "ref")).isEqualTo("refs/pull/2/head");
        assertThat(resolve(data, "branch")).isEqualTo("changes");
        assertThat(resolve(data, "repo.fullName")).isEqualTo("Codertocat/Hello-World");
        assertThat(resolve(data, "pr.number")).isEqualTo("2");
        assertThat(resolve(data, "pr.headRepo.fullName")).isEqualTo("stranger/Hello-World");
        assertThat(resolve(data, "pr.headRepo.cloneUrl")).isEqualTo("https://github.com/stranger/Hello-World.git");
        assertThat(resolve(data, "pr.baseRef")).isEqualTo("master");
        assertThat(resolve(data, "pr.author")).isEqualTo("stranger");
    }

    @SuppressWarnings("unchecked")
    private static Object resolve(Map<String, Object> data, String name) {
        Object value = data;
        for (String part : name.split("\\.")) {
            value = value instanceof Map<?, ?> map ? ((Map<String, Object>) map).get(part) : null;
        }
        return value;
    }

    private static JsonNode json(String fixture) {
        try (InputStream in = TemplateContextTest.class.getResourceAsStream("/github/" + fixture)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
