package dev.hookline.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

    @ParameterizedTest(name = "''{0}'' matches ''{1}'': {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            main               | main                    | true
            main               | mainline                | false
            main               | feature/main            | false
            release/*          | release/1.0             | true
            release/*          | release/1/2             | false
            release/**         | release/1/2             | true
            **                 | feature/a/b             | true
            **                 | main                    | true
            v*                 | v1.2.0                  | true
            v*                 | release-v1              | false
            v?                 | v1                      | true
            v?                 | v10                     | false
            a?c                | a/c                     | false
            *.md               | README.md               | true
            *.md               | docs/README.md          | false
            **.md              | docs/guide/README.md    | true
            src/**             | src/main/java/A.java    | true
            src/**             | test/src/A.java         | false
            **/Dockerfile      | Dockerfile              | true
            **/Dockerfile      | images/base/Dockerfile  | true
            **/Dockerfile      | Dockerfile.dev          | false
            **/test/**         | test/A.java             | true
            **/test/**         | src/test/A.java         | true
            **/test/**         | src/testing/A.java      | false
            docs/**/*.md       | docs/a.md               | true
            docs/**/*.md       | docs/x/y/a.md           | true
            docs/**/*.md       | docs/x/y/a.txt          | false
            a.b                | axb                     | false
            a.b                | a.b                     | true
            (x)+               | (x)+                    | true
            (x)+               | xx                      | false
            [abc]              | a                       | false
            [abc]              | [abc]                   | true
            feature/$x\\Q      | feature/$x\\Q           | true
            Main               | main                    | false
            """)
    void glob(String pattern, String value, boolean matches) {
        assertThat(Glob.of(pattern).matches(value)).isEqualTo(matches);
    }

    @Test
    void ignoreCase_matchesAnyCase_includingNonAscii() {
        assertThat(Glob.of("acme/*", true).matches("ACME/Api")).isTrue();
        assertThat(Glob.of("straße/*", true).matches("STRASSE/x")).isFalse();
        assertThat(Glob.of("öl/*", true).matches("ÖL/x")).isTrue();
        assertThat(Glob.of("acme/*").matches("ACME/api")).isFalse();
    }

    @Test
    void null_neverMatches() {
        assertThat(Glob.of("**").matches(null)).isFalse();
    }

    @Test
    void toString_isThePattern() {
        assertThat(Glob.of("release/*")).hasToString("release/*");
    }
}
