package dev.hookline.jmh;

import java.io.IOException;
import java.util.List;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import dev.hookline.tekton.PipelineRunFactory;
import dev.hookline.trigger.RunPlanner;
import dev.hookline.trigger.Trigger;
import dev.hookline.trigger.TriggerMatcher;
import dev.hookline.webhook.PushEvent;
import dev.hookline.webhook.SignatureVerifier;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The webhook's own work for one push delivery, the steps of the other benchmarks in a row: verify the signature,
 * parse the body as the webhook does (Jackson straight from the bytes), match the seven triggers of {@code bench/triggers.yaml},
 * and for each match plan, build and serialise the PipelineRun. Not included: the HTTP stack, reading the body, the
 * Kubernetes call, the log line, metrics and the delivery log.
 * <p>
 * Warms up longer than the single steps, for the same reason as {@link RenderBenchmark}: more code to compile.
 */
@Warmup(iterations = 5, time = 2)
public class HotPathBenchmark extends MicrosecondsBenchmark {

    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private SignatureVerifier verifier;
    private List<Trigger> triggers;
    private byte[] ignoredBody;
    private String ignoredSignature;
    private byte[] triggeredBody;
    private String triggeredSignature;
    private String deliveryId;

    @Setup
    public void setUp() throws IOException {
        verifier = new SignatureVerifier(List.of(Deliveries.SECRET));
        triggers = Deliveries.benchTriggers();
        ignoredBody = Deliveries.push(Deliveries.IGNORED_REPOSITORY);
        ignoredSignature = Deliveries.signature(ignoredBody);
        triggeredBody = Deliveries.push(Deliveries.TRIGGERED_REPOSITORY);
        triggeredSignature = Deliveries.signature(triggeredBody);
        deliveryId = Deliveries.deliveryId();
        Deliveries.checkOutcomes(triggers, PushParsing.fromBytes(ignoredBody), PushParsing.fromBytes(triggeredBody));
    }

    /** A push no trigger matches: verify, parse, match, ignored. */
    @Benchmark
    public TriggerMatcher.Result ignored() throws IOException {
        return TriggerMatcher.match(triggers, verifiedPush(ignoredSignature, ignoredBody));
    }

    /** A push that sets off one trigger: verify, parse, match, then plan, build and serialise its PipelineRun. */
    @Benchmark
    public void triggered(Blackhole blackhole) throws IOException {
        PushEvent push = verifiedPush(triggeredSignature, triggeredBody);
        for (TriggerMatcher.Match match : TriggerMatcher.match(triggers, push).matches()) {
            blackhole.consume(
                    serialization.asJson(PipelineRunFactory.build(RunPlanner.plan(match.trigger(), push, deliveryId))));
        }
    }

    private PushEvent verifiedPush(String signature, byte[] body) throws IOException {
        String rejection = verifier.rejectionReason(signature, body);
        if (rejection != null) {
            throw new IllegalStateException(rejection);
        }
        return PushParsing.fromBytes(body);
    }
}
