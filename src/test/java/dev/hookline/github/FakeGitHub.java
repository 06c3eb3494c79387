package dev.hookline.github;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * GitHub for the {@code @QuarkusTest}s of this package: WireMock on a dynamic port serving the API under
 * {@code /api/v3}, as GitHub Enterprise does (so a path that drops the base URL's path shows), and a GitHub App
 * whose private key is generated per run and written as PKCS#1, the form GitHub hands out. Both a personal access
 * token and the App are configured: runs with an installation id use the App, the others the token. A commit's
 * combined status is served from the statuses it accepted ({@link CombinedStatusStandIn}).
 */
public class FakeGitHub implements QuarkusTestResourceLifecycleManager {

    public static final String API_PATH = "/api/v3";
    static final String PERSONAL_TOKEN = "ghp_test-personal-token";
    public static final String APP_ID = "424242";
    /** Short, so that the timeout test stays quick, yet not so short that a loaded machine trips it; production's is 5 s. */
    static final String READ_TIMEOUT = "2s";

    private WireMockServer server;
    private KeyPair appKeys;
    private Path keyFile;
    private static volatile CheckRunsStandIn checkRuns;

    @Override
    public Map<String, String> start() {
        CombinedStatusStandIn combinedStatus = new CombinedStatusStandIn();
        CheckRunsStandIn checks = new CheckRunsStandIn();
        server = new WireMockServer(
                options().dynamicPort().bindAddress("127.0.0.1").extensions(combinedStatus, checks));
        combinedStatus.serve(server);
        checks.serve(server);
        checkRuns = checks;
        server.start();
        appKeys = TestKeys.generate();
        try {
            keyFile = Files.createTempFile("hookline-test-app", ".pem");
            Files.writeString(keyFile, TestKeys.pkcs1Pem(appKeys));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "hookline.github.api-url", "http://localhost:" + server.port() + API_PATH,
                "hookline.github.token", PERSONAL_TOKEN,
                "hookline.github.app-id", APP_ID,
                "hookline.github.private-key-file", keyFile.toString(),
                "hookline.github.read-timeout", READ_TIMEOUT,
                // The test profile runs dry by default; these tests talk to the fake GitHub for real.
                "test.github.dry-run", "false");
    }

    /**
     * Resets {@code github} to a GitHub that issues every App installation a token and accepts every commit status:
     * the starting point of tests about what Hookline sends, not about how GitHub refuses it.
     */
    /** The check runs the fake GitHub started last holds: what the tests of check runs read and steer. */
    public static CheckRunsStandIn checkRuns() {
        return checkRuns;
    }

    public static void acceptingStatuses(WireMockServer github, String installationToken) {
        github.resetAll();
        github.stubFor(WireMock.post(WireMock.urlPathMatching(API_PATH + "/app/installations/\\d+/access_tokens"))
                .willReturn(WireMock.aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"token\":\"" + installationToken + "\",\"expires_at\":\""
                                + Instant.now().plus(Duration.ofHours(1)) + "\"}")));
        github.stubFor(WireMock.post(WireMock.urlPathMatching(API_PATH + "/repos/.*/statuses/.*"))
                .willReturn(WireMock.aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{}")));
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectGitHub.class, WireMockServer.class));
        testInjector.injectIntoFields(appKeys, new TestInjector.AnnotatedAndMatchesType(InjectGitHub.class, KeyPair.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
        try {
            if (keyFile != null) {
                Files.deleteIfExists(keyFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
