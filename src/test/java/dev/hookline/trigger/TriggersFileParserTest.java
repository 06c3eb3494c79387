package dev.hookline.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TriggersFileParserTest {

    private static final String FILE = "triggers.yaml";
    /** The repository URLs of GitHub's example push, as templates see them. */
    private static final Map<String, Object> REPO = Map.of("repo",
            Map.of("cloneUrl", "https://github.com/acme/api.git", "sshUrl", "git@github.com:acme/api.git"));

    @Test
    void fullTrigger_isReadWithEveryField() {
        List<Trigger> triggers = TriggersFileParser.parse(FILE, """
                triggers:
                  - name: api-image
                    repository: acme/api
                    branches: [main, "release/*"]
                    tags: ["v*"]
                    paths: ["src/**", Dockerfile]
                    paths-ignore: ["docs/**"]
                    namespace: ci
                    pipeline: build-and-push
                    service-account: gitsa
                    api: v1
                    params:
                      git-url: "{repo.cloneUrl}"
                      image: "registry.example.com/acme/api:{shortSha}"
                    workspaces:
                      source: { volumeClaimTemplate: { storage: 1Gi, storageClass: fast } }
                      docker-config: { secret: registry-auth }
                      cache: { persistentVolumeClaim: build-cache }
                      settings: { configMap: maven-settings }
                      scratch: { emptyDir: {} }
                    timeout: 1h30m
                    status-context: ci/api-image
                    cancel-in-progress: true
                    keep-runs: 20
                """);
        Trigger trigger = triggers.get(0);
        assertThat(trigger.name()).isEqualTo("api-image");
        assertThat(trigger.repository().matches("ACME/api")).isTrue();
        assertThat(trigger.branches()).extracting(Glob::pattern).containsExactly("main", "release/*");
        assertThat(trigger.tags()).extracting(Glob::pattern).containsExactly("v*");
        assertThat(trigger.paths()).extracting(Glob::pattern).containsExactly("src/**", "Dockerfile");
        assertThat(trigger.api()).isEqualTo(ApiFlavour.V1);
        assertThat(trigger.params()).containsOnlyKeys("git-url", "image");
        assertThat(trigger.workspaces()).containsExactly(
                entry("source", new WorkspaceSource.VolumeClaimTemplate("1Gi", "fast")),
                entry("docker-config", new WorkspaceSource.Secret("registry-auth")),
                entry("cache", new WorkspaceSource.PersistentVolumeClaim("build-cache")),
                entry("settings", new WorkspaceSource.ConfigMap("maven-settings")),
                entry("scratch", new WorkspaceSource.EmptyDir()));
        assertThat(trigger.timeout()).isEqualTo(Duration.ofMinutes(90));
        assertThat(trigger.statusContext()).isEqualTo("ci/api-image");
        assertThat(trigger.cancelInProgress()).isTrue();
        assertThat(trigger.keepRuns()).isEqualTo(20);
    }

    @Test
    void defaults_everyBranch_noTags_v1_contextFromName() {
        Trigger trigger = TriggersFileParser.parse(FILE, """
                triggers:
                  - name: minimal
                    repository: acme/*
                    namespace: ci
                    pipeline: build
                """).get(0);
        assertThat(trigger.branches()).isNull();
        assertThat(trigger.tags()).isNull();
        assertThat(trigger.api()).isEqualTo(ApiFlavour.V1);
        assertThat(trigger.statusContext()).isEqualTo("hookline/minimal");
        assertThat(trigger.cancelInProgress()).isFalse();
        assertThat(trigger.keepRuns()).isNull();
        assertThat(trigger.timeout()).isNull();
    }

    @ParameterizedTest(name = "git: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            source-repo                                   | https://github.com/acme/api.git
            { name: source-repo }                         | https://github.com/acme/api.git
            { name: source-repo, url: "{repo.sshUrl}" }   | git@github.com:acme/api.git
            """)
    void classicTrigger_readsImageAndGitResources_gitAsTheBindingNameOrAMapWithAUrlTemplate(String git, String url) {
        Trigger trigger = TriggersFileParser.parse(FILE, """
                triggers:
                  - name: classic
                    repository: acme/api
                    api: v1beta1-resources
                    namespace: ci
                    pipeline: build-and-push
                    resources:
                      git: %s
                      image: { name: source-image, url: "registry.example.com/acme/api:{shortSha}" }
                """.formatted(git)).get(0);
        assertThat(trigger.api()).isEqualTo(ApiFlavour.V1BETA1_RESOURCES);
        assertThat(trigger.imageResource().name()).isEqualTo("source-image");
        assertThat(trigger.gitResource().name()).isEqualTo("source-repo");
        // The SSH URL is what a deploy key (an ssh-auth Secret for github.com) is offered for.
        assertThat(trigger.gitResource().url().render(REPO)).isEqualTo(url);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing name          | repository: acme/api\\n    namespace: ci\\n    pipeline: p                               | triggers.yaml: trigger #1: field 'name' is required
            name not a DNS label  | name: Api_Image\\n    repository: acme/api\\n    namespace: ci\\n    pipeline: p           | triggers.yaml: trigger 'Api_Image': field 'name' must be a DNS label
            missing namespace     | name: t\\n    repository: acme/api\\n    pipeline: p                                       | triggers.yaml: trigger 't': field 'namespace' is required
            bad repository        | name: t\\n    repository: api\\n    namespace: ci\\n    pipeline: p                        | triggers.yaml: trigger 't': field 'repository' must be 'owner/name'
            unknown field         | name: t\\n    repository: acme/api\\n    namespace: ci\\n    pipeline: p\\n    branchs: [main] | triggers.yaml: trigger 't': field 'branchs' is not a known field
            unknown api           | name: t\\n    repository: acme/api\\n    namespace: ci\\n    pipeline: p\\n    api: v2       | triggers.yaml: trigger 't': field 'api' must be 'v1' or 'v1beta1-resources'
            unknown placeholder   | name: t\\n    repository: acme/api\\n    namespace: ci\\n    pipeline: p\\n    params: {a: '{commit}'} | triggers.yaml: trigger 't': field 'params.a' uses unknown placeholder {commit}
            config namespace      | name: t\\n    repository: acme/api\\n    namespace: ci\\n    pipeline: p\\n    params: {a: '{config:hookline.webhook.secrets}'} | triggers.yaml: trigger 't': field 'params.a' uses unknown placeholder
            method call           | name: t\\n    repository: acme/api\\n    namespace: ci\\n    pipeline: p\\n    params: {a: '{sha.substring(0)}'} | triggers.yaml: trigger 't': field 'params.a' uses unknown placeholder
            bad timeout           | name: t\\n    repository: acme/api\\n    namespace: ci\\n    pipeline: p\\n    timeout: soon | triggers.yaml: trigger 't': field 'timeout' must be a duration
            bad keep-runs         | name: t\\n    repository: acme/api\\n    namespace: ci\\n    pipeline: p\\n    keep-runs: 0  | triggers.yaml: trigger 't': field 'keep-runs' must be a whole number of at least 1
            resources with v1     | name: t\\n    repository: acme/api\\n    namespace: ci\\n    pipeline: p\\n    resources: {git: src} | triggers.yaml: trigger 't': field 'resources' is only for 'api: v1beta1-resources'
            classic without resources | name: t\\n    repository: acme/api\\n    namespace: ci\\n    pipeline: p\\n    api: v1beta1-resources | triggers.yaml: trigger 't': field 'resources' is required
            git url placeholder   | name: t\\n    repository: acme/api\\n    namespace: ci\\n    pipeline: p\\n    api: v1beta1-resources\\n    resources: {git: {name: src, url: '{repo.gitUrl}'}} | triggers.yaml: trigger 't': field 'resources.git.url' uses unknown placeholder {repo.gitUrl}
            git without name      | name: t\\n    repository: acme/api\\n    namespace: ci\\n    pipeline: p\\n    api: v1beta1-resources\\n    resources: {git: {url: '{repo.sshUrl}'}} | triggers.yaml: trigger 't': field 'resources.git.name' is required
            git misspelt url      | name: t\\n    repository: acme/api\\n    namespace: ci\\n    pipeline: p\\n    api: v1beta1-resources\\n    resources: {git: {name: src, uri: '{repo.sshUrl}'}} | triggers.yaml: trigger 't': field 'resources.git.uri' is not a known field; known are name, url
            git empty url         | name: t\\n    repository: acme/api\\n    namespace: ci\\n    pipeline: p\\n    api: v1beta1-resources\\n    resources: {git: {name: src, url: ''}} | triggers.yaml: trigger 't': field 'resources.git.url' must be a non-empty string
            git a list            | name: t\\n    repository: acme/api\\n    namespace: ci\\n    pipeline: p\\n    api: v1beta1-resources\\n    resources: {git: [src]} | triggers.yaml: trigger 't': field 'resources.git' must be the binding name, or a map with 'name'
            bad workspace         | name: t\\n    repository: acme/api\\n    namespace: ci\\n    pipeline: p\\n    workspaces: {src: {hostPath: /tmp}} | triggers.yaml: trigger 't': field 'workspaces.src' 'hostPath' is not a workspace source
            """)
    void everyValidationError_namesFileTriggerAndField(String name, String body, String expected) {
        String yaml = "triggers:\n  - " + body.replace("\\n", "\n");
        assertThatThrownBy(() -> TriggersFileParser.parse(FILE, yaml))
                .isInstanceOf(InvalidTriggersException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void duplicateNames_andSeveralProblems_areAllReported() {
        InvalidTriggersException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidTriggersException.class,
                () -> TriggersFileParser.parse(FILE, """
                        triggers:
                          - name: same
                            repository: acme/api
                            namespace: ci
                            pipeline: p
                          - name: same
                            repository: acme/web
                            namespace: Not-A-Label
                            pipeline: p
                        """));
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "triggers.yaml: trigger 'same': field 'namespace' must be a DNS label",
                "triggers.yaml: trigger 'same': field 'name' used by an earlier trigger; names must be unique");
    }

    @Test
    void notYaml_orNoTriggersList_isRefusedNamingTheFile() {
        assertThatThrownBy(() -> TriggersFileParser.parse(FILE, "triggers: [\n"))
                .hasMessageStartingWith("triggers.yaml: not valid YAML");
        assertThatThrownBy(() -> TriggersFileParser.parse(FILE, "rules: []\n"))
                .hasMessage("triggers.yaml: must be a map with a 'triggers' list");
    }

    private static <K, V> java.util.Map.Entry<K, V> entry(K key, V value) {
        return java.util.Map.entry(key, value);
    }
}
