/*
 * orrery_alloc.h - memory for a kernel's buffers, without libc.
 *
 * orrery_reserve(bytes) hands out 16-byte-aligned blocks that live as long as the instance, taken
 * from the end of the module's static data and growing linear memory as needed; it returns 0 when
 * memory cannot grow (the host's memory budget or wasm32's 4 GiB). Call it from orrery_init.
 * Include it in one source file of a kernel. Built natively (benchmarks, debugging) it is malloc.
 */
#ifndef ORRERY_ALLOC_H
#define ORRERY_ALLOC_H

#include <stdint.h>

#if defined(__wasm__)

extern unsigned char __heap_base; /* first free byte after static data, from wasm-ld */

static inline void *orrery_reserve(uint32_t bytes) {
    static uintptr_t next = 0;
    if (next == 0) {
        next = (uintptr_t)&__heap_base;
    }
    uintptr_t start = (next + 15u) & ~(uintptr_t)15u;
    uintptr_t end = start + bytes;
    if (end < start) {
        return 0;
    }
    uintptr_t have = __builtin_wasm_memory_size(0) * 65536u;
    if (end > have && __builtin_wasm_memory_grow(0, (end - have + 65535u) / 65536u) == (uintptr_t)-1) {
        return 0;
    }
    next = end;
    return (void *)start;
}

#else

#include <stdlib.h>

static inline void *orrery_reserve(uint32_t bytes) { return malloc(bytes); }

#endif

#endif /* ORRERY_ALLOC_H */
