/*
 * @ID@.c - a grid kernel made by `orrery plugin new --grid`: a value that spreads to its
 * neighbours each step, from warm spots placed by a seed. Change the rule in orrery_step; keep
 * the rules of the ABI.
 *
 * Orrery draws a grid kernel's state as one pixel per cell, coloured by the cell's one f32 value
 * (kernel.json: "lanes": 1) on a colour map whose range follows the values; row 0 is the top.
 *
 * A cell's next value is read from the previous state only (its own and its four neighbours'), and
 * a step writes only the cells of its range: the host may split a tick across workers.
 */
#include "orrery_kernel.h"
#include "orrery_alloc.h"

enum { PARAM_SPREAD, PARAM_SPOTS, PARAM_SEED, PARAM_COUNT }; /* kernel.json's order */
enum { SUMMARY_TOTAL, SUMMARY_HOTTEST, SUMMARY_COUNT };      /* kernel.json's "summary" */

static double params[PARAM_COUNT];
static double summary[SUMMARY_COUNT];
static float *state_in;
static float *state_out;
static int32_t width;
static int32_t height;
static int32_t cells;

int32_t orrery_abi_version(void) { return ORRERY_ABI_VERSION; }

int32_t orrery_grid_shape(int32_t w, int32_t h) {
    if (w < 1 || h < 1) {
        return ORRERY_ERROR_RANGE;
    }
    width = w;
    height = h;
    return ORRERY_OK;
}

int32_t orrery_init(int32_t cell_count) {
    if (cell_count != width * height) {
        return ORRERY_ERROR_RANGE;
    }
    uint32_t bytes = (uint32_t)cell_count * sizeof(float);
    state_in = orrery_reserve(bytes);
    state_out = orrery_reserve(bytes);
    if (!state_in || !state_out) {
        return ORRERY_ERROR_OUT_OF_MEMORY;
    }
    cells = cell_count;
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
    if (!orrery_range_ok(first, count, cells)) {
        return ORRERY_ERROR_RANGE;
    }
    uint32_t seed = (uint32_t)params[PARAM_SEED];
    int32_t spots = (int32_t)params[PARAM_SPOTS];
    float radius = (float)(width < height ? width : height) / 16 + 1;
    for (int32_t i = first; i < first + count; i++) {
        float x = (float)(i % width);
        float y = (float)(i / width);
        float value = 0;
        /* Each cell is as warm as the spot it is in; the spots' places come from the seed. */
        for (int32_t s = 0; s < spots; s++) {
            float dx = x - unit_random(seed, 2u * s) * width;
            float dy = y - unit_random(seed, 2u * s + 1) * height;
            if (dx * dx + dy * dy < radius * radius) {
                value = 100;
            }
        }
        state_out[i] = value;
    }
    return ORRERY_OK;
}

int32_t orrery_step(int32_t first, int32_t count, float dt) {
    (void)dt; /* one spread a step, whatever the rate */
    if (!orrery_range_ok(first, count, cells)) {
        return ORRERY_ERROR_RANGE;
    }
    float spread = (float)params[PARAM_SPREAD];
    double total = 0;
    float hottest = state_in[first < cells ? first : 0];
    for (int32_t i = first; i < first + count; i++) {
        int32_t x = i % width;
        int32_t y = i / width;
        float here = state_in[i];
        /* A neighbour past the edge counts as this cell: nothing flows out of the grid. */
        float left = x > 0 ? state_in[i - 1] : here;
        float right = x < width - 1 ? state_in[i + 1] : here;
        float up = y > 0 ? state_in[i - width] : here;
        float down = y < height - 1 ? state_in[i + width] : here;
        state_out[i] = here + spread * (left + right + up + down - 4 * here);
        total += here;
        hottest = here > hottest ? here : hottest;
    }
    /* This range's part, from the state it read: the host adds the totals and keeps the hottest. */
    summary[SUMMARY_TOTAL] = total;
    summary[SUMMARY_HOTTEST] = hottest;
    return ORRERY_OK;
}
