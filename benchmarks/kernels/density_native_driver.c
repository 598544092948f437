/*
 * density_native_driver.c - the density plugin's kernel built natively (clang -O3), re-binning
 * every point for the whole extent, as DensityRebin's "whole extent in view" does in the host: the
 * same points (the file DensityRebin writes with -Dorrery.density.points), the same 1280 x 720
 * grid, the same 48 bands of rows per tick, claimed by THREADS threads from a shared counter.
 * Prints the median and p99 tick in milliseconds: the ceiling the host's engines are measured
 * against.
 *
 * The kernel keeps its state in statics; here all threads share one copy (an instance each in the
 * host). Bands are disjoint, so the grid is binned right; only the summary values, which nothing
 * reads here, are written by every thread.
 *
 * usage: density-native POINTS_FILE THREADS TICKS
 *   POINTS_FILE: int32 count, then the bounds as four float32 (xMin, xMax, yMin, yMax), then
 *   count records of three float32 (x, y, weight) sorted by y; all little-endian.
 */
#define _POSIX_C_SOURCE 199309L
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "orrery_kernel.h"

#define WIDTH 1280
#define HEIGHT 720
#define BANDS 48
#define MAX_THREADS 64

int32_t orrery_grid_shape(int32_t width, int32_t height);
float *orrery_buffer_ptr(int32_t records);

void orrery_log(const char *ptr, int32_t len) { fprintf(stderr, "%.*s\n", (int)len, ptr); }

int64_t orrery_now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static atomic_int next_band;
static atomic_int failed;

static void *bin_bands(void *unused) {
    (void)unused;
    int band;
    while ((band = atomic_fetch_add(&next_band, 1)) < BANDS) {
        int32_t first = (int32_t)((int64_t)WIDTH * HEIGHT * band / BANDS);
        int32_t end = (int32_t)((int64_t)WIDTH * HEIGHT * (band + 1) / BANDS);
        if (orrery_step(first, end - first, 0) != ORRERY_OK) {
            atomic_store(&failed, 1);
        }
    }
    return NULL;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s POINTS_FILE THREADS TICKS\n", argv[0]);
        return 2;
    }
    int threads = atoi(argv[2]);
    int ticks = atoi(argv[3]);
    if (threads < 1 || threads > MAX_THREADS || ticks < 1) {
        fprintf(stderr, "density-native: THREADS must be 1 to %d and TICKS at least 1\n", MAX_THREADS);
        return 2;
    }
    FILE *in = fopen(argv[1], "rb");
    int32_t count;
    float bounds[4];
    if (!in || fread(&count, 4, 1, in) != 1 || fread(bounds, 4, 4, in) != 4 || count < 0) {
        fprintf(stderr, "density-native: cannot read %s\n", argv[1]);
        return 1;
    }
    if (orrery_grid_shape(WIDTH, HEIGHT) != ORRERY_OK || orrery_init(WIDTH * HEIGHT) != ORRERY_OK) {
        return 1;
    }
    float *points = orrery_buffer_ptr(count);
    if ((count > 0 && !points) || fread(points, 12, (size_t)count, in) != (size_t)count) {
        fprintf(stderr, "density-native: %s holds fewer than %d points\n", argv[1], count);
        return 1;
    }
    fclose(in);
    double *params = orrery_params_ptr();
    params[0] = bounds[0]; /* the host's whole-extent view: the bounds, widened as DensityRebin does */
    params[1] = bounds[1] + 1e-4;
    params[2] = bounds[2];
    params[3] = bounds[3] + 1e-4;
    if (orrery_step(0, WIDTH * HEIGHT, 0) != ORRERY_OK) { /* the first step prepares the points */
        return 1;
    }
    double *times = malloc(sizeof(double) * (size_t)ticks);
    pthread_t pool[MAX_THREADS];
    for (int t = 0; t < ticks; t++) {
        int64_t start = orrery_now_ns();
        atomic_store(&next_band, 0);
        for (int i = 0; i < threads; i++) {
            pthread_create(&pool[i], NULL, bin_bands, NULL);
        }
        for (int i = 0; i < threads; i++) {
            pthread_join(pool[i], NULL);
        }
        times[t] = (orrery_now_ns() - start) / 1e6;
    }
    if (atomic_load(&failed)) {
        fprintf(stderr, "density-native: a step failed\n");
        return 1;
    }
    qsort(times, (size_t)ticks, sizeof(double), by_value);
    printf("%.2f %.2f\n", times[ticks / 2], times[ticks * 99 / 100]);
    free(times);
    return 0;
}
