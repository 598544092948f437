/*
 * nbody.c - Orrery's bundled n-body plugin (kernel ABI 1).
 *
 * Every body pulls every other (direct sum, O(N^2)) with Plummer-softened gravity, in float32 and
 * three dimensions. Integration is semi-implicit Euler: the velocity is kicked with the
 * acceleration at the old positions, then the position drifts with the new velocity. It is
 * symplectic, so the energy oscillates around its start instead of drifting away.
 *
 * One item (one body) is 8 floats: x, y, z, mass, vx, vy, vz, 0.
 *
 * Parameters, in kernel.json order:
 *   0 gravity       G
 *   1 softening     Plummer length eps: a pair at distance r attracts as if at sqrt(r^2 + eps^2)
 *   2 timeStep      simulated time per step; the host's wall-clock dt is not used, so a run is
 *                   the same whatever the frame rate
 *   3 distribution  0 disc, 1 sphere, 2 two colliding clusters (orrery_reset)
 *   4 seed          the same seed gives the same starting state, bit for bit
 *
 * Summary values, in kernel.json order, of the state a step reads: kinetic energy, potential
 * energy (softened as the force is, so that kinetic + potential is what the integrator keeps
 * near its start) and the momentum's three components.
 */
#include "orrery_kernel.h"
#include "orrery_alloc.h"

enum { LANES = 8 };
enum { DISC = 0, SPHERE = 1, CLUSTERS = 2 };

static double params[5];
static float *state_in;
static float *state_out;
static int32_t items;
enum { KINETIC, POTENTIAL, MOMENTUM_X, MOMENTUM_Y, MOMENTUM_Z, SUMMARIES };
static double summary[SUMMARIES];

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

/* The host calls this between ticks so the range just written becomes the next input in place. */
int32_t orrery_swap_states(void) {
    float *former_in = state_in;
    state_in = state_out;
    state_out = former_in;
    return ORRERY_OK;
}

double *orrery_summary_ptr(void) { return summary; }

int32_t orrery_step(int32_t first, int32_t count, float dt_unused) {
    (void)dt_unused;
    if (!orrery_range_ok(first, count, items)) {
        return ORRERY_ERROR_RANGE;
    }
    float g = (float)params[0];
    float eps = (float)params[1];
    float dt = (float)params[2];
    if (!(g >= 0.0f) || !(eps > 0.0f) || !(dt > 0.0f)) {
        return ORRERY_ERROR_PARAMETER;
    }
    float eps2 = eps * eps;
    double kinetic = 0, potential = 0, px = 0, py = 0, pz = 0;
    for (int32_t i = first; i < first + count; i++) {
        const float *p = state_in + (uint32_t)i * LANES;
        float ax = 0.0f, ay = 0.0f, az = 0.0f;
        float pull = 0.0f; /* sum of m_j / sqrt(r^2 + eps^2), the body's own term included */
        for (int32_t j = 0; j < items; j++) {
            const float *q = state_in + (uint32_t)j * LANES;
            float dx = q[0] - p[0];
            float dy = q[1] - p[1];
            float dz = q[2] - p[2];
            float r2 = dx * dx + dy * dy + dz * dz + eps2;
            /* The body's pull on itself is zero: dx = dy = dz = 0. */
            float s = q[3] / (r2 * __builtin_sqrtf(r2));
            ax += dx * s;
            ay += dy * s;
            az += dz * s;
            pull += s * r2;
        }
        double m = p[3];
        /* Each pair is counted from both ends: half of it here. */
        potential -= 0.5 * g * m * ((double)pull - m / eps);
        kinetic += 0.5 * m * ((double)p[4] * p[4] + (double)p[5] * p[5] + (double)p[6] * p[6]);
        px += m * p[4];
        py += m * p[5];
        pz += m * p[6];
        float *o = state_out + (uint32_t)i * LANES;
        float vx = p[4] + g * ax * dt;
        float vy = p[5] + g * ay * dt;
        float vz = p[6] + g * az * dt;
        o[0] = p[0] + vx * dt;
        o[1] = p[1] + vy * dt;
        o[2] = p[2] + vz * dt;
        o[3] = p[3];
        o[4] = vx;
        o[5] = vy;
        o[6] = vz;
        o[7] = 0.0f;
    }
    summary[KINETIC] = kinetic;
    summary[POTENTIAL] = potential;
    summary[MOMENTUM_X] = px;
    summary[MOMENTUM_Y] = py;
    summary[MOMENTUM_Z] = pz;
    return ORRERY_OK;
}

