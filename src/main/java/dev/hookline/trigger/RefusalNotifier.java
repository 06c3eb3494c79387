package dev.hookline.trigger;

/**
 * Tells whoever pushed why a trigger ran nothing, since no run will ever exist to carry a status; in the service, an
 * {@code error} commit status on the trigger's context, posted by the {@code status} package.
 */
public interface RefusalNotifier {

    /** Called on the request thread: returns at once, the notice goes out in the background. */
    void refused(RunPlan plan, String reason);
}
