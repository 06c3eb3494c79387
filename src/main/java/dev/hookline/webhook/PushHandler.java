package dev.hookline.webhook;

/** Acts on a verified push: matches triggers and creates runs. */
public interface PushHandler {

    /**
     * Decides what the push leads to. Called on the HTTP event loop, so it only matches and must not block: anything
     * that talks to the cluster goes into a {@link Handling.Launch}.
     */
    Handling handle(String deliveryId, PushEvent push);
}
