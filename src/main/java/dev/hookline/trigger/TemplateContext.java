package dev.hookline.trigger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.hookline.webhook.PushEvent;

/**
 * The values a trigger's templates can use, as {@code {name}} placeholders. {@link #NAMES} is the documented list;
 * a template naming anything else is refused when the triggers file is loaded.
 */
public final class TemplateContext {

    /** Every placeholder a template may use. */
    public static final List<String> NAMES = List.of("repo.owner", "repo.name", "repo.fullName", "repo.cloneUrl",
            "repo.sshUrl", "sha", "shortSha", "ref", "branch", "tag", "refSlug", "pusher", "delivery", "trigger");

    private static final int SLUG_MAX = 63;

    private TemplateContext() {
    }

    /** The data for one push, as nested maps (Qute's map resolver reads them; no reflection needed). */
    static Map<String, Object> of(PushEvent push, String deliveryId, String trigger) {
        PushEvent.Repository repo = push.repository();
        Map<String, Object> repoData = new LinkedHashMap<>();
        repoData.put("owner", repo.owner());
        repoData.put("name", repo.name());
        repoData.put("fullName", repo.fullName());
        repoData.put("cloneUrl", repo.cloneUrl());
        repoData.put("sshUrl", orEmpty(repo.sshUrl()));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("repo", repoData);
        data.put("sha", push.after());
        data.put("shortSha", shortSha(push.after()));
        data.put("ref", push.ref());
        data.put("branch", orEmpty(push.branch()));
        data.put("tag", orEmpty(push.tag()));
        data.put("refSlug", refSlug(push.branch() != null ? push.branch() : push.tag() != null ? push.tag() : push.ref()));
        data.put("pusher", orEmpty(push.pusher()));
        data.put("delivery", deliveryId);
        data.put("trigger", trigger);
        return data;
    }

    static String shortSha(String sha) {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }

    /**
     * A branch or tag name made safe as an image tag, a label value and part of a DNS name: lower case, runs of other
     * characters as one {@code -}, alphanumeric at both ends, at most 63 characters. A name with nothing usable left
     * becomes {@code ref-} and a hash of it, so different refs stay different.
     */
    public static String refSlug(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._]+", "-").replaceAll("^[^a-z0-9]+", "");
        if (slug.length() > SLUG_MAX) {
            slug = slug.substring(0, SLUG_MAX);
        }
        slug = slug.replaceAll("[^a-z0-9]+$", "");
        return slug.isEmpty() ? "ref-" + sha256(name).substring(0, 10) : slug;
    }

    static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
