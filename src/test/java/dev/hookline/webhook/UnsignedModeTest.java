package dev.hookline.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hookline.config.HooklineConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class UnsignedModeTest {

    private static final byte[] PUSH = GitHubDeliveries.fixture("push-existing-branch.json");

    @Test
    void noSecret_refusesToStart_withAnActionableMessage() {
        assertThatThrownBy(() -> intake(WebhookConfigs.with(List.of(), false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HOOKLINE_WEBHOOK_SECRETS")
                .hasMessageContaining("hookline.webhook.allow-unsigned=true");
    }

    @Test
    void blankSecrets_countAsNoSecret() {
        assertThatThrownBy(() -> intake(WebhookConfigs.with(List.of(" ", ""), false)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void allowUnsigned_withNoSecret_acceptsUnsignedDeliveries() {
        RecordingPushHandler handler = new RecordingPushHandler();
        WebhookIntake intake = intake(WebhookConfigs.with(List.of(), true), handler);
        assertThat(intake.verifiesSignatures()).isFalse();

        WebhookReply reply = intake.receive(new WebhookRequest("d-1", "push", null, "application/json", PUSH.length),
                PUSH, Runnable::run).toCompletableFuture().join();
        assertThat(reply.status()).isEqualTo(202);
        assertThat(handler.received).hasSize(1);
    }

    @Test
    void allowUnsigned_withASecret_stillVerifies() {
        RecordingPushHandler handler = new RecordingPushHandler();
        WebhookIntake intake = intake(WebhookConfigs.with(List.of("s3cret"), true), handler);

        WebhookReply reply = intake.receive(new WebhookRequest("d-2", "push", null, "application/json", PUSH.length),
                PUSH, Runnable::run).toCompletableFuture().join();
        assertThat(reply.status()).isEqualTo(401);
        assertThat(handler.received).isEmpty();
    }

    private static WebhookIntake intake(HooklineConfig config) {
        return intake(config, new RecordingPushHandler());
    }

    private static WebhookIntake intake(HooklineConfig config, RecordingPushHandler handler) {
        return new WebhookIntake(config, handler.routing(), new DeliveryLog(config), new SimpleMeterRegistry(),
                Clock.systemUTC());
    }
}
