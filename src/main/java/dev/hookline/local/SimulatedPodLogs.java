package dev.hookline.local;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;

/**
 * Local mode's API server: fabric8's CRUD mock, which stores objects but serves no pod logs (it answers
 * {@code GET .../pods/NAME/log} with a list of every object it holds), plus the log of a simulated step. No pod exists
 * in local mode; a TaskRun the simulator fails names a pod and a failed step container ({@link SimulatedTasks}), and
 * this answers its log with a few lines as a build would print them, honouring {@code tailLines}, so that
 * {@code hookline.checks.log-lines} can be tried without a cluster.
 */
final class SimulatedPodLogs extends KubernetesCrudDispatcher {

    private static final Pattern LOG = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)/log(?:\\?(.*))?");
    private static final Pattern TAIL = Pattern.compile("(?:^|&)tailLines=(\\d+)");
    private static final Pattern CONTAINER = Pattern.compile("(?:^|&)container=([^&]+)");

    @Override
    public MockResponse handleGet(String path) {
        Matcher log = LOG.matcher(path);
        if (!log.matches()) {
            return super.handleGet(path);
        }
        String query = log.group(3) == null ? "" : log.group(3);
        Matcher container = CONTAINER.matcher(query);
        List<String> lines = lines(log.group(2), container.find() ? container.group(1) : "step-build");
        Matcher tail = TAIL.matcher(query);
        int keep = tail.find() ? (int) Math.min(Integer.parseInt(tail.group(1)), lines.size()) : lines.size();
        String body = String.join("\n", lines.subList(lines.size() - keep, lines.size())) + "\n";
        return new MockResponse().setResponseCode(200).setBody(body);
    }

    /** What the simulated step printed: a secret among it, to show that the page masks it. */
    static List<String> lines(String pod, String container) {
        return Arrays.asList("[local] " + container + " of pod " + pod + ", simulated by Hookline's local mode",
                "+ ./build.sh", "Compiling 42 files", "export REGISTRY_PASSWORD=local-demo-secret",
                "error: the head commit asked for a failure with [local:fail]", "exit status 1");
    }
}