/* ---- Starting states ---- */

/* splitmix64: a well-mixed stream from any 64-bit start. Each body's stream starts from the
 * seed and its index, so a body's start does not depend on how the reset was cut into ranges. */
typedef struct { uint64_t s; } rng;

static uint64_t next64(rng *r) {
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Uniform in [-1, 1). */
static float uniform(rng *r) {
    return (float)(next64(r) >> 40) * (2.0f / 16777216.0f) - 1.0f;
}

/* A point uniform in the unit ball, by rejection from the cube (no trigonometry needed). */
static void in_ball(rng *r, float *x, float *y, float *z) {
    do {
        *x = uniform(r);
        *y = uniform(r);
        *z = uniform(r);
    } while (*x * *x + *y * *y + *z * *z > 1.0f);
}

/* Disc: uniform in area over the annulus 0.1 < r < 1, thin in z, each body on the circular
 * orbit that the mass inside its radius would give it (the disc's own mass, softened). */
static void disc(rng *r, float g, float eps, float *b) {
    const float inner = 0.1f;
    float x, y, rr;
    do {
        x = uniform(r);
        y = uniform(r);
        rr = x * x + y * y;
    } while (rr > 1.0f || rr < inner * inner);
    float radius = __builtin_sqrtf(rr);
    float enclosed = (rr - inner * inner) / (1.0f - inner * inner);
    float speed = __builtin_sqrtf(g * enclosed * rr / ((rr + eps * eps) * __builtin_sqrtf(rr + eps * eps)));
    b[0] = x;
    b[1] = y;
    b[2] = 0.02f * uniform(r);
    b[4] = -y / radius * speed;
    b[5] = x / radius * speed;
    b[6] = 0.0f;
}

/* Sphere: uniform in the unit ball, at rest: a cold collapse. */
static void sphere(rng *r, float *b) {
    in_ball(r, &b[0], &b[1], &b[2]);
    b[4] = b[5] = b[6] = 0.0f;
}

/* Two clusters of radius 0.35, one for each half of the bodies, heading for an off-centre
 * collision; inside, each body has a small random velocity. */
static void clusters(rng *r, int32_t i, float *b) {
    float side = i < items / 2 ? -1.0f : 1.0f;
    in_ball(r, &b[0], &b[1], &b[2]);
    b[0] = b[0] * 0.35f + side * 0.8f;
    b[1] = b[1] * 0.35f + side * 0.15f;
    b[2] = b[2] * 0.35f;
    b[4] = -side * 0.3f + 0.1f * uniform(r);
    b[5] = 0.1f * uniform(r);
    b[6] = 0.1f * uniform(r);
}

int32_t orrery_reset(int32_t first, int32_t count) {
    if (!orrery_range_ok(first, count, items)) {
        return ORRERY_ERROR_RANGE;
    }
    float g = (float)params[0];
    float eps = (float)params[1];
    int32_t distribution = (int32_t)params[3];
    double seed = params[4];
    if (!(g >= 0.0f) || !(eps > 0.0f) || distribution < DISC || distribution > CLUSTERS
        || !(seed >= 0.0 && seed <= 2147483647.0)) {
        return ORRERY_ERROR_PARAMETER;
    }
    for (int32_t i = first; i < first + count; i++) {
        rng r = { ((uint64_t)seed << 32) ^ (uint64_t)(uint32_t)i };
        float *b = state_out + (uint32_t)i * LANES;
        switch (distribution) {
            case DISC: disc(&r, g, eps, b); break;
            case SPHERE: sphere(&r, b); break;
            default: clusters(&r, i, b); break;
        }
        b[3] = 1.0f / (float)items; /* total mass 1, whatever the count */
        b[7] = 0.0f;
    }
    return ORRERY_OK;
}
