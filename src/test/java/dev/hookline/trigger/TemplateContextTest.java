package dev.hookline.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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
        for (String name : TemplateContext.NAMES) {
            Object value = name.startsWith("repo.") ? repo.get(name.substring(5)) : data.get(name);
            assertThat(value).as(name).isNotNull();
        }
        assertThat(data).containsEntry("tag", "v1.2.0").containsEntry("branch", "").containsEntry("refSlug", "v1.2.0")
                .containsEntry("delivery", "d-1").containsEntry("trigger", "api-image");
    }
}
