package dev.hookline.webhook;

/**
 * The headers of a webhook request that Hookline reads.
 *
 * @param deliveryId {@code X-GitHub-Delivery}
 * @param event {@code X-GitHub-Event}
 * @param signature {@code X-Hub-Signature-256}
 * @param contentType {@code Content-Type}
 * @param contentLength {@code Content-Length}, or -1 when not declared
 */
public record WebhookRequest(String deliveryId, String event, String signature, String contentType, long contentLength) {
}
