package dev.hookline.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import dev.hookline.config.HooklineConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/**
 * What the deployment must agree with, read from the service itself: the properties of {@link HooklineConfig} and
 * the HTTP and health settings of {@code application.properties}, with Quarkus' defaults where it sets none.
 */
final class ServiceConfiguration {

    private static final Path APPLICATION_PROPERTIES = Path.of("src/main/resources/application.properties");

    private final Properties properties = new Properties();

    ServiceConfiguration() {
        try (InputStream in = Files.newInputStream(APPLICATION_PROPERTIES)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A property as the prod profile sees it. */
    String prod(String key, String defaultValue) {
        return properties.getProperty("%prod." + key, properties.getProperty(key, defaultValue));
    }

    int httpPort() {
        return Integer.parseInt(prod("quarkus.http.port", "8080"));
    }

    /** Health checks are served on the main HTTP port unless the management interface is enabled. */
    boolean managementInterfaceEnabled() {
        return Boolean.parseBoolean(prod("quarkus.management.enabled", "false"));
    }

    /** {@code /q/health/live} unless the root paths or the health paths were changed. */
    String livenessPath() {
        return healthPath("liveness-path", "live");
    }

    String readinessPath() {
        return healthPath("readiness-path", "ready");
    }

    String startupPath() {
        return healthPath("startup-path", "started");
    }

    private String healthPath(String key, String defaultValue) {
        String root = prod("quarkus.http.root-path", "/");
        String nonApplication = prod("quarkus.http.non-application-root-path", "q");
        String health = prod("quarkus.smallrye-health.root-path", "health");
        String path = join(join(nonApplication.startsWith("/") ? "" : root, nonApplication), health);
        return join(path, prod("quarkus.smallrye-health." + key, defaultValue));
    }

    private static String join(String parent, String child) {
        if (child.startsWith("/")) {
            return child;
        }
        return (parent.endsWith("/") ? parent : parent + "/") + child;
    }

    /**
     * The environment variable of every property {@link HooklineConfig} declares, derived from its methods the way
     * SmallRye Config maps them: {@code webhook().maxBodySize()} is {@code hookline.webhook.max-body-size}, given as
     * {@code HOOKLINE_WEBHOOK_MAX_BODY_SIZE}.
     */
    static Set<String> hooklineEnvironmentVariables() {
        Set<String> names = new TreeSet<>();
        collect(HooklineConfig.class, HooklineConfig.class.getAnnotation(ConfigMapping.class).prefix(), names);
        return names;
    }

    private static void collect(Class<?> group, String prefix, Set<String> names) {
        for (Method method : group.getDeclaredMethods()) {
            if (method.isSynthetic() || method.isDefault() || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            WithName withName = method.getAnnotation(WithName.class);
            String property = prefix + "." + (withName != null ? withName.value() : kebab(method.getName()));
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getName().startsWith("dev.hookline.")) {
                collect(type, property, names);
            } else {
                names.add(environmentVariable(property));
            }
        }
    }

    /** MicroProfile Config's rule: every character that is not a letter or digit becomes {@code _}, upper case. */
    static String environmentVariable(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
