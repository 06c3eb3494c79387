package dev.hookline.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.hookline.trigger.Trigger;
import dev.hookline.trigger.TriggerMatcher;
import dev.hookline.trigger.TriggersFileParser;
import dev.hookline.webhook.PushEvent;
import dev.hookline.webhook.SignatureVerifier;

/**
 * The inputs the benchmarks share. Push bodies are built the way {@code bench/run.sh} builds them, so the figures
 * compare with its end-to-end ones: the captured push {@code push-existing-branch.json} with repository, branch and
 * commit sha changed, written as compact JSON (about 3.7 KB; the fixture file is 4.8 KB with its indentation), and
 * signed with one secret. The triggers are those of {@code bench/triggers.yaml}.
 */
final class Deliveries {

    static final String SECRET = "jmh-webhook-secret";
    /** No trigger of bench/triggers.yaml covers it: every push is matched against all seven and ignored. */
    static final String IGNORED_REPOSITORY = "quiet-7/service";
    /** The trigger {@code bench-build} covers it (repository {@code bench/*}, branch {@code main}). */
    static final String TRIGGERED_REPOSITORY = "bench/app-1";
    /** Relative to the project's directory, where Maven and so JMH's forks run. */
    static final Path BENCH_TRIGGERS = Path.of("bench/triggers.yaml");

    private static final ObjectMapper JSON = new ObjectMapper();

    private Deliveries() {
    }

    /** A push of a new commit (a random sha, as every real push has its own) to {@code fullName} on main. */
    static byte[] push(String fullName) {
        String sha = HexFormat.of().formatHex(randomBytes(20));
        String owner = fullName.substring(0, fullName.indexOf('/'));
        ObjectNode push = fixture();
        push.put("ref", "refs/heads/main");
        push.put("after", sha);
        ObjectNode repository = (ObjectNode) push.get("repository");
        repository.put("name", fullName.substring(owner.length() + 1));
        repository.put("full_name", fullName);
        ((ObjectNode) repository.get("owner")).put("login", owner).put("name", owner);
        repository.put("html_url", "https://github.com/" + fullName);
        repository.put("clone_url", "https://github.com/" + fullName + ".git");
        repository.put("ssh_url", "git@github.com:" + fullName + ".git");
        ((ObjectNode) push.get("head_commit")).put("id", sha);
        ArrayNode commits = (ArrayNode) push.get("commits");
        ((ObjectNode) commits.get(commits.size() - 1)).put("id", sha);
        try {
            return JSON.writeValueAsBytes(push);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code X-Hub-Signature-256} GitHub would send with this body. */
    static String signature(byte[] body) {
        return SignatureVerifier.sign(SECRET, body);
    }

    static String deliveryId() {
        return UUID.randomUUID().toString();
    }

    /** The triggers of bench/triggers.yaml, loaded and validated as the service loads them. */
    static List<Trigger> benchTriggers() {
        try {
            return TriggersFileParser.parse(BENCH_TRIGGERS.toString(), Files.readString(BENCH_TRIGGERS));
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("run the benchmarks from the project's directory: " + BENCH_TRIGGERS
                    + " not found in " + Path.of("").toAbsolutePath(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The trigger of this name in bench/triggers.yaml. */
    static Trigger benchTrigger(String name) {
        return benchTriggers().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no trigger '" + name + "' in " + BENCH_TRIGGERS));
    }

    /** Fails when the triggers no longer ignore the first push and set off exactly one run for the second. */
    static void checkOutcomes(List<Trigger> triggers, PushEvent ignored, PushEvent triggered) {
        if (!TriggerMatcher.match(triggers, ignored).matches().isEmpty()
                || TriggerMatcher.match(triggers, triggered).matches().size() != 1) {
            throw new IllegalStateException("the benchmarks expect " + BENCH_TRIGGERS + " to ignore pushes to "
                    + IGNORED_REPOSITORY + " and to set off one trigger for pushes to " + TRIGGERED_REPOSITORY);
        }
    }

    private static ObjectNode fixture() {
        try (InputStream in = Deliveries.class.getResourceAsStream("/github/push-existing-branch.json")) {
            if (in == null) {
                throw new IllegalStateException("github/push-existing-branch.json is not on the test classpath");
            }
            return (ObjectNode) JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
