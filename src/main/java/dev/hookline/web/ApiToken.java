package dev.hookline.web;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import dev.hookline.config.HooklineConfig;

/**
 * The optional {@code hookline.api.token}, and the two ways a caller proves it knows it: the token itself as a bearer
 * header, or the page's session cookie, which holds an HMAC of the token rather than the token. The cookie is the
 * same on every replica and after a restart (no session store), and changing the token signs everybody out.
 */
@ApplicationScoped
public class ApiToken {

    /** The page's session cookie. */
    public static final String COOKIE = "hookline_session";

    private static final String HMAC = "HmacSHA256";
    // What the cookie's HMAC signs: a fixed label, so the cookie proves knowledge of the token and nothing else.
    private static final byte[] SESSION_LABEL = "hookline page session v1".getBytes(StandardCharsets.UTF_8);

    private final byte[] token;
    // Presented and expected tokens are compared as HMACs under a per-process key: equal lengths, so the comparison
    // takes the same time whatever was sent, and the token's length does not show either.
    private final byte[] compareKey = new byte[32];
    private final byte[] expectedDigest;
    private final byte[] sessionValue;

    ApiToken(HooklineConfig config) {
        this.token = config.api().token().map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
        new SecureRandom().nextBytes(compareKey);
        this.expectedDigest = token == null ? null : hmac(compareKey, token);
        this.sessionValue = token == null
                ? null
                : Base64.getUrlEncoder().withoutPadding().encode(hmac(token, SESSION_LABEL));
    }

    /** Whether a token is configured, so the page and the API are closed to callers without it. */
    public boolean required() {
        return token != null;
    }

    /** Whether a presented token is the configured one (constant-time). */
    public boolean matches(String presented) {
        if (token == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(expectedDigest, hmac(compareKey, presented.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether an {@code Authorization} header carries the token as {@code Bearer TOKEN}. */
    public boolean acceptsBearer(String authorization) {
        if (authorization == null || authorization.length() < 7
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return matches(authorization.substring(7).strip());
    }

    /** Whether a session cookie's value was derived from the token (constant-time). */
    public boolean acceptsSession(String cookieValue) {
        return sessionValue != null && cookieValue != null
                && MessageDigest.isEqual(sessionValue, cookieValue.getBytes(StandardCharsets.US_ASCII));
    }

    /** The session cookie's value: an HMAC of the token, never the token. */
    String sessionValue() {
        if (sessionValue == null) {
            throw new IllegalStateException("no hookline.api.token is configured");
        }
        return new String(sessionValue, StandardCharsets.US_ASCII);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
