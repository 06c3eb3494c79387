package dev.hookline.trigger;

import java.time.Duration;
import java.util.Map;

/**
 * Everything needed to create one PipelineRun for one push and trigger, with every template rendered. The
 * {@code tekton} package turns it into a PipelineRun of the trigger's API flavour.
 *
 * @param trigger the trigger's name
 * @param namespace where the run is created
 * @param pipeline the {@code pipelineRef} name
 * @param serviceAccount the ServiceAccount, or {@code null}
 * @param api the PipelineRun flavour
 * @param params param name to rendered value, in file order
 * @param workspaces workspace name to its source
 * @param git the git PipelineResource ({@code v1beta1-resources}), or {@code null}
 * @param image the image PipelineResource ({@code v1beta1-resources}), or {@code null}
 * @param timeout the pipeline timeout, or {@code null}
 * @param statusContext the commit status context
 * @param cancelInProgress whether older running runs of the trigger on the same branch are cancelled
 * @param keepRuns how many finished runs of the trigger to keep, or {@code null}
 * @param source what the run builds
 */
public record RunPlan(
        String trigger,
        String namespace,
        String pipeline,
        String serviceAccount,
        ApiFlavour api,
        Map<String, String> params,
        Map<String, WorkspaceSource> workspaces,
        GitResource git,
        ImageResource image,
        Duration timeout,
        String statusContext,
        boolean cancelInProgress,
        Integer keepRuns,
        Source source) {

    /** A git PipelineResource bound inline: the repository at the pushed revision. */
    public record GitResource(String name, String url, String revision) {
    }

    /** An image PipelineResource bound inline: where the built image goes. */
    public record ImageResource(String name, String url) {
    }

    /**
     * The change a run comes from, and the delivery that asked for it.
     *
     * @param repository {@code owner/name}, where statuses go
     * @param sha the commit to build
     * @param ref the full ref ({@code refs/pull/<n>/head} for a pull request)
     * @param refSlug the branch or tag name, made safe for labels
     * @param deliveryId the GitHub delivery id
     * @param runKey what makes the run's name: the delivery id, or for a comment's command {@code comment-<id>}, so
     *        that a redelivered command creates nothing twice
     * @param event the GitHub event the run is for ({@code push}, {@code pull_request}, {@code merge_group})
     * @param installationId the GitHub App installation, or {@code null}
     * @param title the head commit's subject or the pull request's title (at most 200 characters), or {@code null}
     * @param pullRequest the pull request's number, or {@code null}
     * @param mergeGroup the merge group's ref, or {@code null}
     * @param approvedBy who approved an untrusted pull request's run with {@code /ok-to-test}, or {@code null}
     */
    public record Source(String repository, String sha, String ref, String refSlug, String deliveryId, String runKey,
            String event, Long installationId, String title, Integer pullRequest, String mergeGroup,
            String approvedBy) {

        public String shortSha() {
            return TemplateContext.shortSha(sha);
        }
    }
}
