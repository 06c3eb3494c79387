package dev.hookline.tekton;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import dev.hookline.trigger.RunLauncher;
import dev.hookline.trigger.RunPlan;
import dev.hookline.trigger.RunRefused;
import dev.hookline.webhook.RunRef;
import dev.hookline.webhook.WebhookProblem;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.logging.Log;

/**
 * Creates PipelineRuns. The name is derived from (delivery, trigger), so {@code AlreadyExists} means this delivery
 * was handled before and nothing is created twice. A refusal no redelivery can change (see {@link CreateRefusal}) is a
 * {@link RunRefused}; any other failure a 503 that a redelivery can finish. After a run is created, older runs it supersedes are cancelled and
 * old finished runs pruned, as the trigger asks; those are housekeeping and never fail the delivery.
 */
@ApplicationScoped
public class PipelineRunLauncher implements RunLauncher {

    /** How long GitHub should wait before redelivering when the cluster is unavailable. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private final RunHousekeeping housekeeping;
    private final Clock clock;

    PipelineRunLauncher(KubernetesClient client, RunHousekeeping housekeeping, Clock clock) {
        this.client = client;
        this.housekeeping = housekeeping;
        this.clock = clock;
    }

    @Override
    public Launched launch(RunPlan plan) {
        HasMetadata run = PipelineRunFactory.build(plan);
        RunRef ref = new RunRef(plan.trigger(), plan.namespace(), run.getMetadata().getName());
        run.getMetadata().getAnnotations().put(RunLabels.ANNOTATION_LAUNCHED_AT, clock.instant().toString());
        try {
            client.resource(run).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return new Launched(ref, false);
            }
            if (CreateRefusal.permanent(e)) {
                throw refused(plan, ref, e);
            }
            throw unavailable(plan, ref, run.getApiVersion(), e);
        }
        Log.infof("Delivery %s for %s %s: created PipelineRun %s/%s (%s)", plan.source().deliveryId(),
                plan.source().repository(), plan.source().ref(), ref.namespace(), ref.name(), plan.api().key());
        housekeeping.afterCreate(plan);
        return new Launched(ref, true);
    }

    private static RunRefused refused(RunPlan plan, RunRef ref, KubernetesClientException e) {
        return new RunRefused(ref, CreateRefusal.reason(e), "Kubernetes refused PipelineRun " + ref.name()
                + " for trigger '" + plan.trigger() + "' in namespace " + plan.namespace() + " (" + e.getCode() + "): "
                + CreateRefusal.message(e) + "; a redelivery gets the same answer: "
                + CreateRefusal.fix(e, plan.namespace()), e);
    }

    private static WebhookProblem unavailable(RunPlan plan, RunRef ref, String apiVersion, KubernetesClientException e) {
        String cause = e.getCode() > 0
                ? "Kubernetes answered " + e.getCode() + (e.getStatus() != null && e.getStatus().getMessage() != null
                        ? ": " + e.getStatus().getMessage()
                        : "")
                : "Kubernetes could not be reached: " + rootMessage(e);
        String hint = switch (e.getCode()) {
            case 403 -> " (check Hookline's Role in namespace " + plan.namespace() + ")";
            // Not served (a missing namespace is a RunRefused): Tekton's install or upgrade fixes that as it comes.
            case 404 -> " (is Tekton installed, and does it serve " + apiVersion + " PipelineRuns?)";
            default -> "";
        };
        return new WebhookProblem(503, "Cluster unavailable", "could not create PipelineRun " + ref.name()
                + " for trigger '" + plan.trigger() + "' in namespace " + plan.namespace() + ": " + cause + hint
                + "; nothing was lost, a redelivery creates it", RETRY_AFTER, e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
