/*
 * analytics/load.c - training and tendon load (tendo/load.h; clinical.md §9).
 *
 * One pass over the days from the first day of history to the last day
 * asked for, with a 35-day ring of tendon loads for the rolling ratio and
 * running states for the EWMA and CTL/ATL. Pure: no I/O, no clock, no
 * allocation.
 */
#include "tendo/load.h"
#include "tendo/clinical.h"

#include <math.h>
#include <string.h>

#define HIST (TENDO_ACWR_ACUTE_DAYS + TENDO_ACWR_CHRONIC_DAYS)
#define MONO TENDO_MONOTONY_DAYS

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
        factor = 1.0; /* easy, or unknown (clinical.md §9) */
        if (s->rpe != TENDO_UNSET && s->rpe >= TENDO_RPE_HARD)
            factor = TENDO_TENDON_HARD;
        else if (s->rpe != TENDO_UNSET && s->rpe >= TENDO_RPE_MODERATE)
            factor = TENDO_TENDON_MODERATE;
        /* hills count as hard: >= 15 m of climb per km */
        if (!isnan(s->ascent_m) && !isnan(s->distance_m) &&
            s->distance_m > TENDO_HILL_MIN_M &&
            s->ascent_m / (s->distance_m / 1000.0) >= TENDO_HILL_M_PER_KM)
            factor = TENDO_TENDON_HARD;
    } else if (is(s, "walk") || is(s, "other")) {
        factor = TENDO_TENDON_WALK;
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
    if (d > TENDO_TRIMP_HR_MAX)
        d = TENDO_TRIMP_HR_MAX;
    return female ? minutes * d * TENDO_TRIMP_WOMEN_A *
                        exp(TENDO_TRIMP_WOMEN_B * d)
                  : minutes * d * TENDO_TRIMP_MEN_A * exp(TENDO_TRIMP_MEN_B * d);
}

