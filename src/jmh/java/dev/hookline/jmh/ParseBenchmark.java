package dev.hookline.jmh;

import java.io.IOException;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

import com.fasterxml.jackson.databind.JsonNode;

import dev.hookline.webhook.PushEvent;
import dev.hookline.webhook.PushEventParser;

/**
 * Raw body to {@link PushEvent}: the whole step as the webhook does it today (strict UTF-8 decoding into a String,
 * Jackson's tree, {@link PushEventParser}), the same straight from the bytes, and the parts on their own.
 */
public class ParseBenchmark extends MicrosecondsBenchmark {

    private byte[] body;
    private String text;
    private JsonNode tree;

    @Setup
    public void setUp() throws IOException {
        body = Deliveries.push(Deliveries.TRIGGERED_REPOSITORY);
        text = PushParsing.strictUtf8(body);
        tree = PushParsing.JSON.readTree(body);
    }

    /** Bytes → String → tree → event: the path of today's webhook. */
    @Benchmark
    public PushEvent viaString() throws IOException {
        return PushParsing.viaString(body);
    }

    /** Bytes → tree → event: Jackson decodes the UTF-8 itself. */
    @Benchmark
    public PushEvent fromBytes() throws IOException {
        return PushParsing.fromBytes(body);
    }

    /** Only the strict UTF-8 decoding of the body into a String. */
    @Benchmark
    public String utf8Only() throws IOException {
        return PushParsing.strictUtf8(body);
    }

    /** Only Jackson's tree, read from the String. */
    @Benchmark
    public JsonNode treeFromString() throws IOException {
        return PushParsing.JSON.readTree(text);
    }

    /** Only {@link PushEventParser}: tree → event. */
    @Benchmark
    public PushEvent eventFromTree() {
        return PushEventParser.parse(tree);
    }
}
