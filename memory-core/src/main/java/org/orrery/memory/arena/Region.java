package org.orrery.memory.arena;

/** The regions of the shared arena, in the order {@link ArenaLayout#packed} lays them out. */
public enum Region {
    /** Buffer indices, state flags and generations of both triple buffers. */
    METADATA,
    COMPUTE_A,
    COMPUTE_B,
    COMPUTE_C,
    LAYOUT_A,
    LAYOUT_B,
    LAYOUT_C,
    /** Read-mostly data kept across frames (for example an analyst's loaded columns). */
    RESULT_CACHE
}
