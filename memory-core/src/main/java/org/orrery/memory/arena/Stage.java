package org.orrery.memory.arena;

import java.util.List;

/** A pipeline stage that owns a triple buffer in the arena: its three slots and its control block. */
public enum Stage {
    COMPUTE(List.of(Region.COMPUTE_A, Region.COMPUTE_B, Region.COMPUTE_C), 0),
    LAYOUT(List.of(Region.LAYOUT_A, Region.LAYOUT_B, Region.LAYOUT_C), 32);

    private final List<Region> slots;
    private final long controlOffset;

    Stage(List<Region> slots, long controlOffset) {
        this.slots = slots;
        this.controlOffset = controlOffset;
    }

    /** The three slot regions, A, B, C. */
    public List<Region> slots() {
        return slots;
    }

    /** Where this stage's triple-buffer control block starts inside the metadata region. */
    public long controlOffset() {
        return controlOffset;
    }
}
