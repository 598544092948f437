/*
 * oscillators.c - a worked example of an Orrery compute kernel: particles on damped springs.
 *
 * Each item is a particle, four f32 lanes: x, y, vx, vy. Every step pulls it towards the origin
 * (spring constant "stiffness") and slows it ("damping"), with semi-implicit Euler:
 *   v' = v + (-k x - c v) dt,   x' = x + v' dt
 * An item's next state depends only on its own previous state, so any range can be stepped on
 * its own: the host may split a tick across workers and gets the same result.
 *
 * Copy this file and kernel.json to start a kernel of your own; build with
 *   native-libs/kernel-sdk/bin/build-kernel oscillators.c oscillators.wasm
 */
#include "orrery_kernel.h"
#include "orrery_alloc.h"

enum { PARAM_STIFFNESS, PARAM_DAMPING, PARAM_COUNT };
enum { LANES = 4 };

static double params[PARAM_COUNT];
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

int32_t orrery_step(int32_t first, int32_t count, float dt) {
    if (!orrery_range_ok(first, count, items)) {
        return ORRERY_ERROR_RANGE;
    }
    float k = (float)params[PARAM_STIFFNESS];
    float c = (float)params[PARAM_DAMPING];
    if (!(k >= 0.0f) || !(c >= 0.0f)) {
        return ORRERY_ERROR_PARAMETER;
    }
    for (int32_t i = first; i < first + count; i++) {
        const float *p = state_in + (uint32_t)i * LANES;
        float *q = state_out + (uint32_t)i * LANES;
        float vx = p[2] + (-k * p[0] - c * p[2]) * dt;
        float vy = p[3] + (-k * p[1] - c * p[3]) * dt;
        q[0] = p[0] + vx * dt;
        q[1] = p[1] + vy * dt;
        q[2] = vx;
        q[3] = vy;
    }
    return ORRERY_OK;
}
