package dev.hookline.github;

import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

import dev.hookline.config.HooklineConfig;
import dev.hookline.config.ReportMode;
import io.quarkus.runtime.Startup;

/**
 * Resolves {@link ReportMode} at start, as {@link GitHubTokensProducer} checks the credentials: check runs asked of a
 * personal access token stop the service with the reason and the fix, rather than being refused by GitHub run after
 * run.
 */
public class ReportModeProducer {

    @Produces
    @Singleton
    @Startup
    @Typed(ReportMode.class)
    ReportMode reportMode(HooklineConfig config) {
        return ReportMode.of(config);
    }
}
