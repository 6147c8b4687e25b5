/*
 * bench/bench_activity.c - reading activity files of any format (FIT, GPX,
 * TCX, gzipped or not) through tendo_activity_read_memory: every file named
 * is read into memory first, then all are decoded and summarised RUNS
 * times; prints MB/s (best and median). No I/O is timed.
 *
 * usage: bench_activity RUNS FILE...
 */
#include "tendo/tendo.h"
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 0, nfiles = argc - 2;
    uint8_t **data;
    size_t *len;
    double t[64], bytes = 0, points = 0;
    if (argc < 3 || runs < 1 || runs > 64) {
        fprintf(stderr, "usage: bench_activity RUNS FILE...\n");
        return 1;
    }
    data = calloc((size_t)nfiles, sizeof *data);
    len = calloc((size_t)nfiles, sizeof *len);
    for (int i = 0; i < nfiles; i++) {
        struct tendo_error e = {0};
        if (tendo_read_file(argv[i + 2], (size_t)1 << 30, &data[i], &len[i],
                            &e)) {
            fprintf(stderr, "bench_activity: %s\n", e.msg);
            return 1;
        }
        bytes += (double)len[i];
    }
    for (int r = 0; r < runs; r++) {
        double t0 = now_s(), pts = 0;
        for (int i = 0; i < nfiles; i++) {
            struct tendo_activity a;
            struct tendo_error e = {0};
            if (tendo_activity_read_memory(data[i], len[i], argv[i + 2], &a,
                                           NULL, &e) == 0) {
                pts += (double)a.records;
                tendo_activity_release(&a);
            }
        }
        t[r] = now_s() - t0;
        points = pts;
    }
    qsort(t, (size_t)runs, sizeof *t, cmp_d);
    printf("%d files, %.1f MB, %.0f points: best %.3f s, median %.3f s, "
           "%.1f MB/s, %.2f M points/s\n",
           nfiles, bytes / 1e6, points, t[0], t[runs / 2],
           bytes / 1e6 / t[runs / 2], points / 1e6 / t[runs / 2]);
    return 0;
}
