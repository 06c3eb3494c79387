package dev.hookline.webhook;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A PipelineRun a delivery led to.
 *
 * @param trigger the trigger that matched
 * @param namespace the namespace of the run
 * @param name the name of the run
 */
@RegisterForReflection
public record RunRef(String trigger, String namespace, String name) {
}
