package dev.hookline.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks GitHub's {@code X-Hub-Signature-256} header: {@code sha256=} followed by the hex HMAC-SHA256 of the raw body,
 * keyed with the webhook secret. The comparison is constant-time and runs against every configured secret, so a
 * secret can be rotated while deliveries keep arriving.
 */
public final class SignatureVerifier {

    static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int DIGEST_HEX_LENGTH = 64;

    private final List<SecretKeySpec> keys;

    public SignatureVerifier(List<String> secrets) {
        this.keys = secrets.stream()
                .map(secret -> new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM))
                .toList();
    }

    /** Whether any secret is configured at all. */
    public boolean hasSecrets() {
        return !keys.isEmpty();
    }

    /**
     * Why the given header does not prove the body came from GitHub, or {@code null} when it does. The reason names
     * the kind of problem only, never the expected value.
     */
    public String rejectionReason(String header, byte[] body) {
        if (header == null || header.isBlank()) {
            return "the X-Hub-Signature-256 header is missing; set a secret on the GitHub webhook";
        }
        if (!header.startsWith(PREFIX)) {
            return "the X-Hub-Signature-256 header must start with 'sha256='";
        }
        String hex = header.substring(PREFIX.length());
        if (hex.length() != DIGEST_HEX_LENGTH) {
            return "the X-Hub-Signature-256 header must carry 64 hex digits after 'sha256='";
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            return "the X-Hub-Signature-256 header must carry 64 hex digits after 'sha256='";
        }
        // Compare against every key without stopping early, so timing says nothing about which one matched.
        boolean matched = false;
        for (SecretKeySpec key : keys) {
            matched |= MessageDigest.isEqual(hmac(key, body), given);
        }
        return matched ? null : "the signature does not match the body for any configured secret";
    }

    /** The header value GitHub would send for this body and secret. */
    public static String sign(String secret, byte[] body) {
        return PREFIX
                + HexFormat.of().formatHex(hmac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM), body));
    }

    private static byte[] hmac(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // HmacSHA256 is mandatory in every JDK and any byte array is a valid key for it.
            throw new IllegalStateException(e);
        }
    }
}
