package dev.hookline.status;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** DOWN until the PipelineRun informers have listed their runs once. */
@Readiness
@ApplicationScoped
class ReportingReadiness implements HealthCheck {

    private final StatusReporting reporting;

    ReportingReadiness(StatusReporting reporting) {
        this.reporting = reporting;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("pipelinerun-informers").status(reporting.ready()).build();
    }
}
