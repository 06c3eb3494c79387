package dev.hookline.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hookline.config.HooklineConfig;
import dev.hookline.config.TestConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class TriggerRulesTest {

    private static final String ONE = """
            triggers:
              - name: one
                repository: acme/api
                namespace: ci
                pipeline: build
            """;
    private static final String TWO = ONE + """
              - name: two
                repository: acme/web
                namespace: ci
                pipeline: build
            """;

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void invalidFileAtStart_stopsWithFileTriggerAndField() throws IOException {
        Path file = write(ONE.replace("namespace: ci", "namespace: CI"));
        assertThatThrownBy(() -> rules(file)).isInstanceOf(InvalidTriggersException.class)
                .hasMessage(file + ": trigger 'one': field 'namespace' must be a DNS label");
    }

    @Test
    void missingFileAtStart_stopsNamingTheProperty() {
        Path file = dir.resolve("absent.yaml");
        assertThatThrownBy(() -> rules(file)).hasMessageContaining("hookline.triggers-file");
    }

    @Test
    void changedFile_isReloaded() throws IOException {
        Path file = write(ONE);
        TriggerRules rules = rules(file);
        assertThat(rules.triggers()).extracting(Trigger::name).containsExactly("one");

        Files.writeString(file, TWO);
        assertThat(rules.reload(file)).isTrue();
        assertThat(rules.triggers()).extracting(Trigger::name).containsExactly("one", "two");
        assertThat(rules.namespaces()).containsExactly("ci");
        assertThat(registry.counter("hookline.triggers.reloads", "result", "loaded").count()).isEqualTo(1);
    }

    @Test
    void badReload_keepsTheOldRules_andIsCountedOnce() throws IOException {
        Path file = write(ONE);
        TriggerRules rules = rules(file);

        Files.writeString(file, TWO.replace("acme/web", "web"));
        assertThat(rules.reload(file)).isFalse();
        assertThat(rules.reload(file)).isFalse();
        assertThat(rules.triggers()).extracting(Trigger::name).containsExactly("one");
        assertThat(rules.lastProblem()).contains("trigger 'two': field 'repository'");
        assertThat(registry.counter("hookline.triggers.reloads", "result", "refused").count()).isEqualTo(1);

        Files.writeString(file, TWO);
        assertThat(rules.reload(file)).isTrue();
        assertThat(rules.lastProblem()).isNull();
    }

    @Test
    void unchangedFile_isNotReparsed() throws IOException {
        Path file = write(ONE);
        TriggerRules rules = rules(file);
        assertThat(rules.reload(file)).isFalse();
        assertThat(registry.find("hookline.triggers.reloads").counter()).isNull();
    }

    private Path write(String content) throws IOException {
        Path file = dir.resolve("triggers.yaml");
        Files.writeString(file, content);
        return file;
    }

    private TriggerRules rules(Path file) {
        return new TriggerRules(config(file), registry);
    }

    static HooklineConfig config(Path file) {
        return TestConfig.of(Map.of("hookline.triggers-file", file.toString()));
    }

    static List<Trigger> parse(String yaml) {
        return TriggersFileParser.parse("test.yaml", yaml);
    }
}
