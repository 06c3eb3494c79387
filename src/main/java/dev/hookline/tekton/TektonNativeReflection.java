package dev.hookline.tekton;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a native executable must be told about the Tekton model. Quarkus' kubernetes-client extension registers every
 * {@code KubernetesResource} in the index for reflection, and tekton-model ships a Jandex index, so the PipelineRun
 * classes of both API versions are covered. Not covered are {@code ParamValue}'s Jackson deserializers, which read a
 * param value as a string, an array or an object: the extension registers only deserializers under
 * {@code io.fabric8.kubernetes}, and has the Jackson extension skip {@code @JsonDeserialize} on model classes. Without
 * them, reading back a created PipelineRun with params fails. The serializers are listed too, so that the list does
 * not depend on the Jackson extension registering them from {@code @JsonSerialize}. {@code TektonNativeReflectionTest}
 * keeps the list complete.
 */
@RegisterForReflection(targets = {
        io.fabric8.tekton.v1.ParamValue.Serializer.class,
        io.fabric8.tekton.v1.ParamValue.Deserializer.class,
        io.fabric8.tekton.v1beta1.ParamValue.Serializer.class,
        io.fabric8.tekton.v1beta1.ParamValue.Deserializer.class})
final class TektonNativeReflection {

    private TektonNativeReflection() {
    }
}
