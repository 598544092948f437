/*
 * oscillators.c - a worked example of an Orrery compute kernel: particles on damped springs.
 *
 * Each item is a particle, four f32 lanes: x, y, vx, vy. Every step pulls it towards the origin
 * (spring constant "stiffness") and slows it ("damping"), with semi-implicit Euler:
 *   v' = v + (-k x - c v) dt,   x' = x + v' dt
 * An item's next state depends only on its own previous state, so any range can be stepped on
 * its own: the host may split a tick across workers and gets the same result.
 *
 * It also publishes two summary values (kernel.json's "summary"), from the state a step reads:
 * the energy of all particles (a sum over ranges) and the greatest distance from the origin (a max).
 *
 * Copy this file and kernel.json to start a kernel of your own; build with
 *   native-libs/kernel-sdk/bin/build-kernel oscillators.c oscillators.wasm
 */
#include "orrery_kernel.h"
#include "orrery_alloc.h"

enum { PARAM_STIFFNESS, PARAM_DAMPING, PARAM_COUNT };
enum { LANES = 4 };
enum { SUMMARY_ENERGY, SUMMARY_FARTHEST, SUMMARY_COUNT };

static double params[PARAM_COUNT];
static float *state_in;
static float *state_out;
static int32_t items;
static double summary[SUMMARY_COUNT];

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

/* Optional: the host swaps instead of copying the whole state in before each tick. */
int32_t orrery_swap_states(void) {
    float *former_in = state_in;
    state_in = state_out;
    state_out = former_in;
    return ORRERY_OK;
}

double *orrery_summary_ptr(void) { return summary; }

int32_t orrery_step(int32_t first, int32_t count, float dt) {
    if (!orrery_range_ok(first, count, items)) {
        return ORRERY_ERROR_RANGE;
    }
    float k = (float)params[PARAM_STIFFNESS];
    float c = (float)params[PARAM_DAMPING];
    if (!(k >= 0.0f) || !(c >= 0.0f)) {
        return ORRERY_ERROR_PARAMETER;
    }
    double energy = 0;
    float farthest2 = 0;
    for (int32_t i = first; i < first + count; i++) {
        const float *p = state_in + (uint32_t)i * LANES;
        float *q = state_out + (uint32_t)i * LANES;
        float r2 = p[0] * p[0] + p[1] * p[1];
        energy += 0.5 * (k * r2 + p[2] * p[2] + p[3] * p[3]);
        farthest2 = r2 > farthest2 ? r2 : farthest2;
        float vx = p[2] + (-k * p[0] - c * p[2]) * dt;
        float vy = p[3] + (-k * p[1] - c * p[3]) * dt;
        q[0] = p[0] + vx * dt;
        q[1] = p[1] + vy * dt;
        q[2] = vx;
        q[3] = vy;
    }
    /* This range's part: the host adds the energies of all ranges and keeps the greatest distance. */
    summary[SUMMARY_ENERGY] = energy;
    summary[SUMMARY_FARTHEST] = __builtin_sqrtf(farthest2);
    return ORRERY_OK;
}
