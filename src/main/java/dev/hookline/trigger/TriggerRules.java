package dev.hookline.trigger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import dev.hookline.config.HooklineConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

/**
 * The triggers in force. Loaded at start (an invalid file stops the service), then re-read whenever the file's
 * content changes: ConfigMap updates arrive as a swapped symlink, so the content is compared, not the timestamp. A
 * change that does not validate is logged and counted, and the last good rules stay.
 */
@Startup
@ApplicationScoped
public class TriggerRules {

    private final Optional<Path> file;
    private final MeterRegistry registry;
    private volatile List<Trigger> triggers = List.of();
    private volatile String loadedContent;
    private volatile String lastProblem;

    TriggerRules(HooklineConfig config, MeterRegistry registry) {
        this.file = config.triggersFile();
        this.registry = registry;
        // A strong reference: the registry must not depend on how the container holds this bean.
        Gauge.builder("hookline.triggers", this, rules -> rules.triggers.size()).strongReference(true)
                .description("Triggers in force").register(registry);
        file.ifPresent(path -> {
            String content = read(path);
            triggers = TriggersFileParser.parse(path.toString(), content);
            loadedContent = content;
            Log.infof("Loaded %d trigger(s) from %s", triggers.size(), path);
        });
    }

    /** The triggers in force, in file order. */
    public List<Trigger> triggers() {
        return triggers;
    }

    /** Whether a triggers file is configured at all. */
    public boolean configured() {
        return file.isPresent();
    }

    /** Why the last reload was refused, or {@code null} when the file on disk is the one in force. */
    public String lastProblem() {
        return lastProblem;
    }

    /** The namespaces the triggers create runs in. */
    public Set<String> namespaces() {
        Set<String> namespaces = new TreeSet<>();
        triggers.forEach(t -> namespaces.add(t.namespace()));
        return namespaces;
    }

    /** The trigger of this name, if any. */
    public Optional<Trigger> named(String name) {
        return triggers.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    @Scheduled(every = "${hookline.triggers-reload-interval:5s}", delayed = "${hookline.triggers-reload-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reloadIfChanged() {
        file.ifPresent(this::reload);
    }

    /** Re-reads the file now; returns whether the rules changed. */
    synchronized boolean reload(Path path) {
        String content;
        try {
            content = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            refuse("cannot read " + path + ": " + e.getMessage());
            return false;
        }
        if (content.equals(loadedContent)) {
            return false;
        }
        try {
            triggers = TriggersFileParser.parse(path.toString(), content);
        } catch (InvalidTriggersException e) {
            refuse(e.getMessage());
            // Remember the refused content too, so the same bad file is reported once, not every interval.
            loadedContent = content;
            return false;
        }
        loadedContent = content;
        lastProblem = null;
        registry.counter("hookline.triggers.reloads", "result", "loaded").increment();
        Log.infof("Reloaded %d trigger(s) from %s", triggers.size(), path);
        return true;
    }

    private void refuse(String problem) {
        lastProblem = problem;
        registry.counter("hookline.triggers.reloads", "result", "refused").increment();
        Log.errorf("Triggers file change refused, the previous %d trigger(s) stay in force:%n%s", triggers.size(), problem);
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidTriggersException(List.of(path + ": cannot be read (hookline.triggers-file): " + e.getMessage()));
        }
    }
}
