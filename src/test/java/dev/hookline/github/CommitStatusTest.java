package dev.hookline.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommitStatusTest {

    private static final String SHA = "9f3c2a1b7d4e5f60718293a4b5c6d7e8f9012345";
    private static final String EMOJI = "\uD83D\uDE80"; // 🚀, one code point, two chars

    @Test
    void description_upTo140CodePoints_isKeptAsItIs() {
        String exactly140 = "a".repeat(139) + EMOJI;
        assertThat(CommitStatus.cutDescription(exactly140)).isEqualTo(exactly140);
        assertThat(CommitStatus.cutDescription("")).isEmpty();
        assertThat(CommitStatus.cutDescription(null)).isNull();
    }

    @Test
    void description_isCutTo140CodePoints_endingWithAnEllipsis() {
        String cut = CommitStatus.cutDescription("x".repeat(200));
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(140);
        assertThat(cut).isEqualTo("x".repeat(139) + "…");
    }

    @Test
    void description_withEmojiAtTheBoundary_keepsEveryEmojiWhole() {
        // 139 emoji fill the cut exactly; a char-based cut at 139 would have split the 70th emoji in half.
        String cut = CommitStatus.cutDescription(EMOJI.repeat(141));
        assertThat(cut).isEqualTo(EMOJI.repeat(139) + "…");
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(140);
        assertNoLoneSurrogate(cut);
    }

    @Test
    void description_withEmojiStraddlingTheCut_dropsItWhole() {
        // The emoji is code point 139 and 140 chars in: a char cut would leave its high surrogate alone.
        String cut = CommitStatus.cutDescription("a".repeat(138) + EMOJI + "tail");
        assertThat(cut).isEqualTo("a".repeat(138) + EMOJI + "…");
        assertNoLoneSurrogate(cut);

        String cutBefore = CommitStatus.cutDescription("a".repeat(139) + EMOJI + "tail");
        assertThat(cutBefore).isEqualTo("a".repeat(139) + "…");
    }

    @Test
    void description_inCjk_isCountedByCodePointsNotBytes() {
        String cjk = "构建成功".repeat(35); // 140 code points, 420 UTF-8 bytes
        assertThat(CommitStatus.cutDescription(cjk)).isEqualTo(cjk);

        String supplementary = "\uD840\uDC0B"; // 𠀋, a CJK ideograph outside the BMP
        String cut = CommitStatus.cutDescription("构".repeat(138) + supplementary + supplementary + "构");
        assertThat(cut).isEqualTo("构".repeat(138) + supplementary + "…");
        assertNoLoneSurrogate(cut);
    }

    @Test
    void constructor_cutsTheDescription() {
        CommitStatus status = new CommitStatus("acme/api", SHA, CommitState.FAILURE, "y".repeat(300), "hookline/build",
                null);
        assertThat(status.description()).hasSize(140);
        assertThat(status.owner()).isEqualTo("acme");
        assertThat(status.name()).isEqualTo("api");
    }

    @ParameterizedTest
    @ValueSource(strings = {"api", "/api", "acme/", "acme/api/extra", ""})
    void repositoryNotOwnerSlashName_isRefused(String repository) {
        assertThatThrownBy(() -> new CommitStatus(repository, SHA, CommitState.SUCCESS, "ok", "hookline/build", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("owner/name");
    }

    @Test
    void stateNames_areLowercaseOnTheWire() {
        assertThat(CommitState.PENDING.wireName()).isEqualTo("pending");
        assertThat(CommitState.ERROR.wireName()).isEqualTo("error");
    }

    private static void assertNoLoneSurrogate(String text) {
        text.codePoints().forEach(cp -> assertThat(Character.isSurrogate((char) cp) && cp <= 0xFFFF)
                .as("lone surrogate U+%04X", cp).isFalse());
    }
}
