package org.orrery.wasm.validate;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.orrery.api.kernel.DescriptorException;
import org.orrery.api.kernel.KernelDescriptor;
import org.orrery.api.kernel.KernelDescriptorReader;
import org.orrery.api.kernel.ParameterSpec;
import org.orrery.wasm.KernelFault;
import org.orrery.wasm.KernelInstance;
import org.orrery.wasm.KernelModule;
import org.orrery.wasm.KernelSize;
import org.orrery.wasm.KernelWarmUp;
import org.orrery.wasm.StepWatchdog;
import org.orrery.wasm.engine.EngineChoice;
import org.orrery.wasm.engine.WasmEngine;
import org.orrery.wasm.graal.GraalWasmEngine;
import org.orrery.wasm.wasmtime.WasmtimeEngine;

/**
 * What a plugin author runs before publishing: reads the descriptor, loads each module through the
 * real host, runs a few steps on seeded random state, checks that two instances agree bit for bit
 * and that a tick cut in two ranges gives the same state as one range, times the steps, and prints
 * a report. Exit status 0 when everything holds, 1 when something does not, 2 on bad arguments.
 *
 * <p>usage: {@code validate-plugin PLUGIN_DIR [--items N | --grid WxH] [--steps N]}
 */
public final class PluginValidator {

    /** Enough made-up records to exercise a buffer loop, few enough to stay quick. */
    private static final int SAMPLE_RECORDS = 1 << 16;
    /** The longest a module is warmed up before its steps are timed (the host's limit too). */
    private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(10);
    private static final String USAGE = "usage: validate-plugin PLUGIN_DIR [--items N | --grid WxH] [--steps N]";

    private final PrintStream out;
    private final List<String> problems = new ArrayList<>();

