package dev.hookline.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/**
 * {@code ./mvnw}'s ways to its Maven, each from a fresh {@code MAVEN_USER_HOME} and an empty home: a stand-in
 * distribution (a {@code bin/mvn} that prints its arguments) pinned by a copy of the script's properties, served from
 * a {@code file://} repository, a local HTTP server or an installed {@code mvn} (a stand-in that copies the artifact
 * as {@code dependency:copy} does). The PATH holds only the tools the script needs, so no real Maven is found by
 * accident; nothing leaves the machine. That the installed Maven 3.8 really fetches the pinned 3.9.16 this way is
 * what {@code .ci/run} does on a machine without it.
 */
class MavenWrapperTest {

    private static final Path WRAPPER = Path.of("mvnw");
    private static final Path PROPERTIES = Path.of(".mvn/wrapper/maven-wrapper.properties");
    private static final String VERSION = "0.0.0-test";
    private static final String REPOSITORY_PATH = "org/apache/maven/apache-maven/" + VERSION + "/apache-maven-" + VERSION
            + "-bin.tar.gz";
    /** What mvnw runs, found on this machine and linked into the test's PATH. */
    private static final List<String> TOOLS = List.of("sh", "dirname", "basename", "sed", "tr", "head", "cut", "awk",
            "mkdir", "mktemp", "rm", "cp", "mv", "cat", "curl", "tar", "gzip", "sha512sum");

