/*
 * bench/bench_diary.c - how long a long diary takes: parse only, import
 * into a fresh database (one transaction), and export back to CSV. Median
 * and best of N runs, CLOCK_MONOTONIC, data in memory.
 *
 * usage: bench_diary DIARY.CSV [RUNS]   (make bench generates a 10-year one)
 */
#include "tendo/tendo.h"
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int count_row(const struct tendo_diary_row *row, void *ctx,
                     struct tendo_error *err)
{
    (void)row;
    (void)err;
    (*(long *)ctx)++;
    return 0;
}

static void report(const char *what, double *t, int n, double mb, long rows)
{
    qsort(t, (size_t)n, sizeof *t, cmp_d);
    printf("%-28s best %8.1f ms  median %8.1f ms  %7.1f MB/s  %9.0f rows/s\n",
           what, t[0] * 1e3, t[n / 2] * 1e3, mb / t[n / 2], rows / t[n / 2]);
}

int main(int argc, char **argv)
{
    uint8_t *data;
    size_t len;
    struct tendo_error e = {0};
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    double tp[32], ti[32], te[32], mb;
    long rows = 0;
    char path[] = "/tmp/tendo-bench-XXXXXX";
    char dbpath[600];
    tendo_day today = (tendo_day)(time(NULL) / 86400) + 1;

    if (argc < 2 || runs < 1 || runs > 32) {
        fprintf(stderr, "usage: bench_diary DIARY.CSV [RUNS 1-32]\n");
        return 1;
    }
    if (tendo_read_file(argv[1], (size_t)1 << 30, &data, &len, &e)) {
        fprintf(stderr, "bench: %s\n", e.msg);
        return 1;
    }
    if (!mkdtemp(path))
        return 1;
    mb = (double)len / 1e6;
    for (int i = 0; i < runs; i++) {
        long n = 0;
        double t0 = now_s();
        if (tendo_diary_parse(data, len, argv[1], today, count_row, &n, &e)) {
            fprintf(stderr, "bench: %s (line %u)\n", e.msg, e.line);
            return 1;
        }
        tp[i] = now_s() - t0;
        rows = n;
    }
    for (int i = 0; i < runs; i++) {
        tendo_db *db;
        struct tendo_import_result r;
        struct tendo_buf out;
        double t0;
        snprintf(dbpath, sizeof dbpath, "%s/run%d.db", path, i);
        if (tendo_db_open(dbpath, TENDO_OPEN_CREATE, &db, &e)) {
            fprintf(stderr, "bench: %s\n", e.msg);
            return 1;
        }
        t0 = now_s();
        struct tendo_import_opts o = {today, 0, NULL, NULL, 0};
        if (tendo_import_memory(db, data, len, argv[1], &o, &r)) {
            fprintf(stderr, "bench: %s\n", r.err.msg);
            return 1;
        }
        ti[i] = now_s() - t0;
        tendo_buf_init(&out, 0);
        t0 = now_s();
        if (tendo_diary_export(db, TENDO_DAY_MIN, INT32_MAX, &out, &e)) {
            fprintf(stderr, "bench: %s\n", e.msg);
            return 1;
        }
        te[i] = now_s() - t0;
        if (i == 0)
            printf("%s: %.2f MB, %ld rows; imported %d sessions, %d checks, "
                   "%d rehab, %d wellness; export %.2f MB\n",
                   argv[1], mb, rows, r.sessions, r.checks, r.rehab,
                   r.wellness, (double)out.len / 1e6);
        tendo_buf_release(&out);
        tendo_db_close(db);
        unlink(dbpath);
        snprintf(dbpath + strlen(dbpath), 8, "-wal");
        unlink(dbpath);
        dbpath[strlen(dbpath) - 4] = '\0';
        snprintf(dbpath + strlen(dbpath), 8, "-shm");
        unlink(dbpath);
    }
    report("parse (diary CSV)", tp, runs, mb, rows);
    report("import (fresh database)", ti, runs, mb, rows);
    report("export (diary CSV)", te, runs, mb, rows);
    rmdir(path);
    free(data);
    return 0;
}
