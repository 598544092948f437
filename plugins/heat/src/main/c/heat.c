/*
 * heat.c - 2D heat diffusion on a W x H float32 grid: the explicit 5-point stencil
 *
 *     T'(x,y) = T + a * (T(x-1,y) + T(x+1,y) + T(x,y-1) + T(x,y+1) - 4 T),   a = diffusivity * dt
 *
 * with cells one unit apart. Item i is the cell at column i % W, row i / W (one float each).
 *
 * Parameters, in kernel.json order:
 *   0 diffusivity          cells^2 per second
 *   1 timeStep             seconds per step (the tick's dt is not used: the step is a parameter)
 *   2 boundary             0 fixed (the edge is held at edgeTemperature), 1 insulated (no flux
 *                          through the edge), 2 periodic (the grid wraps in both directions)
 *   3 edgeTemperature      for the fixed boundary
 *   4 initialTemperature   the uniform starting state made by orrery_reset
 *
 * The parameter buffer "sources" holds up to MAX_SOURCES records {x, y, radius, temperature}:
 * every cell whose centre lies within radius of (x, y) is held at that temperature after each
 * step (the painted sources of the heat view).
 *
 * Summary values, in kernel.json order, of the state a step reads: the sum of the cells'
 * temperatures (the plate's heat, in units of one cell at one degree), the coldest and the hottest.
 *
 * The scheme is stable only for dt <= 1 / (4 * diffusivity). A larger time step is clamped to
 * STABLE_SHARE of that limit and the kernel says so in the plugin's log, once per setting, so the
 * user sees why the simulation runs slower than asked instead of watching it blow up.
 */
#include "orrery_kernel.h"
#include "orrery_alloc.h"

#define MAX_SOURCES 256
#define SOURCE_FIELDS 4
#define STABLE_SHARE 0.95

enum { BOUNDARY_FIXED = 0, BOUNDARY_INSULATED = 1, BOUNDARY_PERIODIC = 2 };

static double params[5];
static float sources[MAX_SOURCES * SOURCE_FIELDS];
static int32_t source_count;
static float *state_in;
static float *state_out;
/* A row of the fixed boundary's temperature: the row beyond the top and bottom edges. */
static float *edge_row;
static int32_t width;
static int32_t height;
static int32_t cells;
enum { TOTAL, COLDEST, HOTTEST, SUMMARIES };
static double summary[SUMMARIES];
/* The setting last warned about, so that the warning is said once per setting, not every step. */
static double warned_dt = -1;
static double warned_diffusivity = -1;

int32_t orrery_abi_version(void) { return ORRERY_ABI_VERSION; }

int32_t orrery_grid_shape(int32_t w, int32_t h) {
    if (w < 1 || h < 1) {
        return ORRERY_ERROR_RANGE;
    }
    width = w;
    height = h;
    return ORRERY_OK;
}

