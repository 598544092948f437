/*
 * @ID@.c - a point kernel made by `orrery plugin new`: particles swirling around the z axis,
 * pulled towards it and slowed by drag. Change the physics in orrery_step; keep the rules.
 *
 * Orrery draws a point kernel's items as points in 3D, coloured by speed, when each item is eight
 * f32 lanes: x, y, z, mass, vx, vy, vz and one unused lane (kernel.json: "lanes": 8).
 *
 * Each item's next state depends only on its own previous state, so any range of items can be
 * stepped on its own: the host splits a tick across workers and gets the same result.
 */
#include "orrery_kernel.h"
#include "orrery_alloc.h"

enum { PARAM_SWIRL, PARAM_PULL, PARAM_DRAG, PARAM_SEED, PARAM_COUNT }; /* kernel.json's order */
enum { X, Y, Z, MASS, VX, VY, VZ, UNUSED, LANES };
enum { SUMMARY_ENERGY, SUMMARY_FARTHEST, SUMMARY_COUNT };                /* kernel.json's "summary" */

static double params[PARAM_COUNT];
static double summary[SUMMARY_COUNT];
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

/* Lets the host swap the states between ticks instead of copying the whole state in. */
int32_t orrery_swap_states(void) {
    float *former_in = state_in;
    state_in = state_out;
    state_out = former_in;
    return ORRERY_OK;
}

double *orrery_summary_ptr(void) { return summary; }

/* A number in [0, 1) from a seed and an index: the same start for the same parameters. */
static float unit_random(uint32_t seed, uint32_t index) {
    uint32_t h = seed * 0x9E3779B9u ^ (index + 0x7F4A7C15u);
    h ^= h >> 16;
    h *= 0x85EBCA6Bu;
    h ^= h >> 13;
    h *= 0xC2B2AE35u;
    h ^= h >> 16;
    return (float)(h >> 8) * (1.0f / 16777216.0f);
}

int32_t orrery_reset(int32_t first, int32_t count) {
    if (!orrery_range_ok(first, count, items)) {
        return ORRERY_ERROR_RANGE;
    }
    uint32_t seed = (uint32_t)params[PARAM_SEED];
    for (int32_t i = first; i < first + count; i++) {
        float *q = state_out + (uint32_t)i * LANES;
        /* A ring between radius 0.5 and 1, a little thick in z, at rest. */
        float x = 2 * unit_random(seed, 3u * i) - 1;
        float y = 2 * unit_random(seed, 3u * i + 1) - 1;
        float r = __builtin_sqrtf(x * x + y * y) + 1e-6f;
        float radius = 0.5f + 0.5f * unit_random(seed, 3u * i + 2);
        q[X] = x / r * radius;
        q[Y] = y / r * radius;
        q[Z] = 0.1f * (unit_random(seed, 3u * i + 2) - 0.5f);
        q[MASS] = 1;
        q[VX] = q[VY] = q[VZ] = 0;
        q[UNUSED] = 0;
    }
    return ORRERY_OK;
}

int32_t orrery_step(int32_t first, int32_t count, float dt) {
    if (!orrery_range_ok(first, count, items)) {
        return ORRERY_ERROR_RANGE;
    }
    float swirl = (float)params[PARAM_SWIRL];
    float pull = (float)params[PARAM_PULL];
    float drag = (float)params[PARAM_DRAG];
    double energy = 0;
    float farthest2 = 0;
    for (int32_t i = first; i < first + count; i++) {
        const float *p = state_in + (uint32_t)i * LANES;
        float *q = state_out + (uint32_t)i * LANES;
        float r2 = p[X] * p[X] + p[Y] * p[Y];
        energy += 0.5 * p[MASS] * (p[VX] * p[VX] + p[VY] * p[VY] + p[VZ] * p[VZ]);
        farthest2 = r2 > farthest2 ? r2 : farthest2;
        /* Swirl: a push at right angles to the axis; pull: a spring towards it; drag: slows. */
        float ax = -swirl * p[Y] - pull * p[X] - drag * p[VX];
        float ay = swirl * p[X] - pull * p[Y] - drag * p[VY];
        float az = -pull * p[Z] - drag * p[VZ];
        q[VX] = p[VX] + ax * dt;
        q[VY] = p[VY] + ay * dt;
        q[VZ] = p[VZ] + az * dt;
        q[X] = p[X] + q[VX] * dt;
        q[Y] = p[Y] + q[VY] * dt;
        q[Z] = p[Z] + q[VZ] * dt;
        q[MASS] = p[MASS];
        q[UNUSED] = 0;
    }
    /* This range's part, from the state it read: the host adds the energies and keeps the farthest. */
    summary[SUMMARY_ENERGY] = energy;
    summary[SUMMARY_FARTHEST] = __builtin_sqrtf(farthest2);
    return ORRERY_OK;
}
