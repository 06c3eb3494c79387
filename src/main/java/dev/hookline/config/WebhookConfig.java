package dev.hookline.config;

import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.WithDefault;

/** Settings of {@code POST /hooks/github}. */
public interface WebhookConfig {

    /**
     * The webhook secrets, comma separated. A delivery is accepted when its {@code X-Hub-Signature-256} matches any
     * of them, so a secret can be rotated without downtime: add the new one, change it on GitHub, drop the old one.
     */
    Optional<List<String>> secrets();

    /**
     * Accept deliveries that carry no valid signature. Only for trying Hookline out: the service warns at start and
     * on every delivery while this is on. Without it, the service refuses to start when no secret is configured.
     */
    @WithDefault("false")
    boolean allowUnsigned();

    /** The largest body accepted; larger ones get 413 without being read. GitHub caps payloads at 25 MB. */
    @WithDefault("25M")
    MemorySize maxBodySize();

    /** How many recent deliveries {@code GET /api/deliveries} keeps in memory. */
    @WithDefault("500")
    int logSize();
}
