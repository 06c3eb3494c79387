package dev.hookline.jmh;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.hookline.trigger.Trigger;
import dev.hookline.trigger.TriggerMatcher;
import dev.hookline.webhook.PushEvent;

/**
 * Matching one parsed push against the seven triggers of {@code bench/triggers.yaml} with {@link TriggerMatcher}: a
 * push to a repository none covers (every trigger's repository glob is tried, then the push is ignored) and one that
 * sets off {@code bench-build}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MatchBenchmark {

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
