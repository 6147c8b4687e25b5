/*
 * tendo/load.h - training load, honestly (clinical.md §9): two loads kept
 * apart, and the metrics coaches know, per day and per week.
 *
 * Pure functions: they take sessions (tendo/model.h) and parameters and
 * fill caller-provided arrays; no I/O, no clock, no globals, no
 * allocation. "Today" is the last day asked for. Unknown figures are NAN
 * (JSON null), never 0.
 *
 * - Tendon load (§9): running minutes x an intensity factor (easy 1.0,
 *   moderate 1.2, hard or hilly 1.5), walking x 0.3, cycling, swimming,
 *   pool running, elliptical and strength 0, other 0.3. A run's intensity
 *   comes from its session RPE (<= 4 easy, 5-6 moderate, >= 7 hard);
 *   unknown RPE counts as easy; a run climbing >= 15 m per km is hilly.
 *   "Easy-run-equivalent minutes".
 * - Training load: session RPE x minutes (Foster) where RPE is known, else
 *   Banister's TRIMP from average heart rate (needs max and resting HR;
 *   the women's weighting when `female`), else minutes x a typical RPE for
 *   the type (run 4, bike/swim/pool-run/elliptical/other 3, walk 2,
 *   strength 5), flagged as estimated.
 * - History starts on the first day with data (the caller says which:
 *   tendo/history.h uses the first day of any record), never on the
 *   first day asked for: days before it carry no load and no ratios.
 * - Acute:chronic ratio of tendon load: the mean of the last 7 days (today
 *   included) over the mean of the 28 days before them (uncoupled), and
 *   the EWMA form (lambda = 2/(N+1), N 7 and 28, both seeded with the
 *   first day's load); NAN until 35 days of history exist and when the
 *   chronic load is 0.
 * - Monotony (mean / population SD of daily training loads, rest days 0;
 *   NAN when SD is 0) over the last 7 days of history for each day, and
 *   over each Monday week's days of history; strain (weekly sum x
 *   monotony).
 * - Fitness/fatigue/form on training load: CTL_t = CTL_t-1 + (L_t -
 *   CTL_t-1)/42, ATL with 7, TSB_t = CTL_t-1 - ATL_t-1 (yesterday's).
 * - Weekly ramp of running minutes (weeks start on Monday), running
 *   cadence (steps/min, minute-weighted), efficiency on easy runs (metres
 *   per heartbeat: distance / (minutes x average HR)).
 */
#ifndef TENDO_LOAD_H
#define TENDO_LOAD_H

#include "common.h"
#include "date.h"
#include "error.h"
#include "model.h"

struct tendo_load_params {
    int max_hr, rest_hr;   /* TENDO_UNSET when not set: no TRIMP */
    int female;            /* 1: women's TRIMP weighting */
};

struct tendo_load_day {
    tendo_day date;
    double run_min, run_m, feet_min;  /* running; running + walking */
    double tendon_load, training_load;
    int training_load_estimated;      /* some of it estimated */
    double acwr, acwr_ewma;           /* NAN until 35 days of history */
    double ctl, atl, tsb;
    double monotony;                  /* the 7 days ending here; NAN */
};

struct tendo_load_week {
    tendo_day week_start;             /* a Monday */
    double run_min, run_m, feet_min;
    double tendon_load, training_load;
    double ramp_pct;                  /* vs the week before; NAN if it had 0 */
    double monotony, strain;          /* NAN when the loads do not vary */
    double cadence_spm, efficiency;   /* NAN without data */
};

/* One session's loads (also for tests): *estimated says whether the
 * training load is an estimate. */
TENDO_API double tendo_tendon_load(const struct tendo_session *s);
TENDO_API double tendo_training_load(const struct tendo_session *s,
                                     const struct tendo_load_params *p,
                                     int *estimated);
/* Banister's TRIMP for `minutes` at average HR `avg` (clinical.md §9);
 * NAN when the heart rates do not allow it. */
TENDO_API double tendo_trimp(double minutes, int avg, int rest, int max,
                             int female);

/* Monotony of n daily loads: mean / population SD; NAN when they do not
 * vary (or n is 0). */
TENDO_API double tendo_monotony(const double *loads, int n);

/* The days from..to (to - from + 1 entries in `days`) and the weeks
 * touching them (at most (to - from) / 7 + 2 entries in `weeks`; *nweeks
 * receives the count). `sessions` must be in date order and none before
 * `first` (TENDO_EUSAGE otherwise). History starts on `first`, the first
 * day with data (TENDO_DAY_NONE: the first session's day): ratios,
 * CTL/ATL and ramps count from it, whatever `from` is. Fails with
 * TENDO_EUSAGE when from > to. */
TENDO_API int tendo_load_compute(const struct tendo_session *sessions,
                                 size_t n, tendo_day first, tendo_day from,
                                 tendo_day to,
                                 const struct tendo_load_params *p,
                                 struct tendo_load_day *days,
                                 struct tendo_load_week *weeks,
                                 size_t *nweeks, struct tendo_error *err);

#endif
