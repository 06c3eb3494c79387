package dev.hookline.config;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/** Settings of local mode. */
public interface LocalConfig {

    /**
     * Run with an in-process Kubernetes API, a simulated Tekton controller and commit statuses recorded instead of
     * posted (unless {@code hookline.github.api-url} is set). On by default in dev mode when no cluster is
     * configured (no kubeconfig, not in a pod); off otherwise unless set.
     */
    @WithDefault("false")
    boolean enabled();

    /** How long a simulated PipelineRun takes from start to its final condition. */
    @WithDefault("5s")
    Duration runDuration();

    /** The port of the embedded Kubernetes API; chosen free when local mode starts. */
    @WithDefault("0")
    int kubernetesPort();
}
