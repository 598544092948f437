package org.orrery.wasm.engine;

import java.util.List;
import java.util.Locale;
import org.orrery.wasm.wasmtime.WasmtimeEngine;

/**
 * Which engine runs a kernel, as the runner's {@code --engine} and the window's settings say:
 * one of them, or {@link #AUTO}, both measured at warm-up and the faster kept.
 */
public enum EngineChoice {
    GRAALWASM,
    WASMTIME,
    /** Both engines (Wasmtime where its bridge loads), measured on the kernel's own warm-up. */
    AUTO;

    /** The choice {@code text} names: {@code graalwasm}, {@code wasmtime} or {@code auto}, in any case. */
    public static EngineChoice parse(String text) {
        for (EngineChoice choice : values()) {
            if (choice.option().equalsIgnoreCase(text.strip())) {
                return choice;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + text + "': graalwasm, wasmtime or auto");
    }

    /** As the option spells it. */
    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The engines a kernel may run on under this choice, the reference (GraalWasm, where it runs)
     * first.
     *
     * @throws org.orrery.wasm.wasmtime.WasmtimeUnavailableException for {@link #WASMTIME} where
     *     the bridge cannot load, with the reason
     */
    public List<WasmEngine> engines(WasmEngine graalWasm) {
        return switch (this) {
            case GRAALWASM -> List.of(graalWasm);
            case WASMTIME -> List.of(WasmtimeEngine.shared());
            case AUTO -> WasmtimeEngine.ifAvailable().<List<WasmEngine>>map(wasmtime -> List.of(graalWasm, wasmtime))
                    .orElse(List.of(graalWasm));
        };
    }
}
