/*
 * analytics/load.c - training and tendon load (tendo/load.h; domain.md §9).
 *
 * One pass over the days from the first day of history to the last day
 * asked for, with a 35-day ring of tendon loads for the rolling ratio and
 * running states for the EWMA and CTL/ATL. Pure: no I/O, no clock, no
 * allocation.
 */
#include "tendo/load.h"

#include <math.h>
#include <string.h>

#define HIST 35 /* 7 acute + 28 chronic days */

static int is(const struct tendo_session *s, const char *type)
{
    return strcmp(s->type, type) == 0;
}

double tendo_tendon_load(const struct tendo_session *s)
{
    double factor;
    if (isnan(s->minutes) || s->minutes <= 0)
        return 0;
    if (is(s, "run")) {
        factor = 1.0; /* easy, or unknown (domain.md §9) */
        if (s->rpe != TENDO_UNSET && s->rpe >= 7)
            factor = 1.5;
        else if (s->rpe != TENDO_UNSET && s->rpe >= 5)
            factor = 1.2;
        /* hills count as hard: >= 15 m of climb per km */
        if (!isnan(s->ascent_m) && !isnan(s->distance_m) &&
            s->distance_m > 500 && s->ascent_m / (s->distance_m / 1000.0) >= 15)
            factor = 1.5;
    } else if (is(s, "walk") || is(s, "other")) {
        factor = 0.3;
    } else {
        factor = 0; /* bike, swim, pool-run, elliptical, strength */
    }
    return s->minutes * factor;
}

double tendo_trimp(double minutes, int avg, int rest, int max, int female)
{
    double d;
    if (isnan(minutes) || avg == TENDO_UNSET || rest == TENDO_UNSET ||
        max == TENDO_UNSET || max <= rest)
        return NAN;
    d = (double)(avg - rest) / (double)(max - rest);
    if (d < 0)
        d = 0;
    if (d > 1.2)
        d = 1.2;
    return female ? minutes * d * 0.86 * exp(1.67 * d)
                  : minutes * d * 0.64 * exp(1.92 * d);
}

static double typical_rpe(const struct tendo_session *s)
{
    if (is(s, "run"))
        return 4;
    if (is(s, "walk"))
        return 2;
    if (is(s, "strength"))
        return 5;
    return 3;
}

double tendo_training_load(const struct tendo_session *s,
                           const struct tendo_load_params *p, int *estimated)
{
    double t;
    *estimated = 0;
    if (isnan(s->minutes) || s->minutes <= 0)
        return 0;
    if (s->rpe != TENDO_UNSET)
        return s->rpe * s->minutes; /* Foster's session RPE */
    t = p ? tendo_trimp(s->minutes, s->avg_hr, p->rest_hr, p->max_hr,
                        p->female)
          : NAN;
    if (!isnan(t))
        return t;
    *estimated = 1;
    return typical_rpe(s) * s->minutes;
}

double tendo_monotony(const double *v, int n)
{
    double mean = 0, var = 0;
    if (n <= 0)
        return NAN;
    for (int i = 0; i < n; i++)
        mean += v[i];
    mean /= n;
    for (int i = 0; i < n; i++)
        var += (v[i] - mean) * (v[i] - mean);
    var /= n;
    return var > 1e-12 ? mean / sqrt(var) : NAN;
}

/* Running sums of one week. */
struct wk {
    tendo_day start;
    double run_min, run_m, feet_min, tendon, training;
    double daily[7];
    int ndays;
    double cad_w, cad_min, eff_w, eff_min;
};

static void week_out(const struct wk *w, double prev_run_min, int have_prev,
                     struct tendo_load_week *o)
{
    memset(o, 0, sizeof *o);
    o->week_start = w->start;
    o->run_min = w->run_min;
    o->run_m = w->run_m;
    o->feet_min = w->feet_min;
    o->tendon_load = w->tendon;
    o->training_load = w->training;
    o->ramp_pct = have_prev && prev_run_min > 0
                      ? (w->run_min - prev_run_min) / prev_run_min * 100.0
                      : NAN;
    o->monotony = tendo_monotony(w->daily, w->ndays);
    o->strain = isnan(o->monotony) ? NAN : w->training * o->monotony;
    o->cadence_spm = w->cad_min > 0 ? w->cad_w / w->cad_min : NAN;
    o->efficiency = w->eff_min > 0 ? w->eff_w / w->eff_min : NAN;
}

static int ring_at(tendo_day d, int size)
{
    int k = (int)(d % size);
    return k < 0 ? k + size : k;
}

int tendo_load_compute(const struct tendo_session *s, size_t n,
                       tendo_day first, tendo_day from, tendo_day to,
                       const struct tendo_load_params *p,
                       struct tendo_load_day *days,
                       struct tendo_load_week *weeks, size_t *nweeks,
                       struct tendo_error *err)
{
    double ring[HIST] = {0}, train7[7] = {0}, ea = 0, ec = 0, ctl = 0,
           atl = 0;
    const double la = 2.0 / (7 + 1), lc = 2.0 / (28 + 1);
    tendo_day start;
    size_t i = 0;
    long history = 0;
    struct wk w;
    double prev_week_run = 0;
    int have_prev = 0;

