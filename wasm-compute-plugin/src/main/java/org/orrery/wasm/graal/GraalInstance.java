package org.orrery.wasm.graal;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.orrery.api.kernel.KernelAbi;
import org.orrery.wasm.KernelFault;
import org.orrery.wasm.engine.EngineException;
import org.orrery.wasm.engine.ExportSignature;
import org.orrery.wasm.engine.ModuleInstance;

/**
 * A module instance in a GraalWasm {@link Context} of its own, on the shared engine. GraalWasm
 * cannot stop a call from outside but by interrupting or closing the whole context, so
 * {@link #interrupt()} interrupts, and says when that did not take so that the host closes it.
 */
final class GraalInstance implements ModuleInstance {

    /** How long {@link #interrupt()} waits for a running call to stop before giving up. */
    private static final Duration INTERRUPT_WAIT = Duration.ofMillis(100);
    private static final int MAX_LOG_BYTES = 4096;

    private final Context context;
    private final GraalLinearMemory memory;
    private final Value exports;
    /** The functions handed out by {@link #function}, at their handles. */
    private final List<Export> functions = new ArrayList<>();

    private record Export(Value function, ExportSignature signature) {}

    GraalInstance(Engine engine, Source source, long memoryBudgetBytes, Consumer<String> log) {
        // Bindings access lets the host reach GraalWasm's WebAssembly object (see GraalLinearMemory);
        // the module itself still sees nothing but the imports given to it.
        this.context = Context.newBuilder("wasm").engine(engine)
                .allowPolyglotAccess(PolyglotAccess.newBuilder().allowBindingsAccess("wasm").build()).build();
        try {
            Value module = evaluate(source);
            Value[] memoryHolder = new Value[1];
            Value exports = instantiate(module, memoryHolder, log).getMember("exports");
            Value exported = exports.getMember(KernelAbi.EXPORT_MEMORY);
            if (exported == null || !exported.hasBufferElements()) {
                throw new EngineException(KernelFault.Kind.MISSING_EXPORT,
                        "the module does not export its memory as \"" + KernelAbi.EXPORT_MEMORY + "\"", null);
            }
            memoryHolder[0] = exported;
            this.memory = linearMemory(exported, memoryBudgetBytes);
            this.exports = exports;
        } catch (EngineException e) {
            context.close(true);
            throw e;
        }
    }

    private Value evaluate(Source source) {
        try {
            return context.eval(source);
        } catch (PolyglotException e) {
            throw new EngineException(KernelFault.Kind.MALFORMED_MODULE, e.getMessage(), e);
        }
    }

    private Value instantiate(Value module, Value[] memoryHolder, Consumer<String> kernelLog) {
        ProxyExecutable log = args -> {
            int address = args[0].asInt();
            int length = Math.min(args[1].asInt(), MAX_LOG_BYTES);
            byte[] text = new byte[Math.max(0, length)];
            memoryHolder[0].readBuffer(address, text, 0, text.length);
            kernelLog.accept(new String(text, StandardCharsets.UTF_8));
            return null;
        };
        ProxyExecutable nowNs = args -> System.nanoTime();
        Object imports = ProxyObject.fromMap(Map.of(KernelAbi.IMPORT_MODULE,
                ProxyObject.fromMap(Map.of(KernelAbi.IMPORT_LOG, log, KernelAbi.IMPORT_NOW_NS, nowNs))));
        try {
            return module.newInstance(imports);
        } catch (PolyglotException e) {
            // The host offers only the orrery module: any other import fails to link.
            throw new EngineException(KernelFault.Kind.FORBIDDEN_IMPORT, e.getMessage(), e);
        }
    }

    private GraalLinearMemory linearMemory(Value exported, long budgetBytes) {
        try {
            return new GraalLinearMemory(context, exported, budgetBytes);
        } catch (IllegalStateException e) {
            throw new EngineException(KernelFault.Kind.HOST_ERROR, e.getMessage(), e);
        }
    }

    /** GraalWasm does not say an export's type before it is called: only its presence is checked. */
    @Override
    public int function(String name, ExportSignature signature) {
        Value export = exports.getMember(name);
        if (export == null || !export.canExecute()) {
            return ABSENT;
        }
        functions.add(new Export(export, signature));
        return functions.size() - 1;
    }

    @Override
    public int call(int function, int a, int b, float c) {
        Export export = functions.get(function);
        try {
            Value result = switch (export.signature()) {
                case NONE -> export.function().execute();
                case I32 -> export.function().execute(a);
                case I32_I32 -> export.function().execute(a, b);
                case I32_I32_F32 -> export.function().execute(a, b, c);
            };
            memory.followGrowth();
            return result.asInt();
        } catch (PolyglotException e) {
            throw classify(e);
        }
    }

    private static EngineException classify(PolyglotException e) {
        if (e.isInterrupted() || e.isCancelled()) {
            return new EngineException(KernelFault.Kind.TIMEOUT, e.getMessage(), e);
        }
        if (e.isHostException() && e.asHostException() instanceof GraalLinearMemory.BudgetExceeded over) {
            return new EngineException(KernelFault.Kind.MEMORY_BUDGET, over.getMessage(), e);
        }
        if (e.isResourceExhausted()) {
            return new EngineException(KernelFault.Kind.TRAP, "resources exhausted: " + e.getMessage(), e);
        }
        return new EngineException(KernelFault.Kind.TRAP, e.getMessage(), e);
    }

    @Override
    public MemorySegment memory() {
        return memory.view();
    }

    @Override
    public boolean interrupt() {
        try {
            context.interrupt(INTERRUPT_WAIT);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (IllegalStateException alreadyClosed) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            context.close(true);
        } catch (IllegalStateException | PolyglotException e) {
            // already closed, or cancelled by the watchdog
        }
    }
}