    private PluginValidator(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Validates and prints the report; returns the exit status. */
    public static int run(String[] args, PrintStream out) {
        Path dir = null;
        KernelSize size = null;
        int steps = 10;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--items" -> size = KernelSize.items(Integer.parseInt(args[++i]));
                    case "--grid" -> size = grid(args[++i]);
                    case "--steps" -> steps = Integer.parseInt(args[++i]);
                    default -> {
                        if (dir != null || args[i].startsWith("--")) {
                            throw new IllegalArgumentException("unexpected argument: " + args[i]);
                        }
                        dir = Path.of(args[i]);
                    }
                }
            }
            if (dir == null) {
                throw new IllegalArgumentException("name the plugin's folder");
            }
            if (steps < 1) {
                throw new IllegalArgumentException("--steps must be at least 1");
            }
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            out.println("validate-plugin: " + (e instanceof ArrayIndexOutOfBoundsException ? "an option needs a value"
                    : e.getMessage()));
            out.println(USAGE);
            return 2;
        }
        return new PluginValidator(out).validate(dir, size, steps);
    }

    private static KernelSize grid(String shape) {
        String[] sides = shape.split("x", -1);
        if (sides.length != 2) {
            throw new IllegalArgumentException("--grid takes WIDTHxHEIGHT, for example 512x512, was " + shape);
        }
        return KernelSize.grid(Integer.parseInt(sides[0]), Integer.parseInt(sides[1]));
    }

    private int validate(Path dir, KernelSize requestedSize, int steps) {
        out.println("Plugin folder: " + dir.toAbsolutePath().normalize());
        KernelDescriptor descriptor;
        try {
            descriptor = KernelDescriptorReader.read(Files.readString(dir.resolve("kernel.json")),
                    dir.resolve("kernel.json").toString());
        } catch (NoSuchFileException e) {
            return fail("no kernel.json in the folder");
        } catch (IOException e) {
            return fail("cannot read kernel.json: " + e.getMessage());
        } catch (DescriptorException e) {
            return fail(e.getMessage());
        }
        out.printf("  descriptor  ok: %s %s \"%s\", ABI %d, %d parameter(s), state %s x %d (%d bytes per item)%n",
                descriptor.id(), descriptor.version(), descriptor.name(), descriptor.abiVersion(),
                descriptor.parameters().size(), descriptor.state().element().name().toLowerCase(Locale.ROOT),
                descriptor.state().lanes(), descriptor.state().stride());
        KernelSize size = requestedSize != null ? requestedSize : KernelSize.defaultFor(descriptor);
        try {
            size.checkAgainst(descriptor);
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        try (WasmEngine graalWasm = new GraalWasmEngine(); StepWatchdog watchdog = new StepWatchdog()) {
            List<WasmEngine> engines = EngineChoice.AUTO.engines(graalWasm);
            for (WasmEngine engine : engines) {
                out.println("  engine      " + engine.description()
                        + (engine.isOptimizing() ? "" : " (INTERPRETER: timings are not representative)"));
            }
            if (engines.size() == 1) {
                out.println("  engine      Wasmtime unavailable, not checked: "
                        + WasmtimeEngine.whyUnavailable().orElse("unknown reason"));
            }
            List<String> modules = new ArrayList<>(List.of(descriptor.module()));
            descriptor.simdModule().ifPresent(modules::add);
            for (String file : modules) {
                Map<String, Optional<MemorySegment>> results = new LinkedHashMap<>();
                try (Arena arena = Arena.ofConfined()) {
                    for (WasmEngine engine : engines) {
                        results.put(engine.name(), checkModule(engine, watchdog, descriptor, dir, file, size, steps, arena));
                    }
                    compareEngines(file, steps, results);
                }
            }
        }
        if (problems.isEmpty()) {
            out.println("Result: the plugin is valid.");
            return 0;
        }
        out.println("Result: " + problems.size() + " problem(s):");
        problems.forEach(p -> out.println("  - " + p));
        return 1;
    }

    /**
     * Checks one module on one engine; the state after {@code steps} steps (allocated in
     * {@code arena}), or empty if the module faulted or could not be read.
     */
    private Optional<MemorySegment> checkModule(WasmEngine engine, StepWatchdog watchdog, KernelDescriptor descriptor,
                                                Path dir, String file, KernelSize size, int steps, Arena arena) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(dir.resolve(file));
        } catch (IOException e) {
            problem(file + ": cannot read the module (" + e.getMessage() + ")");
            return Optional.empty();
        }
        KernelModule module = new KernelModule(engine, watchdog, descriptor, file, bytes);
        double[] parameters = descriptor.parameters().stream().mapToDouble(ParameterSpec::defaultValue).toArray();
        long stateBytes = descriptor.stateBytes(size.items());
        try {
            MemorySegment initial = arena.allocate(Math.max(1, stateBytes), 16);
            String start = startingState(module, parameters, initial, size);
            // As the host does before a plugin's first frame: the steps timed below run compiled code.
            KernelWarmUp.Settled settled = KernelWarmUp.settle(module, size, initial, WARM_UP_LIMIT);
            MemorySegment first = arena.allocate(Math.max(1, stateBytes), 16);
            MemorySegment second = arena.allocate(Math.max(1, stateBytes), 16);
            MemorySegment split = arena.allocate(Math.max(1, stateBytes), 16);
            Run timed = run(module, parameters, initial, first, size, steps, 1);
            run(module, parameters, initial, second, size, steps, 1);
            run(module, parameters, initial, split, size, steps, 2);
            out.printf("  %-22s ok: loads, exports, ABI, init for %s, %s%n", file + " on " + engine.name(), size, start);
            check("determinism", first.mismatch(second) == -1,
                    "two instances given the same state agree bit for bit after " + steps + " step(s)",
                    file + ": two instances given the same input produced different states (not deterministic)");
            check("two ranges", first.mismatch(split) == -1,
                    "a tick cut in two ranges gives the same state as one range",
                    file + ": stepping the items as two ranges gave a different state than one range; "
                            + "a step must write only its range from the previous state");
            MemorySegment swapped = arena.allocate(Math.max(1, stateBytes), 16);
            if (swappedRun(module, parameters, initial, swapped, size, steps)) {
                check("swapped states", first.mismatch(swapped) == -1,
                        "two workers that swap states (orrery_swap_states) give the same state as copying it in",
                        file + ": two workers that swap states (orrery_swap_states) and are given the other's range "
                                + "gave a different state than copying the whole state in; the swap must trade the "
                                + "input and output state, so that orrery_state_in_ptr and orrery_state_out_ptr "
                                + "return each other's former address");
            }
            if (descriptor.buffer().isPresent()) {
                line("buffer", "ok", timed.sampleRecords() > 0
                        ? timed.sampleRecords() + " made-up records stepped over (orrery_buffer_sample)"
                        : "stepped with the buffer empty (no orrery_buffer_sample to make records)");
            }
            stepTime(descriptor, file + " on " + engine.name(), size, steps, settled, timed);
            return Optional.of(first);
        } catch (KernelFault f) {
            problem(f.getMessage() + " (on " + engine.name() + ")");
            return Optional.empty();
        }
    }

    /**
     * The engines must agree: the same state after the same steps, bit for bit, and a fault on
     * one engine only is a problem of its own (the kernel depends on something an engine does not
     * promise, such as reading memory it never wrote).
     */
    private void compareEngines(String file, int steps, Map<String, Optional<MemorySegment>> results) {
        if (results.size() < 2) {
            return;
        }
        List<String> ran = results.entrySet().stream().filter(e -> e.getValue().isPresent()).map(Map.Entry::getKey).toList();
        List<String> faulted = results.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
        if (ran.isEmpty()) {
            return; // the fault is reported on each engine already
        }
        if (!faulted.isEmpty()) {
            check("engines agree", false, "", file + ": runs on " + String.join(", ", ran) + " but fails on "
                    + String.join(", ", faulted));
            return;
        }
        MemorySegment reference = results.get(ran.getFirst()).orElseThrow();
        for (String other : ran.subList(1, ran.size())) {
            long at = reference.mismatch(results.get(other).orElseThrow());
            check("engines agree", at == -1, "the state after " + steps + " step(s) is the same bit for bit on "
                    + String.join(" and ", ran), file + ": " + ran.getFirst() + " and " + other + " disagree after "
                    + steps + " step(s), first at byte " + at + " of the state");
        }
    }

    /** The steps' total and longest nanos, and the sample records stepped over. */
    private record Run(long total, long max, int sampleRecords) {}

    /**
     * Runs {@code steps} ticks, each cut into {@code ranges} ranges, over the kernel's made-up
     * buffer records if it has a buffer and makes them ({@code orrery_buffer_sample}).
     */
    private static Run run(KernelModule module, double[] parameters, MemorySegment initial, MemorySegment result,
                           KernelSize size, int steps, int ranges) {
        int items = size.items();
        MemorySegment.copy(initial, 0, result, 0, initial.byteSize());
        long total = 0;
        long max = 0;
        int sampleRecords;
        try (KernelInstance kernel = module.newInstance(size)) {
            kernel.writeParameters(parameters);
            sampleRecords = kernel.sampleBuffer(SAMPLE_RECORDS);
            for (int s = 0; s < steps; s++) {
                kernel.writeState(result);
                long start = System.nanoTime();
                for (int r = 0; r < ranges; r++) {
                    int from = (int) ((long) items * r / ranges);
                    int to = (int) ((long) items * (r + 1) / ranges);
                    kernel.step(from, to - from, 1 / 60f);
                }
                long took = System.nanoTime() - start;
                total += took;
                max = Math.max(max, took);
                kernel.readState(0, items, result, 0);
            }
        }
        return new Run(total, max, sampleRecords);
    }

    /**
     * Runs {@code steps} ticks as two workers whose kernels swap their states between ticks, each
     * given the other's range of the frame, as the host's workers do: worker 0 steps the first
     * half of the items, worker 1 the rest.
     *
     * @return false, having run nothing, if the kernel does not export {@code orrery_swap_states}
     */
    private static boolean swappedRun(KernelModule module, double[] parameters, MemorySegment initial,
                                   MemorySegment result, KernelSize size, int steps) {
        int items = size.items();
        int half = items / 2;
        MemorySegment.copy(initial, 0, result, 0, initial.byteSize());
        try (KernelInstance first = module.newInstance(size); KernelInstance second = module.newInstance(size)) {
            if (!first.canSwapStates()) {
                return false;
            }
            for (KernelInstance kernel : List.of(first, second)) {
                kernel.writeParameters(parameters);
                kernel.sampleBuffer(SAMPLE_RECORDS);
                kernel.writeState(result);
            }
            for (int s = 0; s < steps; s++) {
                if (s > 0) {
                    first.swapStates();
                    first.writeState(result, 0, half, items - half);
                    second.swapStates();
                    second.writeState(result, 0, 0, half);
                }
                first.step(0, half, 1 / 60f);
                second.step(half, items - half, 1 / 60f);
                first.readState(0, half, result, 0);
                second.readState(half, items - half, result, 0);
            }
        }
        return true;
    }

    /**
     * The steps' times against the descriptor's budget, measured after the module settled, as the
     * host measures them: the engine compiles during the warm-up, before the budget applies.
     */
    private void stepTime(KernelDescriptor descriptor, String file, KernelSize size, int steps,
                          KernelWarmUp.Settled settled, Run timed) {
        double mean = timed.total() / 1e6 / steps;
        double max = timed.max() / 1e6;
        String measured = String.format(Locale.ROOT, "first step %.1f ms (cold), settled after %.0f ms; then %d steps:"
                        + " mean %.3f ms, max %.3f ms; budget %d ms", settled.firstStepNanos() / 1e6,
                settled.steadyAfterNanos() / 1e6, steps, mean, max, descriptor.stepBudgetMillis());
        check("step time", max <= descriptor.stepBudgetMillis(), measured, String.format(Locale.ROOT,
                "%s: a step of %s took up to %.1f ms (mean %.1f ms), over its budget of %d ms (budget.stepMillis);"
                        + " the host stops a step that runs past its budget. Set \"stepMillis\" to at least %d"
                        + " (twice the slowest step measured here), or lower the default size",
                file, size, max, mean, descriptor.stepBudgetMillis(), suggestedBudget(max)));
    }

    /** Twice the slowest step, rounded up to whole milliseconds (at least 1). */
    static long suggestedBudget(double slowestMillis) {
        return Math.max(1, (long) Math.ceil(2 * slowestMillis));
    }

    /** Prints one check's line and, if it failed, records the problem. */
    private void check(String name, boolean passed, String passedText, String problem) {
        line(name, passed ? "ok" : "FAILED", passed ? passedText : problem);
        if (!passed) {
            problem(problem);
        }
    }

    private void line(String check, String result, String text) {
        out.printf("    %-20s %s: %s%n", check, result, text);
    }

    /** The module's own starting state if it exports orrery_reset, else a random one; says which. */
    private static String startingState(KernelModule module, double[] parameters, MemorySegment state,
                                        KernelSize size) {
        try {
            module.startingState(size, parameters, state);
            return "starting state from orrery_reset";
        } catch (IllegalStateException noReset) {
            randomState(module.descriptor(), state, size.items());
            return "random starting state (no orrery_reset)";
        }
    }

    private static void randomState(KernelDescriptor descriptor, MemorySegment state, int items) {
        SplittableRandom random = new SplittableRandom(7);
        long values = (long) items * descriptor.state().lanes();
        for (long i = 0; i < values; i++) {
            switch (descriptor.state().element()) {
                case F32 -> state.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) random.nextDouble(-1, 1));
                case F64 -> state.setAtIndex(ValueLayout.JAVA_DOUBLE, i, random.nextDouble(-1, 1));
                case I32, U32 -> state.setAtIndex(ValueLayout.JAVA_INT, i, random.nextInt(1000));
            }
        }
    }

    private void problem(String text) {
        problems.add(text);
    }

    private int fail(String text) {
        problem(text);
        out.println("Result: 1 problem(s):");
        out.println("  - " + text);
        return 1;
    }
}
