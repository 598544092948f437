package org.orrery.bench.kernel;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Value;
import com.dylibso.chicory.wasm.types.ValType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The other JVM WebAssembly engine: Chicory 1.7.5 in compiler mode (the module translated to JVM
 * bytecode, which HotSpot's C2 then compiles), running a reference kernel on one thread the way
 * the V8 driver does: one full step per tick, then the output copied back to the input. Every
 * function must compile; falling back to Chicory's interpreter fails the run. Prints steps/s
 * after a warm-up. Run by {@code scripts/bench-kernels}.
 *
 * <p>usage: {@code ChicoryThroughput nbody|heat KERNEL.wasm ITEMS WARMUP_SECONDS SECONDS}
 */
public final class ChicoryThroughput {

    private ChicoryThroughput() {}

    public static void main(String[] args) throws Exception {
        ReferenceKernel kernel = ReferenceKernel.named(args[0]);
        int items = Integer.parseInt(args[2]);
        double warmup = Double.parseDouble(args[3]);
        double seconds = Double.parseDouble(args[4]);
        WasmModule module = Parser.parse(Files.readAllBytes(Path.of(args[1])));
        HostFunction log = new HostFunction("orrery", "log",
                FunctionType.of(List.of(ValType.I32, ValType.I32), List.of()), (instance, a) -> {
                    System.err.println(instance.memory().readString((int) a[0], (int) a[1]));
                    return null;
                });
        HostFunction now = new HostFunction("orrery", "now_ns", FunctionType.of(List.of(), List.of(ValType.I64)),
                (instance, a) -> new long[] {System.nanoTime()});
        Instance instance = Instance.builder(module)
                .withImportValues(ImportValues.builder().addFunction(log, now).build())
                .withMachineFactory(MachineFactoryCompiler.builder(module)
                        .withInterpreterFallback(InterpreterFallback.FAIL).compile())
                .build();
        if (instance.export("orrery_init").apply(items)[0] != 0) {
            throw new IllegalStateException("orrery_init failed");
        }
        Memory memory = instance.memory();
        int paramsAt = (int) instance.export("orrery_params_ptr").apply()[0];
        double[] parameters = kernel.parameters();
        for (int i = 0; i < parameters.length; i++) {
            memory.writeF64(paramsAt + i * Double.BYTES, parameters[i]);
        }
        int inAt = (int) instance.export("orrery_state_in_ptr").apply()[0];
        int outAt = (int) instance.export("orrery_state_out_ptr").apply()[0];
        int stateBytes = Math.toIntExact(kernel.descriptor().stateBytes(items));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment initial = kernel.initialState(arena, items);
            memory.write(inAt, initial.toArray(ValueLayout.JAVA_BYTE));
        }
        ExportFunction step = instance.export("orrery_step");
        long dt = Value.floatToLong(0.001f);
        runFor(step, memory, items, dt, inAt, outAt, stateBytes, warmup);
        long start = System.nanoTime();
        long steps = runFor(step, memory, items, dt, inAt, outAt, stateBytes, seconds);
        System.out.printf("%.2f%n", steps / ((System.nanoTime() - start) / 1e9));
    }

    private static long runFor(ExportFunction step, Memory memory, int items, long dt, int inAt, int outAt,
            int stateBytes, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long steps = 0;
        while (System.nanoTime() < end) {
            if (step.apply(0, items, dt)[0] != 0) {
                throw new IllegalStateException("orrery_step failed");
            }
            memory.copy(inAt, outAt, stateBytes);
            steps++;
        }
        return steps;
    }
}
