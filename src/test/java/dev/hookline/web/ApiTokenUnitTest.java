package dev.hookline.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.hookline.config.TestConfig;

/** The token check and the session cookie derived from it, without the service. */
class ApiTokenUnitTest {

    private static final Map<String, String> SECRETS = Map.of("hookline.webhook.secrets", "s");

    @Test
    void withoutAToken_nothingIsRequired_andNothingMatches() {
        ApiToken token = new ApiToken(TestConfig.of(SECRETS));
        assertThat(token.required()).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.acceptsBearer("Bearer x")).isFalse();
        assertThat(token.acceptsSession("x")).isFalse();
    }

    @Test
    void bearer_mustCarryExactlyTheToken() {
        ApiToken token = tokenOf("abc123");
        assertThat(token.acceptsBearer("Bearer abc123")).isTrue();
        assertThat(token.acceptsBearer("bearer abc123")).isTrue();
        assertThat(token.acceptsBearer("Bearer abc1234")).isFalse();
        assertThat(token.acceptsBearer("Bearer abc12")).isFalse();
        assertThat(token.acceptsBearer("Basic abc123")).isFalse();
        assertThat(token.acceptsBearer("Bearer")).isFalse();
        assertThat(token.acceptsBearer(null)).isFalse();
    }

    @Test
    void sessionCookie_isAnHmacOfTheToken_sameOnEveryReplica_andChangesWithTheToken() {
        ApiToken one = tokenOf("abc123");
        ApiToken replica = tokenOf("abc123");
        ApiToken rotated = tokenOf("def456");
        assertThat(one.sessionValue()).doesNotContain("abc123").isEqualTo(replica.sessionValue());
        assertThat(replica.acceptsSession(one.sessionValue())).isTrue();
        assertThat(rotated.acceptsSession(one.sessionValue())).isFalse();
        assertThat(one.acceptsSession("abc123")).isFalse();
    }

    private static ApiToken tokenOf(String value) {
        return new ApiToken(TestConfig.of(Map.of("hookline.webhook.secrets", "s", "hookline.api.token", value)));
    }
}
