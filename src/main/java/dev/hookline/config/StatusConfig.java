package dev.hookline.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/** Settings of commit status reporting. */
public interface StatusConfig {

    /** Whether reporting runs at all; off, runs are still created but no commit status is posted. */
    @WithDefault("true")
    boolean enabled();

    /**
     * How many writes to GitHub go at the same time, each for another installation: one installation's writes go one
     * at a time.
     */
    @WithDefault("4")
    int concurrency();

    /** The first wait before retrying a failed post; it doubles per attempt, with jitter. */
    @WithDefault("1s")
    Duration initialBackoff();

    /** The longest wait between two attempts (GitHub's rate-limit reset may ask for longer; that is honoured). */
    @WithDefault("5m")
    Duration maxBackoff();

    /** How often every watched run is checked again, catching anything missed. */
    @WithDefault("5m")
    Duration resync();

    /** Only the holder of a Kubernetes Lease reports, so that several replicas post each state once. */
    @WithDefault("true")
    boolean leaderElection();

    /** The Lease's name. */
    @WithDefault("hookline-status-reporter")
    String leaseName();

    /** The Lease's namespace; default: the pod's namespace ({@code POD_NAMESPACE}), else the client's. */
    Optional<String> leaseNamespace();
}
