package org.orrery.wasm;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out the ranges of one tick to whichever worker asks first, each range exactly once. A
 * claim carries the tick it is for: a worker still finishing the previous tick can never take a
 * range of the next one (it would step it with the previous tick's state). One word holds both,
 * {@code (tick << 32) | next range}, so a claim is a single compare-and-set.
 */
public final class RangeClaims {

    private final AtomicLong next = new AtomicLong();
    private final int ranges;

    public RangeClaims(int ranges) {
        if (ranges < 1) {
            throw new IllegalArgumentException("ranges must be at least 1, was " + ranges);
        }
        this.ranges = ranges;
    }

    /** Makes the ranges of {@code tick} claimable, from range 0. The tick must be positive and increasing. */
    public void open(long tick) {
        next.set(tick << 32);
    }

    /** The next unclaimed range of {@code tick}, or -1 when none is left or another tick is open. */
    public int claim(long tick) {
        while (true) {
            long current = next.get();
            int range = (int) current;
            if (current >>> 32 != tick || range >= ranges) {
                return -1;
            }
            if (next.compareAndSet(current, current + 1)) {
                return range;
            }
        }
    }

    public int ranges() {
        return ranges;
    }
}
