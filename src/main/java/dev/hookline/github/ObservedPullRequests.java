package dev.hookline.github;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.hookline.webhook.PullRequest;

/**
 * The latest pull request per repository and number that deliveries showed: what a dry run, which reads nothing from
 * GitHub, answers from. Bounded, the least recently used going first; this replica's memory only.
 */
final class ObservedPullRequests {

    private final Map<String, PullRequest> latest;

    ObservedPullRequests(int capacity) {
        this.latest = new LinkedHashMap<>(16, 0.75f, true) {

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PullRequest> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void put(String repository, PullRequest pullRequest) {
        latest.put(key(repository, pullRequest.number()), pullRequest);
    }

    /** The pull request last shown, or {@code null}. */
    synchronized PullRequest get(String repository, int number) {
        return latest.get(key(repository, number));
    }

    private static String key(String repository, int number) {
        // Owner and name are case-insensitive on GitHub: every spelling names the same pull request.
        return repository.toLowerCase(Locale.ROOT) + "#" + number;
    }
}
