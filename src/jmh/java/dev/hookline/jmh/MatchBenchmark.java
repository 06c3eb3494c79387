package dev.hookline.jmh;

import java.io.IOException;
import java.util.List;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

import dev.hookline.trigger.Trigger;
import dev.hookline.trigger.TriggerMatcher;
import dev.hookline.webhook.PushEvent;

/**
 * Matching one parsed push against the seven triggers of {@code bench/triggers.yaml} with {@link TriggerMatcher}: a
 * push to a repository none covers (every trigger's repository glob is tried, then the push is ignored) and one that
 * sets off {@code bench-build}.
 */
public class MatchBenchmark extends MicrosecondsBenchmark {

    private List<Trigger> triggers;
    private PushEvent ignored;
    private PushEvent triggered;

    @Setup
    public void setUp() throws IOException {
        triggers = Deliveries.benchTriggers();
        ignored = PushParsing.fromBytes(Deliveries.push(Deliveries.IGNORED_REPOSITORY));
        triggered = PushParsing.fromBytes(Deliveries.push(Deliveries.TRIGGERED_REPOSITORY));
        Deliveries.checkOutcomes(triggers, ignored, triggered);
    }

    @Benchmark
    public TriggerMatcher.Result ignored() {
        return TriggerMatcher.match(triggers, ignored);
    }

    @Benchmark
    public TriggerMatcher.Result triggered() {
        return TriggerMatcher.match(triggers, triggered);
    }
}
