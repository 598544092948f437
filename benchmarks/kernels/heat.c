/*
 * heat.c - the reference heat-diffusion kernel for benchmarks: a 5-point stencil on a square
 * float32 grid (side = sqrt(item count)), insulated edges, explicit Euler. Item = one cell.
 * Parameter 0: diffusivity. Built like nbody.c: wasm scalar, wasm SIMD and native.
 */
#include "orrery_kernel.h"
#include "orrery_alloc.h"

static double params[1];
static float *state_in;
static float *state_out;
static int32_t items;
static int32_t side;

int32_t orrery_abi_version(void) { return ORRERY_ABI_VERSION; }

int32_t orrery_init(int32_t item_count) {
    int32_t s = 1;
    while ((s + 1) * (s + 1) <= item_count) {
        s++;
    }
    if (item_count <= 0 || s * s != item_count) {
        return ORRERY_ERROR_RANGE; /* this benchmark kernel takes square grids only */
    }
    uint32_t bytes = (uint32_t)item_count * sizeof(float);
    state_in = orrery_reserve(bytes);
    state_out = orrery_reserve(bytes);
    if (!state_in || !state_out) {
        return ORRERY_ERROR_OUT_OF_MEMORY;
    }
    items = item_count;
    side = s;
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
    float k = (float)params[0] * dt;
    for (int32_t i = first; i < first + count; i++) {
        int32_t x = i % side;
        int32_t y = i / side;
        float c = state_in[i];
        float l = x > 0 ? state_in[i - 1] : c;
        float r = x < side - 1 ? state_in[i + 1] : c;
        float u = y > 0 ? state_in[i - side] : c;
        float d = y < side - 1 ? state_in[i + side] : c;
        state_out[i] = c + k * (l + r + u + d - 4.0f * c);
    }
    return ORRERY_OK;
}
