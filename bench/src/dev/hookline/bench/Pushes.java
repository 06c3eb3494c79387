package dev.hookline.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Push deliveries as GitHub sends them: a real captured push payload (the test fixture
 * {@code push-existing-branch.json}, about 5 KB) with repository, ref and commit changed, signed with HMAC-SHA256 of
 * the raw body. Every delivery gets its own id; every push its own commit sha, so statuses can be traced per push.
 */
final class Pushes {

    /** One delivery, ready to send. */
    record Delivery(String id, String event, byte[] body, String signature, String repository, String ref, String sha) {

        String[] headers() {
            return new String[]{"Content-Type", "application/json", "X-GitHub-Event", event, "X-GitHub-Delivery", id,
                    "X-Hub-Signature-256", signature, "User-Agent", "GitHub-Hookshot/hookline-bench"};
        }

        /** The same delivery sent again, as GitHub's "Redeliver" does: same id, same body. */
        Delivery redelivered() {
            return this;
        }

        /** This delivery with a signature that does not match its body. */
        Delivery badlySigned() {
            char last = signature.charAt(signature.length() - 1);
            return new Delivery(id, event, body, signature.substring(0, signature.length() - 1) + (last == '0' ? '1' : '0'),
                    repository, ref, sha);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectNode template;
    private final SecretKeySpec key;
    private final AtomicLong counter = new AtomicLong();
    private final long runTag = ThreadLocalRandom.current().nextLong(1L << 40);

    Pushes(Path templateFile, String secret) throws IOException {
        this.template = (ObjectNode) JSON.readTree(Files.readAllBytes(templateFile));
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** A push of a new commit to {@code owner/name} on {@code branch}. */
    Delivery push(String fullName, String branch, String message) {
        long n = counter.incrementAndGet();
        String sha = String.format("%010x%014x%016x", runTag, n, ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        String owner = fullName.substring(0, fullName.indexOf('/'));
        String name = fullName.substring(fullName.indexOf('/') + 1);
        ObjectNode push = template.deepCopy();
        push.put("ref", "refs/heads/" + branch);
        push.put("after", sha);
        ObjectNode repo = (ObjectNode) push.get("repository");
        repo.put("name", name);
        repo.put("full_name", fullName);
        ((ObjectNode) repo.get("owner")).put("login", owner).put("name", owner);
        repo.put("html_url", "https://github.com/" + fullName);
        repo.put("clone_url", "https://github.com/" + fullName + ".git");
        repo.put("ssh_url", "git@github.com:" + fullName + ".git");
        ObjectNode head = (ObjectNode) push.get("head_commit");
        head.put("id", sha);
        head.put("message", message);
        ArrayNode commits = (ArrayNode) push.get("commits");
        ((ObjectNode) commits.get(commits.size() - 1)).put("id", sha).put("message", message);
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(push);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new Delivery(deliveryId(), "push", body, sign(body), fullName, "refs/heads/" + branch, sha);
    }

    /** A delivery whose body is cut short: signed correctly, but not JSON. */
    Delivery malformed() {
        byte[] body = "{\"ref\":\"refs/heads/main\",\"repository\":{\"full_name\":\"bench/x\"".getBytes(StandardCharsets.UTF_8);
        return new Delivery(deliveryId(), "push", body, sign(body), "bench/x", "refs/heads/main", null);
    }

    static String deliveryId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
