package org.orrery.wasm;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Brings one worker's instance's input state up to each tick's input, copying as little as it
 * can. The input of a tick is the frame the tick before made, range by range, on all workers. A
 * kernel that exports {@code orrery_swap_states} still holds the ranges this worker stepped in
 * its output state: when the input is the frame of the tick this worker last stepped in, it
 * swaps, and copies in only the ranges other workers stepped. Otherwise, or without the export,
 * it copies the whole state. Used by the worker's thread alone.
 */
final class WorkerInput {

    private final KernelInstance instance;
    private final ChunkRanges ranges;
    /** The chunks this instance stepped in {@link #steppedTick}. */
    private final boolean[] stepped;
    private long steppedTick = Long.MIN_VALUE; // none yet: never an input's tick

    WorkerInput(KernelInstance instance, ChunkRanges ranges) {
        this.instance = instance;
        this.ranges = ranges;
        this.stepped = new boolean[ranges.chunks()];
    }

    /**
     * Makes the instance's input state {@code input} (the whole state at {@code inputOffset}), the
     * frame made by tick {@code inputTick}, before this worker steps chunks of tick {@code tick}.
     */
    void refresh(MemorySegment input, long inputOffset, long inputTick, long tick) {
        if (steppedTick == inputTick && instance.canSwapStates()) {
            instance.swapStates();
            writeChunksNotStepped(input, inputOffset);
        } else {
            instance.writeState(input, inputOffset);
        }
        Arrays.fill(stepped, false);
        steppedTick = tick;
    }

    /** Records that the instance stepped {@code chunk} of the tick it was last refreshed for. */
    void stepped(int chunk) {
        stepped[chunk] = true;
    }

    /** Copies in the input's chunks this instance did not step, each run of neighbours in one copy. */
    private void writeChunksNotStepped(MemorySegment input, long inputOffset) {
        int chunk = 0;
        while (chunk < stepped.length) {
            if (stepped[chunk]) {
                chunk++;
                continue;
            }
            int runStart = chunk;
            while (chunk < stepped.length && !stepped[chunk]) {
                chunk++;
            }
            int first = ranges.first(runStart);
            instance.writeState(input, inputOffset, first, ranges.first(chunk) - first);
        }
    }
}
