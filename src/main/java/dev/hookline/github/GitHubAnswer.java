package dev.hookline.github;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One answer from GitHub reduced to what decides its fate, or the failure to get any answer. {@link #toResult}
 * holds GitHub's rules in one place: which answers to retry, after how long, and which to give up on.
 *
 * @param status the HTTP status, or 0 when no answer came
 * @param body the body as text, or {@code null}
 * @param retryAfter the {@code Retry-After} header, or {@code null}
 * @param rateLimitRemaining the {@code X-RateLimit-Remaining} header, or {@code null}
 * @param rateLimitReset the {@code X-RateLimit-Reset} header (epoch seconds), or {@code null}
 * @param failure why no answer came (timeout, connection), or {@code null} when one did
 */
record GitHubAnswer(int status, String body, String retryAfter, String rateLimitRemaining, String rateLimitReset,
        String failure) {

    /** GitHub messages go to logs and to the caller; a proxy could send anything, so they are bounded. */
    private static final int MAX_MESSAGE = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    static GitHubAnswer of(Response response) {
        String body = response.hasEntity() ? response.readEntity(String.class) : null;
        return new GitHubAnswer(response.getStatus(), body, response.getHeaderString("Retry-After"),
                response.getHeaderString("X-RateLimit-Remaining"), response.getHeaderString("X-RateLimit-Reset"),
                null);
    }

    static GitHubAnswer failed(String failure) {
        return new GitHubAnswer(0, null, null, null, null, failure);
    }

    boolean successful() {
        return status >= 200 && status < 300;
    }

    /** What this answer means for the request that got it, {@code now} being when it arrived. */
    PostResult toResult(Instant now) {
        if (failure != null) {
            return new PostResult.RetryLater(null, failure);
        }
        if (successful()) {
            return new PostResult.Accepted(false);
        }
        String message = message();
        if (status == 429 || (status == 403 && rateLimited(message))) {
            return new PostResult.RetryLater(rateLimitWait(now), "rate limited (" + status + "): " + message, true);
        }
        if (status >= 500) {
            return new PostResult.RetryLater(retryAfter(now), "GitHub answered " + status + ": " + message);
        }
        return new PostResult.Rejected(status, message);
    }

    /**
     * A 403 is a rate limit when the primary limit is used up, when GitHub says when to come back, or when its message
     * says so (a secondary limit may come with neither header); any other 403 is a permission GitHub will keep
     * refusing.
     */
    private boolean rateLimited(String message) {
        return "0".equals(strip(rateLimitRemaining)) || retryAfter != null
                || message.toLowerCase(Locale.ROOT).contains("rate limit");
    }

    /** {@code Retry-After} first, then the primary limit's reset time, else {@code null}: GitHub's documented order. */
    private Duration rateLimitWait(Instant now) {
        Duration retry = retryAfter(now);
        if (retry != null) {
            return retry;
        }
        if ("0".equals(strip(rateLimitRemaining)) && rateLimitReset != null) {
            try {
                Instant reset = Instant.ofEpochSecond(Long.parseLong(strip(rateLimitReset)));
                return nonNegative(Duration.between(now, reset));
            } catch (NumberFormatException | DateTimeException e) {
                return null;
            }
        }
        return null;
    }

    /** {@code Retry-After} in seconds (GitHub's form), or as an HTTP date (the other form HTTP allows). */
    private Duration retryAfter(Instant now) {
        String value = strip(retryAfter);
        if (value == null) {
            return null;
        }
        try {
            return nonNegative(Duration.ofSeconds(Long.parseLong(value)));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return nonNegative(Duration.between(now, at));
            } catch (DateTimeException notADate) {
                return null;
            }
        }
    }

    /** The latest status of {@code context} in this combined-status answer ({@code statuses[]}, one per context). */
    StatusLookup latestOf(String context) {
        for (JsonNode status : parse(body).path("statuses")) {
            if (context.equals(status.path("context").asText(null))) {
                CommitState state = CommitState.of(status.path("state").asText(""));
                if (state != null) {
                    return new StatusLookup.Shown(state, text(status.path("description")), text(status.path("target_url")));
                }
            }
        }
        return new StatusLookup.NotShown();
    }

    /**
     * GitHub's {@code message}, followed by the {@code errors[].message} details a 422 carries ("This SHA and context
     * has reached the maximum number of statuses."); {@code HTTP <status>} when the body is not GitHub's JSON.
     */
    String message() {
        JsonNode json = parse(body);
        String message = json.path("message").asText("");
        List<String> details = new ArrayList<>();
        for (JsonNode error : json.path("errors")) {
            String detail = error.isTextual() ? error.asText() : error.path("message").asText("");
            if (!detail.isBlank()) {
                details.add(detail);
            }
        }
        if (message.isBlank() && details.isEmpty()) {
            return "HTTP " + status;
        }
        String text = details.isEmpty()
                ? message
                : (message.isBlank() ? "" : message + ": ") + String.join("; ", details);
        return bounded(text);
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.missingNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.missingNode() : node;
        } catch (JacksonException e) {
            return JSON.missingNode();
        }
    }

    private static String bounded(String text) {
        String oneLine = text.replaceAll("\\p{Cntrl}+", " ").strip();
        return oneLine.codePointCount(0, oneLine.length()) <= MAX_MESSAGE
                ? oneLine
                : oneLine.substring(0, oneLine.offsetByCodePoints(0, MAX_MESSAGE - 1)) + "…";
    }

    private static Duration nonNegative(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    private static String strip(String header) {
        return header == null || header.isBlank() ? null : header.strip();
    }
}
