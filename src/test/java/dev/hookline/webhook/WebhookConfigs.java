package dev.hookline.webhook;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.hookline.config.HooklineConfig;
import io.quarkus.runtime.configuration.MemorySize;

/** Webhook settings for tests that build the intake without starting Quarkus. */
final class WebhookConfigs {

    private WebhookConfigs() {
    }

    static HooklineConfig with(List<String> secrets, boolean allowUnsigned) {
        HooklineConfig.Webhook webhook = new HooklineConfig.Webhook() {

            @Override
            public Optional<List<String>> secrets() {
                return Optional.of(secrets);
            }

            @Override
            public boolean allowUnsigned() {
                return allowUnsigned;
            }

            @Override
            public MemorySize maxBodySize() {
                return new MemorySize(BigInteger.valueOf(64 * 1024));
            }

            @Override
            public int logSize() {
                return 10;
            }
        };
        return new HooklineConfig() {

            @Override
            public Webhook webhook() {
                return webhook;
            }

            @Override
            public Optional<Path> triggersFile() {
                return Optional.empty();
            }

            @Override
            public Duration triggersReloadInterval() {
                return Duration.ofSeconds(5);
            }

            @Override
            public GitHub github() {
                throw new UnsupportedOperationException("the webhook tests need no GitHub settings");
            }
        };
    }
}
