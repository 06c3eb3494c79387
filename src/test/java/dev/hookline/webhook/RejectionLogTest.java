package dev.hookline.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class RejectionLogTest {

    private Instant now = Instant.parse("2026-11-26T10:00:00Z");
    private final RejectionLog log = new RejectionLog(new Clock() {

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    });

    @Test
    void floodOfForgedDeliveries_warnsOncePerInterval() {
        assertThat(log.rejected("d-1", "bad signature")).isTrue();
        for (int i = 0; i < 1000; i++) {
            assertThat(log.rejected("d-" + i, "bad signature")).isFalse();
        }
        now = now.plus(RejectionLog.INTERVAL).minusMillis(1);
        assertThat(log.rejected("d-late", "bad signature")).isFalse();
        now = now.plus(Duration.ofMillis(1));
        assertThat(log.rejected("d-next", "bad signature")).isTrue();
        assertThat(log.rejected("d-after", "bad signature")).isFalse();
    }
}