    *nweeks = 0;
    if (from > to)
        return tendo_fail(err, TENDO_EUSAGE, "the range ends before it "
                                             "starts");
    for (size_t k = 1; k < n; k++)
        if (s[k].date < s[k - 1].date)
            return tendo_fail(err, TENDO_EUSAGE,
                              "sessions must come in date order");
    while (i < n && s[i].date == TENDO_DAY_NONE)
        i++;
    if (first == TENDO_DAY_NONE)
        first = i < n && s[i].date <= to ? s[i].date : from;
    if (i < n && s[i].date < first)
        return tendo_fail(err, TENDO_EUSAGE,
                          "a session before the first day of history");
    /* the days before `first` (when asked for) carry nothing */
    start = from < first ? from : first;
    memset(&w, 0, sizeof w);
    w.start = tendo_day_week_start(start);
    for (tendo_day d = start; d <= to; d++) {
        double tendon = 0, training = 0, run_min = 0, run_m = 0, feet = 0;
        double acute = 0, chronic = 0;
        int est = 0, in_history = d >= first;
        if (tendo_day_week_start(d) != w.start) {
            /* a week ended: it becomes the "week before" */
            if (w.start >= tendo_day_week_start(from)) {
                week_out(&w, prev_week_run, have_prev, &weeks[*nweeks]);
                (*nweeks)++;
            }
            prev_week_run = w.run_min;
            have_prev = w.start >= tendo_day_week_start(first);
            memset(&w, 0, sizeof w);
            w.start = tendo_day_week_start(d);
        }
        for (; i < n && s[i].date <= d; i++) {
            const struct tendo_session *x = &s[i];
            int e;
            tendon += tendo_tendon_load(x);
            training += tendo_training_load(x, p, &e);
            est |= e;
            if (is(x, "run") && !isnan(x->minutes)) {
                run_min += x->minutes;
                feet += x->minutes;
                if (!isnan(x->distance_m))
                    run_m += x->distance_m;
                if (!isnan(x->cadence_spm)) {
                    w.cad_w += x->cadence_spm * x->minutes;
                    w.cad_min += x->minutes;
                }
                if ((x->rpe == TENDO_UNSET || x->rpe <= 4) &&
                    !isnan(x->distance_m) && x->avg_hr != TENDO_UNSET &&
                    x->avg_hr > 0 && x->minutes > 0) {
                    double mpb = x->distance_m / (x->minutes * x->avg_hr);
                    w.eff_w += mpb * x->minutes;
                    w.eff_min += x->minutes;
                }
            } else if (is(x, "walk") && !isnan(x->minutes)) {
                feet += x->minutes;
            }
        }
        ring[ring_at(d, HIST)] = tendon;
        train7[ring_at(d, 7)] = training;
        if (in_history)
            history++;
        for (int k = 0; k < HIST; k++) {
            double v = ring[ring_at(d - k, HIST)];
            if (k < 7)
                acute += v;
            else
                chronic += v;
        }
        if (history == 1) {
            /* seeded with the first day, so a steady load reads 1.0 */
            ea = ec = tendon;
        } else if (in_history) {
            ea = la * tendon + (1 - la) * ea;
            ec = lc * tendon + (1 - lc) * ec;
        }
        if (d >= from) {
            struct tendo_load_day *o = &days[d - from];
            o->date = d;
            o->run_min = run_min;
            o->run_m = run_m;
            o->feet_min = feet;
            o->tendon_load = tendon;
            o->training_load = training;
            o->training_load_estimated = est;
            o->acwr = history >= HIST && chronic > 0
                          ? (acute / 7.0) / (chronic / 28.0)
                          : NAN;
            o->acwr_ewma = history >= HIST && ec > 0 ? ea / ec : NAN;
            o->tsb = ctl - atl; /* yesterday's fitness - fatigue */
            if (in_history) {
                double v[7];
                int m = history < 7 ? (int)history : 7;
                for (int k = 0; k < m; k++)
                    v[k] = train7[ring_at(d - k, 7)];
                o->monotony = tendo_monotony(v, m);
            } else {
                o->monotony = NAN;
            }
        }
        ctl += (training - ctl) / 42.0;
        atl += (training - atl) / 7.0;
        if (d >= from) {
            days[d - from].ctl = ctl;
            days[d - from].atl = atl;
        }
        w.run_min += run_min;
        w.run_m += run_m;
        w.feet_min += feet;
        w.tendon += tendon;
        w.training += training;
        if (in_history)
            w.daily[w.ndays++] = training;
    }
    if (w.start >= tendo_day_week_start(from)) {
        week_out(&w, prev_week_run, have_prev, &weeks[*nweeks]);
        (*nweeks)++;
    }
    return TENDO_OK;
}
