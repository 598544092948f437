/*
 * nbody.c - the reference n-body kernel for benchmarks: O(N^2) softened gravity in 2D, float32,
 * unit masses, semi-implicit Euler. Item = f32 x 4: x, y, vx, vy. Parameters: G, softening.
 * Built three ways from this one file: wasm scalar, wasm SIMD (build-kernel) and native (clang -O3).
 */
#include "orrery_kernel.h"
#include "orrery_alloc.h"

enum { LANES = 4 };

static double params[2];
static float *state_in;
static float *state_out;
static int32_t items;

int32_t orrery_abi_version(void) { return ORRERY_ABI_VERSION; }

int32_t orrery_init(int32_t item_count) {
    if (item_count <= 0) {
        return ORRERY_ERROR_RANGE;
    }
    uint32_t bytes = (uint32_t)item_count * LANES * sizeof(float);
    state_in = orrery_reserve(bytes);
    state_out = orrery_reserve(bytes);
    if (!state_in || !state_out) {
        return ORRERY_ERROR_OUT_OF_MEMORY;
    }
    items = item_count;
    return ORRERY_OK;
}

double *orrery_params_ptr(void) { return params; }
void *orrery_state_in_ptr(void) { return state_in; }
void *orrery_state_out_ptr(void) { return state_out; }

int32_t orrery_swap_states(void) {
    float *former_in = state_in;
    state_in = state_out;
    state_out = former_in;
    return ORRERY_OK;
}

int32_t orrery_step(int32_t first, int32_t count, float dt) {
    if (!orrery_range_ok(first, count, items)) {
        return ORRERY_ERROR_RANGE;
    }
    float g = (float)params[0];
    float eps2 = (float)params[1] * (float)params[1];
    for (int32_t i = first; i < first + count; i++) {
        const float *p = state_in + (uint32_t)i * LANES;
        float ax = 0.0f, ay = 0.0f;
        for (int32_t j = 0; j < items; j++) {
            const float *q = state_in + (uint32_t)j * LANES;
            float dx = q[0] - p[0];
            float dy = q[1] - p[1];
            float r2 = dx * dx + dy * dy + eps2;
            float inv = 1.0f / (r2 * __builtin_sqrtf(r2));
            ax += dx * inv;
            ay += dy * inv;
        }
        float *o = state_out + (uint32_t)i * LANES;
        float vx = p[2] + g * ax * dt;
        float vy = p[3] + g * ay * dt;
        o[0] = p[0] + vx * dt;
        o[1] = p[1] + vy * dt;
        o[2] = vx;
        o[3] = vy;
    }
    return ORRERY_OK;
}
