package dev.hookline.trigger;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command found in a comment on a pull request.
 *
 * @param verb what is asked for
 * @param argument the one word after the command (a trigger's name, or a commit for {@code /ok-to-test}), or
 *        {@code null}
 * @param others how many further command lines the comment has; only the first acts
 */
public record CommentCommand(Verb verb, String argument, int others) {

    /** The commands Hookline acts on. */
    public enum Verb {

        /** Runs again the triggers that failed, or the one named. */
        RETEST("/retest"),
        /** Approves an untrusted pull request's head, and runs it. */
        OK_TO_TEST("/ok-to-test"),
        /** Cancels the pull request's running runs, or those of the trigger named. */
        CANCEL("/cancel");

        private final String text;

        Verb(String text) {
            this.text = text;
        }

        /** How it is written in a comment. */
        public String text() {
            return text;
        }
    }

    /**
     * A command line: the command and at most one word, alone on its line, so that prose that mentions a command
     * ("is /retest needed here?") or a sentence after one ("/retest because it flaked") does not act.
     */
    private static final Pattern LINE = Pattern.compile("^(/retest|/ok-to-test|/cancel)(?:[ \\t]+(\\S+))?[ \\t]*$",
            Pattern.MULTILINE);

    /** The commands' names, for answers. */
    static final String NAMES = String.join(", ", List.of(Verb.RETEST.text, Verb.OK_TO_TEST.text, Verb.CANCEL.text));

    /** The first command of a comment's body, or {@code null} when it has none. */
    public static CommentCommand find(String body) {
        Matcher matcher = LINE.matcher(body.replace("\r\n", "\n").replace('\r', '\n'));
        if (!matcher.find()) {
            return null;
        }
        Verb verb = switch (matcher.group(1)) {
            case "/retest" -> Verb.RETEST;
            case "/ok-to-test" -> Verb.OK_TO_TEST;
            default -> Verb.CANCEL;
        };
        String argument = matcher.group(2);
        int others = 0;
        while (matcher.find()) {
            others++;
        }
        return new CommentCommand(verb, argument, others);
    }

    /** As written in the comment, e.g. {@code /retest hello-pr}. */
    public String text() {
        return verb.text + (argument == null ? "" : " " + argument);
    }

    /** For {@code /ok-to-test <sha>}: whether the argument can name a commit (7 to 40 hex characters). */
    boolean argumentIsCommit() {
        return argument != null && argument.length() >= 7 && argument.length() <= 40
                && argument.toLowerCase(Locale.ROOT).chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }
}
