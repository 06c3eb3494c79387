package dev.hookline.jmh;

import java.util.List;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

import dev.hookline.webhook.SignatureVerifier;

/**
 * The signature check of one delivery: {@link SignatureVerifier#rejectionReason} with one configured secret, on the raw
 * body and its correct {@code X-Hub-Signature-256} (parse the hex, HMAC-SHA256 the body, compare in constant time).
 */
public class SignatureBenchmark extends MicrosecondsBenchmark {

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
