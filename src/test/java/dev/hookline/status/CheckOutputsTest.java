package dev.hookline.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import dev.hookline.github.CheckOutput;

class CheckOutputsTest {

    /** An astral character: one code point, two Java chars. */
    private static final String ROCKET = "\uD83D\uDE80";

    @Test
    void summary_countsTasksByState_andTablesThem() {
        String summary = CheckOutputs.summary(List.of(
                new TaskRow("fetch", TaskRow.State.SUCCEEDED, Duration.ofSeconds(12)),
                new TaskRow("build | push", TaskRow.State.FAILED, Duration.ofSeconds(133)),
                new TaskRow("deploy", TaskRow.State.PENDING, null),
                new TaskRow("notify", TaskRow.State.TIMED_OUT, Duration.ofHours(1))));

        assertThat(summary).isEqualTo("""
                4 tasks: 1 pending, 1 succeeded, 1 failed, 1 timed out.

                | Task | State | Duration |
                | --- | --- | --- |
                | fetch | succeeded | 12s |
                | build \\| push | failed | 2m13s |
                | deploy | pending | — |
                | notify | timed out | 1h |""");
    }

    @Test
    void summary_withoutTasks_saysSo_sinceGitHubRequiresOne() {
        assertThat(CheckOutputs.summary(List.of())).isEqualTo("No tasks have been reported yet.");
    }

    @Test
    void of_buildsAnOutputGitHubTakes() {
        CheckOutput output = CheckOutputs.of("Failed: task test\nsecond line",
                List.of(new TaskRow("test", TaskRow.State.FAILED, Duration.ofSeconds(3))),
                List.of("FAIL: expected 2, got 3"));

        assertThat(output.title()).isEqualTo("Failed: task test");
        assertThat(output.summary()).contains("| test | failed | 3s |");
        assertThat(output.text()).isEqualTo("```\nFAIL: expected 2, got 3\n```");
        assertThat(CheckOutputs.of("Running", List.of(), List.of()).text()).isNull();
    }

    @Test
    void text_fenceIsLongerThanAnyBacktickRunInTheLog_soNoLineClosesIt() {
        assertThat(CheckOutputs.text(List.of("```", "echo ````"))).isEqualTo("`````\n```\necho ````\n`````");
    }

    @Test
    void text_dropsTerminalColourCodes() {
        assertThat(CheckOutputs.text(List.of("\u001B[31mERROR\u001B[0m build failed")))
                .isEqualTo("```\nERROR build failed\n```");
    }

    @Test
    void field_ofExactly65535CodePoints_isKeptWhole_evenInAstralCharacters() {
        List<String> lines = List.of(ROCKET.repeat(CheckOutputs.LIMIT));

        String fitted = CheckOutputs.fitted("", lines, "");

        assertThat(fitted).isEqualTo(lines.get(0));
        assertThat(fitted.length()).isEqualTo(2 * CheckOutputs.LIMIT);
    }

    @Test
    void oneLineOf65536CodePoints_isCutMidLine_sayingSo_neverSplittingACharacter() {
        String line = ROCKET.repeat(CheckOutputs.LIMIT + 1);

        String fitted = CheckOutputs.fitted("", List.of(line), "");

        assertThat(codePoints(fitted)).isEqualTo(CheckOutputs.LIMIT);
        assertThat(fitted).endsWith("…\n\n… line 1 cut mid-line to GitHub's 65,535-character limit");
        String kept = fitted.substring(0, fitted.indexOf('…'));
        assertThat(kept).isNotEmpty().matches("(" + ROCKET + ")+");
        assertThat(new CheckOutput("t", fitted, null).summary()).isEqualTo(fitted);
    }

    @Test
    void manyLinesOf65536CodePoints_areCutAtTheLastWholeLineThatFits_withANoteOfHowManyWent() {
        // 1,600 lines of 40 astral characters: 65,599 code points with their newlines.
        List<String> lines = Collections.nCopies(1600, ROCKET.repeat(40));
        assertThat(codePoints(String.join("\n", lines))).isGreaterThan(CheckOutputs.LIMIT);

        String fitted = CheckOutputs.fitted("", lines, "");

        assertThat(codePoints(fitted)).isLessThanOrEqualTo(CheckOutputs.LIMIT);
        String[] parts = fitted.split("\n\n… ");
        assertThat(parts).hasSize(2);
        List<String> kept = List.of(parts[0].split("\n"));
        assertThat(kept).allMatch(line -> line.equals(ROCKET.repeat(40)));
        int dropped = 1600 - kept.size();
        assertThat(parts[1]).isEqualTo(note(dropped));
        // The most that fit: one more line, with the note it would have had, would not have.
        assertThat(codePoints(parts[0]) + 41 + codePoints("\n\n… " + note(dropped - 1)))
                .isGreaterThan(CheckOutputs.LIMIT);
    }

    @Test
    void linesOfExactly65535CodePointsWithTheirNewlines_areKeptWhole() {
        List<String> lines = new ArrayList<>(Collections.nCopies(1500, ROCKET.repeat(40)));
        // A last line, after its newline, fills the field to exactly the limit.
        int used = codePoints(String.join("\n", lines));
        lines.add(ROCKET.repeat(CheckOutputs.LIMIT - used - 1));

        String fitted = CheckOutputs.fitted("", lines, "");

        assertThat(codePoints(fitted)).isEqualTo(CheckOutputs.LIMIT);
        assertThat(fitted).isEqualTo(String.join("\n", lines)).doesNotContain("cut");
    }

