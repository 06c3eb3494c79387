package dev.hookline.tekton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hookline.trigger.ApiFlavour;
import dev.hookline.trigger.RunPlan;
import dev.hookline.trigger.WorkspaceSource;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSourceBuilder;
import io.fabric8.kubernetes.api.model.Duration;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimVolumeSourceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretVolumeSourceBuilder;
import io.fabric8.tekton.v1alpha1.ResourceParam;

/**
 * Builds the PipelineRun of a {@link RunPlan}, in the plan's API flavour: {@code tekton.dev/v1} with params and
 * workspaces, or {@code tekton.dev/v1beta1} with git and image PipelineResources bound inline through
 * {@code resourceSpec}, as clusters up to Tekton v0.45 run them.
 */
public final class PipelineRunFactory {

    private PipelineRunFactory() {
    }

    public static HasMetadata build(RunPlan plan) {
        ObjectMeta metadata = metadata(plan);
        return plan.api() == ApiFlavour.V1 ? v1(plan, metadata) : v1beta1(plan, metadata);
    }

    /** The name the run of this plan has: the same for every delivery of the same id. */
    public static String name(RunPlan plan) {
        return RunNames.of(plan.source().runKey(), plan.trigger(), plan.source().shortSha());
    }

    private static ObjectMeta metadata(RunPlan plan) {
        RunPlan.Source source = plan.source();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(RunLabels.MANAGED_BY, RunLabels.MANAGED_BY_VALUE);
        labels.put(RunLabels.TRIGGER, plan.trigger());
        labels.put(RunLabels.REPOSITORY, RunLabels.labelValue(source.repository()));
        labels.put(RunLabels.EVENT, source.event());
        labels.put(RunLabels.COMMIT, RunLabels.labelValue(source.sha()));
        if (source.pullRequest() != null) {
            // No branch label: a push to the head branch must not cancel the pull request's runs, nor they its.
            labels.put(RunLabels.PULL_REQUEST, source.pullRequest().toString());
        } else if (source.mergeGroup() != null) {
            labels.put(RunLabels.MERGE_GROUP, source.sha());
        } else if (source.ref().startsWith("refs/heads/")) {
            labels.put(RunLabels.BRANCH, RunLabels.labelValue(source.refSlug()));
        } else if (source.ref().startsWith("refs/tags/")) {
            labels.put(RunLabels.TAG, RunLabels.labelValue(source.refSlug()));
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(RunLabels.ANNOTATION_REPOSITORY, source.repository());
        annotations.put(RunLabels.ANNOTATION_SHA, source.sha());
        annotations.put(RunLabels.ANNOTATION_REF, source.ref());
        annotations.put(RunLabels.ANNOTATION_DELIVERY, source.deliveryId());
        annotations.put(RunLabels.ANNOTATION_EVENT, source.event());
        annotations.put(RunLabels.ANNOTATION_STATUS_CONTEXT, plan.statusContext());
        if (source.installationId() != null) {
            annotations.put(RunLabels.ANNOTATION_INSTALLATION, source.installationId().toString());
        }
        if (source.title() != null) {
            annotations.put(RunLabels.ANNOTATION_TITLE, source.title());
        }
        if (source.pullRequest() != null) {
            annotations.put(RunLabels.ANNOTATION_PULL_REQUEST, source.pullRequest().toString());
        }
        if (source.mergeGroup() != null) {
            annotations.put(RunLabels.ANNOTATION_MERGE_GROUP, source.mergeGroup());
        }
        if (source.approvedBy() != null) {
            annotations.put(RunLabels.ANNOTATION_APPROVED_BY, source.approvedBy());
        }
        if (!source.runKey().equals(source.deliveryId())) {
            annotations.put(RunLabels.ANNOTATION_RUN_KEY, source.runKey());
        }
        return new ObjectMetaBuilder().withName(name(plan)).withNamespace(plan.namespace()).withLabels(labels)
                .withAnnotations(annotations).build();
    }

    private static io.fabric8.tekton.v1.PipelineRun v1(RunPlan plan, ObjectMeta metadata) {
        List<io.fabric8.tekton.v1.Param> params = new ArrayList<>();
        plan.params().forEach((name, value) -> params.add(new io.fabric8.tekton.v1.ParamBuilder().withName(name)
                .withValue(new io.fabric8.tekton.v1.ParamValue(value)).build()));
        List<io.fabric8.tekton.v1.WorkspaceBinding> workspaces = new ArrayList<>();
        plan.workspaces().forEach((name, source) -> workspaces.add(v1Workspace(name, source)));
        var spec = new io.fabric8.tekton.v1.PipelineRunSpecBuilder()
                .withNewPipelineRef().withName(plan.pipeline()).endPipelineRef()
                .withParams(params)
                .withWorkspaces(workspaces);
        if (plan.serviceAccount() != null) {
            spec.withNewTaskRunTemplate().withServiceAccountName(plan.serviceAccount()).endTaskRunTemplate();
        }
        if (plan.timeout() != null) {
            spec.withNewTimeouts().withPipeline(new Duration(plan.timeout())).endTimeouts();
        }
        return new io.fabric8.tekton.v1.PipelineRunBuilder().withMetadata(metadata).withSpec(spec.build()).build();
    }

    private static io.fabric8.tekton.v1beta1.PipelineRun v1beta1(RunPlan plan, ObjectMeta metadata) {
        List<io.fabric8.tekton.v1beta1.Param> params = new ArrayList<>();
        plan.params().forEach((name, value) -> params.add(new io.fabric8.tekton.v1beta1.ParamBuilder().withName(name)
                .withValue(new io.fabric8.tekton.v1beta1.ParamValue(value)).build()));
        List<io.fabric8.tekton.v1beta1.PipelineResourceBinding> resources = new ArrayList<>();
        if (plan.git() != null) {
            resources.add(resource(plan.git().name(), "git",
                    List.of(new ResourceParam("url", plan.git().url()), new ResourceParam("revision", plan.git().revision()))));
        }
        if (plan.image() != null) {
            resources.add(resource(plan.image().name(), "image", List.of(new ResourceParam("url", plan.image().url()))));
        }
        List<io.fabric8.tekton.v1beta1.WorkspaceBinding> workspaces = new ArrayList<>();
        plan.workspaces().forEach((name, source) -> {
            // The v1 and v1beta1 bindings have the same fields; convert through the v1 one to keep one mapping.
            var v1 = v1Workspace(name, source);
            workspaces.add(new io.fabric8.tekton.v1beta1.WorkspaceBindingBuilder().withName(v1.getName())
                    .withVolumeClaimTemplate(v1.getVolumeClaimTemplate())
                    .withPersistentVolumeClaim(v1.getPersistentVolumeClaim())
                    .withSecret(v1.getSecret()).withConfigMap(v1.getConfigMap()).withEmptyDir(v1.getEmptyDir()).build());
        });
        var spec = new io.fabric8.tekton.v1beta1.PipelineRunSpecBuilder()
                .withNewPipelineRef().withName(plan.pipeline()).endPipelineRef()
                .withParams(params)
                .withResources(resources)
                .withWorkspaces(workspaces)
                .withServiceAccountName(plan.serviceAccount());
        if (plan.timeout() != null) {
            // spec.timeout, not spec.timeouts: the field every v1beta1 release up to v0.45 understands.
            spec.withTimeout(new Duration(plan.timeout()));
        }
        return new io.fabric8.tekton.v1beta1.PipelineRunBuilder().withMetadata(metadata).withSpec(spec.build()).build();
    }

    private static io.fabric8.tekton.v1beta1.PipelineResourceBinding resource(String name, String type,
            List<ResourceParam> params) {
        return new io.fabric8.tekton.v1beta1.PipelineResourceBindingBuilder().withName(name)
                .withNewResourceSpec().withType(type).withParams(params).endResourceSpec().build();
    }

    private static io.fabric8.tekton.v1.WorkspaceBinding v1Workspace(String name, WorkspaceSource source) {
        var binding = new io.fabric8.tekton.v1.WorkspaceBindingBuilder().withName(name);
        // Java 17: no pattern matching in switch yet.
        if (source instanceof WorkspaceSource.VolumeClaimTemplate template) {
            binding.withVolumeClaimTemplate(claim(template));
        } else if (source instanceof WorkspaceSource.PersistentVolumeClaim claim) {
            binding.withPersistentVolumeClaim(
                    new PersistentVolumeClaimVolumeSourceBuilder().withClaimName(claim.claimName()).build());
        } else if (source instanceof WorkspaceSource.Secret secret) {
            binding.withSecret(new SecretVolumeSourceBuilder().withSecretName(secret.secretName()).build());
        } else if (source instanceof WorkspaceSource.ConfigMap configMap) {
            binding.withConfigMap(new ConfigMapVolumeSourceBuilder().withName(configMap.name()).build());
        } else {
            binding.withEmptyDir(new EmptyDirVolumeSource());
        }
        return binding.build();
    }

    private static PersistentVolumeClaim claim(WorkspaceSource.VolumeClaimTemplate template) {
        return new PersistentVolumeClaimBuilder()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withStorageClassName(template.storageClass())
                .withNewResources().addToRequests("storage", new Quantity(template.storage())).endResources()
                .endSpec()
                .build();
    }
}
