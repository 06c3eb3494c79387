package dev.hookline.status;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.hookline.tekton.WatchRefusal;

/**
 * DOWN until the PipelineRun informers have listed their runs once, e.g. while the API server cannot be reached. A
 * namespace Kubernetes refuses (no Role there: 403; nothing served: 404) does not hold it DOWN, since only that
 * namespace's triggers are affected; it is named in the data with what to do.
 */
@Readiness
@ApplicationScoped
class ReportingReadiness implements HealthCheck {

    private final StatusReporting reporting;

    ReportingReadiness(StatusReporting reporting) {
        this.reporting = reporting;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("pipelinerun-informers").status(reporting.ready());
        List<WatchRefusal> degraded = reporting.degraded();
        if (!degraded.isEmpty()) {
            response.withData("degraded", degraded.size());
            degraded.forEach(refusal -> response.withData(refusal.namespace() + " " + refusal.apiVersion(), refusal.cause()));
        }
        return response.build();
    }
}
