package org.orrery.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.wasm.engine.CompiledModule;
import org.orrery.wasm.wasmtime.WasmtimeEngine;

/** Wasmtime's compiled code on disk: loaded on a second start, never loaded when damaged or foreign. */
class CompiledCodeCacheTest {

    @TempDir
    Path folder;
    private WasmtimeEngine engine;
    private final byte[] scale = TestHost.kernel("scale.wasm");

    @BeforeEach
    void wasmtime() {
        assumeFalse(Boolean.getBoolean("orrery.wasmtime.skip"), "built without the Wasmtime bridge");
        engine = WasmtimeEngine.shared().withCache(folder);
    }

    @Test
    void aSecondStartLoadsTheCodeInsteadOfCompiling() throws Exception {
        assertThat(engine.compile("scale", scale).provenance()).startsWith("compiled by Cranelift in");
        assertThat(engine.cache().codeFile(scale)).isRegularFile();
        CompiledModule again = engine.compile("scale", scale);
        assertThat(again.provenance()).startsWith("loaded from the cache in");
        assertScaleRuns();
    }

    @Test
    void damagedCodeIsCompiledAgainNotLoaded() throws Exception {
        engine.compile("scale", scale);
        Path code = engine.cache().codeFile(scale);
        byte[] bytes = Files.readAllBytes(code);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(code, bytes);
        assertThat(engine.compile("scale", scale).provenance()).startsWith("compiled by Cranelift in");
        assertThat(Files.readAllBytes(code)).as("the entry is whole again").isNotEqualTo(bytes);
        assertThat(engine.compile("scale", scale).provenance()).startsWith("loaded from the cache in");
        assertScaleRuns();
    }

    /** Code another engine wrote, its digest intact: Wasmtime itself refuses it. */
    @Test
    void foreignCodeIsRefusedAndCompiledAgain() throws Exception {
        engine.compile("scale", scale);
        Path code = engine.cache().codeFile(scale);
        byte[] foreign = new byte[4096];
        Arrays.fill(foreign, (byte) 7);
        Files.write(code, foreign);
        Path digest = code.resolveSibling(code.getFileName().toString().replace(".cwasm", ".sha256"));
        Files.writeString(digest, java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(foreign)));
        assertThat(engine.compile("scale", scale).provenance()).startsWith("compiled by Cranelift in");
        assertThat(Files.readAllBytes(code)).isNotEqualTo(foreign);
        assertScaleRuns();
    }

    private void assertScaleRuns() {
        KernelModule module = new KernelModule(engine, TestHost.WATCHDOG, TestHost.scaleDescriptor("scale.wasm"),
                "scale.wasm", scale);
        try (Arena arena = Arena.ofConfined(); KernelInstance kernel = module.newInstance(8)) {
            MemorySegment state = arena.allocate(32, 8);
            for (int i = 0; i < 8; i++) {
                state.setAtIndex(ValueLayout.JAVA_FLOAT, i, i);
            }
            kernel.writeParameters(new double[] {3, 0});
            kernel.writeState(state);
            kernel.step(0, 8, 0.5f);
            kernel.readState(0, 8, state, 0);
            assertThat(state.getAtIndex(ValueLayout.JAVA_FLOAT, 5)).isEqualTo(15.5f);
        }
    }
}
