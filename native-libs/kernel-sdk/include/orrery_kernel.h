/*
 * orrery_kernel.h - the Orrery kernel ABI, version 1, for kernels written in C.
 *
 * A kernel is a wasm32 module that the Orrery host runs on several workers at once, each worker
 * with its own instance and linear memory. The same contract, with the Java side of it, is
 * documented in plugin-api: org.orrery.api.kernel.KernelAbi.
 *
 * A kernel is a pure step: given the previous state of all items (state_in), the parameters and
 * dt, orrery_step(first, count, dt) writes the next state of items [first, first + count) into
 * state_out and touches nothing a later step reads. The host cuts a tick into ranges, runs them
 * on different workers and assembles the next state from the pieces; the result must not depend
 * on how the tick was cut.
 *
 * Build with: clang --target=wasm32 -O3 -nostdlib -Wl,--no-entry -Wl,--export-dynamic
 *             (see the SDK build script), then wasm-opt -O3.
 */
#ifndef ORRERY_KERNEL_H
#define ORRERY_KERNEL_H

#include <stdint.h>

#define ORRERY_ABI_VERSION 1

/* Return codes of orrery_init and orrery_step. Kernel-specific codes are ORRERY_ERROR_KERNEL_BASE
 * and below. Any error stops the kernel; the host reports the code with the plugin's name. */
#define ORRERY_OK 0
#define ORRERY_ERROR_RANGE (-1)          /* the range lies outside [0, item_count) */
#define ORRERY_ERROR_PARAMETER (-2)      /* a parameter value the kernel cannot use */
#define ORRERY_ERROR_STATE (-3)          /* invalid input state */
#define ORRERY_ERROR_OUT_OF_MEMORY (-4)  /* orrery_init could not get its memory */
#define ORRERY_ERROR_KERNEL_BASE (-100)

#if defined(__wasm__)
#define ORRERY_EXPORT(name) __attribute__((export_name(#name)))
#define ORRERY_IMPORT(name) __attribute__((import_module("orrery"), import_name(#name)))
#else
/* A native build of the same kernel (for benchmarks and debugging): plain C functions; the
 * program that links it defines orrery_log and orrery_now_ns. */
#define ORRERY_EXPORT(name)
#define ORRERY_IMPORT(name)
#endif

/* ---- What the host offers: these two imports and nothing else (no WASI). ---- */

/* Writes a UTF-8 message of len bytes at ptr to the plugin's log (rate-limited). */
ORRERY_IMPORT(log) void orrery_log(const char *ptr, int32_t len);

/* A monotonic clock, in nanoseconds. */
ORRERY_IMPORT(now_ns) int64_t orrery_now_ns(void);

/* ---- What a kernel exports (define each once, with these exact names). ---- */

/* Returns ORRERY_ABI_VERSION. Called first; any other value and the module is refused. */
ORRERY_EXPORT(orrery_abi_version) int32_t orrery_abi_version(void);

/* Prepares buffers for item_count items. Called once per instance, before the calls below. */
ORRERY_EXPORT(orrery_init) int32_t orrery_init(int32_t item_count);

/* Address of the parameter block: one double per descriptor parameter, in descriptor order.
 * The host writes it before a step when parameters changed. Stable after orrery_init. */
ORRERY_EXPORT(orrery_params_ptr) double *orrery_params_ptr(void);

/* Address of the previous state (item_count items of the descriptor's state layout), written
 * by the host before each tick. Stable after orrery_init, but for orrery_swap_states. */
ORRERY_EXPORT(orrery_state_in_ptr) void *orrery_state_in_ptr(void);

/* Address of the next state, the same size. orrery_step writes items [first, first + count)
 * there, and the host reads that range back. Stable after orrery_init, but for
 * orrery_swap_states. */
ORRERY_EXPORT(orrery_state_out_ptr) void *orrery_state_out_ptr(void);

/* One step over items [first, first + count), dt in seconds. Returns ORRERY_OK or an error. */
ORRERY_EXPORT(orrery_step) int32_t orrery_step(int32_t first, int32_t count, float dt);

/* ---- A helper ---- */

/* Whether items [first, first + count) lie inside [0, item_count): the check orrery_step and
 * orrery_reset start with (return ORRERY_ERROR_RANGE when it fails). Written so that no sum
 * can overflow. */
static inline int orrery_range_ok(int32_t first, int32_t count, int32_t item_count) {
    return first >= 0 && count >= 0 && first <= item_count - count;
}

/* ---- Optional: define it if the kernel makes its own starting state. ---- */

/* Writes the starting state of items [first, first + count) to the output state, computed from
 * the parameters alone (a seed, a distribution), so the same parameters give the same start.
 * The host calls it to start or restart a run. Returns ORRERY_OK or an error. */
ORRERY_EXPORT(orrery_reset) int32_t orrery_reset(int32_t first, int32_t count);

/* ---- Optional: define it to spare the host a copy of the state every tick. ---- */

/* Trades the input and output state: afterwards orrery_state_in_ptr returns what
 * orrery_state_out_ptr returned and the other way round. The host calls it between ticks, where
 * the range this instance just wrote is part of the next tick's input, and then copies in only
 * the rest of the state. Keep the two addresses in variables the step reads (as plugins/heat
 * does) and swap them. Returns ORRERY_OK or an error. */
ORRERY_EXPORT(orrery_swap_states) int32_t orrery_swap_states(void);

/* ---- Required of a grid kernel (state.grid in its descriptor). ---- */

/* The grid's shape, called once just before orrery_init(width * height). Item i is the cell at
 * column i % width, row i / width. Returns ORRERY_OK, or an error for a shape it cannot run. */
ORRERY_EXPORT(orrery_grid_shape) int32_t orrery_grid_shape(int32_t width, int32_t height);

/* ---- Required of a kernel whose descriptor declares a parameter buffer. ---- */

/* The buffer is about to hold `records` records (one float per descriptor field each): returns
 * where the host should write them, or 0 if the kernel cannot hold that many (with 0 records, any
 * address will do, 0 included). The host calls it only when the buffer changed, between steps;
 * the records stay valid until the next call. */
ORRERY_EXPORT(orrery_buffer_ptr) float *orrery_buffer_ptr(int32_t records);

/* Optional, for such a kernel: fills the buffer with `records` made-up records, as if the host
 * had written them, that make a step under the descriptor's default parameters do the work real
 * data will. The host calls it only while it warms a module up, so the loops that real data runs
 * are compiled before that data arrives; without it, the first step over a large buffer runs
 * cold (seconds for millions of records). Returns ORRERY_OK or an error. */
ORRERY_EXPORT(orrery_buffer_sample) int32_t orrery_buffer_sample(int32_t records);

/* ---- Required of a kernel whose descriptor declares summary values ("summary"). ---- */

/* Address of the summary block: one double per declared value, in descriptor order (at most
 * ORRERY_MAX_SUMMARIES). Stable after orrery_init. Every orrery_step(first, count, dt) writes
 * there its range's part of each value, computed from the INPUT state of items [first, first +
 * count): a "sum" value its range's sum, a "min" or "max" value its range's least or greatest.
 * The host reads the block after each step and combines the parts of a tick; the tick's frame
 * carries the result (so the values describe the frame before it: the state the tick read). */
#define ORRERY_MAX_SUMMARIES 16
ORRERY_EXPORT(orrery_summary_ptr) double *orrery_summary_ptr(void);

#endif /* ORRERY_KERNEL_H */
