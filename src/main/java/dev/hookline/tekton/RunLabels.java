package dev.hookline.tekton;

import java.util.Locale;

/**
 * The labels and annotations Hookline puts on its PipelineRuns, in one place for every package. Labels are for
 * selecting (sanitised, at most 63 characters); annotations carry the exact values.
 */
public final class RunLabels {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "hookline";
    public static final String TRIGGER = "hookline.dev/trigger";
    public static final String REPOSITORY = "hookline.dev/repository";
    public static final String BRANCH = "hookline.dev/branch";
    public static final String TAG = "hookline.dev/tag";
    /** The event a run is for: {@code push}, {@code pull_request} or {@code merge_group}. */
    public static final String EVENT = "hookline.dev/event";
    /** The pull request's number, on runs of pull requests and of their comments' commands. */
    public static final String PULL_REQUEST = "hookline.dev/pull-request";
    /** The merge group's commit (its ref is too long for a label; the annotation has it). */
    public static final String MERGE_GROUP = "hookline.dev/merge-group";
    /**
     * The commit a run builds, on every run whatever its event: how the Checks tab's buttons find a commit's runs. Set
     * at creation, so Tekton's stale write-backs cannot undo it.
     */
    public static final String COMMIT = "hookline.dev/commit";

    public static final String ANNOTATION_REPOSITORY = "hookline.dev/repository";
    public static final String ANNOTATION_SHA = "hookline.dev/sha";
    public static final String ANNOTATION_REF = "hookline.dev/ref";
    public static final String ANNOTATION_DELIVERY = "hookline.dev/delivery";
    public static final String ANNOTATION_EVENT = "hookline.dev/event";
    public static final String ANNOTATION_STATUS_CONTEXT = "hookline.dev/status-context";
    public static final String ANNOTATION_INSTALLATION = "hookline.dev/installation-id";
    /** The head commit's subject line, when the push had one. */
    public static final String ANNOTATION_TITLE = "hookline.dev/commit-title";
    /**
     * When Hookline asked for the run, to the nanosecond the clock gives: orders the runs of one branch where the API
     * server's creation timestamp, in whole seconds, cannot.
     */
    public static final String ANNOTATION_LAUNCHED_AT = "hookline.dev/launched-at";
    /** The merge group's ref, {@code refs/heads/gh-readonly-queue/...}. */
    public static final String ANNOTATION_MERGE_GROUP = "hookline.dev/merge-group";
    /** The pull request's number. */
    public static final String ANNOTATION_PULL_REQUEST = "hookline.dev/pull-request";
    /** Who approved the run of an untrusted pull request with {@code /ok-to-test}. */
    public static final String ANNOTATION_APPROVED_BY = "hookline.dev/approved-by";
    /** What named the run when it is not the delivery: {@code comment-<id>} for a comment's command. */
    public static final String ANNOTATION_RUN_KEY = "hookline.dev/run-key";
    /** Set on a run cancelled because a newer push started another: the newer run's name. */
    public static final String ANNOTATION_SUPERSEDED_BY = "hookline.dev/superseded-by";

    /** Tekton's label on a TaskRun naming the PipelineRun it belongs to. */
    public static final String TEKTON_PIPELINE_RUN = "tekton.dev/pipelineRun";
    /** Tekton's label on a TaskRun naming its pipeline task. */
    public static final String TEKTON_PIPELINE_TASK = "tekton.dev/pipelineTask";

    private static final int LABEL_MAX = 63;

    private RunLabels() {
    }

    /**
     * A value made valid as a label value: characters outside {@code [A-Za-z0-9._-]} become {@code -}, at most 63
     * characters, alphanumeric at both ends. Lossy on purpose; read the matching annotation for the exact value.
     */
    public static String labelValue(String value) {
        String cleaned = value.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[^A-Za-z0-9]+", "");
        if (cleaned.length() > LABEL_MAX) {
            cleaned = cleaned.substring(0, LABEL_MAX);
        }
        return cleaned.replaceAll("[^A-Za-z0-9]+$", "").toLowerCase(Locale.ROOT);
    }
}
