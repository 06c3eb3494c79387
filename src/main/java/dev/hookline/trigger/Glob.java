package dev.hookline.trigger;

import java.util.regex.Pattern;

/**
 * A glob over slash-separated names (branches, tags, paths, repositories): {@code *} matches within one segment,
 * {@code **} across segments ({@code src/**} matches everything below {@code src}, {@code **}{@code /test/**} any
 * {@code test} folder), {@code ?} one character. Everything else matches itself.
 */
record Glob(String pattern, Pattern regex) {

    static Glob of(String pattern) {
        return of(pattern, false);
    }

    static Glob of(String pattern, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                boolean slashFollows = i + 2 < pattern.length() && pattern.charAt(i + 2) == '/';
                // "**/" also matches no folder at all, so "**/Dockerfile" matches "Dockerfile".
                regex.append(slashFollows ? "(?:.*/)?" : ".*");
                i += slashFollows ? 3 : 2;
            } else if (c == '*') {
                regex.append("[^/]*");
                i++;
            } else if (c == '?') {
                regex.append("[^/]");
                i++;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return new Glob(pattern,
                Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
    }

    boolean matches(String value) {
        return value != null && regex.matcher(value).matches();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
