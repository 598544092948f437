package org.orrery.wasm.engine;

import java.util.function.Consumer;

/** A module an engine has prepared; instantiated once per worker, from any thread. */
public interface CompiledModule {

    /**
     * A new instance linked to the kernel ABI's host functions alone ({@code orrery.log} goes to
     * {@code log}, {@code orrery.now_ns} reads the monotonic clock), whose linear memory may not
     * grow past {@code memoryBudgetBytes}.
     *
     * @throws EngineException if the module is malformed ({@code MALFORMED_MODULE}), imports anything
     *     else ({@code FORBIDDEN_IMPORT}), exports no memory ({@code MISSING_EXPORT}), starts with
     *     more memory than the budget ({@code MEMORY_BUDGET}) or traps while starting ({@code TRAP})
     */
    ModuleInstance instantiate(long memoryBudgetBytes, Consumer<String> log);

    /** How the code was made, for reports: compiled (and how long it took) or loaded from a cache. */
    String provenance();
}
