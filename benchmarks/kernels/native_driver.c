/*
 * native_driver.c - runs a kernel built natively (clang -O3) the way the host runs it: one full
 * step per tick, then the output copied back to the input. Prints steps per second.
 * usage: KERNEL-native ITEMS SECONDS LANES   (LANES: floats per item, 4 for n-body, 1 for heat)
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "orrery_kernel.h"

void orrery_log(const char *ptr, int32_t len) { fprintf(stderr, "%.*s\n", (int)len, ptr); }

int64_t orrery_now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s ITEMS SECONDS LANES\n", argv[0]);
        return 2;
    }
    int32_t n = atoi(argv[1]);
    double seconds = atof(argv[2]);
    int32_t lanes = atoi(argv[3]);
    if (orrery_init(n) != ORRERY_OK) {
        return 1;
    }
    double *params = orrery_params_ptr();
    params[0] = 1.0;
    if (lanes == 4) {
        params[1] = 0.05; /* n-body softening; heat has one parameter */
    }
    float *in = orrery_state_in_ptr();
    float *out = orrery_state_out_ptr();
    unsigned seed = 12345;
    for (int32_t i = 0; i < n * lanes; i++) {
        seed = seed * 1103515245u + 12345u;
        in[i] = (float)((seed >> 8) & 0xffff) / 65536.0f - 0.5f;
    }
    long steps = 0;
    int64_t start = orrery_now_ns();
    int64_t end = start + (int64_t)(seconds * 1e9);
    int64_t now = start;
    while (now < end) {
        if (orrery_step(0, n, 0.001f) != ORRERY_OK) {
            return 1;
        }
        memcpy(in, out, (size_t)n * lanes * sizeof(float));
        steps++;
        now = orrery_now_ns();
    }
    printf("%.2f\n", steps / ((now - start) / 1e9));
    return 0;
}
