package dev.hookline.trigger;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Expression;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;

/**
 * Parses the {@code {…}} templates of a triggers file with Qute and checks, at load time, that each names only
 * placeholders of {@link TemplateContext#NAMES}. No namespaces ({@code config:}, {@code inject:}) and no method calls:
 * a trigger can reach push data and nothing else.
 */
final class Templates {

    // A standalone engine: no HTML escaping (values go into YAML fields, not pages), strict about missing values.
    private static final Engine ENGINE = Engine.builder().addDefaults().strictRendering(true).build();

    private Templates() {
    }

    /** The parsed template, or the list of problems with it. */
    static Template parse(String source, Set<EventKind> events, List<String> problems) {
        Template template;
        try {
            template = ENGINE.parse(source);
        } catch (TemplateException e) {
            problems.add("is not a valid template: " + e.getMessage());
            return null;
        }
        List<String> unknown = new ArrayList<>();
        List<String> inapplicable = new ArrayList<>();
        List<String> known = TemplateContext.names(events);
        for (Expression expression : template.getExpressions()) {
            if (expression.isLiteral()) {
                continue;
            }
            String name = expression.toOriginalString();
            if (expression.hasNamespace() || !TemplateContext.NAMES.contains(name)) {
                unknown.add("{" + name + "}");
            } else if (!known.contains(name)) {
                inapplicable.add("{" + name + "}");
            }
        }
        if (!inapplicable.isEmpty()) {
            // A pull request's placeholders would render empty for a push: refuse rather than build the wrong thing.
            problems.add("uses " + String.join(", ", inapplicable) + ", which only pull_request events provide; "
                    + "this trigger listens to " + String.join(", ", events.stream().map(EventKind::key).sorted()
                            .toList()));
            return null;
        }
        if (!unknown.isEmpty()) {
            problems.add("uses unknown placeholder " + String.join(", ", unknown) + "; known are {"
                    + String.join("}, {", TemplateContext.names(events)) + "}");
            return null;
        }
        return template;
    }
}
