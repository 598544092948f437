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
 * The mapping is done in double precision and is the whole contract for where a point lands:
 *   column = floor((x - xMin) * (W / (xMax - xMin))), kept when 0 <= column < W
 *   row    = floor((yMax - y) * (H / (yMax - yMin))), kept when 0 <= row < H
 * and a cell's weights are summed in float, in the order of the points.
 */
#include "orrery_kernel.h"
#include "orrery_alloc.h"

#define FIELDS 3

static double params[4];
static float *state_in;
static float *state_out;
static int32_t width;
static int32_t height;
static int32_t cells;
static float *points;
static int32_t point_count;
static int32_t point_capacity;
/* Whether the points given last were checked to be sorted by y; checked at the first step. */
static int points_checked;

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

/* The region is reused while the new points fit; a larger set takes a new region (the old one
 * cannot be returned: orrery_reserve only grows), so memory is bounded by the largest set loaded
 * plus the sets before it that were smaller. */
float *orrery_buffer_ptr(int32_t records) {
    if (records < 0) {
        return 0;
    }
    if (records > point_capacity) {
        float *region = orrery_reserve((uint32_t)records * FIELDS * sizeof(float));
        if (!region) {
            return 0;
        }
        points = region;
        point_capacity = records;
    }
    point_count = records;
    points_checked = 0;
    return points; /* 0 before the first points: fine when there are none to write */
}

/* Made-up points for the host's warm-up, sorted by y, weight 1, spread over a square a half
 * wider than the default viewport (the unit square) so that some fall outside it on every side:
 * a warm-up step then takes every branch a step over the user's data can take, and none of the
 * compiled code is thrown away (and the step run cold again) at the first real step. */
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
        if (row_of(points[mid * FIELDS + 1], y_max, rows_per_unit) <= row) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return lo;
}

static int sorted_by_y(void) {
    for (int32_t i = 1; i < point_count; i++) {
        if (!(points[(i - 1) * FIELDS + 1] <= points[i * FIELDS + 1])) {
            return 0; /* out of order, or NaN */
        }
    }
    return 1;
}

int32_t orrery_step(int32_t first, int32_t count, float dt) {
    (void)dt;
    if (!orrery_range_ok(first, count, cells)) {
        return ORRERY_ERROR_RANGE;
    }
    if (!points_checked) {
        if (!sorted_by_y()) {
            orrery_log("the points are not sorted by y", 30);
            return ORRERY_ERROR_STATE;
        }
        points_checked = 1;
    }
    int32_t end = first + count;
    for (int32_t i = first; i < end; i++) {
        state_out[i] = 0;
    }
    double x_min = params[0], x_max = params[1], y_min = params[2], y_max = params[3];
    if (!(x_max > x_min) || !(y_max > y_min) || count == 0) {
        return ORRERY_OK; /* an empty viewport shows nothing */
    }
    double columns_per_unit = width / (x_max - x_min);
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
        double column_low = row_first < first ? first - row_first : 0;
        double column_high = row_first + width > end ? end - row_first : width;
        float *out_row = state_out + row_first;
        for (int32_t p = row_start; p < row_end; p++) {
            const float *point = points + p * FIELDS;
            double c = ((double)point[0] - x_min) * columns_per_unit;
            if (c >= column_low && c < column_high) {
                out_row[(int32_t)c] += point[2];
            }
        }
        row_start = row_end;
    }
    return ORRERY_OK;
}
