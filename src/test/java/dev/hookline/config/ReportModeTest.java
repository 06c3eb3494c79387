package dev.hookline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ReportModeTest {

    @Test
    void withAGitHubApp_checksAreTheDefault() {
        assertThat(ReportMode.of(config(Map.of("hookline.github.app-id", "424242",
                "hookline.github.private-key-file", "/etc/hookline/app.pem")))).isEqualTo(ReportMode.CHECKS);
        assertThat(ReportMode.CHECKS.checks()).isTrue();
        assertThat(ReportMode.CHECKS.statuses()).isFalse();
    }

    @Test
    void withATokenOnly_orNothing_statusesAreTheDefault() {
        assertThat(ReportMode.of(config(Map.of("hookline.github.token", "ghp_x")))).isEqualTo(ReportMode.STATUSES);
        assertThat(ReportMode.of(config(Map.of()))).isEqualTo(ReportMode.STATUSES);
        // An App half configured is no App (GitHubTokensProducer refuses to start with it anyway).
        assertThat(ReportMode.of(config(Map.of("hookline.github.app-id", "424242")))).isEqualTo(ReportMode.STATUSES);
    }

    @Test
    void anExplicitMode_isHonoured_inGitHubsLowercase() {
        Map<String, String> app = Map.of("hookline.github.app-id", "424242", "hookline.github.private-key-file",
                "/etc/hookline/app.pem", "hookline.github.token", "ghp_x");
        assertThat(ReportMode.of(config(app, "hookline.github.report", "statuses"))).isEqualTo(ReportMode.STATUSES);
        assertThat(ReportMode.of(config(app, "hookline.github.report", "both"))).isEqualTo(ReportMode.BOTH);
        assertThat(ReportMode.BOTH.checks()).isTrue();
        assertThat(ReportMode.BOTH.statuses()).isTrue();
        assertThat(ReportMode.of(config(Map.of("hookline.github.token", "ghp_x"), "hookline.github.report",
                "statuses"))).isEqualTo(ReportMode.STATUSES);
    }

    @Test
    void checksOrBoth_withATokenOnly_refuseToStart_namingTheReasonAndTheFix() {
        for (String mode : new String[]{"checks", "both"}) {
            // A dry run too: the token says which GitHub is meant, and that one would refuse every check run.
            for (String dryRun : new String[]{"false", "true"}) {
                HooklineConfig config = config(Map.of("hookline.github.token", "ghp_x", "hookline.github.dry-run",
                        dryRun), "hookline.github.report", mode);

                assertThatThrownBy(() -> ReportMode.of(config)).isInstanceOf(IllegalStateException.class)
                        .hasMessageStartingWith("hookline.github.report=" + mode + " needs a GitHub App")
                        .hasMessageContaining("GitHub refuses check runs from personal access tokens")
                        .hasMessageContaining("only a personal access token (HOOKLINE_GITHUB_TOKEN) is set")
                        .hasMessageContaining("HOOKLINE_GITHUB_APP_ID and HOOKLINE_GITHUB_PRIVATE_KEY_FILE")
                        .hasMessageContaining("HOOKLINE_GITHUB_REPORT=statuses")
                        .hasMessageNotContaining("ghp_x");
            }
        }
    }

    @Test
    void checks_withoutAnyCredentials_refuseToStart_unlessNothingIsSent() {
        assertThatThrownBy(() -> ReportMode.of(config(Map.of(), "hookline.github.report", "checks")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no GitHub credentials are set");
        // Local mode: a dry run with no credentials, where check runs are only recorded.
        assertThat(ReportMode.of(config(Map.of("hookline.github.dry-run", "true"), "hookline.github.report",
                "checks"))).isEqualTo(ReportMode.CHECKS);
    }

    @Test
    void writesPerMinute_defaultsTo60() {
        assertThat(config(Map.of()).github().writesPerMinute()).isEqualTo(60);
        assertThat(config(Map.of("hookline.github.writes-per-minute", "30")).github().writesPerMinute()).isEqualTo(30);
    }

    private static HooklineConfig config(Map<String, String> github) {
        return config(github, null, null);
    }

    private static HooklineConfig config(Map<String, String> github, String key, String value) {
        Map<String, String> properties = new HashMap<>(github);
        if (key != null) {
            properties.put(key, value);
        }
        return TestConfig.of(properties);
    }
}
