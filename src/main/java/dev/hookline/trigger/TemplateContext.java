package dev.hookline.trigger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import dev.hookline.webhook.PullRequest;
import dev.hookline.webhook.PushEvent;

/**
 * The values a trigger's templates can use, as {@code {name}} placeholders. {@link #NAMES} is the documented list;
 * a template naming anything else is refused when the triggers file is loaded.
 */
public final class TemplateContext {

    /** The placeholders of every event. */
    public static final List<String> COMMON = List.of("repo.owner", "repo.name", "repo.fullName", "repo.cloneUrl",
            "repo.sshUrl", "sha", "shortSha", "ref", "branch", "tag", "refSlug", "pusher", "delivery", "trigger");
    /** The placeholders only a pull request provides. */
    public static final List<String> PULL_REQUEST = List.of("pr.number", "pr.title", "pr.author", "pr.headRef",
            "pr.baseRef", "pr.headRepo.fullName", "pr.headRepo.cloneUrl");
    /** Every placeholder a template may use. */
    public static final List<String> NAMES = Stream.concat(COMMON.stream(), PULL_REQUEST.stream()).toList();

    private static final int SLUG_MAX = 63;

    private TemplateContext() {
    }

    /**
     * The placeholders a trigger listening to {@code events} may use: a pull request's only when every event it
     * listens to is a pull request, since the others would render them empty.
     */
    static List<String> names(Set<EventKind> events) {
        return events.equals(Set.of(EventKind.PULL_REQUEST)) ? NAMES : COMMON;
    }

    /** The data for one push. */
    static Map<String, Object> of(PushEvent push, String deliveryId, String trigger) {
        return of(Change.of(push), deliveryId, trigger);
    }

    /** The data for one change, as nested maps (Qute's map resolver reads them; no reflection needed). */
    static Map<String, Object> of(Change change, String deliveryId, String trigger) {
        PushEvent.Repository repo = change.repository();
        Map<String, Object> repoData = new LinkedHashMap<>();
        repoData.put("owner", repo.owner());
        repoData.put("name", repo.name());
        repoData.put("fullName", repo.fullName());
        repoData.put("cloneUrl", repo.cloneUrl());
        repoData.put("sshUrl", orEmpty(repo.sshUrl()));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("repo", repoData);
        data.put("sha", change.sha());
        data.put("shortSha", shortSha(change.sha()));
        data.put("ref", change.ref());
        data.put("branch", orEmpty(change.branch()));
        data.put("tag", orEmpty(change.tag()));
        data.put("refSlug", change.refSlug());
        data.put("pusher", orEmpty(change.actor()));
        data.put("delivery", deliveryId);
        data.put("trigger", trigger);
        PullRequest pr = change.pullRequest();
        if (pr != null) {
            Map<String, Object> headRepo = new LinkedHashMap<>();
            headRepo.put("fullName", orEmpty(pr.headRepoFullName()));
            headRepo.put("cloneUrl", orEmpty(pr.headRepoCloneUrl()));
            Map<String, Object> prData = new LinkedHashMap<>();
            prData.put("number", Integer.toString(pr.number()));
            prData.put("title", pr.title());
            prData.put("author", pr.author());
            prData.put("headRef", pr.headRef());
            prData.put("baseRef", pr.baseRef());
            prData.put("headRepo", headRepo);
            data.put("pr", prData);
        }
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
