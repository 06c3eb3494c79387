package dev.hookline.bench;

import java.util.Arrays;
import java.util.List;

/** Percentiles over recorded latencies (nanoseconds), nearest-rank. */
final class Stats {

    private Stats() {
    }

    /** The {@code q} quantile of the first {@code n} (sorted) values, in milliseconds; NaN when there are none. */
    static double percentile(long[] sorted, int n, double q) {
        if (n == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * n);
        return sorted[Math.min(n - 1, Math.max(0, rank - 1))] / 1e6;
    }

    /** The {@code q} quantile of a list of millisecond values. */
    static double percentileMillis(List<Double> values, double q) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }

    static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "–";
        }
        return millis >= 100 ? String.format("%.0f", millis) : millis >= 10 ? String.format("%.1f", millis)
                : String.format("%.2f", millis);
    }
}
