package dev.hookline.tekton;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.hookline.config.HandClock;

class TokenBucketTest {

    @Test
    void burstIsGrantedAtOnce_thenNothingUntilTheRateRefills() {
        HandClock clock = new HandClock(Instant.parse("2026-01-01T00:00:00Z"));
        TokenBucket bucket = new TokenBucket(clock, 5, 10);
        for (int i = 0; i < 5; i++) {
            assertThat(bucket.tryTake(2)).isTrue();
        }
        assertThat(bucket.tryTake(1)).isFalse();
        clock.advance(Duration.ofMillis(200));
        assertThat(bucket.tryTake(1)).isTrue();
        assertThat(bucket.tryTake(1)).isFalse();
    }

    @Test
    void aRequestForMoreThanIsLeft_takesNothing() {
        HandClock clock = new HandClock(Instant.parse("2026-01-01T00:00:00Z"));
        TokenBucket bucket = new TokenBucket(clock, 1, 3);
        assertThat(bucket.tryTake(2)).isTrue();
        assertThat(bucket.tryTake(2)).isFalse();
        assertThat(bucket.tryTake(1)).isTrue();
    }

    @Test
    void aLongQuietSpell_savesNoMoreThanTheBurst() {
        HandClock clock = new HandClock(Instant.parse("2026-01-01T00:00:00Z"));
        TokenBucket bucket = new TokenBucket(clock, 5, 10);
        clock.advance(Duration.ofHours(1));
        assertThat(bucket.tryTake(10)).isTrue();
        assertThat(bucket.tryTake(1)).isFalse();
    }
}
