package dev.hookline.trigger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkus.qute.Template;

/**
 * One rule of the triggers file: which events it matches and the PipelineRun it creates for them. Templates are
 * parsed and checked when the file is loaded.
 *
 * @param name unique DNS label; part of run names, labels and the default status context
 * @param repository glob over {@code owner/name}, case-insensitive as on GitHub
 * @param events the events it listens to (default {@code push} alone)
 * @param branches branch globs (for pull requests and merge groups, of the base branch); {@code null} means every
 *        branch, or none when only {@code tags} are given
 * @param tags tag globs; {@code null} means no tag
 * @param paths when not empty, a changed file must match one of these
 * @param pathsIgnore changed files matching these do not count
 * @param drafts whether draft pull requests run
 * @param forks what happens to pull requests that are not trusted
 * @param namespace where runs are created
 * @param pipeline the {@code pipelineRef} name
 * @param serviceAccount the ServiceAccount the run's pods use, or {@code null} for the namespace default
 * @param api the PipelineRun flavour
 * @param params param name to value template, in file order
 * @param workspaces workspace name to its source ({@code v1} only)
 * @param gitResource binding name and URL template of the git PipelineResource ({@code v1beta1-resources} only), or
 *        {@code null}
 * @param imageResource binding name and URL template of the image PipelineResource, or {@code null}
 * @param timeout the pipeline timeout, or {@code null} for Tekton's default
 * @param statusContext the commit status context
 * @param cancelInProgress whether a newer push on the same branch (a new head of the same pull request) cancels older
 *        running runs of this trigger
 * @param keepRuns how many finished runs of this trigger to keep, or {@code null} to keep all
 */
public record Trigger(
        String name,
        Glob repository,
        Set<EventKind> events,
        List<Glob> branches,
        List<Glob> tags,
        List<Glob> paths,
        List<Glob> pathsIgnore,
        boolean drafts,
        ForkPolicy forks,
        String namespace,
        String pipeline,
        String serviceAccount,
        ApiFlavour api,
        Map<String, Template> params,
        Map<String, WorkspaceSource> workspaces,
        GitResource gitResource,
        ImageResource imageResource,
        Duration timeout,
        String statusContext,
        boolean cancelInProgress,
        Integer keepRuns) {

    /**
     * The git PipelineResource of a classic trigger; its revision is always the pushed commit.
     *
     * @param name the binding name the Pipeline declares
     * @param url the repository URL template: {@link #DEFAULT_URL}, or {@code {repo.sshUrl}} for a deploy key
     */
    public record GitResource(String name, Template url) {

        /** The HTTPS clone URL, which Tekton's git resource clones with a basic-auth Secret or none at all. */
        public static final String DEFAULT_URL = "{repo.cloneUrl}";
    }

    /**
     * The image PipelineResource of a classic trigger.
     *
     * @param name the binding name the Pipeline declares
     * @param url the image reference template
     */
    public record ImageResource(String name, Template url) {
    }
}
