package dev.hookline.config;

import io.smallrye.config.WithDefault;

/**
 * Deliveries that created, found or failed to create runs, recorded as {@code events.k8s.io/v1} Events regarding
 * each run (or Hookline's Deployment), so that every replica lists them and {@code kubectl describe pipelinerun}
 * shows why a run exists. Recording happens in the background and never delays or fails a webhook's answer.
 */
public interface EventsConfig {

    /** Whether deliveries are recorded as Events and listed from them; off, each replica lists its own only. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Events created per second at most, on average (a token bucket): a flood of deliveries must not become a
     * flood of writes to the API server. Events beyond it are dropped and counted.
     */
    @WithDefault("5")
    double perSecond();

    /** How many Events may be created at once above {@code per-second}, after a quiet spell. */
    @WithDefault("10")
    int burst();

    /** Deliveries waiting to be recorded at most; one arriving while it is full is dropped and counted. */
    @WithDefault("100")
    int queueSize();

    /** Hookline's own Deployment, in the pod's namespace: what a failure before any run existed regards. */
    @WithDefault("hookline")
    String deploymentName();
}
