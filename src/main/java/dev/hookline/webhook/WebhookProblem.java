package dev.hookline.webhook;

import java.time.Duration;

/**
 * A delivery that cannot be handled, with what to tell the sender: an HTTP status, a short title and a detail a
 * person can act on. Rendered as {@code application/problem+json} (RFC 9457).
 */
public class WebhookProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final Duration retryAfter;

    public WebhookProblem(int status, String title, String detail) {
        this(status, title, detail, null, null);
    }

    public WebhookProblem(int status, String title, String detail, Duration retryAfter, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.title = title;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** How long the sender should wait before trying again, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
