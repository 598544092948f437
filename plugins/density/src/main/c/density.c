/*
 * density.c - bins the analyst's points that fall in the viewport into a W x H grid of summed
 * weights (a count when every weight is 1). Item i is the cell at column i % W, row i / W; row 0
 * is the top of the viewport (yMax), so the grid reads like an image with north up.
 *
 * Parameters, in kernel.json order: xMin, xMax, yMin, yMax (the viewport).
 *
 * The points arrive once, as the parameter buffer "points": records {x, y, weight}, sorted by y
 * (the host's loader sorts them). A range of cells covers a band of rows, and the sort lets the
 * step find the points of that band by binary search, so each worker reads only the points of
 * its own rows and no partial grids need merging: a tick costs the visible points, not all of
 * them, and splits across workers like any other step.
 *
 * Where a point lands is this contract, which DensityKernelTest restates in Java:
 *   row = floor((yMax - y) * (H / (yMax - yMin))) in double, kept when 0 <= row < H.
 *   x is fixed point. The first step after new points turns each x, in place, into
 *     q = (int) ((x - origin) * scale),  origin = the least x, scale = 2^30 / (the x extent),
 *   and a view maps q in integers: with b = (xMin - origin) * scale, s = q steps per column
 *   = (xMax - xMin) * scale / W, base = floor(b), m = (int64) (2^50 / s),
 *   f = (int64) ((b - base) * m) and d = q - base,
 *     column = (d * m - f) >> 50, kept when 0 <= column < W (found by comparing d alone).
 *   That is floor((q - b) / s) to within 2^-13 of a column. Integers, because GraalWasm runs
 *   this loop in three quarters of the time it takes in doubles. Views more than 64 times as wide
 *   as the data, or under 2^-12 q steps a column, use column = floor((q - b) / s) in double.
 * A cell's weights are summed in float, in the order of the points.
 *
 * Summary values, in kernel.json order, of the grid a step reads (the view as last binned): the
 * weight in view, the cells holding any, the heaviest cell, and a histogram of the cells holding
 * weight by decade: under 1, 1 to 10, 10 to 100, 100 to 1000, 1000 to 10000, and more.
 */
#include "orrery_kernel.h"
#include "orrery_alloc.h"

#define FIELDS 3
#define Q_STEPS 1073741824.0 /* 2^30: q runs from 0 to this across the data's x extent */
#define FRACTION_BITS 50
#define ONE (1LL << FRACTION_BITS)
/* The q steps per column that the integer mapping covers: within it, d * m stays below 2^63
 * and m is exact enough (see the contract). */
#define MIN_STEPS_PER_COLUMN (1.0 / 4096.0)
#define MAX_STEPS_PER_COLUMN 67108864.0 /* 2^26 */

/* A point's x is a float when the host writes it and q (an int32) once the first step has
 * prepared the points; y and weight stay floats. */
typedef union {
    float f;
    int32_t q;
} field;

static double params[4];
static float *state_in;
static float *state_out;
static int32_t width;
static int32_t height;
static int32_t cells;
static field *points;
static int32_t point_count;
static int32_t point_capacity;
/* Whether the points given last were checked and their x turned into q, at the first step. */
static int points_prepared;
static double x_origin;
static double x_scale;
enum { IN_VIEW, LIT_CELLS, PEAK, DECADE_0, DECADES = 6, SUMMARIES = DECADE_0 + DECADES };
static double summary[SUMMARIES];

int32_t orrery_abi_version(void) { return ORRERY_ABI_VERSION; }

double *orrery_summary_ptr(void) { return summary; }

