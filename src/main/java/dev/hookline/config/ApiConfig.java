package dev.hookline.config;

import java.util.Optional;

/**
 * Access to the status page ({@code /}) and every {@code /api/*} endpoint. Badges, the webhook, health and metrics
 * stay open whatever is set here.
 */
public interface ApiConfig {

    /**
     * A token that the status page and every {@code /api/*} endpoint then require: {@code Authorization: Bearer
     * TOKEN}, or, for the page, a sign-in form that sets a cookie derived from it. Without one they are open, which
     * suits a cluster-internal service. A secret: give it as {@code HOOKLINE_API_TOKEN}.
     */
    Optional<String> token();
}
