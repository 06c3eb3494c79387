package dev.hookline.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.hookline.config.HandClock;

class RejectionLogTest {

    private final HandClock clock = new HandClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final RejectionLog log = new RejectionLog(clock);

    @Test
    void floodOfForgedDeliveries_warnsOncePerInterval() {
        assertThat(log.rejected("d-1", "bad signature")).isTrue();
        for (int i = 0; i < 1000; i++) {
            assertThat(log.rejected("d-" + i, "bad signature")).isFalse();
        }
        clock.advance(RejectionLog.INTERVAL.minusMillis(1));
        assertThat(log.rejected("d-late", "bad signature")).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(log.rejected("d-next", "bad signature")).isTrue();
        assertThat(log.rejected("d-after", "bad signature")).isFalse();
    }
}
