package dev.hookline.webhook;

/**
 * Acts on verified {@code check_run} and {@code check_suite} deliveries: the buttons and re-runs of GitHub's Checks
 * tab. Like {@link PullRequestHandler}, each method is called on the HTTP event loop and must not block: reading the
 * cluster or GitHub goes into a {@link Handling.Launch}.
 */
public interface CheckHandler {

    /** A {@code check_run} delivery. */
    Handling checkRun(String deliveryId, CheckRunEvent event);

    /** A {@code check_suite} delivery. */
    Handling checkSuite(String deliveryId, CheckSuiteEvent event);
}
