package dev.hookline.tekton;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {

        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

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
    }

    @Test
    void burstIsGrantedAtOnce_thenNothingUntilTheRateRefills() {
        HandClock clock = new HandClock();
        TokenBucket bucket = new TokenBucket(clock, 5, 10);
        for (int i = 0; i < 5; i++) {
            assertThat(bucket.tryTake(2)).isTrue();
        }
        assertThat(bucket.tryTake(1)).isFalse();
        clock.now = clock.now.plus(Duration.ofMillis(200));
        assertThat(bucket.tryTake(1)).isTrue();
        assertThat(bucket.tryTake(1)).isFalse();
    }

    @Test
    void aRequestForMoreThanIsLeft_takesNothing() {
        HandClock clock = new HandClock();
        TokenBucket bucket = new TokenBucket(clock, 1, 3);
        assertThat(bucket.tryTake(2)).isTrue();
        assertThat(bucket.tryTake(2)).isFalse();
        assertThat(bucket.tryTake(1)).isTrue();
    }

    @Test
    void aLongQuietSpell_savesNoMoreThanTheBurst() {
        HandClock clock = new HandClock();
        TokenBucket bucket = new TokenBucket(clock, 5, 10);
        clock.now = clock.now.plus(Duration.ofHours(1));
        assertThat(bucket.tryTake(10)).isTrue();
        assertThat(bucket.tryTake(1)).isFalse();
    }
}
