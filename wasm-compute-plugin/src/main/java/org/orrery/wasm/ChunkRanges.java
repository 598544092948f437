package org.orrery.wasm;

/** A tick's items cut into {@code chunks} ranges, as even as whole items allow. */
record ChunkRanges(int items, int chunks) {

    /** The first item of {@code chunk}; {@code first(chunks)} is the item count. */
    int first(int chunk) {
        return (int) ((long) items * chunk / chunks);
    }
}
