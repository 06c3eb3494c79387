package dev.hookline.trigger;

import java.util.List;

/** A triggers file that does not validate; the message lists every problem, each naming file, trigger and field. */
public class InvalidTriggersException extends RuntimeException {

    private final List<String> problems;

    InvalidTriggersException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
