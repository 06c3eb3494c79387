package dev.hookline.web;

import java.util.List;

/**
 * One run's page: the run as the status page shows it, and its tasks.
 *
 * @param namespace the namespace asked for
 * @param name the run's name asked for
 * @param run the run, or {@code null} when Hookline tracks no such run
 * @param tasks its tasks as Tekton ran them; none before Tekton started any, or when the cluster cannot be read
 * @param log the failed step's last log lines, masked; {@code null} when there are none to show (log lines off, the run
 *        did not fail, or the cluster cannot give them), and on the part of the page that refreshes, which reads no log
 * @param signOut whether to offer signing out (a token is configured)
 */
public record RunPageView(String namespace, String name, StatusPageView.Run run, List<TaskView> tasks, StepLogView log,
        boolean signOut) {
}
