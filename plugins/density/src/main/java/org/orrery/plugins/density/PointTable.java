package org.orrery.plugins.density;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;

/**
 * Loaded points, off-heap: {@link #count()} records of three floats (x, y, weight), sorted by y,
 * which is how the density kernel takes them as its parameter buffer. Owns its memory until
 * {@link #close()}; whoever is given {@link #records()} must be done with it by then.
 */
public final class PointTable implements AutoCloseable {

    public static final int FIELDS = 3;
    public static final long RECORD_BYTES = FIELDS * Float.BYTES;

    private final Arena arena;
    private final MemorySegment records;
    private final int count;
    private final Bounds bounds;
    private final List<RejectedLine> rejected;
    private final long rejectedCount;
    private final Duration loadTime;

    /** The smallest rectangle holding every point. */
    public record Bounds(float xMin, float xMax, float yMin, float yMax) {}

    PointTable(Arena arena, MemorySegment records, int count, Bounds bounds, List<RejectedLine> rejected,
               long rejectedCount, Duration loadTime) {
        this.arena = arena;
        this.records = records;
        this.count = count;
        this.bounds = bounds;
        this.rejected = List.copyOf(rejected);
        this.rejectedCount = rejectedCount;
        this.loadTime = loadTime;
    }

    /** The points, {@link #RECORD_BYTES} each. */
    public MemorySegment records() {
        return records;
    }

    public int count() {
        return count;
    }

    public Bounds bounds() {
        return bounds;
    }

    /** The first rejected lines (at most {@link PointLoader#REJECTED_KEPT}), in line order. */
    public List<RejectedLine> rejected() {
        return rejected;
    }

    /** Every rejected line, including those not kept in {@link #rejected()}. */
    public long rejectedCount() {
        return rejectedCount;
    }

    /** From the start of the load to the last point written. */
    public Duration loadTime() {
        return loadTime;
    }

    @Override
    public void close() {
        arena.close();
    }
}
