package dev.hookline.trigger;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.hookline.webhook.PushEvent;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;

/** Renders a trigger's templates for one change into a {@link RunPlan}. */
public final class RunPlanner {

    private RunPlanner() {
    }

    /** The plan for a push, named after its delivery. */
    public static RunPlan plan(Trigger trigger, PushEvent push, String deliveryId) {
        return plan(trigger, Change.of(push), deliveryId, deliveryId, null);
    }

    /**
     * The plan for a change.
     *
     * @param runKey what names the run (see {@link RunPlan.Source#runKey()})
     * @param approvedBy who approved the run of an untrusted pull request, or {@code null}
     */
    public static RunPlan plan(Trigger trigger, Change change, String deliveryId, String runKey, String approvedBy) {
        Map<String, Object> data = TemplateContext.of(change, deliveryId, trigger.name());
        Map<String, String> params = new LinkedHashMap<>();
        trigger.params().forEach((name, template) -> params.put(name, render(template, data, trigger, "params." + name)));
        RunPlan.GitResource git = trigger.gitResource() == null
                ? null
                : new RunPlan.GitResource(trigger.gitResource().name(),
                        render(trigger.gitResource().url(), data, trigger, "resources.git.url"), change.sha());
        RunPlan.ImageResource image = trigger.imageResource() == null
                ? null
                : new RunPlan.ImageResource(trigger.imageResource().name(),
                        render(trigger.imageResource().url(), data, trigger, "resources.image.url"));
        RunPlan.Source source = new RunPlan.Source(change.repository().fullName(), change.sha(), change.ref(),
                change.refSlug(), deliveryId, runKey, change.event().key(), change.installationId(), change.title(),
                change.pullRequest() == null ? null : change.pullRequest().number(), change.mergeGroupRef(), approvedBy);
        return new RunPlan(trigger.name(), trigger.namespace(), trigger.pipeline(), trigger.serviceAccount(), trigger.api(),
                params, trigger.workspaces(), git, image, trigger.timeout(), trigger.statusContext(),
                trigger.cancelInProgress(), trigger.keepRuns(), source);
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
