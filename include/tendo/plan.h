/*
 * tendo/plan.h - the week planner (clinical.md §4, §6; docs/cli.md, plan):
 * the coming days, each a run (easy, moderate or long, with minutes and
 * km caps and strides yes/no), cross-training or rest, plus the rehab
 * session of the day.
 *
 * Pure: no I/O, no clock, no globals, no allocation. The caller owns the
 * history and the output struct (fixed size). tendo_plan() calls
 * tendo_advise() for `today` and builds the days from that advice, the
 * athlete's own recent weeks (tendo/history.h) and their settings
 * (runs_per_week, long_run_day, rest_day, goal_week, ramp, protocol), so
 * the plan is recomputed from the latest check every time it is asked for
 * (nothing is stored). It fails only on bad arguments (TENDO_EUSAGE).
 *
 * What the plan assumes (docs/plan.md has the whole model): symptoms
 * settle from today on. A flare follows the ladder of clinical.md §4
 * (pause, reassess, re-entry at 50/70/85 % of the pre-flare run on
 * non-consecutive days); a reduce or cross-train day is followed by 7
 * days at the reduce caps; progression (weekly minutes + ramp) starts with
 * the first week that begins after 7 good days. Every 4th loading week is
 * a deload at 70 % of the week before. The first planned day never exceeds
 * today's advice.
 */
#ifndef TENDO_PLAN_H
#define TENDO_PLAN_H

#include "common.h"
#include "date.h"
#include "error.h"
#include "rules.h"

#define TENDO_PLAN_WEEKS_MAX 12
#define TENDO_PLAN_DAYS_MAX (TENDO_PLAN_WEEKS_MAX * 7)

struct tendo_plan_input {
    const struct tendo_history *history;
    tendo_day today;         /* the day planned from (its advice), within
                                the history */
    tendo_day from;          /* first day shown, today .. today + 28 */
    int weeks;               /* 1 .. TENDO_PLAN_WEEKS_MAX Monday weeks,
                                the first the one holding `from` */
};
/* From the athlete's settings: runs_per_week (1-14; a plan keeps one day
 * free: <= 6), long_run_day (-1: no long run), rest_day (-1: the day after
 * the long run, Monday without one), goal_min / goal_km (the weekly
 * running not to exceed; km needs a known pace). */

enum tendo_plan_kind {
    TENDO_PLAN_REST = 0,
    TENDO_PLAN_RUN,
    TENDO_PLAN_CROSS
};
/* "rest", "run", "cross-train" */
TENDO_API const char *tendo_plan_kind_name(enum tendo_plan_kind k);

struct tendo_plan_day {
    tendo_day date;
    enum tendo_plan_kind kind;
    const char *phase;       /* "build", "hold", "deload", "reduce",
                                "cross-train", "pause", "reassess",
                                "re-entry", "see-clinician" */
    /* kind run */
    int run_min;             /* cap, whole minutes */
    double run_km;           /* cap, NAN when the pace is unknown */
    const char *intensity;   /* "easy", "moderate", "long" */
    const char *surface;     /* "soft or flat", "any" */
    int strides;
    /* kind cross-train (and suggested on rest-free off days) */
    const char *cross_type;  /* from tendo_session_types */
    int cross_min;
    /* rehab; has_rehab 0 when none is planned that day */
    int has_rehab;
    char rehab_exercise[24], rehab_surface[16], rehab_tempo[16];
    int rehab_sets, rehab_reps;
    double rehab_load_kg;    /* NAN: the athlete's repetition maximum */
    double done_min;         /* running logged that day (today's), 0 */
    unsigned routine;        /* §7a its routine blocks: bit 1 << enum
                                tendo_block (the first day: today's advice;
                                later days assume the symptoms settle) */
    char note[120];          /* why this day looks as it does, or "" */
};

struct tendo_plan_week {
    tendo_day start;         /* Monday */
    const char *phase;       /* the week's most restrictive day phase */
    int deload;
    double done_min;         /* running logged before today */
    double run_min;          /* done + planned */
    double run_km;           /* done + planned; NAN when unknown */
    double target_min;       /* what the week aimed at (NAN: no target) */
};

struct tendo_plan {
    tendo_day from;
    struct tendo_advice advice;   /* today's advice the plan starts from */
    double base_week_min;         /* last complete week before the plan */
    double pace;                  /* min/km, NAN unknown */
    int runs_per_week;            /* as used (clamped) */
    int long_run_day, rest_day;   /* as used */
    size_t ndays;                 /* days from `from` to the last Sunday */
    struct tendo_plan_day days[TENDO_PLAN_DAYS_MAX];
    size_t nweeks;
    struct tendo_plan_week weeks[TENDO_PLAN_WEEKS_MAX];
};

TENDO_API int tendo_plan(const struct tendo_plan_input *in,
                         struct tendo_plan *out, struct tendo_error *err);

#endif
