package org.orrery.wasm.engine;

/**
 * The types of the kernel ABI's exported functions: all return an i32. In the order of
 * {@code orrery_wasmtime.h}'s {@code ORRERY_WASMTIME_SIG_*} numbers, which the bridge is passed.
 */
public enum ExportSignature {
    /** {@code () -> i32}: the version and pointer exports. */
    NONE,
    /** {@code (i32) -> i32}: {@code orrery_init}, {@code orrery_buffer_ptr}, {@code orrery_buffer_sample}. */
    I32,
    /** {@code (i32, i32) -> i32}: {@code orrery_reset}, {@code orrery_grid_shape}. */
    I32_I32,
    /** {@code (i32, i32, f32) -> i32}: {@code orrery_step}. */
    I32_I32_F32
}
