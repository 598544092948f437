package org.orrery.bench.pipeline;

import java.util.Arrays;

/**
 * Samples of one measure (nanoseconds) in a preallocated array, with percentiles computed on
 * demand off the sampling thread's hot loop. Samples past the capacity are dropped.
 */
final class FrameStats {

    private final long[] samples;
    private final long[] sorted;
    private int count;

    FrameStats(int capacity) {
        samples = new long[capacity];
        sorted = new long[capacity];
    }

    void add(long nanos) {
        if (count < samples.length) {
            samples[count++] = nanos;
        }
    }

    int count() {
        return count;
    }

    void clear() {
        count = 0;
    }

    /** Sorts a copy; call before the percentile and deviation readers. */
    void sort() {
        System.arraycopy(samples, 0, sorted, 0, count);
        Arrays.sort(sorted, 0, count);
    }

    /** Percentile in milliseconds of the last {@link #sort()}; NaN when empty. */
    double percentileMillis(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(count - 1, Math.ceil(p / 100.0 * count) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    double maxMillis() {
        return count == 0 ? Double.NaN : sorted[count - 1] / 1e6;
    }

    /** Standard deviation in milliseconds: the jitter of a frame interval. */
    double deviationMillis() {
        if (count < 2) {
            return Double.NaN;
        }
        double mean = 0;
        for (int i = 0; i < count; i++) {
            mean += samples[i];
        }
        mean /= count;
        double squares = 0;
        for (int i = 0; i < count; i++) {
            double d = samples[i] - mean;
            squares += d * d;
        }
        return Math.sqrt(squares / (count - 1)) / 1e6;
    }
}
