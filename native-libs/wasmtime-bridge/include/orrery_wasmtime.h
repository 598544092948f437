/*
 * Orrery's C ABI over Wasmtime, version 1: what the JVM calls through FFM to run compute kernels
 * (kernel ABI v1, see plugin-api's KernelAbi) on Wasmtime instead of GraalWasm.
 *
 * Every function that can fail returns one of the codes below and keeps a message, for the
 * calling thread, that orrery_wasmtime_last_error copies out. No Rust panic crosses this ABI: a
 * panic is ORRERY_WASMTIME_PANICKED with its message.
 *
 * Threads: an engine and a module may be used from any thread. An instance is used by one thread
 * at a time; only orrery_wasmtime_engine_interrupt, with the instance's interrupt flag, reaches it
 * from another.
 */
#ifndef ORRERY_WASMTIME_H
#define ORRERY_WASMTIME_H

#include <stdint.h>

#define ORRERY_WASMTIME_ABI_VERSION 1

#define ORRERY_WASMTIME_OK 0
/* The module trapped: unreachable, an out-of-bounds access, division by zero, stack exhausted. */
#define ORRERY_WASMTIME_TRAP 1
/* The call stopped because its instance's interrupt flag was set (see engine_interrupt). */
#define ORRERY_WASMTIME_INTERRUPTED 2
/* Linear memory would have grown (or starts) past the instance's budget. */
#define ORRERY_WASMTIME_MEMORY_BUDGET 3
/* Not a valid WebAssembly module, or one using a feature the engine refuses. */
#define ORRERY_WASMTIME_MALFORMED 4
/* The module imports something other than orrery.log(i32, i32) and orrery.now_ns() -> i64. */
#define ORRERY_WASMTIME_LINK 5
/* An export of the right name but the wrong type, or no memory exported as "memory". */
#define ORRERY_WASMTIME_NO_EXPORT 6
/* A null pointer, a negative length, a name that is not UTF-8, an unknown signature. */
#define ORRERY_WASMTIME_INVALID 7
/* Compiled code from another Wasmtime version, configuration or CPU. */
#define ORRERY_WASMTIME_INCOMPATIBLE 8
#define ORRERY_WASMTIME_PANICKED 9

/* Signatures of the kernel ABI's exports, for orrery_wasmtime_instance_function; all return i32. */
#define ORRERY_WASMTIME_SIG_NONE 0        /* () */
#define ORRERY_WASMTIME_SIG_I32 1         /* (i32) */
#define ORRERY_WASMTIME_SIG_I32_I32 2     /* (i32, i32) */
#define ORRERY_WASMTIME_SIG_I32_I32_F32 3 /* (i32, i32, f32) */

typedef struct OrreryEngine orrery_wasmtime_engine;
typedef struct OrreryModule orrery_wasmtime_module;
typedef struct KernelInstance orrery_wasmtime_instance;

/* Receives a kernel's orrery.log message: UTF-8, at most 4096 bytes, valid during the call only. */
typedef void (*orrery_wasmtime_log_fn)(const uint8_t *text, int32_t length);

int32_t orrery_wasmtime_abi_version(void);

/* Copies the calling thread's last failure message (no NUL) into buffer; returns its full length. */
int64_t orrery_wasmtime_last_error(uint8_t *buffer, int64_t capacity);

/* Copies "wasmtime X.Y.Z" (no NUL) into buffer; returns its full length. */
int64_t orrery_wasmtime_version(uint8_t *buffer, int64_t capacity);

/* An engine: Cranelift optimising for speed, SIMD on, epoch interruption on, 256 KiB wasm stack.
 * Linear memories are reserved with guard pages, so compiled code makes no bounds checks. */
int32_t orrery_wasmtime_engine_new(orrery_wasmtime_engine **out);

/* Differs between engines whose compiled code cannot be exchanged (version, settings, CPU). */
int64_t orrery_wasmtime_engine_fingerprint(orrery_wasmtime_engine *engine);

/* Ticks the engine's epoch: every running call checks its instance's interrupt flag at its next
 * loop head or function entry and stops with ORRERY_WASMTIME_INTERRUPTED if the flag is not 0.
 * Any thread. Set the flag first. */
void orrery_wasmtime_engine_interrupt(orrery_wasmtime_engine *engine);

/* Frees the caller's handle; modules and instances made from it keep the engine alive. */
void orrery_wasmtime_engine_free(orrery_wasmtime_engine *engine);

/* Compiles a module (ORRERY_WASMTIME_MALFORMED if it is not valid). */
int32_t orrery_wasmtime_module_compile(orrery_wasmtime_engine *engine, const uint8_t *wasm, int64_t length,
                                       orrery_wasmtime_module **out);

/* The module's compiled code, to be freed with orrery_wasmtime_bytes_free. */
int32_t orrery_wasmtime_module_serialize(orrery_wasmtime_module *module, uint8_t **out_bytes, int64_t *out_length);
void orrery_wasmtime_bytes_free(uint8_t *bytes, int64_t length);

/* Loads code that serialize wrote. Wasmtime refuses code of another version, configuration or CPU
 * (ORRERY_WASMTIME_INCOMPATIBLE) but cannot tell damaged code from good: the caller must check
 * the bytes' integrity (Orrery keeps a SHA-256 beside each cached file) before calling this. */
int32_t orrery_wasmtime_module_deserialize(orrery_wasmtime_engine *engine, const uint8_t *code, int64_t length,
                                           orrery_wasmtime_module **out);

/* Frees the caller's handle; instances keep what they need. */
void orrery_wasmtime_module_free(orrery_wasmtime_module *module);

/* An instance in a store of its own, linked to orrery.log (to log, which may be NULL) and
 * orrery.now_ns (CLOCK_MONOTONIC) alone. Its memory may not grow past memory_budget bytes: growth
 * past it traps with ORRERY_WASMTIME_MEMORY_BUDGET, as does a larger initial memory.
 * interrupt_flag: an aligned int32 the caller keeps alive longer than the instance; each call
 * clears it when it starts. */
int32_t orrery_wasmtime_instance_new(orrery_wasmtime_module *module, int64_t memory_budget,
                                     orrery_wasmtime_log_fn log, const int32_t *interrupt_flag,
                                     orrery_wasmtime_instance **out);

/* The handle of exported function name with the given signature in *out_index, or -1 if the
 * module exports no function of that name; ORRERY_WASMTIME_NO_EXPORT if its type differs. */
int32_t orrery_wasmtime_instance_function(orrery_wasmtime_instance *instance, const char *name, int32_t signature,
                                          int32_t *out_index);

/* Calls a function with as many of a, b, c as its signature takes. On success writes out[0], the
 * function's result; out[1], the memory's base address; out[2], its size in bytes (memory may
 * have grown during the call). */
int32_t orrery_wasmtime_instance_call(orrery_wasmtime_instance *instance, int32_t index, int32_t a, int32_t b,
                                      float c, int64_t *out);

/* Writes out[0], the base address of the memory exported as "memory", and out[1], its size. */
int32_t orrery_wasmtime_instance_memory(orrery_wasmtime_instance *instance, int64_t *out);

/* Frees an instance that is not running. Its memory's base address is invalid afterwards. */
void orrery_wasmtime_instance_free(orrery_wasmtime_instance *instance);

#endif
