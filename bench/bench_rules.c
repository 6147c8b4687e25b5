/*
 * bench/bench_rules.c - on a 240-day history (a run most days, a check
 * every day, sleep): building the history (tendo_history_build: the days,
 * baselines, typical runs, load metrics), the daily advice on it, and the
 * 12-week plan (tendo_plan, which calls the advice once); RUNS batches of
 * 1,000 calls each; prints the time per call.
 *
 * usage: bench_rules [RUNS]
 */
#include "tendo/tendo.h"
#include "bench.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 21;
    enum { DAYS = 240, CALLS = 1000 };
    static struct tendo_session s[DAYS];
    static struct tendo_check c[DAYS];
    static struct tendo_wellness w[DAYS];
    struct tendo_history_input in;
    struct tendo_athlete ath;
    struct tendo_history *h = NULL;
    struct tendo_advice a;
    double t[64];
    size_t ns = 0;
    tendo_day today = 20416;
    if (runs < 1 || runs > 64)
        return 1;
    for (int d = 0; d < DAYS; d++) {
        tendo_day day = today - DAYS + 1 + d;
        if (d % 7 != 3 && day < today) {
            tendo_session_init(&s[ns]);
            s[ns].date = day;
            snprintf(s[ns].type, sizeof s[ns].type, "run");
            s[ns].minutes = 30 + d % 25;
            s[ns].distance_m = s[ns].minutes * 190;
            s[ns].rpe = 3 + d % 4;
            ns++;
        }
        tendo_check_init(&c[d]);
        c[d].date = day;
        c[d].morning = d % 9 == 0 ? 3 : d % 3 == 0;
        c[d].stiffness_min = 5 + d % 10;
        tendo_wellness_init(&w[d]);
        w[d].date = day;
        w[d].sleep_h = 6.5 + (d % 4) * 0.5;
    }
    tendo_athlete_init(&ath);
    ath.runs_per_week = 5;
    memset(&in, 0, sizeof in);
    in.last = today;
    in.athlete = &ath;
    in.sessions = s;
    in.nsessions = ns;
    in.checks = c;
    in.nchecks = DAYS;
    in.wellness = w;
    in.nwellness = DAYS;
    for (int r = 0; r < runs; r++) {
        double t0 = now_s();
        for (int k = 0; k < CALLS; k++) {
            tendo_history_free(h);
            if (tendo_history_build(&in, &h, NULL))
                return 1;
        }
        t[r] = (now_s() - t0) / CALLS;
    }
    qsort(t, (size_t)runs, sizeof *t, cmp_d);
    printf("history of %d days (%zu sessions, %d checks): best %.1f us, "
           "median %.1f us per build\n",
           DAYS, ns, DAYS, t[0] * 1e6, t[runs / 2] * 1e6);
    for (int r = 0; r < runs; r++) {
        double t0 = now_s();
        for (int k = 0; k < CALLS; k++)
            if (tendo_advise(h, today, &a, NULL))
                return 1;
        t[r] = (now_s() - t0) / CALLS;
    }
    qsort(t, (size_t)runs, sizeof *t, cmp_d);
    printf("advice on it: best %.1f us, median %.1f us per call (level %s, "
           "%zu reasons)\n",
           t[0] * 1e6, t[runs / 2] * 1e6, tendo_level_name(a.level),
           a.nreasons);
    {
        static struct tendo_plan p;
        struct tendo_plan_input pi;
        memset(&pi, 0, sizeof pi);
        pi.history = h;
        pi.today = today;
        pi.from = today;
        pi.weeks = TENDO_PLAN_WEEKS_MAX;
        for (int r = 0; r < runs; r++) {
            double t0 = now_s();
            for (int k = 0; k < CALLS; k++)
                if (tendo_plan(&pi, &p, NULL))
                    return 1;
            t[r] = (now_s() - t0) / CALLS;
        }
        qsort(t, (size_t)runs, sizeof *t, cmp_d);
        printf("plan of %d weeks on the same history: best %.1f us, median "
               "%.1f us per call (%zu days, level %s)\n",
               TENDO_PLAN_WEEKS_MAX, t[0] * 1e6, t[runs / 2] * 1e6, p.ndays,
               tendo_level_name(p.advice.level));
    }
    tendo_history_free(h);
    return 0;
}
