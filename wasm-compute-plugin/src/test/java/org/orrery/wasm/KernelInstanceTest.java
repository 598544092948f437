package org.orrery.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.orrery.api.kernel.KernelDescriptor;
import org.orrery.api.kernel.KernelDescriptorReader;
import org.orrery.wasm.engine.WasmEngine;

/** Real modules (assembled from src/test/wat by wabt) run through the real host, on each engine. */
@ParameterizedClass(name = "{0}", autoCloseArguments = false)
@MethodSource("org.orrery.wasm.testing.TestEngines#all")
class KernelInstanceTest {

    private static final int ITEMS = 1000;
    private static final StepWatchdog watchdog = TestHost.WATCHDOG;

    @Parameter
    WasmEngine engine;

    private KernelModule module(String name) {
        return TestHost.module(engine, name);
    }

    private static MemorySegment inputState(Arena arena) {
        MemorySegment state = arena.allocate(ITEMS * 4L, 8);
        for (int i = 0; i < ITEMS; i++) {
            state.setAtIndex(ValueLayout.JAVA_FLOAT, i, i * 0.5f);
        }
        return state;
    }

    @Test
    void stepsARangeAndReturnsTheNextState() throws Exception {
        try (Arena arena = Arena.ofConfined(); KernelInstance kernel = module("scale").newInstance(ITEMS)) {
            kernel.writeParameters(new double[] {3, 0});
            kernel.writeState(inputState(arena));
            kernel.step(0, ITEMS, 0.25f);
            MemorySegment out = arena.allocate(ITEMS * 4L, 8);
            kernel.readState(0, ITEMS, out, 0);
            for (int i = 0; i < ITEMS; i++) {
                assertThat(out.getAtIndex(ValueLayout.JAVA_FLOAT, i)).isEqualTo(i * 0.5f * 3 + 0.25f);
            }
            assertThat(kernel.bytesIn()).isEqualTo(ITEMS * 4L);
            assertThat(kernel.bytesOut()).isEqualTo(ITEMS * 4L);
        }
    }

    @Test
    void swappedStatesMakeAStepsOutputTheNextInputAndARangeWriteFillsTheRest() throws Exception {
        try (Arena arena = Arena.ofConfined(); KernelInstance kernel = module("swapping").newInstance(ITEMS);
             KernelInstance noSwap = module("scale").newInstance(ITEMS)) {
            assertThat(kernel.canSwapStates()).isTrue();
            assertThat(noSwap.canSwapStates()).isFalse();
            assertThatThrownBy(noSwap::swapStates).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("exports no orrery_swap_states");
            kernel.writeParameters(new double[] {3, 0});
            kernel.writeState(inputState(arena));
            kernel.step(0, ITEMS / 2, 0.25f); // the first half: item i is now i * 1.5 + 0.25
            kernel.swapStates();
            MemorySegment other = arena.allocate(ITEMS * 4L, 8);
            other.fill((byte) 0);
            other.setAtIndex(ValueLayout.JAVA_FLOAT, ITEMS - 1, 7f);
            kernel.writeState(other, 0, ITEMS / 2, ITEMS - ITEMS / 2); // the second half from elsewhere
            kernel.step(0, ITEMS, 0f);
            MemorySegment out = arena.allocate(ITEMS * 4L, 8);
            kernel.readState(0, ITEMS, out, 0);
            for (int i = 0; i < ITEMS / 2; i++) {
                assertThat(out.getAtIndex(ValueLayout.JAVA_FLOAT, i)).as("item %d", i).isEqualTo((i * 1.5f + 0.25f) * 3);
            }
            assertThat(out.getAtIndex(ValueLayout.JAVA_FLOAT, ITEMS / 2)).isZero();
            assertThat(out.getAtIndex(ValueLayout.JAVA_FLOAT, ITEMS - 1)).isEqualTo(21f);
            assertThat(kernel.bytesIn()).isEqualTo(ITEMS * 4L + (ITEMS - ITEMS / 2) * 4L);

            kernel.writeParameters(new double[] {3, 1}); // the swap now returns -101
            assertThatThrownBy(kernel::swapStates).isInstanceOf(KernelFault.class)
                    .hasMessageContaining("orrery_swap_states() returned -101")
                    .satisfies(e -> assertThat(((KernelFault) e).kind()).isEqualTo(KernelFault.Kind.KERNEL_ERROR));
            assertThat(kernel.isFaulted()).isTrue();
        }
    }