/* This range's part of the summary values, from the input grid. */
static void summarise(int32_t first, int32_t end) {
    double in_view = 0;
    float peak = -__builtin_inff();
    double decades[DECADES] = {0};
    for (int32_t i = first; i < end; i++) {
        float w = state_in[i];
        in_view += w;
        peak = w > peak ? w : peak;
        if (w > 0) {
            int d = 0;
            for (float bound = 1; d < DECADES - 1 && w >= bound; bound *= 10) {
                d++;
            }
            decades[d] += 1;
        }
    }
    summary[IN_VIEW] = in_view;
    summary[PEAK] = peak;
    double lit = 0;
    for (int d = 0; d < DECADES; d++) {
        summary[DECADE_0 + d] = decades[d];
        lit += decades[d];
    }
    summary[LIT_CELLS] = lit;
}

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
        return ORRERY_ERROR_RANGE;
    }
    uint32_t bytes = (uint32_t)item_count * sizeof(float);
    state_in = orrery_reserve(bytes);
    state_out = orrery_reserve(bytes);
    if (!state_in || !state_out) {
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

/* The region is reused while the new points fit; a larger set takes a new region (the old one
 * cannot be returned: orrery_reserve only grows), so memory is bounded by the largest set loaded
 * plus the sets before it that were smaller. */
float *orrery_buffer_ptr(int32_t records) {
    if (records < 0) {
        return 0;
    }
    if (records > point_capacity) {
        field *region = orrery_reserve((uint32_t)records * FIELDS * sizeof(field));
        if (!region) {
            return 0;
        }
        points = region;
        point_capacity = records;
    }
    point_count = records;
    points_prepared = 0;
    return (float *)points; /* 0 before the first points: fine when there are none to write */
}

/* Made-up points for the host's warm-up, sorted by y, weight 1, spread over a square a half
 * wider than the default viewport (the unit square) so that some fall outside it on every side:
 * a warm-up step then takes the branches that a step over the user's data takes, and those are
 * compiled before the data arrives. */
int32_t orrery_buffer_sample(int32_t records) {
    float *p = orrery_buffer_ptr(records);
    if (!p && records > 0) {
        return ORRERY_ERROR_OUT_OF_MEMORY;
    }
    uint32_t random = 2463534242u;
    for (int32_t i = 0; i < records; i++) {
        random ^= random << 13; /* xorshift32: the spread in x need not be good, only uneven */
        random ^= random >> 17;
        random ^= random << 5;
        p[i * FIELDS] = -0.25f + 1.5f * (float)(random >> 8) * (1.0f / 16777216.0f);
        p[i * FIELDS + 1] = -0.25f + 1.5f * ((float)i + 0.5f) / (float)records;
        p[i * FIELDS + 2] = 1.0f;
    }
    return ORRERY_OK;
}

static inline int32_t row_of(float y, double y_max, double rows_per_unit) {
    double r = (y_max - (double)y) * rows_per_unit;
    return r >= 0 && r < height ? (int32_t)r : (r < 0 ? -1 : height);
}

/* First point whose row is at most `row` (rows fall as y rises: the points are sorted by y). */
static int32_t first_at_or_above(int32_t row, double y_max, double rows_per_unit) {
    int32_t lo = 0, hi = point_count;
    /* Every point is in a row of at least -1 and at most height: no search needed at the ends. */
    if (row < -1) return point_count;
    if (row >= height) return 0;
    while (lo < hi) {
        int32_t mid = lo + (hi - lo) / 2;
        if (row_of(points[mid * FIELDS + 1].f, y_max, rows_per_unit) <= row) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return lo;
}

/* Checks the points (sorted by y, finite x) and turns each x into q. Returns ORRERY_OK, or
 * ORRERY_ERROR_STATE after saying why in the log. */
static int32_t prepare_points(void) {
    float least = 0, most = 0;
    for (int32_t i = 0; i < point_count; i++) {
        float x = points[i * FIELDS].f;
        if (!(x - x == 0)) { /* NaN or infinite */
            orrery_log("a point's x is not a finite number", 34);
            return ORRERY_ERROR_STATE;
        }
        if (i > 0 && !(points[(i - 1) * FIELDS + 1].f <= points[i * FIELDS + 1].f)) {
            orrery_log("the points are not sorted by y", 30);
            return ORRERY_ERROR_STATE; /* out of order, or NaN */
        }
        least = i == 0 || x < least ? x : least;
        most = i == 0 || x > most ? x : most;
    }
    x_origin = least;
    x_scale = most > least ? Q_STEPS / ((double)most - least) : 1.0;
    for (int32_t i = 0; i < point_count; i++) {
        points[i * FIELDS].q = (int32_t)(((double)points[i * FIELDS].f - x_origin) * x_scale);
    }
    return ORRERY_OK;
}

/* The smallest d with (d * m - f) >> FRACTION_BITS >= column. */
static inline int64_t first_d_of(int32_t column, uint64_t m, uint64_t f) {
    uint64_t n = ((uint64_t)column << FRACTION_BITS) + f;
    return (int64_t)(n / m + (n % m != 0));
}

/* The mapping for views outside the integer one's reach: rare, so plain and slow. */
static __attribute__((noinline)) void bin_row_in_double(float *out_row, int32_t from, int32_t to,
        int32_t low, int32_t high, double b, double s) {
    for (int32_t p = from; p < to; p++) {
        double c = ((double)points[p * FIELDS].q - b) / s;
        if (c >= low && c < high) {
            out_row[(int32_t)c] += points[p * FIELDS + 2].f;
        }
    }
}

int32_t orrery_step(int32_t first, int32_t count, float dt) {
    (void)dt;
    if (!orrery_range_ok(first, count, cells)) {
        return ORRERY_ERROR_RANGE;
    }
    summarise(first, first + count);
    if (!points_prepared) {
        int32_t prepared = prepare_points();
        if (prepared != ORRERY_OK) {
            return prepared;
        }
        points_prepared = 1;
    }
    int32_t end = first + count;
    for (int32_t i = first; i < end; i++) {
        state_out[i] = 0;
    }
    double x_min = params[0], x_max = params[1], y_min = params[2], y_max = params[3];
    if (!(x_max > x_min) || !(y_max > y_min) || count == 0) {
        return ORRERY_OK; /* an empty viewport shows nothing */
    }
    double b = (x_min - x_origin) * x_scale;
    double s = (x_max - x_min) * x_scale / width;
    if (b > Q_STEPS || b + s * width < 0) {
        return ORRERY_OK; /* the view is beside the data: nothing to show */
    }
    int integer_mapping = s >= MIN_STEPS_PER_COLUMN && s <= MAX_STEPS_PER_COLUMN;
    int64_t base = 0;
    uint64_t m = 1, f = 0;
    if (integer_mapping) {
        /* The view overlaps the data, so -(W * s) <= b <= 2^30: base fits easily in an int64. */
        base = (int64_t)b - (b < (double)(int64_t)b); /* floor */
        m = (uint64_t)((double)ONE / s);
        f = (uint64_t)((b - (double)base) * (double)m);
    }
    double rows_per_unit = height / (y_max - y_min);
    int32_t top_row = first / width;
    int32_t bottom_row = (end - 1) / width;
    /* Row by row from the bottom of the band (lowest y) up: each row's points are a slice found
     * by binary search, so the inner loop maps x alone. */
    int32_t row_start = first_at_or_above(bottom_row, y_max, rows_per_unit);
    for (int32_t row = bottom_row; row >= top_row; row--) {
        int32_t row_end = first_at_or_above(row - 1, y_max, rows_per_unit);
        /* The columns of this row inside the range: all but in the range's first and last rows. */
        int32_t row_first = row * width;
        int32_t low = row_first < first ? first - row_first : 0;
        int32_t high = row_first + width > end ? end - row_first : width;
        float *out_row = state_out + row_first;
        if (!integer_mapping) {
            bin_row_in_double(out_row, row_start, row_end, low, high, b, s);
        } else {
            /* Columns low to high - 1 are the q from base + d_low to base + d_high - 1: one
             * unsigned compare of q - (base + d_low) keeps a point, negative differences too. */
            int64_t d_low = first_d_of(low, m, f);
            int64_t q_low = base + d_low;
            uint64_t span = (uint64_t)(first_d_of(high, m, f) - d_low);
            for (int32_t p = row_start; p < row_end; p++) {
                uint64_t e = (uint64_t)((int64_t)points[p * FIELDS].q - q_low);
                if (e < span) {
                    out_row[((e + d_low) * m - f) >> FRACTION_BITS] += points[p * FIELDS + 2].f;
                }
            }
        }
        row_start = row_end;
    }
    return ORRERY_OK;
}
