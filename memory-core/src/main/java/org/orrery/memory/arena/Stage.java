package org.orrery.memory.arena;

import java.util.List;
import org.orrery.memory.triple.TripleBuffer;

/** A pipeline stage that owns a triple buffer in the arena: its three slots and its control block. */
public enum Stage {
    COMPUTE(List.of(Region.COMPUTE_A, Region.COMPUTE_B, Region.COMPUTE_C)),
    LAYOUT(List.of(Region.LAYOUT_A, Region.LAYOUT_B, Region.LAYOUT_C));

    private final List<Region> slots;

    Stage(List<Region> slots) {
        this.slots = slots;
    }

    /** The three slot regions, A, B, C. */
    public List<Region> slots() {
        return slots;
    }

    /** Where this stage's triple-buffer control block starts inside the metadata region. */
    public long controlOffset() {
        return ordinal() * TripleBuffer.CONTROL_BYTES;
    }
}
