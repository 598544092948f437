package org.orrery.memory.arena;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.orrery.memory.triple.TripleBuffer;

/**
 * The byte layout of the shared arena: where each {@link Region} starts and how big it is.
 *
 * <p>Rules, checked at construction: every region is present once; every region starts on a
 * {@value #ALIGNMENT}-byte boundary (two cache lines, because of adjacent-line prefetch); regions
 * do not overlap and fit inside the arena; metadata is exactly {@value #METADATA_BYTES} bytes;
 * the three slots of a stage have the same, non-zero size. Because every region starts on a
 * boundary and none overlap, two regions never share a cache line, so threads writing different
 * regions never contend for one.
 */
public final class ArenaLayout {

    /** Alignment of every region: 128 bytes, a pair of 64-byte lines. */
    public static final long ALIGNMENT = 128;
    /** Size of the metadata region: one triple-buffer control block per {@link Stage}, 64 bytes. */
    public static final long METADATA_BYTES = 2 * TripleBuffer.CONTROL_BYTES;

    private final long totalBytes;
    private final Map<Region, RegionPlacement> placements;

    private ArenaLayout(long totalBytes, Map<Region, RegionPlacement> placements) {
        this.totalBytes = totalBytes;
        this.placements = placements;
    }

    /**
     * Lays the regions out one after another in {@link Region} order, each rounded up to the
     * alignment, the arena just large enough to hold them.
     *
     * @param computeSlotBytes size of each compute slot (A, B, C)
     * @param layoutSlotBytes size of each layout slot (A, B, C)
     * @param resultCacheBytes size of the result cache; may be 0
     */
    public static ArenaLayout packed(long computeSlotBytes, long layoutSlotBytes, long resultCacheBytes) {
        List<RegionPlacement> list = new ArrayList<>();
        long offset = 0;
        for (Region region : Region.values()) {
            long size = switch (region) {
                case METADATA -> METADATA_BYTES;
                case COMPUTE_A, COMPUTE_B, COMPUTE_C -> computeSlotBytes;
                case LAYOUT_A, LAYOUT_B, LAYOUT_C -> layoutSlotBytes;
                case RESULT_CACHE -> resultCacheBytes;
            };
            if (size < 0) {
                throw new ArenaLayoutException(region + " has a negative size (" + size + " bytes)");
            }
            list.add(new RegionPlacement(region, offset, size));
            offset = roundUp(addExact(offset, size, region), region);
        }
        return of(offset, list);
    }

    /**
     * A layout with explicit placements, validated.
     *
     * @throws ArenaLayoutException naming the region and the rule it breaks
     */
    public static ArenaLayout of(long totalBytes, List<RegionPlacement> regions) {
        if (totalBytes <= 0) {
            throw new ArenaLayoutException("arena size must be positive, was " + totalBytes + " bytes");
        }
        Map<Region, RegionPlacement> byRegion = new EnumMap<>(Region.class);
        for (RegionPlacement p : regions) {
            if (byRegion.put(p.region(), p) != null) {
                throw new ArenaLayoutException(p.region() + " is placed twice");
            }
            checkPlacement(p, totalBytes);
        }
        for (Region region : Region.values()) {
            if (!byRegion.containsKey(region)) {
                throw new ArenaLayoutException(region + " is missing from the layout");
            }
        }
        if (byRegion.get(Region.METADATA).size() != METADATA_BYTES) {
            throw new ArenaLayoutException("METADATA must be " + METADATA_BYTES + " bytes, was "
                    + byRegion.get(Region.METADATA).size());
        }
        for (Stage stage : Stage.values()) {
            List<Region> slots = stage.slots();
            long size = byRegion.get(slots.get(0)).size();
            for (Region slot : slots) {
                long s = byRegion.get(slot).size();
                if (s == 0) {
                    throw new ArenaLayoutException(slot + " is empty: a " + stage + " slot needs at least one byte");
                }
                if (s != size) {
                    throw new ArenaLayoutException(stage + " slots differ in size: " + slots.get(0) + " is "
                            + size + " bytes, " + slot + " is " + s);
                }
            }
        }
        List<RegionPlacement> sorted = new ArrayList<>(byRegion.values());
        sorted.sort(Comparator.comparingLong(RegionPlacement::offset));
        for (int i = 1; i < sorted.size(); i++) {
            RegionPlacement before = sorted.get(i - 1);
            RegionPlacement after = sorted.get(i);
            if (before.end() > after.offset()) {
                throw new ArenaLayoutException(before + " overlaps " + after);
            }
        }
        return new ArenaLayout(totalBytes, byRegion);
    }

    private static void checkPlacement(RegionPlacement p, long totalBytes) {
        if (p.offset() < 0 || p.size() < 0) {
            throw new ArenaLayoutException(p.region() + " has a negative offset or size (offset "
                    + p.offset() + ", size " + p.size() + ")");
        }
        if (p.offset() % ALIGNMENT != 0) {
            throw new ArenaLayoutException(p.region() + " is misaligned: offset " + p.offset()
                    + " is not a multiple of " + ALIGNMENT);
        }
        if (p.size() > totalBytes - p.offset()) {
            String end = p.offset() > Long.MAX_VALUE - p.size() ? "beyond 2^63" : Long.toString(p.end());
            throw new ArenaLayoutException(p.region() + " does not fit: it ends at byte " + end
                    + ", the arena has " + totalBytes + " bytes");
        }
    }

    private static long addExact(long a, long b, Region region) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new ArenaLayoutException(region + " does not fit: the layout would exceed 2^63 bytes");
        }
    }

    private static long roundUp(long offset, Region region) {
        return addExact(offset, (ALIGNMENT - offset % ALIGNMENT) % ALIGNMENT, region);
    }

    public long totalBytes() {
        return totalBytes;
    }

    public RegionPlacement placement(Region region) {
        return placements.get(region);
    }

    public long offset(Region region) {
        return placements.get(region).offset();
    }

    public long size(Region region) {
        return placements.get(region).size();
    }

    @Override
    public String toString() {
        return "ArenaLayout" + placements.values() + " in " + totalBytes + " bytes";
    }
}