    @Test
    void aKernelWithResetMakesItsOwnStartingStateAndOneWithoutSaysSo() throws Exception {
        KernelModule scale = module("scale");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment start = arena.allocate(ITEMS * 4L, 8);
            scale.startingState(KernelSize.items(ITEMS), new double[] {1.5, 0}, start);
            for (int i = 0; i < ITEMS; i++) {
                assertThat(start.getAtIndex(ValueLayout.JAVA_FLOAT, i)).isEqualTo(i * 1.5f);
            }
        }
        KernelModule withoutReset = module("range_dependent");
        try (KernelInstance noReset = withoutReset.newInstance(10)) {
            assertThat(noReset.canReset()).isFalse();
            assertThatThrownBy(() -> noReset.reset(0, 10)).hasMessageContaining("exports no orrery_reset");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment start = arena.allocate(ITEMS * 4L, 8).fill((byte) 7);
            withoutReset.startingState(KernelSize.items(ITEMS), new double[withoutReset.descriptor().parameters().size()],
                    start);
            assertThat(start.toArray(ValueLayout.JAVA_BYTE)).as("zeros").containsOnly((byte) 0);
        }
        try (KernelInstance kernel = scale.newInstance(10)) {
            kernel.writeParameters(new double[] {1, 0});
            assertThatThrownBy(() -> kernel.reset(5, 10)).isInstanceOf(KernelFault.class)
                    .hasMessageContaining("orrery_reset(5, 10) returned -1");
        }
    }

    /** Growing moves linear memory: state must still go in and come out of the memory the kernel uses. */
    @Test
    void stateMovesInAndOutAfterTheMemoryGrows() throws Exception {
        try (Arena arena = Arena.ofConfined(); KernelInstance kernel = module("scale").newInstance(ITEMS)) {
            kernel.writeParameters(new double[] {2, 6});
            MemorySegment state = inputState(arena);
            for (int step = 1; step <= 4; step++) {
                kernel.writeState(state);
                kernel.step(0, ITEMS, 0f); // grows by a page, then doubles every item
                kernel.readState(0, ITEMS, state, 0);
                for (int i = 0; i < ITEMS; i += 97) {
                    assertThat(state.getAtIndex(ValueLayout.JAVA_FLOAT, i)).as("item %d after step %d", i, step)
                            .isEqualTo(i * 0.5f * (1 << step));
                }
            }
        }
    }

    /** A tick cut into 1, 2 or 7 ranges on separate instances assembles bit-identical state. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7})
    void aTickSplitIntoChunksGivesTheSameStateBitForBit(int chunks) throws Exception {
        KernelModule module = module("scale");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment in = inputState(arena);
            MemorySegment whole = arena.allocate(ITEMS * 4L, 8);
            try (KernelInstance one = module.newInstance(ITEMS)) {
                one.writeParameters(new double[] {-1.5, 0});
                one.writeState(in);
                one.step(0, ITEMS, 0.1f);
                one.readState(0, ITEMS, whole, 0);
            }
            MemorySegment merged = arena.allocate(ITEMS * 4L, 8);
            for (int c = 0; c < chunks; c++) {
                int first = ITEMS * c / chunks;
                int end = ITEMS * (c + 1) / chunks;
                try (KernelInstance worker = module.newInstance(ITEMS)) {
                    worker.writeParameters(new double[] {-1.5, 0});
                    worker.writeState(in);
                    worker.step(first, end - first, 0.1f);
                    worker.readState(first, end - first, merged, 0);
                }
            }
            assertThat(merged.mismatch(whole)).isEqualTo(-1);
        }
    }

    @Test
    void theHostImportsWork() throws Exception {
        try (KernelInstance kernel = module("scale").newInstance(10)) {
            kernel.writeParameters(new double[] {1, 5});
            kernel.step(0, 10, 0f);
            assertThat(kernel.isFaulted()).isFalse();
        }
    }

    @Test
    void refusesAMalformedModule() throws Exception {
        KernelModule garbage = new KernelModule(engine, watchdog, TestHost.scaleDescriptor("bad.wasm"), "bad.wasm",
                "this is not wasm".getBytes());
        assertThatThrownBy(() -> garbage.newInstance(10))
                .isInstanceOf(KernelFault.class)
                .hasMessageStartingWith("plugin 'scale', kernel bad.wasm: malformed module")
                .satisfies(e -> assertThat(((KernelFault) e).kind()).isEqualTo(KernelFault.Kind.MALFORMED_MODULE));
    }

    @Test
    void refusesAnAbiMismatchAMissingExportAndAForbiddenImport() {
        assertFault("wrong_abi", KernelFault.Kind.ABI_MISMATCH, "implements version 2, this host implements version 1");
        assertFault("missing_step", KernelFault.Kind.MISSING_EXPORT, "does not export function orrery_step");
        assertFault("wasi_import", KernelFault.Kind.FORBIDDEN_IMPORT, "may import only orrery.log and orrery.now_ns");
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // fails, rather than hangs, if init is not watched
    void anInitThatNeverReturnsIsStoppedWithinTheWarmUpAllowance() {
        assertThatThrownBy(() -> module("init_loop").newInstance(10))
                .isInstanceOf(KernelFault.class)
                .hasMessageContaining("plugin 'scale', kernel init_loop.wasm: ran past its budget: orrery_init used ")
                .hasMessageContaining("over its budget of 10,000 ms (the allowance while it warms up)")
                .satisfies(e -> assertThat(((KernelFault) e).kind()).isEqualTo(KernelFault.Kind.TIMEOUT));
    }

    @Test
    void eachStepsSummaryPartsCombineWithTheirReductions() throws Exception {
        try (Arena arena = Arena.ofConfined(); KernelInstance kernel = TestHost.summaryModule(engine, "summary").newInstance(ITEMS)) {
            kernel.writeParameters(new double[] {3, 0});
            kernel.writeState(inputState(arena)); // item i is i / 2
            assertThat(kernel.summaryCount()).isEqualTo(4);
            double[] whole = {0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0};
            kernel.step(100, 300, 0.25f);
            kernel.addSummary(whole);
            kernel.step(700, 50, 0.25f);
            kernel.addSummary(whole);
            // items 100..399 and 700..749 of the input state, whatever the step wrote
            double total = 0;
            for (int i = 100; i < 400; i++) {
                total += i * 0.5;
            }
            for (int i = 700; i < 750; i++) {
                total += i * 0.5;
            }
            assertThat(whole).containsExactly(total, 50, 374.5, 350);
        }
        try (KernelInstance plain = module("scale").newInstance(ITEMS)) {
            double[] untouched = {7};
            plain.addSummary(untouched);
            assertThat(plain.summaryCount()).isZero();
            assertThat(untouched).containsExactly(7);
        }
    }

    /** scale.wat exports none of orrery_grid_shape, orrery_buffer_ptr and orrery_summary_ptr. */
    @Test
    void refusesAGridOrBufferDescriptorWhoseModuleLacksTheExportItNeeds() throws Exception {
        String items = "\"items\": { \"default\": 1000, \"min\": 1, \"max\": 100000 },";
        String text = TestHost.scaleDescriptorJson("scale", "scale.wasm");
        KernelDescriptor grid = KernelDescriptorReader.read(text.replace(items, "").replace("\"lanes\": 1",
                "\"lanes\": 1, \"grid\": { \"width\": 10, \"height\": 10 }"), "grid");
        assertThatThrownBy(() -> new KernelModule(engine, watchdog, grid, "scale.wasm", TestHost.kernel("scale.wasm"))
                .newInstance(KernelSize.grid(10, 10)))
                .isInstanceOf(KernelFault.class)
                .satisfies(e -> assertThat(((KernelFault) e).kind()).isEqualTo(KernelFault.Kind.MISSING_EXPORT))
                .hasMessageContaining("orrery_grid_shape, which it needs because it is a grid kernel");
        KernelDescriptor buffered = KernelDescriptorReader.read(text.replace("\"budget\"",
                "\"buffer\": { \"name\": \"points\", \"fields\": [\"x\"], \"maxRecords\": 4 }, \"budget\""), "buffer");
        assertThatThrownBy(() -> new KernelModule(engine, watchdog, buffered, "scale.wasm", TestHost.kernel("scale.wasm"))
                .newInstance(ITEMS))
                .isInstanceOf(KernelFault.class)
                .hasMessageContaining("orrery_buffer_ptr, which it needs because its descriptor declares a buffer");
        assertThatThrownBy(() -> TestHost.summaryModule(engine, "scale").newInstance(ITEMS))
                .isInstanceOf(KernelFault.class)
                .hasMessageContaining("orrery_summary_ptr, which it needs because its descriptor declares summary values");
        try (KernelInstance plain = module("scale").newInstance(ITEMS); Arena arena = Arena.ofConfined()) {
            assertThatThrownBy(() -> plain.writeBuffer(arena.allocate(4), 1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("declares no parameter buffer");
        }
    }

    @Test
    void refusesAModuleDeclaringMoreInitialMemoryThanItsBudgetBeforeInstantiatingIt() {
        assertFault("memory_hog", KernelFault.Kind.MEMORY_BUDGET, "declares 100 pages (6553600 bytes) of initial memory");
    }

    private void assertFault(String module, KernelFault.Kind kind, String phrase) {
        assertThatThrownBy(() -> module(module).newInstance(10))
                .isInstanceOf(KernelFault.class)
                .hasMessageContaining("plugin 'scale', kernel " + module + ".wasm")
                .hasMessageContaining(phrase)
                .satisfies(e -> assertThat(((KernelFault) e).kind()).isEqualTo(kind));
    }

    @Test
    void aTrapAnErrorCodeATimeoutAndMemoryGrowthEachStopOnlyTheirInstance() throws Exception {
        KernelModule module = module("scale");
        try (KernelInstance healthy = module.newInstance(10)) {
            healthy.writeParameters(new double[] {1, 0});
            assertStepFault(module, 1, KernelFault.Kind.TRAP, "unreachable");
            assertStepFault(module, 8, KernelFault.Kind.TRAP, "bounds");
            assertStepFault(module, 4, KernelFault.Kind.KERNEL_ERROR, "returned -101: kernel-specific error -101");
            assertStepFault(module, 2, KernelFault.Kind.TIMEOUT, "over its budget of 200 ms");
            // With room in time: on a busy two-core machine a cold step can pass 200 ms (a full
            // test run saw it once), and the time-out would then hide the memory fault under test.
            KernelModule roomy = TestHost.module(engine, "scale", 10_000);
            assertStepFault(roomy, 3, KernelFault.Kind.MEMORY_BUDGET, "grew to 33619968 bytes, the budget is 4194304");
            // Stopped as the memory grows: the loop after the growth never reaches the time budget.
            assertStepFault(roomy, 7, KernelFault.Kind.MEMORY_BUDGET, "the budget is 4194304");
            healthy.step(0, 10, 1f); // the others' faults left this one running
            assertThat(healthy.isFaulted()).isFalse();
        }
    }

    private void assertStepFault(KernelModule module, int behaviour, KernelFault.Kind kind, String phrase) {
        KernelInstance kernel = module.newInstance(10);
        kernel.writeParameters(new double[] {1, 0});
        for (int i = 0; i < KernelInstance.WARM_UP_STEPS; i++) {
            kernel.step(0, 10, 1f); // past the warm-up allowance: the descriptor's budget applies
        }
        kernel.writeParameters(new double[] {1, behaviour});
        assertThatThrownBy(() -> kernel.step(0, 10, 1f))
                .isInstanceOf(KernelFault.class)
                .hasMessageContaining("plugin 'scale', kernel scale.wasm")
                .hasMessageContaining(phrase)
                .satisfies(e -> assertThat(((KernelFault) e).kind()).isEqualTo(kind));
        assertThat(kernel.isFaulted()).isTrue();
        assertThatThrownBy(() -> kernel.step(0, 10, 1f)).as("a faulted kernel stays stopped").isInstanceOf(KernelFault.class);
        // Its memory is gone with its context: copies are refused, never made.
        MemorySegment state = Arena.ofAuto().allocate(40);
        assertThatThrownBy(() -> kernel.writeState(state)).isInstanceOf(KernelFault.class);
        assertThatThrownBy(() -> kernel.readState(0, 10, state, 0)).isInstanceOf(KernelFault.class);
    }

    @Test
    void refusesAnItemCountOutsideTheDescriptorAndAnOutOfRangeStep() throws Exception {
        KernelModule module = module("scale");
        assertThatThrownBy(() -> module.newInstance(100_001))
                .hasMessageContaining("scale: 100001 items is outside the item count [1, 100000]");
        KernelInstance kernel = module.newInstance(10);
        kernel.writeParameters(new double[] {1, 0});
        assertThatThrownBy(() -> kernel.step(5, 10, 1f)).hasMessageContaining("returned -1: range outside");
    }

    /** The build starts test JVMs as the product must start: with the Graal compiler (see the pom). */
    @Test
    void theOptimizingRuntimeRunsWhenTheJvmIsStartedForIt() {
        assertThat(engine.isOptimizing()).as("engine %s", engine.description()).isTrue();
        assertThat(engine.interpreterWarning()).isEmpty();
    }
}
