package org.orrery.shell.session;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.orrery.wasm.StepWatchdog;
import org.orrery.wasm.engine.WasmEngine;

/**
 * What every open plugin shares: the WebAssembly runtime (started in the background while the
 * window comes up), the watchdog that stops a step that runs too long, the CPU partition's worker
 * cores, and a thread for slow work (preparing a kernel, stopping a pipeline) off the FX thread.
 */
public record KernelServices(CompletableFuture<WasmEngine> runtime, StepWatchdog watchdog, List<Integer> workerCores,
                             ExecutorService background) {
}
