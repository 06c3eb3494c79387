package dev.hookline.github;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The check runs GitHub created (or a dry run pretended to), as last updated, bounded: what local mode's page can show,
 * and where a dry run finds its check runs again. In a dry run the ids come from a counter, as GitHub's would.
 * Memory of one replica: never what decides whether a check run exists in production, GitHub does.
 */
@ApplicationScoped
public class PostedCheckRuns {

    private static final int CAPACITY = 1000;

    private final Clock clock;
    /** By id, in the order of their last change, so that the eldest to go is the one untouched longest. */
    private final Map<Long, Posted> entries = new LinkedHashMap<>();
    private long lastDryRunId;

    PostedCheckRuns(Clock clock) {
        this.clock = clock;
    }

    /**
     * One check run as Hookline last wrote it.
     *
     * @param id GitHub's id, or the dry run's
     * @param at when it was created or last updated
     * @param dryRun whether it was only recorded, not sent
     */
    @RegisterForReflection
    public record Posted(long id, Instant at, String repository, String sha, String name, String externalId,
            CheckStatus status, CheckConclusion conclusion, String title, String detailsUrl, boolean dryRun) {
    }

    /** Records a check run a dry run creates, and gives it the next id. */
    synchronized long recordDryRun(CheckRun run) {
        long id = ++lastDryRunId;
        record(run, id, true);
        return id;
    }

    /** Records a check run GitHub created with {@code id}. */
    synchronized void record(CheckRun run, long id, boolean dryRun) {
        put(new Posted(id, clock.instant(), run.repository(), run.sha(), run.name(), run.externalId(),
                run.status(), run.conclusion(), run.output() == null ? null : run.output().title(), run.detailsUrl(),
                dryRun));
    }

    /** Applies an update to the check run recorded under {@code id}; one not (or no longer) recorded stays unknown. */
    synchronized void update(long id, CheckRunUpdate update) {
        Posted was = entries.get(id);
        if (was == null) {
            return;
        }
        put(new Posted(id, clock.instant(), was.repository(), was.sha(), was.name(),
                update.externalId() != null ? update.externalId() : was.externalId(),
                update.effectiveStatus() != null ? update.effectiveStatus() : was.status(),
                update.conclusion() != null ? update.conclusion() : was.conclusion(),
                update.output() != null ? update.output().title() : was.title(),
                update.detailsUrl() != null ? update.detailsUrl() : was.detailsUrl(), was.dryRun()));
    }

    /** The oldest recorded check run of that name and external id on that commit, as GitHub's lookup would adopt. */
    synchronized Optional<Posted> find(String repository, String sha, String name, String externalId) {
        return entries.values().stream()
                .filter(p -> p.repository().equals(repository) && p.sha().equals(sha) && p.name().equals(name)
                        && p.externalId().equals(externalId))
                .min(Comparator.comparingLong(Posted::id));
    }

    /** A copy, the most recently written first. */
    public synchronized List<Posted> recent() {
        List<Posted> recent = new ArrayList<>(entries.values());
        Collections.reverse(recent);
        return recent;
    }

    private void put(Posted posted) {
        entries.remove(posted.id());
        entries.put(posted.id(), posted);
        if (entries.size() > CAPACITY) {
            entries.remove(entries.keySet().iterator().next());
        }
    }
}
