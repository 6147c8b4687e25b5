/*
 * bench/bench_load.c - load analytics over ten years of daily training
 * (one or two sessions a day, 3,653 days): tendo_load_compute for the
 * whole span, RUNS times; prints the time per call and per day.
 *
 * usage: bench_load [RUNS]
 */
#include "tendo/tendo.h"
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 21, n = 0;
    enum { DAYS = 3653 };
    static struct tendo_session s[DAYS * 2];
    static struct tendo_load_day days[DAYS];
    static struct tendo_load_week weeks[DAYS / 7 + 2];
    struct tendo_load_params p = {190, 50, 0};
    double t[64];
    size_t nw;
    tendo_day from = 20416 - DAYS + 1;
    if (runs < 1 || runs > 64)
        return 1;
    for (int d = 0; d < DAYS; d++) {
        tendo_session_init(&s[n]);
        s[n].date = from + d;
        snprintf(s[n].type, sizeof s[n].type, "%s", d % 7 == 2 ? "bike" : "run");
        s[n].minutes = 30 + d % 50;
        s[n].distance_m = s[n].minutes * 180;
        s[n].rpe = d % 3 ? 3 + d % 5 : TENDO_UNSET;
        s[n].avg_hr = 130 + d % 30;
        s[n].cadence_spm = 165 + d % 10;
        n++;
        if (d % 5 == 0) {
            tendo_session_init(&s[n]);
            s[n].date = from + d;
            snprintf(s[n].type, sizeof s[n].type, "walk");
            s[n].minutes = 40;
            n++;
        }
    }
    for (int r = 0; r < runs; r++) {
        struct tendo_error e = {0};
        double t0 = now_s();
        if (tendo_load_compute(s, (size_t)n, TENDO_DAY_NONE, from, from + DAYS - 1, &p, days,
                               weeks, &nw, &e))
            return 1;
        t[r] = now_s() - t0;
    }
    qsort(t, (size_t)runs, sizeof *t, cmp_d);
    printf("%d sessions over %d days (%zu weeks): best %.3f ms, median %.3f ms "
           "for every metric of every day and week (%.0f ns per day)\n",
           n, DAYS, nw, t[0] * 1e3, t[runs / 2] * 1e3,
           t[runs / 2] / DAYS * 1e9);
    return 0;
}
