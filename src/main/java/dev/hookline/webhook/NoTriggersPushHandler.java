package dev.hookline.webhook;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;

/** The push handler in force when no other is installed: every push is ignored. */
@DefaultBean
@ApplicationScoped
class NoTriggersPushHandler implements PushHandler {

    @Override
    public PushResult handle(String deliveryId, PushEvent event) {
        return PushResult.ignored("no triggers configured");
    }
}