    @Test
    void aLineThatCouldNeverFitWhole_afterShortOnes_isCutMidLine_andTheRestCounted() {
        List<String> lines = List.of("first", "x".repeat(70_000), "third", "fourth");

        String fitted = CheckOutputs.fitted("", lines, "");

        assertThat(codePoints(fitted)).isEqualTo(CheckOutputs.LIMIT);
        assertThat(fitted).startsWith("first\nxxx")
                .endsWith("x…\n\n… line 2 cut mid-line and 2 more lines cut to GitHub's 65,535-character limit");
    }

    @Test
    void text_overLimit_keepsItsFence_andTheNoteOutsideIt() {
        List<String> lines = Collections.nCopies(10_000, "step output line");

        String text = CheckOutputs.text(lines);

        assertThat(codePoints(text)).isLessThanOrEqualTo(CheckOutputs.LIMIT);
        assertThat(text).startsWith("```\nstep output line\n")
                .containsPattern("step output line\n```\n\n… [0-9,]+ more lines cut to GitHub's 65,535-character limit$");
    }

    @Test
    void title_isItsFirstLine_andAnOverlongOneIsCutSayingSo() {
        assertThat(CheckOutputs.title("Succeeded in 2m13s\n")).isEqualTo("Succeeded in 2m13s");
        String cut = CheckOutputs.title(ROCKET.repeat(CheckOutputs.LIMIT + 1));
        assertThat(codePoints(cut)).isEqualTo(CheckOutputs.LIMIT);
        assertThat(cut).endsWith(ROCKET + " … cut mid-line to GitHub's 65,535-character limit");
    }

    @Test
    void output_overTheLimit_cannotBeBuilt() {
        assertThatThrownBy(() -> new CheckOutput("t", "s", "x".repeat(CheckOutput.MAX_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65535");
    }

    @Test
    void githubTokens_areMasked() {
        assertThat(masked("cloning with ghp_16C7e42F292c6912E7710c838347Ae178B4a and ghs_abcdefghijklmnopqrstuvwx1234"))
                .isEqualTo("cloning with *** and ***");
        assertThat(masked("gho_abcdefghijklmnop1234 ghu_abcdefghijklmnop1234 ghr_abcdefghijklmnop1234"))
                .isEqualTo("*** *** ***");
        assertThat(masked("GH=github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz")).isEqualTo("GH=***");
        assertThat(masked("ghp_ is the classic prefix")).isEqualTo("ghp_ is the classic prefix");
    }

    @Test
    void awsAccessKeyIds_areMasked() {
        assertThat(masked("aws_access_key_id AKIAIOSFODNN7EXAMPLE in use")).isEqualTo("aws_access_key_id *** in use");
    }

    @Test
    void privateKeyBlocks_areMasked_keepingTheirMarkers() {
        assertThat(CheckOutputs.text(List.of("key:", "-----BEGIN RSA PRIVATE KEY-----", "MIIEowIBAAKCAQEA0Z3VS5JJcds3",
                "xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB", "-----END RSA PRIVATE KEY-----", "done")))
                .isEqualTo("```\nkey:\n-----BEGIN RSA PRIVATE KEY-----\n***\n-----END RSA PRIVATE KEY-----\ndone\n```");
        assertThat(masked("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA"))
                .isEqualTo("-----BEGIN OPENSSH PRIVATE KEY-----\n***");
    }

    @Test
    void jwts_areMasked() {
        assertThat(masked("id token eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiI0MjQyNDIifQ.c2lnbmF0dXJl-_x ok"))
                .isEqualTo("id token *** ok");
    }

    @Test
    void authorizationHeaders_areMasked() {
        assertThat(masked("> Authorization: Bearer abc.def-123")).isEqualTo("> Authorization: Bearer ***");
        assertThat(masked("-H 'authorization: Basic dXNlcjpwYXNzd29yZA=='"))
                .isEqualTo("-H 'authorization: Basic ***'");
        assertThat(masked("Authorization: token 0123456789abcdef")).isEqualTo("Authorization: token ***");
    }

    @Test
    void passwordTokenAndSecretAssignments_areMasked_keepingTheKey() {
        assertThat(masked("login password=hunter2 user=bob")).isEqualTo("login password=*** user=bob");
        assertThat(masked("DB_PASSWORD: 's3cr3t pass'")).isEqualTo("DB_PASSWORD: ***");
        assertThat(masked("{\"client_secret\": \"abc\", \"id\": 1}")).isEqualTo("{\"client_secret\": ***, \"id\": 1}");
        assertThat(masked("GET /cb?access_token=xyz&state=1")).isEqualTo("GET /cb?access_token=***&state=1");
        assertThat(masked("the secret handshake")).isEqualTo("the secret handshake");
    }

    @Test
    void secrets_areMaskedBeforeTheCut_soNoHeadOfOneRemains() {
        // One line too long for the limit, with a token where the cut would fall: cut first and masked after, the
        // token's first characters would stay, too short to look like a token any more.
        String note = "\n\n… line 1 cut mid-line to GitHub's 65,535-character limit";
        int cutAt = CheckOutputs.LIMIT - "```\n".length() - "\n```".length() - codePoints(note) - 1;
        String line = "x".repeat(cutAt - 10) + " ghp_" + "a".repeat(36) + " " + "x".repeat(1000);

        String text = CheckOutputs.text(List.of(line));

        assertThat(codePoints(text)).isEqualTo(CheckOutputs.LIMIT);
        assertThat(text).doesNotContain("ghp_").contains("x *** x").endsWith(note);
    }

    private static String masked(String line) {
        String text = CheckOutputs.text(List.of(line));
        return text.substring("```\n".length(), text.length() - "\n```".length());
    }

    private static String note(int dropped) {
        return String.format(Locale.ROOT, "%,d more lines cut to GitHub's 65,535-character limit", dropped);
    }

    private static int codePoints(String text) {
        return text.codePointCount(0, text.length());
    }
}
