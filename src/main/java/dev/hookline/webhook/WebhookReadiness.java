package dev.hookline.webhook;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the webhook's configuration was accepted; reports whether signatures are checked. */
@Readiness
@ApplicationScoped
class WebhookReadiness implements HealthCheck {

    private final WebhookIntake intake;

    WebhookReadiness(WebhookIntake intake) {
        this.intake = intake;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("webhook")
                .up()
                .withData("signatures", intake.verifiesSignatures() ? "verified" : "NOT verified (allow-unsigned)")
                .build();
    }
}
