package dev.hookline.webhook;

/**
 * Acts on a verified push: matches triggers and creates runs. Called on the request thread; a 2xx answer means the
 * work is in the cluster, so an implementation returns only once its runs exist, or throws a {@link WebhookProblem}
 * (usually 503) so that GitHub marks the delivery failed and a redelivery can finish the job.
 */
public interface PushHandler {

    PushResult handle(String deliveryId, PushEvent event);
}
