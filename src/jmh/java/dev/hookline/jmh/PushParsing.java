package dev.hookline.jmh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hookline.webhook.PushEvent;
import dev.hookline.webhook.PushEventParser;

/**
 * Raw body to {@link PushEvent}, two ways, through Jackson and {@link PushEventParser}'s public API only: the benchmarks
 * measure the parsing itself, whichever way the webhook's own code happens to call it.
 */
final class PushParsing {

    /** Configured as the webhook's: trailing content after the JSON object is refused. */
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private PushParsing() {
    }

    /**
     * As {@code WebhookIntake} did before it parsed from the bytes: decode the body strictly as UTF-8 into a String
     * (refusing malformed bytes rather than replacing them), read a tree from the String, then the typed event.
     */
    static PushEvent viaString(byte[] body) throws IOException {
        return PushEventParser.parse(object(JSON.readTree(strictUtf8(body))));
    }

    /**
     * As {@code WebhookIntake} does it: Jackson reads the tree straight from the bytes (it refuses malformed UTF-8
     * itself), then the typed event.
     */
    static PushEvent fromBytes(byte[] body) throws IOException {
        return PushEventParser.parse(object(JSON.readTree(body)));
    }

    static String strictUtf8(byte[] body) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body))
                .toString();
    }

    private static JsonNode object(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the body is not a JSON object");
        }
        return node;
    }
}