static double typical_rpe(const struct tendo_session *s)
{
    if (is(s, "run"))
        return TENDO_EST_RPE_RUN;
    if (is(s, "walk"))
        return TENDO_EST_RPE_WALK;
    if (is(s, "strength"))
        return TENDO_EST_RPE_STRENGTH;
    return TENDO_EST_RPE_OTHER;
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

/* one day's sums */
struct daysum {
    double tendon, training, run_min, run_m, feet;
    int est;
};

/* the sessions of day `d` (from s[*i] on; *i moves past them) into the
 * day's sums and the week's cadence and efficiency */
static void add_day(const struct tendo_session *s, size_t n, size_t *i,
                    tendo_day d, const struct tendo_load_params *p,
                    struct daysum *ds, struct wk *w)
{
    memset(ds, 0, sizeof *ds);
    for (; *i < n && s[*i].date <= d; (*i)++) {
        const struct tendo_session *x = &s[*i];
        int e;
        ds->tendon += tendo_tendon_load(x);
        ds->training += tendo_training_load(x, p, &e);
        ds->est |= e;
        if (is(x, "run") && !isnan(x->minutes)) {
            ds->run_min += x->minutes;
            ds->feet += x->minutes;
            if (!isnan(x->distance_m))
                ds->run_m += x->distance_m;
            if (!isnan(x->cadence_spm)) {
                w->cad_w += x->cadence_spm * x->minutes;
                w->cad_min += x->minutes;
            }
            /* efficiency on easy runs with a distance and a heart rate */
            if ((x->rpe == TENDO_UNSET || x->rpe < TENDO_RPE_MODERATE) &&
                !isnan(x->distance_m) && x->avg_hr != TENDO_UNSET &&
                x->avg_hr > 0 && x->minutes > 0) {
                double mpb = x->distance_m / (x->minutes * x->avg_hr);
                w->eff_w += mpb * x->minutes;
                w->eff_min += x->minutes;
            }
        } else if (is(x, "walk") && !isnan(x->minutes)) {
            ds->feet += x->minutes;
        }
    }
}

/* the running state of the ratios, monotony and fitness */
struct state {
    double ring[HIST], train[MONO];     /* tendon and training load */
    double ea, ec, ctl, atl;
    long history;                       /* days of history so far */
};

/* advances the ratios and monotony through day `d` into `o` (may be
 * NULL: a day before the range asked for) */
static void ratios(struct state *st, tendo_day d, int in_history,
                   const struct daysum *ds, struct tendo_load_day *o)
{
    const double la = 2.0 / (TENDO_ACWR_ACUTE_DAYS + 1),
                 lc = 2.0 / (TENDO_ACWR_CHRONIC_DAYS + 1);
    double acute = 0, chronic = 0;
    st->ring[ring_at(d, HIST)] = ds->tendon;
    st->train[ring_at(d, MONO)] = ds->training;
    if (in_history)
        st->history++;
    for (int k = 0; k < HIST; k++) {
        double v = st->ring[ring_at(d - k, HIST)];
        if (k < TENDO_ACWR_ACUTE_DAYS)
            acute += v;
        else
            chronic += v;
    }
    if (st->history == 1) {
        /* seeded with the first day, so a steady load reads 1.0 */
        st->ea = st->ec = ds->tendon;
    } else if (in_history) {
        st->ea = la * ds->tendon + (1 - la) * st->ea;
        st->ec = lc * ds->tendon + (1 - lc) * st->ec;
    }
    if (!o)
        return;
    o->acwr = st->history >= HIST && chronic > 0
                  ? (acute / TENDO_ACWR_ACUTE_DAYS) /
                        (chronic / TENDO_ACWR_CHRONIC_DAYS)
                  : NAN;
    o->acwr_ewma = st->history >= HIST && st->ec > 0 ? st->ea / st->ec : NAN;
    o->monotony = NAN;
    if (in_history) {
        double v[MONO];
        int m = st->history < MONO ? (int)st->history : MONO;
        for (int k = 0; k < m; k++)
            v[k] = st->train[ring_at(d - k, MONO)];
        o->monotony = tendo_monotony(v, m);
    }
}

static void fill_day(struct tendo_load_day *o, tendo_day d,
                     const struct daysum *ds)
{
    o->date = d;
    o->run_min = ds->run_min;
    o->run_m = ds->run_m;
    o->feet_min = ds->feet;
    o->tendon_load = ds->tendon;
    o->training_load = ds->training;
    o->training_load_estimated = ds->est;
}

static void week_add(struct wk *w, const struct daysum *ds, int in_history)
{
    w->run_min += ds->run_min;
    w->run_m += ds->run_m;
    w->feet_min += ds->feet;
    w->tendon += ds->tendon;
    w->training += ds->training;
    if (in_history)
        w->daily[w->ndays++] = ds->training;
}

int tendo_load_compute(const struct tendo_session *s, size_t n,
                       tendo_day first, tendo_day from, tendo_day to,
                       const struct tendo_load_params *p,
                       struct tendo_load_day *days,
                       struct tendo_load_week *weeks, size_t *nweeks,
                       struct tendo_error *err)
{
    struct state st;
    tendo_day start;
    size_t i = 0;
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
    memset(&st, 0, sizeof st);
    memset(&w, 0, sizeof w);
    w.start = tendo_day_week_start(start);
    for (tendo_day d = start; d <= to; d++) {
        struct daysum ds;
        struct tendo_load_day *o = d >= from ? &days[d - from] : NULL;
        int in_history = d >= first;
        if (tendo_day_week_start(d) != w.start) {
            /* a week ended: it becomes the "week before" */
            if (w.start >= tendo_day_week_start(from))
                week_out(&w, prev_week_run, have_prev, &weeks[(*nweeks)++]);
            prev_week_run = w.run_min;
            have_prev = w.start >= tendo_day_week_start(first);
            memset(&w, 0, sizeof w);
            w.start = tendo_day_week_start(d);
        }
        add_day(s, n, &i, d, p, &ds, &w);
        ratios(&st, d, in_history, &ds, o);
        if (o) {
            fill_day(o, d, &ds);
            o->tsb = st.ctl - st.atl; /* yesterday's fitness - fatigue */
        }
        st.ctl += (ds.training - st.ctl) / TENDO_CTL_DAYS;
        st.atl += (ds.training - st.atl) / TENDO_ATL_DAYS;
        if (o) {
            o->ctl = st.ctl;
            o->atl = st.atl;
        }
        week_add(&w, &ds, in_history);
    }
    if (w.start >= tendo_day_week_start(from))
        week_out(&w, prev_week_run, have_prev, &weeks[(*nweeks)++]);
    return TENDO_OK;
}
