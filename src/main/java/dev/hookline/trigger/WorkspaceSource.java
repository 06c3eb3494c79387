package dev.hookline.trigger;

/** What backs a workspace of a {@code v1} PipelineRun. */
public sealed interface WorkspaceSource {

    /** A fresh volume per run, from a claim template. {@code storageClass} may be {@code null}. */
    record VolumeClaimTemplate(String storage, String storageClass) implements WorkspaceSource {
    }

    /** An existing PersistentVolumeClaim. */
    record PersistentVolumeClaim(String claimName) implements WorkspaceSource {
    }

    /** A Secret, e.g. registry credentials. */
    record Secret(String secretName) implements WorkspaceSource {
    }

    /** A ConfigMap. */
    record ConfigMap(String name) implements WorkspaceSource {
    }

    /** A scratch directory that lives as long as the run's pods. */
    record EmptyDir() implements WorkspaceSource {
    }
}
