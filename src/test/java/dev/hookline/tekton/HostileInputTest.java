package dev.hookline.tekton;

import static dev.hookline.webhook.GitHubDeliveries.fixture;
import static dev.hookline.webhook.GitHubDeliveries.newDeliveryId;
import static dev.hookline.webhook.GitHubDeliveries.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * Refs and repository names GitHub can send but Kubernetes cannot take as they are, through the {@code any-branch}
 * trigger of the test triggers (every branch of {@code hostile/*}): labels stay valid, the name stays a DNS label, and
 * the params and annotations carry the exact original values.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
class HostileInputTest {

    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    @Inject
    KubernetesClient client;

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("hostile/api", "refs/heads/$(rm -rf /);echo"),
                Arguments.of("hostile/api", "refs/heads/`id`"),
                Arguments.of("hostile/api", "refs/heads/it's \"quoted\""),
                Arguments.of("hostile/api", "refs/heads/{sha}{{ref}}${HOME}"),
                Arguments.of("hostile/api", "refs/heads/fönster/日本語-ブランチ"),
                Arguments.of("hostile/api", "refs/heads/日本語"),
                Arguments.of("hostile/api", "refs/heads/" + "a".repeat(250)),
                Arguments.of("hostile/api", "refs/heads/feature/" + "ü".repeat(120) + "/end"),
                Arguments.of("hostile/.dotfiles", "refs/heads/main"),
                Arguments.of("hostile/Über_Repo_", "refs/heads/main"),
                Arguments.of("hostile/" + "r".repeat(100), "refs/heads/main"),
                Arguments.of("hostile/--", "refs/heads/-"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("hostile")
    void hostileNames_keepLabelsAndNameValid_andParamsExact(String repository, String ref) {
        String id = newDeliveryId();
        byte[] payload = fixture("push-existing-branch.json", p -> {
            ObjectNode repo = (ObjectNode) p.get("repository");
            repo.put("full_name", repository);
            repo.put("name", repository.substring(repository.indexOf('/') + 1));
            p.put("ref", ref);
        });

        signed("push", id, payload).post("/hooks/github").then().statusCode(202)
                .body("outcome", equalTo("triggered"))
                .body("runs.trigger", contains("any-branch"));

        List<GenericKubernetesResource> runs = ClusterRuns.ofDelivery(client, id);
        assertThat(runs).hasSize(1);
        GenericKubernetesResource run = runs.get(0);
        assertThat(run.getMetadata().getName()).hasSizeLessThanOrEqualTo(63).matches(DNS_LABEL)
                .matches("any-branch-630bc9c-[0-9a-f]{8}");
        assertThat(run.getMetadata().getLabels()).containsKeys(RunLabels.REPOSITORY, RunLabels.BRANCH)
                .allSatisfy((key, value) -> assertThat(value).as(key).hasSizeLessThanOrEqualTo(63).matches(LABEL_VALUE));
        assertThat(run.getMetadata().getAnnotations())
                .containsEntry(RunLabels.ANNOTATION_REPOSITORY, repository)
                .containsEntry(RunLabels.ANNOTATION_REF, ref);
        assertThat(params(run)).containsEntry("ref", ref)
                .containsEntry("branch", ref.substring("refs/heads/".length()))
                .containsEntry("repo", repository)
                .containsEntry("slug", run.getMetadata().getLabels().get(RunLabels.BRANCH));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> params(GenericKubernetesResource run) {
        Map<String, Object> spec = (Map<String, Object>) run.getAdditionalProperties().get("spec");
        return ((List<Map<String, String>>) spec.get("params")).stream()
                .collect(Collectors.toMap(p -> p.get("name"), p -> p.get("value")));
    }
}
