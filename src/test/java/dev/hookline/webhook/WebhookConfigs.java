package dev.hookline.webhook;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.hookline.config.HooklineConfig;
import dev.hookline.config.TestConfig;

/** Webhook settings for tests that build the intake without starting Quarkus. */
final class WebhookConfigs {

    private WebhookConfigs() {
    }

    static HooklineConfig with(List<String> secrets, boolean allowUnsigned) {
        Map<String, String> properties = new HashMap<>();
        if (!secrets.isEmpty()) {
            properties.put("hookline.webhook.secrets", String.join(",", secrets));
        }
        properties.put("hookline.webhook.allow-unsigned", String.valueOf(allowUnsigned));
        properties.put("hookline.webhook.max-body-size", "64K");
        properties.put("hookline.webhook.log-size", "10");
        return TestConfig.of(properties);
    }
}
