package dev.hookline.tekton;

import jakarta.enterprise.context.ApplicationScoped;

import dev.hookline.trigger.TriggerRules;
import io.quarkus.scheduler.Scheduled;

/**
 * Every {@code hookline.keep-runs-sweep-interval}, prunes the runs of each trigger with {@code keep-runs}, so that a
 * trigger keeps N finished runs even when no push follows the last report. One list of the trigger's runs per sweep.
 */
@ApplicationScoped
class KeepRunsSweep {

    private final TriggerRules rules;
    private final RunHousekeeping housekeeping;

    KeepRunsSweep(TriggerRules rules, RunHousekeeping housekeeping) {
        this.rules = rules;
        this.housekeeping = housekeeping;
    }

    @Scheduled(every = "${hookline.keep-runs-sweep-interval:5m}", delayed = "${hookline.keep-runs-sweep-interval:5m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        housekeeping.sweep(rules.triggers());
    }
}
