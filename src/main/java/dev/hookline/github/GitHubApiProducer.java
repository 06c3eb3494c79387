package dev.hookline.github;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.hookline.config.HooklineConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/**
 * Builds the {@link GitHubApi} REST client from {@code hookline.github.*}. Built programmatically rather than with
 * {@code @RegisterRestClient(configKey = "github")} so that the URL and both timeouts live in the one
 * {@code HooklineConfig} with the other settings, and a wrong URL stops the service at start with a message that names
 * the property.
 */
public class GitHubApiProducer {

    @Produces
    @Singleton
    GitHubApi gitHubApi(HooklineConfig config,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
        return build(GitHubApi.class, config, version);
    }

    @Produces
    @Singleton
    PullRequestsApi pullRequestsApi(HooklineConfig config,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
        return build(PullRequestsApi.class, config, version);
    }

    @Produces
    @Singleton
    ChecksApi checksApi(HooklineConfig config,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
        return build(ChecksApi.class, config, version);
    }

    private static <T> T build(Class<T> api, HooklineConfig config, String version) {
        HooklineConfig.GitHub github = config.github();
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(baseUri(github.apiUrl()))
                .connectTimeout(github.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(github.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // GitHub refuses requests without a User-Agent and asks for one that names the application.
                .userAgent("hookline/" + version)
                // Every answer is classified by GitHubAnswers; a thrown WebApplicationException would lose headers.
                .disableDefaultMapper(true)
                .followRedirects(false)
                .build(api);
    }

    static URI baseUri(String apiUrl) {
        URI uri;
        try {
            uri = URI.create(apiUrl.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("hookline.github.api-url is not a URL: '" + apiUrl + "'");
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalStateException("hookline.github.api-url must be an http(s) URL such as "
                    + "https://api.github.com or https://HOST/api/v3, not '" + apiUrl + "'");
        }
        // The endpoint paths are appended to it: a trailing slash would double up.
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }
}
