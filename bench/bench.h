/*
 * bench/bench.h - what the benchmark programs share: a monotonic clock and
 * a comparator for sorting run times (best = [0], median = [runs / 2]).
 */
#ifndef TENDO_BENCH_H
#define TENDO_BENCH_H

#include <time.h>

static inline double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static inline int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

#endif
