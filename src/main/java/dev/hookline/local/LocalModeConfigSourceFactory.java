package dev.hookline.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Decides, before any bean exists, whether Hookline runs in local mode, and if so supplies the settings that make
 * the same code run without a cluster: the Kubernetes client pointed at the embedded API, statuses recorded instead
 * of posted, the documented development secret and the example triggers. Each is a default: anything the user
 * configured wins (the source's ordinal is below {@code application.properties}).
 */
public class LocalModeConfigSourceFactory implements ConfigSourceFactory {

    /** The development secret local mode uses when none is configured; printed in the start banner. */
    public static final String DEV_SECRET = "hookline-dev-secret";
    static final String ENABLED = "hookline.local.enabled";
    private static final int ORDINAL = 200;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!enabled(context)) {
            return List.of();
        }
        Map<String, String> defaults = new HashMap<>();
        int port = port(context);
        defaults.put(ENABLED, "true");
        defaults.put("hookline.local.kubernetes-port", String.valueOf(port));
        defaults.put("quarkus.kubernetes-client.api-server-url", "http://127.0.0.1:" + port);
        defaults.put("quarkus.kubernetes-client.namespace", "default");
        defaults.put("hookline.status.lease-namespace", "default");
        if (absent(context, "hookline.github.api-url")) {
            defaults.put("hookline.github.dry-run", "true");
            // Nothing is sent, so both are recorded: a run's commit statuses and its check run, as an App would write.
            if (absent(context, "hookline.github.report")) {
                defaults.put("hookline.github.report", "both");
            }
        }
        if (absent(context, "hookline.webhook.secrets")) {
            defaults.put("hookline.webhook.secrets", DEV_SECRET);
        }
        if (absent(context, "hookline.triggers-file")) {
            defaults.put("hookline.triggers-file", exampleTriggers().toString());
        }
        return List.of(new PropertiesConfigSource(defaults, "hookline-local-mode", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static boolean enabled(ConfigSourceContext context) {
        ConfigValue explicit = context.getValue(ENABLED);
        if (explicit != null && explicit.getValue() != null) {
            return Boolean.parseBoolean(explicit.getValue());
        }
        // In dev mode without a cluster, local mode is what a newcomer wants.
        return context.getProfiles().contains("dev") && !clusterConfigured();
    }

    private static boolean clusterConfigured() {
        return System.getenv("KUBERNETES_SERVICE_HOST") != null || System.getenv("KUBECONFIG") != null
                || Files.exists(Path.of(System.getProperty("user.home"), ".kube", "config"));
    }

    /** Not configured by anyone: unset, blank, or only the mapping's own default. */
    private static boolean absent(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank()
                || (value.getConfigSourceName() != null && value.getConfigSourceName().startsWith("DefaultValues"));
    }

    private static int port(ConfigSourceContext context) {
        ConfigValue configured = context.getValue("hookline.local.kubernetes-port");
        if (configured != null && configured.getValue() != null && !"0".equals(configured.getValue())) {
            return Integer.parseInt(configured.getValue());
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("local mode: no free port for the embedded Kubernetes API", e);
        }
    }

    /** The example triggers, copied out of the jar so the triggers file machinery (and its reload) works unchanged. */
    private static Path exampleTriggers() {
        try (InputStream in = LocalModeConfigSourceFactory.class.getResourceAsStream("/local/triggers.yaml")) {
            Path file = Files.createTempFile("hookline-local-triggers", ".yaml");
            file.toFile().deleteOnExit();
            Files.write(file, in.readAllBytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("local mode: cannot write the example triggers file", e);
        }
    }
}
