package dev.hookline.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every relative link of the README and the docs leads somewhere: the file exists, and an {@code #anchor} is a
 * heading of the page it names, by GitHub's rule (lower case, spaces to {@code -}, other punctuation dropped, a
 * repeated heading numbered). The reference moved into {@code docs/}; a link that rots there misleads the reader.
 */
class DocsLinksTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Pattern FENCE = Pattern.compile("^```.*?^```", Pattern.DOTALL | Pattern.MULTILINE);
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`\\n]*`");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

    @Test
    void everyRelativeLink_reachesAFileAndAHeading() throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages()) {
            String text = INLINE_CODE.matcher(FENCE.matcher(Files.readString(page)).replaceAll("")).replaceAll("x");
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue;
                }
                checked++;
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path destination = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                String where = ROOT.relativize(page) + ": " + target;
                if (!Files.exists(destination)) {
                    broken.add(where + ": no such file");
                } else if (hash >= 0 && !anchors(destination).contains(target.substring(hash + 1))) {
                    broken.add(where + ": no such heading in " + ROOT.relativize(destination));
                }
            }
        }
        assertThat(checked).as("links checked").isGreaterThan(40);
        assertThat(broken).isEmpty();
    }

    @Test
    void theReadme_staysTheFrontDoor() throws IOException {
        // The reference lives in docs/; the README says what Hookline is, how to start and where to read on.
        assertThat(Files.size(ROOT.resolve("README.md"))).isLessThanOrEqualTo(12 * 1024);
        assertThat(Files.readString(ROOT.resolve("README.md"))).contains("./mvnw -B verify");
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("bench/README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    private static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new HashSet<>();
        if (!page.toString().endsWith(".md")) {
            return anchors;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (String line : FENCE.matcher(Files.readString(page)).replaceAll("").split("\n")) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String anchor = heading.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_\\- ]", "")
                        .replace(' ', '-');
                int count = seen.merge(anchor, 1, Integer::sum);
                anchors.add(count == 1 ? anchor : anchor + "-" + (count - 1));
            }
        }
        return anchors;
    }
}
