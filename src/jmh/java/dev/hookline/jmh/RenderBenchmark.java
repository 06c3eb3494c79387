package dev.hookline.jmh;

import java.io.IOException;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

import dev.hookline.tekton.PipelineRunFactory;
import dev.hookline.trigger.RunPlan;
import dev.hookline.trigger.RunPlanner;
import dev.hookline.trigger.Trigger;
import dev.hookline.trigger.TriggersFileParser;
import dev.hookline.webhook.PushEvent;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * What a matched trigger costs before the Kubernetes call: {@link RunPlanner#plan} (the templates rendered with Qute),
 * {@link PipelineRunFactory#build} (fabric8's builders), and the JSON the client sends, as
 * {@code client.resource(run).create()} writes it ({@link KubernetesSerialization#asJson}); each step alone and the
 * three together. {@code v1} is the trigger {@code bench-build} of bench/triggers.yaml ({@code tekton.dev/v1}: three
 * params, a volumeClaimTemplate workspace, a timeout); {@code v1beta1-resources} the same with git and image
 * PipelineResources instead of two of the params.
 * <p>
 * Warms up longer than the others: on two shared cores fabric8's builders and serialisers took 5 to 8 s of a first
 * run to reach a steady time.
 */
@Warmup(iterations = 5, time = 2)
public class RenderBenchmark extends MicrosecondsBenchmark {

    /** bench-build, for a classic cluster (Tekton up to v0.45). */
    static final String CLASSIC_TRIGGER = """
            triggers:
              - name: bench-classic
                repository: "bench/*"
                branches: [main, "release/*"]
                api: v1beta1-resources
                namespace: ci
                pipeline: build-and-push
                service-account: default
                params:
                  git-url: "{repo.cloneUrl}"
                resources:
                  git: source-repo
                  image: { name: source-image, url: "registry.local/{repo.fullName}:{refSlug}-{shortSha}" }
                workspaces:
                  source: { volumeClaimTemplate: { storage: 1Gi } }
                timeout: 10m
                status-context: bench/classic
            """;

    @Param({"v1", "v1beta1-resources"})
    public String api;

    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private Trigger trigger;
    private PushEvent push;
    private String deliveryId;
    private RunPlan plan;
    private HasMetadata run;

    @Setup
    public void setUp() throws IOException {
        trigger = api.equals("v1")
                ? Deliveries.benchTrigger("bench-build")
                : TriggersFileParser.parse("bench-classic.yaml", CLASSIC_TRIGGER).get(0);
        push = PushParsing.fromBytes(Deliveries.push(Deliveries.TRIGGERED_REPOSITORY));
        deliveryId = Deliveries.deliveryId();
        plan = RunPlanner.plan(trigger, push, deliveryId);
        run = PipelineRunFactory.build(plan);
    }

    @Benchmark
    public RunPlan plan() {
        return RunPlanner.plan(trigger, push, deliveryId);
    }

    @Benchmark
    public HasMetadata build() {
        return PipelineRunFactory.build(plan);
    }

    @Benchmark
    public String toJson() {
        return serialization.asJson(run);
    }

    /** Plan, build and JSON of one run. */
    @Benchmark
    public String render() {
        return serialization.asJson(PipelineRunFactory.build(RunPlanner.plan(trigger, push, deliveryId)));
    }
}
