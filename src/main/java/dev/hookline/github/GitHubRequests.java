package dev.hookline.github;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends each request to GitHub and turns what came back, or did not, into a {@link GitHubAnswer}; counts requests by
 * status and remembers the rate limit GitHub last reported.
 */
@ApplicationScoped
public class GitHubRequests {

    static final String REQUESTS = "hookline.github.requests";
    static final String RATE_LIMIT_REMAINING = "hookline.github.rate-limit.remaining";

    private final MeterRegistry registry;
    /** -1 until GitHub has told; the gauge shows that as NaN rather than a limit of zero. */
    private final AtomicLong rateLimitRemaining = new AtomicLong(-1);

    public GitHubRequests(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(RATE_LIMIT_REMAINING, rateLimitRemaining, r -> r.get() < 0 ? Double.NaN : r.get())
                .description("X-RateLimit-Remaining of the last GitHub answer")
                .register(registry);
    }

    /** Runs one call; never throws for an HTTP answer, a timeout or a connection failure. */
    GitHubAnswer send(Supplier<Response> call) {
        GitHubAnswer answer;
        // The body is read inside the try: the client may still be receiving it when the call returns.
        try (Response response = call.get()) {
            answer = GitHubAnswer.of(response);
        } catch (ProcessingException e) {
            count("error");
            return GitHubAnswer.failed(describe(e));
        }
        count(Integer.toString(answer.status()));
        if (answer.rateLimitRemaining() != null) {
            try {
                rateLimitRemaining.set(Long.parseLong(answer.rateLimitRemaining().strip()));
            } catch (NumberFormatException e) {
                // A proxy's header, not GitHub's: keep the last real value.
            }
        }
        return answer;
    }

    private void count(String status) {
        registry.counter(REQUESTS, "status", status).increment();
    }

    /**
     * The kind of failure and the innermost message, which names host and port at most: request URLs carry no token,
     * and headers are never part of these messages.
     */
    private static String describe(ProcessingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String kind = root.getClass().getSimpleName().toLowerCase(Locale.ROOT).contains("timeout")
                ? "request to GitHub timed out"
                : "request to GitHub failed";
        return root.getMessage() == null
                ? kind + " (" + root.getClass().getSimpleName() + ")"
                : kind + ": " + root.getMessage();
    }
}
