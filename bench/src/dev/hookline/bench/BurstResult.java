package dev.hookline.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one burst showed, from the stand-in's log of every write and the runs' {@code completionTime}s, its checks, and
 * the Markdown they are printed as. All times are this machine's wall clock (the stand-in's arrival times and the
 * simulated Tekton's {@code completionTime}); the window figures use the stand-in's monotonic arrival times.
 * <p>
 * The burst begins at the first run's {@code completionTime} ({@code T0}): from then on a final state exists to be
 * written. The limit's own minimum is the earliest moment the stand-in's window would have accepted the last final if,
 * from {@code T0} on, every write had been sent the moment the window allowed: the window holding what it had accepted
 * in the 60 s before {@code T0}; first the non-final writes it accepted between {@code T0} and the last final (a
 * {@code pending} in flight when the burst began: they had to go first); then the finals, each no earlier than its run
 * finished. The {@code k}-th write of that schedule goes at {@code max(release, time of write k - limit + 60 s)}.
 */
final class BurstResult {

    static final double MAX_RATIO = 1.25;

    final int rate;
    final int limit;
    final int runs;
    final Duration runDuration;
    final Map<Integer, Long> answers;
    final long githubLatencyMillis;
    final Instant pushStart;
    final Instant pushEnd;
    /** Per commit sha of a created run, its {@code completionTime} (or {@code null} if it has none). */
    final Map<String, Instant> completions = new HashMap<>();

    int created;
    int unfinished;
    long unexpected;
    Instant burst;
    Instant lastCompletion;
    Instant lastFinal;
    int sent;
    int sentPending;
    int sentFinal;
    int refused;
    int refusedAfterFirstPause;
    int sentDuringPause;
    int finalsDelivered;
    int finalsTwice;
    int acceptedBeforeBurst;
    int windowAtBurst;
    int nonFinalsAfterBurst;
    int peakAccepted;
    int peakSent;
    double medianGapMillis = Double.NaN;
    Duration toLastFinal;
    Duration windowMinimum;
    Duration rateMinimum;

    BurstResult(int rate, int limit, int runs, Duration runDuration, Map<Integer, Long> answers, Instant pushStart,
            Instant pushEnd, long githubLatencyMillis) {
        this.rate = rate;
        this.limit = limit;
        this.runs = runs;
        this.runDuration = runDuration;
        this.answers = answers;
        this.githubLatencyMillis = githubLatencyMillis;
        this.pushStart = pushStart;
        this.pushEnd = pushEnd;
    }

    void analyse(List<GitHubStandIn.Write> log, long unexpectedRequests) {
        List<GitHubStandIn.Write> writes = log.stream().filter(w -> Bench.CONTEXT.equals(w.context()))
                .sorted(Comparator.comparingLong(GitHubStandIn.Write::nanos)).toList();
        unexpected = unexpectedRequests + log.size() - writes.size();
        created = completions.size();
        unfinished = (int) completions.values().stream().filter(Objects::isNull).count();
        burst = completions.values().stream().filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
        lastCompletion = completions.values().stream().filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);

