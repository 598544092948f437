package org.orrery.wasm.engine;

import java.lang.foreign.MemorySegment;

/**
 * One instance of a module, with its own linear memory. Used by one thread at a time, except
 * {@link #interrupt()}, which the watchdog calls from its own.
 */
public interface ModuleInstance extends AutoCloseable {

    /** Returned by {@link #function} for a function the module does not export. */
    int ABSENT = -1;

    /**
     * A handle to call the exported function {@code name} with, or {@link #ABSENT}.
     *
     * @throws EngineException ({@code MISSING_EXPORT}) if it is exported with another type, where
     *     the engine can tell
     */
    int function(String name, ExportSignature signature);

    /**
     * Calls a function with as many of {@code a}, {@code b}, {@code c} as its signature takes.
     * Allocation-free when it returns normally.
     *
     * @throws EngineException if the call traps, grows memory past the budget, or was interrupted
     */
    int call(int function, int a, int b, float c);

    /**
     * The linear memory as it stands after the last call: a view to copy state through, valid
     * until the next call or {@link #close()}.
     */
    MemorySegment memory();

    /**
     * Asks a running call to stop; it then throws {@link EngineException} of kind {@code TIMEOUT}.
     * Any thread.
     *
     * @return false if the call could not be stopped, and the instance must be closed instead
     */
    boolean interrupt();

    /** Frees the instance; not while a call runs, except where {@link #interrupt()} returned false. */
    @Override
    void close();
}