    @TempDir
    Path dir;
    private Path project;
    private Path repository;
    private Path home;
    private Path userHome;
    private Path tools;
    private String checksum;
    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void standInDistribution() throws IOException, InterruptedException {
        Path dist = dir.resolve("dist/apache-maven-" + VERSION + "/bin");
        Files.createDirectories(dist);
        executable(dist.resolve("mvn"), "#!/bin/sh\necho \"stand-in Maven " + VERSION + ": $*\"\n");
        repository = dir.resolve("repository");
        Path archive = repository.resolve(REPOSITORY_PATH);
        Files.createDirectories(archive.getParent());
        run(List.of("tar", "-czf", archive.toString(), "-C", dir.resolve("dist").toString(), "apache-maven-" + VERSION));
        checksum = sha512(archive);

        project = dir.resolve("project");
        Files.createDirectories(project.resolve(".mvn/wrapper"));
        executable(project.resolve("mvnw"), Files.readString(WRAPPER));
        pin(checksum);
        home = Files.createDirectories(dir.resolve("home"));
        userHome = dir.resolve("m2");
        tools = Files.createDirectories(dir.resolve("tools"));
        for (String tool : TOOLS) {
            // A script rather than a link: JUnit warns about every link it deletes with the temporary folder.
            executable(tools.resolve(tool), "#!/bin/sh\nexec '" + which(tool) + "' \"$@\"\n");
        }
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void repoUrl_file_fetchesChecksAndRunsThePinnedMaven() throws Exception {
        Result result = mvnw(Map.of("MVNW_REPOURL", repository.toUri().toString()), "-B", "verify");

        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(result.output).contains("stand-in Maven " + VERSION + ": -B verify");
        assertThat(userHome.resolve("wrapper/dists/apache-maven-" + VERSION + "-" + checksum.substring(0, 16) + "/bin/mvn"))
                .isExecutable();
    }

    @Test
    void repoUrl_http_downloadsFromTheRepositoryPath() throws Exception {
        String base = serveRepository();

        Result result = mvnw(Map.of("MVNW_REPOURL", base + "/"), "-v");

        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(result.output).contains("stand-in Maven " + VERSION + ": -v");
        assertThat(requests).containsExactly("/" + REPOSITORY_PATH);
    }

    @Test
    void secondRun_usesTheUnpackedMaven_withoutAnySource() throws Exception {
        assertThat(mvnw(Map.of("MVNW_REPOURL", repository.toUri().toString())).exitCode).isZero();

        Result again = mvnw(Map.of(), "quarkus:dev");

        assertThat(again.exitCode).as(again.output).isZero();
        assertThat(again.output).doesNotContain("fetching").contains("stand-in Maven " + VERSION + ": quarkus:dev");
    }

    @Test
    void settingsMirror_isUsed_skippingCommentedOutAndBlockedMirrors() throws Exception {
        String base = serveRepository();
        settings(home.resolve(".m2/settings.xml"), """
                <settings>
                  <!-- <mirrors><mirror><id>old</id><url>http://127.0.0.1:9/old</url></mirror></mirrors> -->
                  <mirrors>
                    <mirror><id>blocker</id><mirrorOf>external:http:*</mirrorOf><url>http://0.0.0.0/</url>
                      <blocked>true</blocked></mirror>
                    <mirror>
                      <id>company</id>
                      <mirrorOf>*</mirrorOf>
                      <url>
                        %s/maven2
                      </url>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(base));
        Files.createDirectories(repository.resolve("maven2"));
        Files.move(repository.resolve("org"), repository.resolve("maven2/org"));

        Result result = mvnw(Map.of(), "-B", "package");

        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(requests).containsExactly("/maven2/" + REPOSITORY_PATH);
        assertThat(result.output).contains("stand-in Maven " + VERSION + ": -B package");
    }

    @Test
    void settingsInMavenUserHome_comeBeforeTheHomeFolders() throws Exception {
        String base = serveRepository();
        settings(userHome.resolve("settings.xml"), "<settings><mirrors><mirror><url>" + base
                + "</url></mirror></mirrors></settings>");
        settings(home.resolve(".m2/settings.xml"), "<settings><mirrors><mirror><url>http://127.0.0.1:9/unused</url>"
                + "</mirror></mirrors></settings>");

        Result result = mvnw(Map.of(), "-v");

        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(requests).containsExactly("/" + REPOSITORY_PATH);
    }

    @Test
    void installedMvn_fetchesThePinnedArtifact_throughTheUsersSettings() throws Exception {
        Path calls = installStandInMvn();

        Result result = mvnw(Map.of(), "-B", "verify");

        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(result.output).contains("stand-in Maven " + VERSION + ": -B verify");
        assertThat(Files.readString(calls)).contains("dependency-plugin", ":copy",
                "-Dartifact=org.apache.maven:apache-maven:" + VERSION + ":tar.gz:bin");
    }

    @Test
    void mirrorThatFails_fallsBackToTheInstalledMvn() throws Exception {
        String base = serveRepository();
        settings(home.resolve(".m2/settings.xml"), "<settings><mirrors><mirror><url>" + base
                + "/missing</url></mirror></mirrors></settings>");
        Path calls = installStandInMvn();

        Result result = mvnw(Map.of(), "-v");

        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(result.output).contains("trying the installed Maven");
        assertThat(calls).exists();
    }

    @Test
    void wrongChecksum_isRefused_andNothingIsInstalled() throws Exception {
        pin("0".repeat(128));

        Result result = mvnw(Map.of("MVNW_REPOURL", repository.toUri().toString()), "-v");

        assertThat(result.exitCode).isNotZero();
        assertThat(result.output).contains("refusing apache-maven-" + VERSION + "-bin.tar.gz", checksum)
                .doesNotContain("stand-in Maven");
        try (var entries = Files.list(userHome.resolve("wrapper/dists"))) {
            assertThat(entries).as("nothing unpacked, no temporary folder left").isEmpty();
        }
    }

    @Test
    void nothingToFetchFrom_stopsWithWhatToSet() throws Exception {
        Result result = mvnw(Map.of(), "-v");

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.output).contains("cannot fetch Maven " + VERSION, "MVNW_REPOURL=", "<mirror>",
                "settings.xml", "install Maven").doesNotContain("stand-in Maven");
    }

    @Test
    void committedPin_isMaven3916_andMatchesTheDistributionWhereItIsAtHand() throws IOException {
        Properties pinned = new Properties();
        try (InputStream in = Files.newInputStream(PROPERTIES)) {
            pinned.load(in);
        }
        assertThat(pinned.getProperty("mavenVersion")).isEqualTo("3.9.16");
        String sha512 = pinned.getProperty("distributionSha512Sum");
        assertThat(sha512).matches("[0-9a-f]{128}");
        assertThat(String.join("\n", Files.readAllLines(PROPERTIES))).doesNotContainIgnoringCase("url=");
        // The local repository of whoever builds holds the archive once mvnw fetched it through an installed Maven.
        Path local = Path.of(System.getProperty("user.home"), ".m2/repository/org/apache/maven/apache-maven/3.9.16",
                "apache-maven-3.9.16-bin.tar.gz");
        assumeTrue(Files.isRegularFile(local), "no local copy of the distribution");
        assertThat(sha512(local)).isEqualTo(sha512);
    }

    private Result mvnw(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(project.resolve("mvnw").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", dir.resolve("installed") + ":" + tools, "HOME", home.toString(),
                "MAVEN_USER_HOME", userHome.toString()));
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("mvnw finished").isTrue();
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
    }

    /** An installed {@code mvn} that does what {@code dependency:copy} would: the artifact into -DoutputDirectory. */
    private Path installStandInMvn() throws IOException {
        Path installed = Files.createDirectories(dir.resolve("installed"));
        Path calls = dir.resolve("mvn-calls");
        executable(installed.resolve("mvn"), """
                #!/bin/sh
                echo "$*" > '%s'
                for arg; do
                  case $arg in -DoutputDirectory=*) out=${arg#-DoutputDirectory=} ;; esac
                done
                cp '%s' "$out/"
                """.formatted(calls, repository.resolve(REPOSITORY_PATH)));
        return calls;
    }

    private String serveRepository() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            Path file = repository.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (file.startsWith(repository) && Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(200, Files.size(file));
                try (var body = exchange.getResponseBody()) {
                    Files.copy(file, body);
                }
            } else {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void pin(String sha512) throws IOException {
        Files.writeString(project.resolve(PROPERTIES), "# a stand-in\nmavenVersion=" + VERSION
                + "\ndistributionSha512Sum=" + sha512 + "\n");
    }

    private static void settings(Path file, String xml) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, xml);
    }

    private static void executable(Path file, String script) throws IOException {
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Path which(String tool) {
        for (String folder : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(folder, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(tool + " is not on the PATH; mvnw needs it");
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(command + " failed");
        }
    }

    private static String sha512(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
