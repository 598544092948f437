package org.orrery.plugins.nbody;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.memory.arena.ArenaLayout;
import org.orrery.memory.arena.SharedArena;
import org.orrery.memory.arena.Stage;
import org.orrery.memory.frame.ComputeFrame;
import org.orrery.memory.triple.DeliveryMode;
import org.orrery.memory.triple.TripleBuffer;
import org.orrery.memory.wait.WaitPolicy;
import org.orrery.wasm.KernelFault;
import org.orrery.wasm.KernelModule;
import org.orrery.wasm.KernelSize;
import org.orrery.wasm.KernelWorkers;
import org.orrery.wasm.StepWatchdog;
import org.orrery.wasm.WorkerUtilisation;
import org.orrery.wasm.graal.GraalWasmEngine;
import org.orrery.wasm.testing.BuiltPlugin;
import org.orrery.wasm.testing.DrivenWorkers;

/** Worker utilisation on the real n-body kernel: none while idle, most of the time while ticking back to back. */
class WorkerUtilisationTest {

    private static final long HEADER = ComputeFrame.HEADER_BYTES;
    private static final int BODIES = 2048; // a tick of several ms: the driver's 1 ms polling is a small part of it

    @TempDir
    static Path plugins;

    @Test
    void idleWorkersShowNothingAndBusyOnesMostOfTheirTime() throws Exception {
        KernelModule module = BuiltPlugin.install(plugins, "nbody").module(new GraalWasmEngine(), new StepWatchdog());
        KernelSize size = KernelSize.items(BODIES);
        long stateBytes = module.descriptor().stateBytes(BODIES);
        List<KernelFault> faults = new CopyOnWriteArrayList<>();
        try (SharedArena shared = SharedArena.allocate(ArenaLayout.packed(HEADER + stateBytes, 64, 0));
             Arena local = Arena.ofConfined()) {
            TripleBuffer compute = shared.tripleBuffer(Stage.COMPUTE, DeliveryMode.LIVE, WaitPolicy.BLOCKING);
            MemorySegment start = local.allocate(stateBytes, 16);
            module.startingState(size, module.descriptor().parameters().stream().mapToDouble(p -> p.defaultValue()).toArray(), start);
            KernelWorkers workers = new KernelWorkers(module, size, compute, HEADER, start, List.of(-1, -1), 8,
                    WaitPolicy.BLOCKING, faults::add);
            try (DrivenWorkers driven = new DrivenWorkers(workers)) {
                WorkerUtilisation utilisation = new WorkerUtilisation(workers);
                assertThat(utilisation.workers()).isEqualTo(2);
                Thread.sleep(100);
                utilisation.sample();
                for (int w = 0; w < 2; w++) {
                    assertThat(utilisation.share(w)).as("worker %d, no ticks", w).isZero();
                    assertThat(utilisation.cpu(w)).isEqualTo(-1);
                }

                int tick = tickBackToBack(driven, compute, 0, 1_000); // warm-up: the first ticks run cold
                utilisation.sample();
                int warm = tick;
                tick = tickBackToBack(driven, compute, tick, 500);
                utilisation.sample();
                assertThat(faults).isEmpty();
                for (int w = 0; w < 2; w++) {
                    assertThat(utilisation.share(w)).as("worker %d over %d ticks", w, tick - warm).isBetween(0.5, 1.0);
                }
            }
        }
    }

    /** Ticks back to back for {@code millis}, each after the previous frame; returns the last tick. */
    private static int tickBackToBack(DrivenWorkers driven, TripleBuffer compute, int tick, long millis)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end) {
            tick++;
            assertThat(driven.ring.publishTick(tick, 1_000_000, 0, 0, TimeUnit.SECONDS.toNanos(5))).isTrue();
            DrivenWorkers.awaitFrame(compute, tick);
        }
        return tick;
    }
}
