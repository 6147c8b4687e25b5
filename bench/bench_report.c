/*
 * bench/bench_report.c - the report and the advice on a long diary in a
 * database: reading the history (tendo_history_load), the advice for the
 * last day, and the HTML report of the last N weeks (the advice of every
 * day shown in one pass, the charts), for each N given; RUNS times each,
 * in-process; prints best and median.
 *
 * usage: bench_report DB RUNS WEEKS...   (TENDO_NOW's day is the last day)
 */
#include "tendo/tendo.h"
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void show(const char *what, double *t, int runs)
{
    qsort(t, (size_t)runs, sizeof *t, cmp_d);
    printf("%-34s best %8.2f ms, median %8.2f ms\n", what, t[0] * 1e3,
           t[runs / 2] * 1e3);
}

int main(int argc, char **argv)
{
    struct tendo_error e = {0};
    struct tendo_history *h = NULL;
    struct tendo_advice a;
    tendo_db *db;
    double t[64], load_med;
    int runs;
    tendo_day last;
    const char *now = getenv("TENDO_NOW");
    int64_t utc;
    if (argc < 4 || (runs = atoi(argv[2])) < 1 || runs > 64 || !now ||
        tendo_utc_parse(now, &utc))
        return fprintf(stderr, "usage: TENDO_NOW=... bench_report DB RUNS "
                               "WEEKS...\n"),
               1;
    last = (tendo_day)(utc / 86400);
    if (tendo_db_open(argv[1], TENDO_OPEN_EXISTING, &db, &e))
        return fprintf(stderr, "%s\n", e.msg), 1;
    for (int r = 0; r < runs; r++) {
        double t0 = now_s();
        tendo_history_free(h);
        if (tendo_history_load(db, last, &h, &e))
            return fprintf(stderr, "%s\n", e.msg), 1;
        t[r] = now_s() - t0;
    }
    printf("history: %zu days, %zu sessions, %zu checks, %zu rehab\n",
           h->ndays, h->nsessions, h->nchecks, h->nrehab);
    show("read the history", t, runs);
    load_med = t[runs / 2];
    for (int r = 0; r < runs; r++) {
        double t0 = now_s();
        if (tendo_advise(h, last, &a, &e))
            return fprintf(stderr, "%s\n", e.msg), 1;
        t[r] = now_s() - t0;
    }
    show("advice for the last day", t, runs);
    for (int k = 3; k < argc; k++) {
        int weeks = atoi(argv[k]);
        struct tendo_report_input in;
        char what[64];
        size_t bytes = 0;
        memset(&in, 0, sizeof in);
        in.history = h;
        in.to = last;
        in.from = tendo_day_week_start(last) - (weeks - 1) * 7;
        for (int r = 0; r < runs; r++) {
            struct tendo_buf b;
            double t0 = now_s();
            tendo_buf_init(&b, 0);
            if (tendo_report_html(&b, &in, &e))
                return fprintf(stderr, "%s\n", e.msg), 1;
            t[r] = now_s() - t0;
            bytes = b.len;
            tendo_buf_release(&b);
        }
        snprintf(what, sizeof what, "report, %d weeks (%zu kB)", weeks,
                 bytes / 1000);
        show(what, t, runs);
        printf("%-34s median %8.2f ms\n", "  with reading the history",
               (t[runs / 2] + load_med) * 1e3);
    }
    tendo_history_free(h);
    tendo_db_close(db);
    return 0;
}
