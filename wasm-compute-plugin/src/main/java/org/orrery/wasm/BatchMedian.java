package org.orrery.wasm;

import java.util.Arrays;

/**
 * The median of a stream of samples, taken a batch at a time: once a batch is full it is sorted in
 * place, its median kept, and the next batch overwrites every slot. One thread; allocates nothing.
 */
final class BatchMedian {

    private final long[] batch;
    private int count;
    private long median;

    /** @param size samples a batch; {@code initial} stands until the first batch is full */
    BatchMedian(int size, long initial) {
        this.batch = new long[size];
        this.median = initial;
    }

    void add(long sample) {
        batch[count++] = sample;
        if (count == batch.length) {
            Arrays.sort(batch);
            median = batch[batch.length / 2];
            count = 0;
        }
    }

    /** The last full batch's median, or the initial value before one. */
    long median() {
        return median;
    }
}
