package dev.hookline.trigger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads a triggers file into {@link Trigger}s. Every problem is collected, not just the first, and each names the
 * file, the trigger and the field, so one edit can fix them all.
 */
public final class TriggersFileParser {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String file;
    private final List<String> problems = new ArrayList<>();

    private TriggersFileParser(String file) {
        this.file = file;
    }

    /**
     * The triggers of a file's content.
     *
     * @param file the file's name, for messages
     * @param yaml its content
     * @throws InvalidTriggersException listing every problem
     */
    public static List<Trigger> parse(String file, String yaml) {
        return new TriggersFileParser(file).parse(yaml);
    }

    private List<Trigger> parse(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new InvalidTriggersException(List.of(file + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")")));
        }
        if (root == null || !root.isObject() || !root.path("triggers").isArray()) {
            throw new InvalidTriggersException(List.of(file + ": must be a map with a 'triggers' list"));
        }
        root.fieldNames().forEachRemaining(field -> {
            if (!field.equals("triggers")) {
                problems.add(file + ": unknown top-level field '" + field + "'; only 'triggers' is read");
            }
        });
        List<Trigger> triggers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int index = 0;
        for (JsonNode node : root.get("triggers")) {
            index++;
            triggers.add(new TriggerReader(file, node, index, problems).read());
            String name = node.path("name").asText("");
            if (!name.isEmpty() && !names.add(name)) {
                problems.add(file + ": trigger '" + name + "': field 'name' used by an earlier trigger; names must be unique");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidTriggersException(problems);
        }
        return List.copyOf(triggers);
    }
}
