package org.orrery.memory.arena;

import java.util.Objects;

/** Where one region sits in the arena: a byte offset and a size. */
public record RegionPlacement(Region region, long offset, long size) {

    public RegionPlacement {
        Objects.requireNonNull(region, "region");
    }

    /** One past the last byte. */
    long end() {
        return offset + size;
    }

    @Override
    public String toString() {
        return region + " [" + offset + ", " + (offset + size) + ")";
    }
}