int32_t orrery_init(int32_t item_count) {
    if (width < 1 || item_count != width * height) {
        return ORRERY_ERROR_RANGE; /* the host gives the shape first, and then exactly its cells */
    }
    uint32_t bytes = (uint32_t)item_count * sizeof(float);
    state_in = orrery_reserve(bytes);
    state_out = orrery_reserve(bytes);
    edge_row = orrery_reserve((uint32_t)width * sizeof(float));
    if (!state_in || !state_out || !edge_row) {
        return ORRERY_ERROR_OUT_OF_MEMORY;
    }
    cells = item_count;
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

/* This range's part of the summary values, from the input state. */
static void summarise(int32_t first, int32_t end) {
    double total = 0;
    float coldest = __builtin_inff();
    float hottest = -__builtin_inff();
    for (int32_t i = first; i < end; i++) {
        float t = state_in[i];
        total += t;
        coldest = t < coldest ? t : coldest;
        hottest = t > hottest ? t : hottest;
    }
    summary[TOTAL] = total;
    summary[COLDEST] = coldest;
    summary[HOTTEST] = hottest;
}

float *orrery_buffer_ptr(int32_t records) {
    if (records < 0 || records > MAX_SOURCES) {
        return 0;
    }
    source_count = records;
    return sources;
}

/* Writes the number's integer part and three decimals; enough for a log line, with no libc. */
static char *put_number(char *at, double value) {
    if (value < 0) {
        *at++ = '-';
        value = -value;
    }
    int64_t scaled = (int64_t)(value * 1000 + 0.5);
    char digits[24];
    int n = 0;
    do {
        digits[n++] = (char)('0' + scaled % 10);
        scaled /= 10;
    } while (scaled > 0 || n < 4);
    while (n > 3) {
        *at++ = digits[--n];
    }
    *at++ = '.';
    while (n > 0) {
        *at++ = digits[--n];
    }
    return at;
}

static char *put_text(char *at, const char *text) {
    while (*text) {
        *at++ = *text++;
    }
    return at;
}

static void warn_clamped(double asked, double limit, double used, double diffusivity) {
    if (asked == warned_dt && diffusivity == warned_diffusivity) {
        return;
    }
    warned_dt = asked;
    warned_diffusivity = diffusivity;
    char line[200];
    char *at = put_text(line, "time step ");
    at = put_number(at, asked);
    at = put_text(at, " s is above the stability limit ");
    at = put_number(at, limit);
    at = put_text(at, " s for diffusivity ");
    at = put_number(at, diffusivity);
    at = put_text(at, "; using ");
    at = put_number(at, used);
    at = put_text(at, " s");
    orrery_log(line, (int32_t)(at - line));
}

/* The time step actually used: the parameter, or STABLE_SHARE of the stability limit. */
static float stable_dt(void) {
    double diffusivity = params[0];
    double asked = params[1];
    if (diffusivity <= 0) {
        return (float)asked;
    }
    double limit = 1.0 / (4.0 * diffusivity);
    if (asked <= limit) {
        warned_dt = -1; /* back within the limit: warn again if it is crossed again */
        return (float)asked;
    }
    double used = STABLE_SHARE * limit;
    warn_clamped(asked, limit, used, diffusivity);
    return (float)used;
}

/* One cell at the left or right edge: its neighbour across the edge depends on the boundary. */
static inline float edge_cell(const float *row, const float *up, const float *down, int32_t x, float a,
                              int32_t boundary, float edge) {
    float c = row[x];
    float across = boundary == BOUNDARY_PERIODIC ? row[x == 0 ? width - 1 : 0]
                 : boundary == BOUNDARY_FIXED ? edge : c;
    float l = x > 0 ? row[x - 1] : across;
    float r = x < width - 1 ? row[x + 1] : across;
    return c + a * (l + r + up[x] + down[x] - 4.0f * c);
}

/* Cells [x0, x1) of row y. The rows above and below are real rows, or the boundary's stand-in. */
static void step_row(int32_t y, int32_t x0, int32_t x1, float a, int32_t boundary, float edge) {
    const float *row = state_in + (int64_t)y * width;
    const float *beyond_top = boundary == BOUNDARY_PERIODIC ? state_in + (int64_t)(height - 1) * width
                            : boundary == BOUNDARY_FIXED ? edge_row : row;
    const float *beyond_bottom = boundary == BOUNDARY_PERIODIC ? state_in
                               : boundary == BOUNDARY_FIXED ? edge_row : row;
    const float *up = y > 0 ? row - width : beyond_top;
    const float *down = y < height - 1 ? row + width : beyond_bottom;
    float *out = state_out + (int64_t)y * width;
    int32_t inner0 = x0 > 1 ? x0 : 1;
    int32_t inner1 = x1 < width - 1 ? x1 : width - 1;
    if (x0 == 0) {
        out[0] = edge_cell(row, up, down, 0, a, boundary, edge);
    }
    for (int32_t x = inner0; x < inner1; x++) { /* branch-free, so it vectorises */
        float c = row[x];
        out[x] = c + a * (row[x - 1] + row[x + 1] + up[x] + down[x] - 4.0f * c);
    }
    if (x1 == width && width > 1) {
        out[width - 1] = edge_cell(row, up, down, width - 1, a, boundary, edge);
    }
}

/* Holds the cells of [first, end) that lie under a source at its temperature. */
static void apply_sources(int32_t first, int32_t end) {
    for (int32_t s = 0; s < source_count; s++) {
        const float *source = sources + s * SOURCE_FIELDS;
        float sx = source[0], sy = source[1], radius = source[2], temperature = source[3];
        if (!(radius >= 0) || !(sx > -radius - 1) || !(sy > -radius - 1)
                || !(sx < width + radius + 1) || !(sy < height + radius + 1)) {
            continue; /* covers no cell (or is NaN) */
        }
        int32_t y0 = (int32_t)(sy - radius) - 1, y1 = (int32_t)(sy + radius) + 1;
        int32_t x0 = (int32_t)(sx - radius) - 1, x1 = (int32_t)(sx + radius) + 1;
        if (y0 < 0) y0 = 0;
        if (x0 < 0) x0 = 0;
        if (y1 > height - 1) y1 = height - 1;
        if (x1 > width - 1) x1 = width - 1;
        for (int32_t y = y0; y <= y1; y++) {
            float dy = (float)y + 0.5f - sy;
            for (int32_t x = x0; x <= x1; x++) {
                float dx = (float)x + 0.5f - sx;
                int32_t i = y * width + x;
                if (i >= first && i < end && dx * dx + dy * dy <= radius * radius) {
                    state_out[i] = temperature;
                }
            }
        }
    }
}

int32_t orrery_step(int32_t first, int32_t count, float dt) {
    (void)dt;
    if (!orrery_range_ok(first, count, cells)) {
        return ORRERY_ERROR_RANGE;
    }
    int32_t boundary = (int32_t)params[2];
    if (boundary < BOUNDARY_FIXED || boundary > BOUNDARY_PERIODIC) {
        return ORRERY_ERROR_PARAMETER;
    }
    float a = (float)params[0] * stable_dt();
    float edge = (float)params[3];
    if (boundary == BOUNDARY_FIXED) {
        for (int32_t x = 0; x < width; x++) {
            edge_row[x] = edge;
        }
    }
    int32_t end = first + count;
    for (int32_t i = first; i < end;) {
        int32_t y = i / width;
        int32_t x0 = i - y * width;
        int32_t x1 = end - y * width < width ? end - y * width : width;
        step_row(y, x0, x1, a, boundary, edge);
        i = y * width + x1;
    }
    apply_sources(first, end);
    summarise(first, end);
    return ORRERY_OK;
}

int32_t orrery_reset(int32_t first, int32_t count) {
    if (!orrery_range_ok(first, count, cells)) {
        return ORRERY_ERROR_RANGE;
    }
    float start = (float)params[4];
    for (int32_t i = first; i < first + count; i++) {
        state_out[i] = start;
    }
    return ORRERY_OK;
}
