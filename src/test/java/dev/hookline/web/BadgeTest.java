package dev.hookline.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hookline.github.CommitState;
import dev.hookline.tekton.TrackedRun;
import dev.hookline.trigger.EventKind;

/** The badge's SVG and how the runs of a commit combine into one state. */
class BadgeTest {

    @Test
    void svg_isWellFormed_withLabelMessageAndColour() {
        SvgDocument svg = SvgDocument.parse(Badge.of("hookline", CommitState.SUCCESS).svg());
        assertThat(svg.root().getLocalName()).isEqualTo("svg");
        assertThat(svg.texts()).containsExactly("hookline", "success");
        assertThat(svg.messageColour()).isEqualTo("#4c1");
        assertThat(svg.title()).isEqualTo("hookline: success");
    }

    @Test
    void eachState_hasItsColour_andNoRunIsUnknownGrey() {
        assertThat(SvgDocument.parse(Badge.of("x", CommitState.PENDING).svg()).messageColour()).isEqualTo("#dfb317");
        assertThat(SvgDocument.parse(Badge.of("x", CommitState.FAILURE).svg()).messageColour()).isEqualTo("#e05d44");
        assertThat(SvgDocument.parse(Badge.of("x", CommitState.ERROR).svg()).messageColour()).isEqualTo("#8b1a1a");
        SvgDocument unknown = SvgDocument.parse(Badge.of("x", null).svg());
        assertThat(unknown.texts()).containsExactly("x", "unknown");
        assertThat(unknown.messageColour()).isEqualTo("#9f9f9f");
    }

    @Test
    void text_isEscaped() {
        String label = "<script>&\"'</script>\u0007";
        SvgDocument svg = SvgDocument.parse(Badge.of(label, CommitState.PENDING).svg());
        assertThat(svg.texts().get(0)).isEqualTo("<script>&\"'</script>");
        assertThat(svg.document().getElementsByTagNameNS(SvgDocument.SVG_NS, "script").getLength()).isZero();
    }

    @Test
    void width_growsWithTheText() {
        assertThat(Badge.textWidth("hookline/api-image")).isGreaterThan(Badge.textWidth("hookline"));
        assertThat(Badge.textWidth("mmm")).isGreaterThan(Badge.textWidth("iii"));
    }

    @Test
    void combinedState_failureWinsOverPendingAndSuccess() {
        assertThat(BadgeResource.latestCommitState(List.of(run("a", "ctx/1", "True", 3), run("a", "ctx/2", "False", 2),
                run("a", "ctx/3", null, 1)))).isEqualTo(CommitState.FAILURE);
        assertThat(BadgeResource.latestCommitState(List.of(run("a", "ctx/1", "True", 3), run("a", "ctx/2", null, 2))))
                .isEqualTo(CommitState.PENDING);
        assertThat(BadgeResource.latestCommitState(List.of(run("a", "ctx/1", "True", 3), run("a", "ctx/2", "True", 2))))
                .isEqualTo(CommitState.SUCCESS);
    }

    @Test
    void combinedState_countsOnlyTheNewestCommit_andTheNewestRunPerContext() {
        // A re-run of the same commit succeeded after the first run failed; an older commit failed too.
        assertThat(BadgeResource.latestCommitState(List.of(run("b", "ctx", "True", 3), run("b", "ctx", "False", 2),
                run("a", "ctx", "False", 1)))).isEqualTo(CommitState.SUCCESS);
        assertThat(BadgeResource.latestCommitState(List.of())).isNull();
    }

    /** A run of commit {@code sha}; {@code status} is the Succeeded condition's, {@code null} before Tekton wrote one. */
    private static TrackedRun run(String sha, String context, String status, int minute) {
        TrackedRun.Condition condition = status == null ? null : new TrackedRun.Condition(status, "Reason", "");
        return new TrackedRun("tekton.dev/v1", "ci", "run-" + sha + minute, "1", "t", "acme/api", sha, "refs/heads/main",
                "d", context, null, Instant.parse("2026-11-26T10:00:00Z").plusSeconds(60L * minute), condition, null, null,
                null, null, null, List.of(), EventKind.PUSH, null, null,
                TrackedRun.Check.NONE);
    }
}
