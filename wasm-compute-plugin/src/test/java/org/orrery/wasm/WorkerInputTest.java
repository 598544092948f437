package org.orrery.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.orrery.wasm.engine.WasmEngine;

/**
 * One worker's input, tick by tick, with the chunks it steps chosen by the test (the workers'
 * own choice depends on scheduling). The kernels step {@code out[i] = in[i] * factor + dt}.
 */
@ParameterizedClass(name = "{0}", autoCloseArguments = false)
@MethodSource("org.orrery.wasm.testing.TestEngines#all")
class WorkerInputTest {

    @Parameter
    WasmEngine engine;

    private static final int ITEMS = 1000;
    private static final ChunkRanges RANGES = new ChunkRanges(ITEMS, 4);
    private static final long STATE_BYTES = ITEMS * 4L;

    /** The frame of one tick: item i is {@code i + tick * 1000}, so every tick's values differ. */
    private static MemorySegment frame(Arena arena, int tick) {
        MemorySegment frame = arena.allocate(STATE_BYTES, 8);
        for (int i = 0; i < ITEMS; i++) {
            frame.setAtIndex(ValueLayout.JAVA_FLOAT, i, i + tick * 1000f);
        }
        return frame;
    }

    /** Steps the given chunks with factor 1 and dt 0.5 into {@code frame}, recording them stepped. */
    private static void step(KernelInstance instance, WorkerInput input, MemorySegment frame, int... chunks) {
        for (int chunk : chunks) {
            int first = RANGES.first(chunk);
            int count = RANGES.first(chunk + 1) - first;
            instance.step(first, count, 0.5f);
            instance.readState(first, count, frame, 0);
            input.stepped(chunk);
        }
    }

    /** Steps every item and checks that the input was {@code expectedInput}. */
    private static void assertInputIs(KernelInstance instance, MemorySegment expectedInput, Arena arena) {
        instance.step(0, ITEMS, 0.5f);
        MemorySegment out = arena.allocate(STATE_BYTES, 8);
        instance.readState(0, ITEMS, out, 0);
        for (int i = 0; i < ITEMS; i++) {
            assertThat(out.getAtIndex(ValueLayout.JAVA_FLOAT, i)).as("item %d", i)
                    .isEqualTo(expectedInput.getAtIndex(ValueLayout.JAVA_FLOAT, i) + 0.5f);
        }
    }

    @Test
    void aSwappingKernelKeepsTheChunksItSteppedAndIsGivenTheOthers() {
        try (Arena arena = Arena.ofConfined(); KernelInstance instance = TestHost.module(engine, "swapping").newInstance(ITEMS)) {
            instance.writeParameters(new double[] {1, 0});
            WorkerInput input = new WorkerInput(instance, RANGES);
            input.refresh(frame(arena, 0), 0, -1, 1);
            assertThat(instance.bytesIn()).as("the first tick copies the whole state").isEqualTo(STATE_BYTES);

            // Tick 1: this worker steps chunks 0 and 2; another one stepped 1 and 3, with other values.
            MemorySegment tick1 = frame(arena, 7);
            step(instance, input, tick1, 0, 2);
            input.refresh(tick1, 0, 1, 2);
            assertThat(instance.bytesIn() - STATE_BYTES).as("only chunks 1 and 3 are copied")
                    .isEqualTo(STATE_BYTES / 2);
            assertInputIs(instance, tick1, arena);
        }
    }

    @Test
    void theWholeStateIsCopiedWhenTheInputIsNotTheTickItSteppedInOrTheKernelCannotSwap() {
        for (String kernel : new String[] {"swapping", "scale"}) {
            try (Arena arena = Arena.ofConfined(); KernelInstance instance = TestHost.module(engine, kernel).newInstance(ITEMS)) {
                instance.writeParameters(new double[] {1, 0});
                WorkerInput input = new WorkerInput(instance, RANGES);
                input.refresh(frame(arena, 0), 0, -1, 1);
                MemorySegment tick1 = frame(arena, 7);
                step(instance, input, tick1, 1);
                // The input is tick 2's frame, which this worker took no part in: its chunk 1 is stale.
                MemorySegment tick2 = frame(arena, 9);
                input.refresh(tick2, 0, 2, 3);
                assertThat(instance.bytesIn()).as(kernel).isEqualTo(2 * STATE_BYTES);
                assertInputIs(instance, tick2, arena);
            }
        }
        try (Arena arena = Arena.ofConfined(); KernelInstance instance = TestHost.module(engine, "scale").newInstance(ITEMS)) {
            instance.writeParameters(new double[] {1, 0});
            WorkerInput input = new WorkerInput(instance, RANGES);
            input.refresh(frame(arena, 0), 0, -1, 1);
            MemorySegment tick1 = frame(arena, 7);
            step(instance, input, tick1, 0, 1, 2, 3);
            input.refresh(tick1, 0, 1, 2);
            assertThat(instance.bytesIn()).as("scale.wat cannot swap").isEqualTo(2 * STATE_BYTES);
            assertInputIs(instance, tick1, arena);
        }
    }
}
