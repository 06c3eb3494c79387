package dev.hookline.trigger;

/** Which PipelineRun a trigger creates. */
public enum ApiFlavour {

    /** {@code tekton.dev/v1}: params, workspaces, {@code taskRunTemplate.serviceAccountName}. */
    V1("v1"),
    /** {@code tekton.dev/v1beta1} with inline git and image PipelineResources, for clusters up to Tekton v0.45. */
    V1BETA1_RESOURCES("v1beta1-resources");

    private final String key;

    ApiFlavour(String key) {
        this.key = key;
    }

    /** The value written in the triggers file. */
    public String key() {
        return key;
    }

    static ApiFlavour fromKey(String key) {
        for (ApiFlavour flavour : values()) {
            if (flavour.key.equals(key)) {
                return flavour;
            }
        }
        return null;
    }
}
