package dev.hookline.jmh;

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

import dev.hookline.webhook.SignatureVerifier;

/**
 * The signature check of one delivery: {@link SignatureVerifier#rejectionReason} with one configured secret, on the raw
 * body and its correct {@code X-Hub-Signature-256} (parse the hex, HMAC-SHA256 the body, compare in constant time).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SignatureBenchmark {

    private SignatureVerifier verifier;
    private byte[] body;
    private String signature;

    @Setup
    public void setUp() {
        verifier = new SignatureVerifier(List.of(Deliveries.SECRET));
        body = Deliveries.push(Deliveries.TRIGGERED_REPOSITORY);
        signature = Deliveries.signature(body);
        if (verifier.rejectionReason(signature, body) != null) {
            throw new IllegalStateException("the benchmark's own signature does not verify");
        }
    }

    /** Returns null, the verdict for a valid signature; returned all the same so the check cannot be optimised away. */
    @Benchmark
    public String verify() {
        return verifier.rejectionReason(signature, body);
    }
}
