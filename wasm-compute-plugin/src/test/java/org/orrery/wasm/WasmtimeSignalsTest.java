package org.orrery.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.orrery.wasm.wasmtime.WasmtimeEngine;

/**
 * Wasmtime and the JVM share the process's signal handlers: a guard-page access in a kernel is
 * Wasmtime's SIGSEGV, an implicit null check or a safepoint poll in Java code is the JVM's. Both
 * kinds run here at once on several threads, with collections and safepoints forced meanwhile; a
 * handler that took the other's signal would crash the JVM or turn a trap into something else.
 */
class WasmtimeSignalsTest {

    private static final long MILLIS = 3_000;

    @Test
    void guardPageTrapsAndTheJvmsOwnFaultsKeepToTheirHandlersUnderGcAndSafepoints() throws Exception {
        assumeFalse(Boolean.getBoolean("orrery.wasmtime.skip"), "built without the Wasmtime bridge");
        KernelModule module = TestHost.module(WasmtimeEngine.shared(), "scale");
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong traps = new AtomicLong();
        AtomicLong nullPointers = new AtomicLong();
        AtomicLong collections = new AtomicLong();
        List<Throwable> unexpected = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            threads.add(Thread.ofPlatform().name("trapper-" + t).start(() -> {
                while (running.get()) {
                    KernelInstance kernel = module.newInstance(10);
                    kernel.writeParameters(new double[] {1, 8});
                    try {
                        kernel.step(0, 10, 1f);
                        unexpected.add(new AssertionError("an out-of-bounds load did not trap"));
                    } catch (KernelFault f) {
                        if (f.kind() == KernelFault.Kind.TRAP && f.getMessage().contains("out of bounds")) {
                            traps.incrementAndGet();
                        } else {
                            unexpected.add(f);
                        }
                    } catch (Throwable e) {
                        unexpected.add(e);
                    }
                }
            }));
        }
        threads.add(Thread.ofPlatform().name("null-checker").start(() -> {
            Object[] holder = {null};
            while (running.get()) {
                try {
                    holder[0].hashCode(); // compiled code checks for null by faulting
                } catch (NullPointerException expected) {
                    nullPointers.incrementAndGet();
                }
            }
        }));
        threads.add(Thread.ofPlatform().name("collector").start(() -> {
            while (running.get()) {
                byte[][] garbage = new byte[64][];
                for (int i = 0; i < garbage.length; i++) {
                    garbage[i] = new byte[64 << 10];
                }
                System.gc();
                Thread.getAllStackTraces(); // a safepoint
                collections.incrementAndGet();
            }
        }));
        Thread.sleep(MILLIS);
        running.set(false);
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        assertThat(unexpected).isEmpty();
        assertThat(traps.get()).as("out-of-bounds traps").isGreaterThan(50);
        assertThat(nullPointers.get()).as("null pointers caught").isGreaterThan(1000);
        assertThat(collections.get()).as("forced collections").isGreaterThan(5);
    }
}