        sent = writes.size();
        GitHubStandIn.Write firstRefusal = null;
        Map<String, Instant> finals = new HashMap<>();
        for (GitHubStandIn.Write w : writes) {
            boolean isFinal = !"pending".equals(w.state());
            if (isFinal) {
                sentFinal++;
            } else {
                sentPending++;
            }
            if (w.refused()) {
                refused++;
                if (firstRefusal == null) {
                    firstRefusal = w;
                } else {
                    refusedAfterFirstPause++;
                }
                continue;
            }
            if (isFinal && completions.containsKey(w.sha()) && finals.putIfAbsent(w.sha(), w.wall()) != null) {
                finalsTwice++;
            }
        }
        finalsDelivered = finals.size();
        lastFinal = finals.values().stream().max(Comparator.naturalOrder()).orElse(null);
        // A refusal asks for Retry-After seconds of quiet: anything that arrived in them did not wait.
        for (GitHubStandIn.Write r : writes.stream().filter(GitHubStandIn.Write::refused).toList()) {
            long until = r.nanos() + r.retryAfterSeconds() * 1_000_000_000L;
            sentDuringPause += (int) writes.stream().filter(w -> w.nanos() > r.nanos() && w.nanos() < until).count();
        }
        peakAccepted = peak(writes.stream().filter(w -> !w.refused()).mapToLong(GitHubStandIn.Write::nanos).toArray());
        peakSent = peak(writes.stream().mapToLong(GitHubStandIn.Write::nanos).toArray());
        if (burst != null && lastFinal != null) {
            minimum(writes.stream().filter(w -> !w.refused()).toList());
        }
    }

    /** The limit's own minimum (see the class comment) and the figures it is made of. */
    private void minimum(List<GitHubStandIn.Write> accepted) {
        long t0 = epochNanos(burst);
        long end = epochNanos(lastFinal);
        long window = SecondaryLimit.WINDOW_NANOS;
        List<Long> schedule = new ArrayList<>();
        List<Long> releases = new ArrayList<>();
        for (GitHubStandIn.Write w : accepted) {
            long at = epochNanos(w.wall());
            if (at < t0) {
                acceptedBeforeBurst++;
                if (at > t0 - window) {
                    schedule.add(at);
                }
            } else if (at <= end && "pending".equals(w.state())) {
                releases.add(t0);
            }
        }
        windowAtBurst = schedule.size();
        nonFinalsAfterBurst = releases.size();
        completions.values().stream().filter(Objects::nonNull).map(BurstResult::epochNanos).sorted().forEach(releases::add);
        long last = t0;
        for (long release : releases) {
            long at = schedule.size() >= limit ? Math.max(release, schedule.get(schedule.size() - limit) + window) : release;
            schedule.add(at);
            last = at;
        }
        windowMinimum = Duration.ofNanos(last - t0);
        rateMinimum = Duration.ofNanos((long) ((releases.size()) * 60e9 / limit));
        toLastFinal = Duration.ofNanos(end - t0);
        // Hookline's own pace in the burst: the time between one accepted write and the next.
        List<Double> gaps = new ArrayList<>();
        long previous = -1;
        for (GitHubStandIn.Write w : accepted) {
            long at = epochNanos(w.wall());
            if (at >= t0 && at <= end) {
                if (previous >= 0) {
                    gaps.add((at - previous) / 1e6);
                }
                previous = at;
            }
        }
        medianGapMillis = Stats.percentileMillis(gaps, 0.5);
    }

    /** The most arrival times in any 60 s, i.e. in {@code (t - 60 s, t]} for some arrival {@code t}. */
    private static int peak(long[] sorted) {
        int best = 0;
        int from = 0;
        for (int to = 0; to < sorted.length; to++) {
            while (sorted[from] + SecondaryLimit.WINDOW_NANOS <= sorted[to]) {
                from++;
            }
            best = Math.max(best, to - from + 1);
        }
        return best;
    }

    private static long epochNanos(Instant at) {
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }

    double ratio() {
        return toLastFinal == null || windowMinimum == null || windowMinimum.isZero() ? Double.NaN
                : (double) toLastFinal.toNanos() / windowMinimum.toNanos();
    }

    /** From the last push's answer to the first run's end: positive when the runs all existed before any finished. */
    Duration headStart() {
        return burst == null ? null : Duration.between(pushEnd, burst);
    }

    boolean passed() {
        return created == runs && unfinished == 0 && headStart() != null && !headStart().isNegative()
                && finalsDelivered == runs && finalsTwice == 0 && refusedAfterFirstPause == 0 && sentDuringPause == 0
                && ratio() <= MAX_RATIO && unexpected == 0;
    }

    String summary() {
        return String.format("burst at %d/min: %d of %d finals, %d writes sent, %d refused (%d after the first pause), "
                + "last final %s s after the burst, the limit's minimum %s s, ratio %.3f, peak %d accepted in 60 s", rate,
                finalsDelivered, runs, sent, refused, refusedAfterFirstPause, seconds(toLastFinal), seconds(windowMinimum),
                ratio(), peakAccepted);
    }

    static void header(StringBuilder md) {
        md.append("| burst | runs | Hookline writes/min | writes sent (pending + final) | refused: total / after the first "
                + "pause | finals delivered | burst → last final | the limit's minimum | ratio | peak writes in any 60 s "
                + "(accepted / sent) |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    }

    void row(StringBuilder md) {
        md.append(String.format("| %d in any 60 s, sliding | %d | %d | %d (%d + %d) | %d / %d | %d | %s s | %s s | %.3f | "
                + "%d / %d |%n", limit, runs, rate, sent, sentPending, sentFinal, refused, refusedAfterFirstPause,
                finalsDelivered, seconds(toLastFinal), seconds(windowMinimum), ratio(), peakAccepted, peakSent));
    }

    void details(StringBuilder md) {
        md.append(String.format("%nBurst at %d writes a minute: %d pushes on 16 connections created %d runs in %.1f s "
                + "(answers %s); runs took %d s, so they finished %s s after the last push was answered, within %s s of each "
                + "other. Before the first finished, %d `pending` states had been accepted (%d of them in the 60 s "
                + "before: the window the burst began with); %d more non-final writes were accepted after it, before "
                + "the last final; %d `pending` states were never sent (coalesced into their final). The limit's "
                + "minimum counts %d writes from the window and %d to go (%d non-final first, then %d finals); at a flat "
                + "%d a minute the same %d writes would take %s s. In the burst the stand-in saw one write every %s ms "
                + "(median; Hookline's interval at %d a minute is %d ms)%s.%n", rate, runs, created,
                Duration.between(pushStart, pushEnd).toMillis() / 1000.0, answers, runDuration.toSeconds(),
                seconds(headStart()), lastCompletion == null ? "–" : seconds(Duration.between(burst, lastCompletion)),
                acceptedBeforeBurst, windowAtBurst, nonFinalsAfterBurst, runs - sentPending, windowAtBurst,
                nonFinalsAfterBurst + created - unfinished, nonFinalsAfterBurst, created - unfinished, limit,
                nonFinalsAfterBurst + created - unfinished, seconds(rateMinimum), Stats.ms(medianGapMillis), rate,
                60_000 / rate, githubLatencyMillis > 0 ? "; the stand-in took " + githubLatencyMillis
                        + " ms to answer each write" : ""));
    }

    void checks(StringBuilder md) {
        String which = String.format(" (%d runs, %d/min)", runs, rate);
        check(md, "every push created its run" + which, created + " of " + runs, created == runs);
        check(md, "every run finished after the last push was answered" + which,
                headStart() == null ? "–" : seconds(headStart()) + " s after", headStart() != null
                        && !headStart().isNegative() && unfinished == 0);
        check(md, "every final state delivered, once" + which, finalsDelivered + " of " + runs + ", " + finalsTwice
                + " twice", finalsDelivered == runs && finalsTwice == 0);
        check(md, "no write refused after the first pause" + which, refusedAfterFirstPause + " (of " + refused
                + " refused)", refusedAfterFirstPause == 0);
        check(md, "nothing sent during a pause (`Retry-After` honoured)" + which, String.valueOf(sentDuringPause),
                sentDuringPause == 0);
        check(md, "burst → last final ≤ 1.25 × the limit's minimum" + which, String.format("%s s / %s s = %.3f",
                seconds(toLastFinal), seconds(windowMinimum), ratio()), ratio() <= MAX_RATIO);
        check(md, "no request the stand-in did not expect" + which, String.valueOf(unexpected), unexpected == 0);
    }

    private static void check(StringBuilder md, String check, String measured, boolean met) {
        md.append("| ").append(check).append(" | ").append(measured).append(" | ").append(met ? "passed" : "**FAILED**")
                .append(" |\n");
    }

    private static String seconds(Duration d) {
        return d == null ? "–" : String.format("%.1f", d.toMillis() / 1000.0);
    }
}
