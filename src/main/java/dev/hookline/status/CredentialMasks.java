package dev.hookline.status;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what looks like a credential in log text before it leaves the cluster for a check run's page, which everyone
 * who can read the repository sees. A pipeline that prints a secret has a bug of its own; this keeps Hookline from
 * publishing it. Patterns err on masking too much: a masked word costs less than a leaked key. Public for the status
 * page ({@code web}), which shows a failed step's lines too; masking is best effort, whoever shows a log still says so.
 */
public final class CredentialMasks {

    /** What replaces each credential found. */
    public static final String MASK = "***";

    /** A PEM private key, up to its END line or, when the log was cut inside it, to the end of the text. */
    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "(-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----).*?(-----END \\2PRIVATE KEY-----|\\z)", Pattern.DOTALL);

    /** Each replaces the whole match but group 1, which names what was masked. */
    private static final List<Pattern> SECRETS = List.of(
            // GitHub's token prefixes: classic, OAuth, user-to-server, installation, refresh, fine-grained; no word
            // boundary asked, since a token glued to a word ("TOKENghp_...") is still a token.
            Pattern.compile("()(?:gh[pousr]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{20,})"),
            Pattern.compile("()\\bAKIA[0-9A-Z]{16}\\b"),
            // A JWT: base64url of a JSON header ({"...), a payload and a signature.
            Pattern.compile("()\\beyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*"),
            Pattern.compile("(?i)(\\bauthorization[\"']?[ \\t]*[:=][ \\t]*[\"']?(?:bearer|basic|token)[ \\t]+)[^\\s\"',;]+"),
            // password=..., DB_PASSWORD: ..., "client_secret": "...", ?access_token=...; the key is kept.
            Pattern.compile("(?i)(\\b[\\w.-]*(?:password|passwd|secret|token)[\\w.-]*[\"']?[ \\t]*[:=][ \\t]*)"
                    + "(?:\"[^\"\\n]*\"|'[^'\\n]*'|[^\\s\"',;&]+)"));

    private CredentialMasks() {
    }

    /**
     * Log lines with every credential found replaced by {@value #MASK}: masked as one text, so that a private key spread
     * over lines is masked whole (its body becomes one line).
     */
    public static List<String> maskLines(List<String> lines) {
        String masked = mask(String.join("\n", lines));
        return List.of(masked.split("\n", -1));
    }

    /** {@code text} with every credential found replaced by {@value #MASK}. */
    public static String mask(String text) {
        Matcher key = PRIVATE_KEY.matcher(text);
        String masked = key.replaceAll(match -> Matcher.quoteReplacement(
                match.group(1) + "\n" + MASK + (match.group(3).isEmpty() ? "" : "\n" + match.group(3))));
        for (Pattern secret : SECRETS) {
            masked = secret.matcher(masked).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK));
        }
        return masked;
    }
}
