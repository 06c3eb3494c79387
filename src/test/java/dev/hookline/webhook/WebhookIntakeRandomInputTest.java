package dev.hookline.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Random headers and bodies from fixed seeds (so a failure replays): the intake never answers 5xx and never lets an
 * unsigned delivery through. Runs on the intake directly, without HTTP, to try many inputs quickly.
 */
class WebhookIntakeRandomInputTest {

    private static final String SECRET = "random-secret";
    private static final byte[] PUSH = GitHubDeliveries.fixture("push-existing-branch.json");
    private static final int TRIES = 1500;
    private static final String[] EVENTS = {"push", "ping", "issues", "", "PUSH", null};
    private static final String[] CONTENT_TYPES = {"application/json", "application/json; charset=utf-8",
            "application/x-www-form-urlencoded", "text/plain", "", null, "APPLICATION/JSON", "multipart/form-data"};
    private static final String[] SMALL_JSON = {"{}", "[]", "null", "{\"ref\":1}", "{\"repository\":{}}", "\"x\"",
            "{\"hook_id\":1}", "{\"ref\":\"refs/heads/x\",\"before\":\"a\",\"after\":\"b\",\"repository\":{\"owner\":{}}}"};

    private final RecordingPushHandler handler = new RecordingPushHandler();
    private final WebhookIntake intake = new WebhookIntake(WebhookConfigs.with(List.of(SECRET), false), handler.routing(),
            new DeliveryLog(WebhookConfigs.with(List.of(SECRET), false)), new SimpleMeterRegistry(), Clock.systemUTC());

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {20261126L, 7L, 4242L})
    void neverA5xx_andNeverAcceptedWithoutAValidSignature(long seed) {
        Random random = new Random(seed);
        int accepted = 0;
        for (int i = 0; i < TRIES; i++) {
            byte[] body = body(random);
            int signing = random.nextInt(5);
            String signature = switch (signing) {
                case 0, 1 -> SignatureVerifier.sign(SECRET, body);
                case 2 -> SignatureVerifier.sign("other", body);
                case 3 -> null;
                default -> "sha256=" + randomHex(random);
            };
            int before = handler.received.size();
            String id = random.nextInt(6) == 0 ? null : Long.toHexString(random.nextLong());
            WebhookReply reply = intake.receive(new WebhookRequest(id, pick(random, EVENTS), signature,
                    pick(random, CONTENT_TYPES), random.nextBoolean() ? body.length : -1), body, Runnable::run)
                    .toCompletableFuture().join();

            String attempt = "seed " + seed + ", try " + i;
            assertThat(reply.status()).as(attempt).isBetween(200, 499);
            if (signing > 1) {
                assertThat(reply.status()).as(attempt).isEqualTo(401);
                assertThat(handler.received).as(attempt).hasSize(before);
            }
            if (reply.isProblem()) {
                assertThat(reply.body().path("detail").asText()).as(attempt).isNotBlank();
            } else {
                accepted++;
            }
        }
        // The generator must reach the parsing paths too, not only the signature check.
        assertThat(accepted).isGreaterThan(TRIES / 100);
    }

    private static byte[] body(Random random) {
        List<Supplier<byte[]>> kinds = List.of(
                () -> randomBytes(random, random.nextInt(512)),
                () -> randomText(random).getBytes(StandardCharsets.UTF_8),
                () -> PUSH,
                () -> {
                    byte[] copy = PUSH.clone();
                    copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
                    return copy;
                },
                () -> ("payload=" + randomText(random)).getBytes(StandardCharsets.UTF_8),
                () -> pick(random, SMALL_JSON).getBytes(StandardCharsets.UTF_8));
        return kinds.get(random.nextInt(kinds.size())).get();
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(200);
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(random.nextInt(4) == 0 ? random.nextInt(0x1F000) : 0x20 + random.nextInt(0x5F));
        }
        return text.toString();
    }

    private static String randomHex(Random random) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
