package dev.hookline.web;

import java.util.List;

/**
 * One run's page: the run as the status page shows it, and its tasks.
 *
 * @param namespace the namespace asked for
 * @param name the run's name asked for
 * @param run the run, or {@code null} when Hookline tracks no such run
 * @param tasks its tasks as Tekton ran them; none before Tekton started any, or when the cluster cannot be read
 * @param signOut whether to offer signing out (a token is configured)
 */
public record RunPageView(String namespace, String name, StatusPageView.Run run, List<TaskView> tasks,
        boolean signOut) {
}
