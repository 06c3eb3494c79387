package dev.hookline.github;

import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/**
 * The JWT a GitHub App authenticates with to ask for installation tokens: RS256, signed by smallrye-jwt with the
 * App's private key.
 */
final class AppJwt {

    /** Backdated, as GitHub recommends, so that a server clock slightly ahead of GitHub's is not refused. */
    static final Duration BACKDATE = Duration.ofSeconds(60);
    /** GitHub refuses JWTs that live longer than 10 minutes; 9 leaves room for clock drift. */
    static final Duration LIFETIME = Duration.ofMinutes(9);

    private final String appId;
    private final PrivateKey key;
    private final Clock clock;

    AppJwt(String appId, PrivateKey key, Clock clock) {
        this.appId = appId;
        this.key = key;
        this.clock = clock;
    }

    /** A fresh JWT; one per token exchange, which happens about once an hour per installation. */
    String create() {
        Instant now = clock.instant();
        return Jwt.issuer(appId)
                .issuedAt(now.minus(BACKDATE))
                .expiresAt(now.plus(LIFETIME))
                .jws()
                .algorithm(SignatureAlgorithm.RS256)
                .sign(key);
    }

    String appId() {
        return appId;
    }
}
