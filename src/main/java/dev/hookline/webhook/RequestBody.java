package dev.hookline.webhook;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** A webhook body's limit and its form encoding, strictly decoded. */
final class RequestBody {

    private static final String FORM_FIELD = "payload=";

    private RequestBody() {
    }

    static WebhookProblem tooLarge(long limit) {
        return new WebhookProblem(413, "Payload too large",
                "the body is larger than " + limit + " bytes (hookline.webhook.max-body-size)");
    }

    /** The body as UTF-8 text, refusing malformed byte sequences rather than replacing them. */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidPayloadException("the payload is not valid UTF-8");
        }
    }

    /**
     * The JSON of an {@code application/x-www-form-urlencoded} delivery: GitHub sends it URL-encoded in the
     * {@code payload} field.
     */
    static String formPayload(byte[] body) {
        String form = new String(body, StandardCharsets.ISO_8859_1);
        for (String field : form.split("&")) {
            if (field.startsWith(FORM_FIELD)) {
                return utf8(percentDecode(field.substring(FORM_FIELD.length())));
            }
        }
        throw new InvalidPayloadException("the form body has no 'payload' field");
    }

    /** Percent-decodes to bytes first, so that invalid UTF-8 is caught by {@link #utf8} instead of replaced. */
    private static byte[] percentDecode(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%') {
                if (i + 2 >= value.length()) {
                    throw new InvalidPayloadException("the form field 'payload' has a truncated %-escape");
                }
                int hi = Character.digit(value.charAt(i + 1), 16);
                int lo = Character.digit(value.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new InvalidPayloadException("the form field 'payload' has an invalid %-escape");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }
}
