package dev.hookline.trigger;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.hookline.webhook.PushEvent;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;

/** Renders a trigger's templates for one push into a {@link RunPlan}. */
public final class RunPlanner {

    private RunPlanner() {
    }

    public static RunPlan plan(Trigger trigger, PushEvent push, String deliveryId) {
        Map<String, Object> data = TemplateContext.of(push, deliveryId, trigger.name());
        Map<String, String> params = new LinkedHashMap<>();
        trigger.params().forEach((name, template) -> params.put(name, render(template, data, trigger, "params." + name)));
        RunPlan.GitResource git = trigger.gitResource() == null
                ? null
                : new RunPlan.GitResource(trigger.gitResource().name(),
                        render(trigger.gitResource().url(), data, trigger, "resources.git.url"), push.after());
        RunPlan.ImageResource image = trigger.imageResource() == null
                ? null
                : new RunPlan.ImageResource(trigger.imageResource().name(),
                        render(trigger.imageResource().url(), data, trigger, "resources.image.url"));
        RunPlan.Source source = new RunPlan.Source(push.repository().fullName(), push.after(), push.ref(),
                (String) data.get("refSlug"), deliveryId, "push", push.installationId(), title(push));
        return new RunPlan(trigger.name(), trigger.namespace(), trigger.pipeline(), trigger.serviceAccount(), trigger.api(),
                params, trigger.workspaces(), git, image, trigger.timeout(), trigger.statusContext(),
                trigger.cancelInProgress(), trigger.keepRuns(), source);
    }

    /** The head commit's subject line: shown on the status page, and read by local mode's simulated controller. */
    private static String title(PushEvent push) {
        if (push.headCommit() == null || push.headCommit().message().isBlank()) {
            return null;
        }
        String line = push.headCommit().message().strip().lines().findFirst().orElse("");
        return line.length() > 200
                ? line.substring(0, line.offsetByCodePoints(0, Math.min(200, line.codePointCount(0, line.length()))))
                : line;
    }

    private static String render(Template template, Map<String, Object> data, Trigger trigger, String field) {
        try {
            return template.render(data);
        } catch (TemplateException e) {
            // Placeholders are checked at load time, so this is a bug rather than bad input: say where it happened.
            throw new IllegalStateException("trigger '" + trigger.name() + "' field '" + field + "' failed to render", e);
        }
    }
}
