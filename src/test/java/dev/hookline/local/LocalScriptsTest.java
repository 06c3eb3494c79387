package dev.hookline.local;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.hookline.github.PostedStatuses;
import dev.hookline.webhook.DeliveryLog;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The scripts a newcomer runs against local mode, run as they are (bash, curl, openssl) against this service: what
 * they send is signed right, parses, and drives a run to its status.
 */
@QuarkusTest
@TestProfile(LocalModeEndToEndTest.LocalMode.class)
class LocalScriptsTest {

    private static final Duration BOUND = Duration.ofSeconds(15);
    private static final Path SCRIPTS = Path.of("scripts");

    @TestHTTPResource("/hooks/github")
    URL hook;

    @Inject
    PostedStatuses statuses;

    @Inject
    DeliveryLog log;

    @Test
    void everyScript_isValidBash() throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Files.walk(SCRIPTS)) {
            scripts = files.filter(p -> p.toString().endsWith(".sh")).sorted().toList();
        }
        assertThat(scripts).contains(SCRIPTS.resolve("send-pr.sh"), SCRIPTS.resolve("send-comment.sh"),
                SCRIPTS.resolve("lib/github-delivery.sh"), SCRIPTS.resolve("send-push.sh"));
        for (Path script : scripts) {
            Result parsed = run(Map.of(), "bash", "-n", script.toString());
            assertThat(parsed.exit()).as(script + ": " + parsed.output()).isZero();
        }
    }

    @Test
    void sendPush_triggersARunThatSucceeds() {
        Result sent = run(Map.of("MESSAGE", "Sent by send-push.sh"), "scripts/send-push.sh", hook.toString());
        assertThat(sent.output()).startsWith("HTTP/1.1 202").contains("\"outcome\":\"triggered\"");
    }

    @Test
    void sendPr_opensAPullRequest_whoseRunSucceeds_andSynchronizeRunsItsNewHead() {
        String repository = newRepository();
        int number = newNumber();
        Map<String, String> pr = Map.of("REPO", repository, "PR", String.valueOf(number));
        Result opened = run(pr, "scripts/send-pr.sh", "opened", hook.toString());
        assertThat(opened.output()).startsWith("HTTP/1.1 202").contains("\"outcome\":\"triggered\"",
                "\"trigger\":\"pull-request\"");
        await().atMost(BOUND).until(() -> states(repository, number).contains("success"));

        String head = LocalPushes.randomSha();
        Result pushed = run(Map.of("REPO", repository, "PR", String.valueOf(number), "SHA", head), "scripts/send-pr.sh",
                "synchronize", hook.toString());
        assertThat(pushed.output()).startsWith("HTTP/1.1 202").contains("\"outcome\":\"triggered\"");
        await().atMost(BOUND).until(() -> LocalPushes.states(statuses, head).contains("success"));
        // The state shown per pull request is its newest head's.
        given().get("/api/statuses").then().statusCode(200).body("findAll { it.repository == '" + repository
                + "' && it.pullRequest == " + number + " }.sha", hasItem(head));
    }

    @Test
    void sendPr_withTheFailMarkerInTheTitle_endsInFailure() {
        String repository = newRepository();
        int number = newNumber();
        Result opened = run(Map.of("REPO", repository, "PR", String.valueOf(number), "TITLE", "Break it [local:fail]"),
                "scripts/send-pr.sh", "opened", hook.toString());
        assertThat(opened.output()).startsWith("HTTP/1.1 202");
        await().atMost(BOUND).until(() -> states(repository, number).contains("failure"));
    }

    @Test
    void sendPr_refusesAnUnknownAction_withoutSending() {
        Result refused = run(Map.of(), "scripts/send-pr.sh", "merged", hook.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.output()).contains("ACTION must be opened, synchronize, reopened or closed");
    }

    @Test
    void sendComment_retest_reRunsTheFailedRun_andAnotherRetestOfAPassedHeadRunsNothing() {
        String repository = newRepository();
        int number = newNumber();
        Map<String, String> failing = Map.of("REPO", repository, "PR", String.valueOf(number), "TITLE",
                "Break it [local:fail]");
        run(failing, "scripts/send-pr.sh", "opened", hook.toString());
        await().atMost(BOUND).until(() -> states(repository, number).contains("failure"));

        // Local mode reads the pull request from the delivery that showed it: the comment needs no GitHub.
        Result retest = run(failing, "scripts/send-comment.sh", "/retest", hook.toString());
        assertThat(retest.output()).startsWith("HTTP/1.1 202").contains("\"outcome\":\"triggered\"",
                "its latest run of");
        await().atMost(BOUND).until(() -> states(repository, number).stream().filter("failure"::equals).count() == 2);

        Map<String, String> passing = Map.of("REPO", repository, "PR", String.valueOf(number), "TITLE", "Fixed");
        run(passing, "scripts/send-pr.sh", "synchronize", hook.toString());
        await().atMost(BOUND).until(() -> states(repository, number).contains("success"));
        Result nothing = run(passing, "scripts/send-comment.sh", "/retest", hook.toString());
        assertThat(nothing.output()).startsWith("HTTP/1.1 202").contains("\"outcome\":\"ignored\"", "nothing to re-run");
    }

    /** The states recorded for the runs of one pull request, oldest first, read from the API. */
    private static List<String> states(String repository, int number) {
        List<String> newestFirst = given().get("/api/statuses").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.repository == '" + repository + "' && it.pullRequest == " + number + " }.state",
                        String.class);
        List<String> states = new ArrayList<>(newestFirst);
        Collections.reverse(states);
        return states;
    }

    /** A repository of its own per test, which local mode's triggers (any repository) run. */
    private static String newRepository() {
        return "scripts/test-" + LocalPushes.randomSha().substring(0, 8);
    }

    private static int newNumber() {
        return ThreadLocalRandom.current().nextInt(1, 100_000);
    }

    record Result(int exit, String output) {
    }

    /** Runs a command from the project's directory, as a newcomer in a clone would, with stderr in the output. */
    private static Result run(Map<String, String> env, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("%s finished", String.join(" ", command)).isTrue();
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + String.join(" ", command), e);
        }
    }
}
