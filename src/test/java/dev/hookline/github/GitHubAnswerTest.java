package dev.hookline.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class GitHubAnswerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void created_isAccepted() {
        assertThat(answer(201, "{}", null, "4999", null).toResult(NOW)).isEqualTo(new PostResult.Accepted(false));
    }

    @Test
    void serverError_isRetriedWithTheCallersBackoff() {
        PostResult result = answer(502, "<html>Bad gateway</html>", null, null, null).toResult(NOW);
        assertThat(result).isEqualTo(new PostResult.RetryLater(null, "GitHub answered 502: HTTP 502"));
    }

    @Test
    void serviceUnavailable_withRetryAfter_waitsThatLong() {
        PostResult result = answer(503, "", "30", null, null).toResult(NOW);
        assertThat(((PostResult.RetryLater) result).after()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void rateLimited403_waitsUntilReset() {
        String reset = Long.toString(NOW.plusSeconds(754).getEpochSecond());
        PostResult result = answer(403, "{\"message\":\"API rate limit exceeded for installation ID 42.\"}", null, "0",
                reset).toResult(NOW);
        assertThat(result).isEqualTo(new PostResult.RetryLater(Duration.ofSeconds(754),
                "rate limited (403): API rate limit exceeded for installation ID 42.", true));
    }

    @Test
    void rateLimitResetInThePast_meansRetryNow() {
        String reset = Long.toString(NOW.minusSeconds(5).getEpochSecond());
        PostResult result = answer(429, "{}", null, "0", reset).toResult(NOW);
        assertThat(((PostResult.RetryLater) result).after()).isEqualTo(Duration.ZERO);
    }

    @Test
    void secondaryRateLimit403_honoursRetryAfterBeforeReset() {
        String reset = Long.toString(NOW.plusSeconds(3000).getEpochSecond());
        PostResult result = answer(403, "{\"message\":\"You have exceeded a secondary rate limit.\"}", "60", "0", reset)
                .toResult(NOW);
        assertThat(((PostResult.RetryLater) result).after()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void secondaryRateLimit403_withoutHeaders_isRetriedWithTheCallersBackoff() {
        PostResult result = answer(403, "{\"message\":\"You have exceeded a secondary rate limit. Please wait a few "
                + "minutes before you try again.\"}", null, "4321", null).toResult(NOW);
        assertThat(result).isInstanceOf(PostResult.RetryLater.class);
        assertThat(((PostResult.RetryLater) result).after()).isNull();
    }

    @Test
    void retryAfterAsHttpDate_isUnderstoodToo() {
        PostResult result = answer(429, "{}", "Sun, 01 Mar 2026 12:02:00 GMT", null, null).toResult(NOW);
        assertThat(((PostResult.RetryLater) result).after()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void rateLimited429_withoutAnyHint_leavesTheWaitToTheCaller() {
        PostResult result = answer(429, "{}", null, "12", null).toResult(NOW);
        assertThat(((PostResult.RetryLater) result).after()).isNull();
    }

    @Test
    void forbidden403_withRemainingRateLimit_isRejected() {
        PostResult result = answer(403, "{\"message\":\"Resource not accessible by integration\"}", null, "4990",
                null).toResult(NOW);
        assertThat(result).isEqualTo(new PostResult.Rejected(403, "Resource not accessible by integration"));
    }

    @Test
    void validationFailed422_carriesGitHubsMessageAndDetails() {
        String body = """
                {"message":"Validation Failed","errors":[{"resource":"Status","code":"custom",
                "message":"This SHA and context has reached the maximum number of statuses."}],
                "documentation_url":"https://docs.github.com/rest/commits/statuses#create-a-commit-status"}""";
        assertThat(answer(422, body, null, null, null).toResult(NOW)).isEqualTo(new PostResult.Rejected(422,
                "Validation Failed: This SHA and context has reached the maximum number of statuses."));
    }

    @Test
    void notFound_withoutJson_isRejectedWithTheStatus() {
        assertThat(answer(404, "not json", null, null, null).toResult(NOW))
                .isEqualTo(new PostResult.Rejected(404, "HTTP 404"));
    }

    @Test
    void longOrMultilineMessages_areBoundedToOneLine() {
        String body = "{\"message\":\"line one\\nline two " + "z".repeat(1000) + "\"}";
        String message = ((PostResult.Rejected) answer(400, body, null, null, null).toResult(NOW)).message();
        assertThat(message).startsWith("line one line two").hasSize(300).endsWith("…");
    }

    @Test
    void noAnswer_isRetried() {
        assertThat(GitHubAnswer.failed("request to GitHub timed out").toResult(NOW))
                .isEqualTo(new PostResult.RetryLater(null, "request to GitHub timed out"));
    }

    private static GitHubAnswer answer(int status, String body, String retryAfter, String remaining, String reset) {
        return new GitHubAnswer(status, body, retryAfter, remaining, reset, null);
    }
}
