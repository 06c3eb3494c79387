package dev.hookline.status;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.hookline.github.CheckOutput;

/**
 * A check run's output from a run's facts: the title (the text a commit status would carry), a summary with a table of
 * its tasks, and a text with its log lines, credentials masked. Every field fits GitHub's limit of
 * {@value CheckOutput#MAX_LENGTH} characters (code points, as GitHub counts): a field that does not is cut at the last
 * whole line that fits, and a closing line says how many lines went; only a line that could never fit whole is cut
 * inside, and the closing line says that too. Pure functions.
 */
final class CheckOutputs {

    static final int LIMIT = CheckOutput.MAX_LENGTH;
    /** Colour and cursor codes, which a terminal renders and a web page shows as garbage. */
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");
    private static final Pattern BACKTICKS = Pattern.compile("`+");

    private CheckOutputs() {
    }

    /**
     * The output for a run.
     *
     * @param title what the run's commit status would say, e.g. {@code Failed: task test}
     * @param tasks its tasks, in the pipeline's order
     * @param logLines the log lines to show, oldest first (the caller chooses which: the failed task's tail, say), or an
     *        empty list for no text
     */
    static CheckOutput of(String title, List<TaskRow> tasks, List<String> logLines) {
        return new CheckOutput(title(title), summary(tasks), text(logLines));
    }

    /** The first line of {@code title}, cut inside (saying so) only past the limit, which no real title reaches. */
    static String title(String title) {
        if (title == null) {
            return null;
        }
        String line = title.strip().lines().findFirst().orElse("");
        if (length(line) <= LIMIT) {
            return line;
        }
        String marker = " … cut mid-line to " + limitName();
        return head(line, LIMIT - length(marker)) + marker;
    }

    /** A count of the tasks by state, then a Markdown table of name, state and duration. */
    static String summary(List<TaskRow> tasks) {
        if (tasks.isEmpty()) {
            return "No tasks have been reported yet.";
        }
        Map<TaskRow.State, Integer> counts = new EnumMap<>(TaskRow.State.class);
        tasks.forEach(task -> counts.merge(task.state(), 1, Integer::sum));
        List<String> byState = new ArrayList<>();
        counts.forEach((state, count) -> byState.add(count + " " + state.label()));
        List<String> lines = new ArrayList<>();
        lines.add(tasks.size() + (tasks.size() == 1 ? " task: " : " tasks: ") + String.join(", ", byState) + ".");
        lines.add("");
        lines.add("| Task | State | Duration |");
        lines.add("| --- | --- | --- |");
        for (TaskRow task : tasks) {
            lines.add("| " + cell(task.name()) + " | " + task.state().label() + " | "
                    + (task.duration() == null ? "—" : CommitStatusMapper.format(task.duration())) + " |");
        }
        return fitted("", lines, "");
    }

    /**
     * The log lines, credentials masked, in a code block so that Markdown in a log does not render; {@code null} for
     * none. Masked before being cut, so a cut can never leave half a secret behind.
     */
    static String text(List<String> logLines) {
        if (logLines.isEmpty()) {
            return null;
        }
        String joined = ANSI.matcher(String.join("\n", logLines)).replaceAll("");
        List<String> lines = List.of(CredentialMasks.mask(joined).split("\\R", -1));
        // A fence longer than any run of backticks in the log, so no log line can close it.
        int longest = 0;
        for (String line : lines) {
            Matcher run = BACKTICKS.matcher(line);
            while (run.find()) {
                longest = Math.max(longest, run.end() - run.start());
            }
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fitted(fence + "\n", lines, "\n" + fence);
    }

    /**
     * {@code prefix}, the lines joined by newlines, and {@code suffix}, within {@link #LIMIT}: all of them when they
     * fit, else the most leading whole lines that fit with the closing note, and the next one cut inside when it is
     * longer than any room it could ever have.
     */
    static String fitted(String prefix, List<String> lines, String suffix) {
        String whole = prefix + String.join("\n", lines) + suffix;
        if (length(whole) <= LIMIT) {
            return whole;
        }
        int fixed = length(prefix) + length(suffix);
        int kept = 0;
        long used = 0;
        long usedByKept = 0;
        for (int k = 1; k <= lines.size(); k++) {
            used += length(lines.get(k - 1)) + (k > 1 ? 1 : 0);
            if (fixed + used + length(note(lines.size() - k, -1)) > LIMIT) {
                break;
            }
            kept = k;
            usedByKept = used;
        }
        List<String> shown = new ArrayList<>(lines.subList(0, kept));
        String note = note(lines.size() - kept, -1);
        if (kept < lines.size() && length(lines.get(kept)) > LIMIT - fixed) {
            String cutNote = note(lines.size() - kept - 1, kept + 1);
            long room = LIMIT - fixed - usedByKept - (kept > 0 ? 1 : 0) - length(cutNote) - 1;
            if (room > 0) {
                shown.add(head(lines.get(kept), (int) room) + "…");
                note = cutNote;
            }
        }
        return prefix + String.join("\n", shown) + suffix + note;
    }

    /**
     * The closing note, on a line of its own after an empty one (Markdown would take a line right after a table as
     * one more row): {@code … 1,234 more lines cut to GitHub's 65,535-character limit}.
     *
     * @param dropped the lines left out whole
     * @param cutLine the number of the line cut inside, or -1
     */
    private static String note(int dropped, int cutLine) {
        String more = String.format(Locale.ROOT, "%,d more %s", dropped, dropped == 1 ? "line" : "lines");
        if (cutLine < 0) {
            return "\n\n… " + more + " cut to " + limitName();
        }
        return "\n\n… line " + String.format(Locale.ROOT, "%,d", cutLine) + " cut mid-line"
                + (dropped > 0 ? " and " + more + " cut" : "") + " to " + limitName();
    }

    private static String limitName() {
        return String.format(Locale.ROOT, "GitHub's %,d-character limit", LIMIT);
    }

    /** A table cell: one line, its pipes escaped. */
    private static String cell(String text) {
        return text.replaceAll("\\R", " ").replace("|", "\\|");
    }

    /** The first {@code codePoints} code points, never half a surrogate pair. */
    private static String head(String text, int codePoints) {
        return text.substring(0, text.offsetByCodePoints(0, Math.min(codePoints, length(text))));
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
