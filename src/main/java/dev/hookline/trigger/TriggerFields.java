package dev.hookline.trigger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.qute.Template;

/**
 * Typed access to the fields of one trigger entry. A field that is not what it must be is recorded as a problem that
 * names the file, the trigger and the field, and reads as absent, so reading goes on and every problem is reported
 * at once.
 */
final class TriggerFields {

    private static final Pattern GO_DURATION = Pattern.compile("(\\d+)(h|ms|m|s)");

    private final JsonNode node;
    private final List<String> problems;
    private String where;

    TriggerFields(JsonNode node, String where, List<String> problems) {
        this.node = node;
        this.where = where;
        this.problems = problems;
    }

    JsonNode node() {
        return node;
    }

    /** Names the trigger in later messages, once its name is known. */
    void locate(String where) {
        this.where = where;
    }

    int problemCount() {
        return problems.size();
    }

    String text(String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problem(field, "is required");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            problem(field, "must be a non-empty string");
            return null;
        }
        return value.asText();
    }

    String textIn(JsonNode parent, String field, String path) {
        JsonNode value = parent == null ? null : parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            problem(path, "must be a non-empty string");
            return null;
        }
        return value.asText();
    }

    boolean bool(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return false;
        }
        check(value.isBoolean(), field, "must be true or false");
        return value.asBoolean(false);
    }

    List<Glob> globs(String field, List<Glob> absent) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        List<Glob> globs = new ArrayList<>();
        if (value.isTextual()) {
            globs.add(Glob.of(value.asText()));
        } else if (value.isArray()) {
            for (JsonNode item : value) {
                if (item.isTextual() && !item.asText().isEmpty()) {
                    globs.add(Glob.of(item.asText()));
                } else {
                    problem(field, "must be a list of non-empty strings");
                }
            }
        } else {
            problem(field, "must be a list of globs");
        }
        return globs;
    }

    /** A list of strings, or one string; {@code null} when absent. */
    List<String> strings(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        List<String> strings = new ArrayList<>();
        if (value.isTextual()) {
            strings.add(value.asText());
        } else if (value.isArray()) {
            for (JsonNode item : value) {
                if (item.isTextual() && !item.asText().isEmpty()) {
                    strings.add(item.asText());
                } else {
                    problem(field, "must be a list of non-empty strings");
                }
            }
        } else {
            problem(field, "must be a list of strings");
        }
        return strings;
    }

    Duration duration(String field) {
        String value = text(field, false);
        if (value == null) {
            return null;
        }
        Matcher matcher = GO_DURATION.matcher(value);
        Duration total = Duration.ZERO;
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            long amount = Long.parseLong(matcher.group(1));
            total = total.plus(switch (matcher.group(2)) {
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMillis(amount);
            });
            end = matcher.end();
        }
        if (end == 0 || end != value.length() || total.isZero()) {
            problem(field, "must be a duration such as 90s, 30m, 1h or 1h30m");
            return null;
        }
        return total;
    }

    /** The template of a field's value, checked against the placeholders the trigger's events provide. */
    Template template(String field, String source, Set<EventKind> events) {
        List<String> templateProblems = new ArrayList<>();
        Template template = Templates.parse(source, events, templateProblems);
        templateProblems.forEach(p -> problem(field, p));
        return template;
    }

    void check(boolean ok, String field, String message) {
        if (!ok) {
            problem(field, message);
        }
    }

    /** A problem with the entry as a whole. */
    void entryProblem(String message) {
        problems.add(where + ": " + message);
    }

    void problem(String field, String message) {
        problems.add(where + ": field '" + field + "' " + message);
    }
}
