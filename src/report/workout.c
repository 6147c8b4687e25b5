/*
 * report/workout.c - the plan's days as FIT workouts (tendo/workout.h).
 */
#include "tendo/workout.h"
#include "tendo/clinical.h"
#include "tendo/model.h"

#include <jansson.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STRIDES 4            /* strides of 20 s, each with 60 s of jog */
#define STRIDE_S 20
#define JOG_S 70        /* 4 x 90 s: the block is whole minutes */
#define SET_REST_S 120       /* between rehab sets */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void tendo_workout_targets(const struct tendo_history *h, tendo_day today,
                           struct tendo_workout_targets *t)
{
    double paces[256];
    size_t n = 0;
    t->max_hr = h->athlete.max_hr;
    t->rest_hr = h->athlete.rest_hr;
    if (t->max_hr == TENDO_UNSET || t->rest_hr == TENDO_UNSET ||
        t->max_hr <= t->rest_hr)
        t->max_hr = t->rest_hr = TENDO_UNSET;
    t->easy_pace = NAN;
    /* the easy runs (a session RPE under moderate, or none given) of the
     * 28 days before today, newest first (clinical.md §9) */
    for (size_t i = h->nsessions; i-- > 0 && n < sizeof paces / sizeof *paces;) {
        const struct tendo_session *s = &h->sessions[i];
        if (s->date >= today || s->date < today - TENDO_WKT_PACE_DAYS)
            continue;
        if (strcmp(s->type, "run") != 0 || !(s->minutes > 0) ||
            !(s->distance_m > 0) ||
            (s->rpe != TENDO_UNSET && s->rpe >= TENDO_RPE_MODERATE))
            continue;
        paces[n++] = s->minutes / (s->distance_m / 1000);
    }
    t->easy_runs = (int)n;
    if (n >= TENDO_WKT_PACE_RUNS) {
        qsort(paces, n, sizeof *paces, cmp_double);
        t->easy_pace = n % 2 ? paces[n / 2]
                             : (paces[n / 2 - 1] + paces[n / 2]) / 2;
    }
}

/* ---- building steps ------------------------------------------------------ */

static struct tendo_fit_step *step(struct tendo_fit_workout *w,
                                   const char *name, int intensity)
{
    struct tendo_fit_step *s = &w->steps[w->nsteps++];
    tendo_fit_step_init(s);
    snprintf(s->name, sizeof s->name, "%s", name);
    s->intensity = intensity;
    return s;
}

static void timed(struct tendo_fit_step *s, double seconds)
{
    s->duration_type = TENDO_FIT_DURATION_TIME;
    s->duration_value = (uint32_t)lround(seconds * 1000);
}

static void repeat(struct tendo_fit_workout *w, size_t from, int times)
{
    struct tendo_fit_step *s = step(w, "", TENDO_UNSET);
    s->duration_type = TENDO_FIT_DURATION_REPEAT;
    s->duration_value = (uint32_t)from;
    s->target_value = (uint32_t)times;
}

enum band { EASY, MODERATE };

/* a heart-rate band by heart-rate reserve, else a pace band, else open */
static void target(struct tendo_fit_step *s,
                   const struct tendo_workout_targets *t, enum band b)
{
    if (t->max_hr != TENDO_UNSET) {
        double hrr = t->max_hr - t->rest_hr;
        double lo = (b == EASY ? TENDO_WKT_EASY_HRR_LO : TENDO_WKT_EASY_HRR_HI) /
                    100.0,
               hi = (b == EASY ? TENDO_WKT_EASY_HRR_HI
                               : TENDO_WKT_MODERATE_HRR_HI) /
                    100.0;
        s->target_type = TENDO_FIT_TARGET_HEART_RATE;
        s->target_value = 0; /* a custom range */
        s->target_low = (uint32_t)lround(t->rest_hr + lo * hrr) + 100;
        s->target_high = (uint32_t)lround(t->rest_hr + hi * hrr) + 100;
    } else if (!isnan(t->easy_pace) && t->easy_pace > 0) {
        double v = 1000 / (t->easy_pace * 60); /* m/s */
        double lo = b == EASY ? 1 / (1 + TENDO_WKT_EASY_SLOWER_PCT / 100.0)
                              : 1.0,
               hi = b == EASY ? 1.0
                              : 1 + TENDO_WKT_MODERATE_FASTER_PCT / 100.0;
        s->target_type = TENDO_FIT_TARGET_SPEED;
        s->target_value = 0;
        s->target_low = (uint32_t)lround(v * lo * 1000);
        s->target_high = (uint32_t)lround(v * hi * 1000);
    }
}

static void date_text(tendo_day day, char out[TENDO_DAY_STRLEN])
{
    tendo_day_format(day, out);
}

static uint32_t serial_of(tendo_day day, int part)
{
    /* stable for a day and part: a re-export replaces the same workout */
    return 0x54000000u | ((uint32_t)(day & 0xFFFFF) << 2) | (uint32_t)part;
}

static int run_workout(const struct tendo_plan_day *d,
                       const struct tendo_workout_targets *t, int units,
                       struct tendo_fit_workout *w)
{
    enum band main_band = strcmp(d->intensity, "moderate") == 0 ? MODERATE
                                                                : EASY;
    double total = d->run_min * 60.0, warm, cool, strides, main_s;
    char ds[TENDO_DAY_STRLEN], name[32];
    struct tendo_fit_step *s;
    date_text(d->date, ds);
    w->sport = TENDO_FIT_SPORT_RUNNING;
    w->sub_sport = 0;
    snprintf(w->name, sizeof w->name, "%s %s %d min", ds, d->intensity,
             d->run_min);
    /* warm-up and cool-down sit inside the planned minutes */
    warm = d->run_min >= 30 ? 600 : d->run_min >= 15 ? 300 : 0;
    cool = d->run_min >= 30 ? 300 : d->run_min >= 15 ? 180 : 0;
    strides = d->strides ? STRIDES * (STRIDE_S + JOG_S) : 0;
    if (total - warm - cool - strides < 300)
        warm = cool = 0;            /* a short run is all main block */
    if (total - strides < 300)
        strides = 0;
    main_s = total - warm - cool - strides;
    if (warm > 0) {
        s = step(w, "Warm up", TENDO_FIT_INTENSITY_WARMUP);
        timed(s, warm);
        target(s, t, EASY);
    }
    snprintf(name, sizeof name, "%c%s", d->intensity[0] - ('a' - 'A'),
             d->intensity + 1);
    s = step(w, name, TENDO_FIT_INTENSITY_ACTIVE);
    timed(s, main_s);
    target(s, t, main_band);
    if (isnan(d->run_km))
        snprintf(s->notes, sizeof s->notes, "tendo caps the run at %d min; "
                 "surface %s", d->run_min, d->surface);
    else
        snprintf(s->notes, sizeof s->notes, "tendo caps the run at %d min "
                 "/ %.1f %s; surface %s", d->run_min,
                 units == TENDO_UNITS_MI ? d->run_km * 1000 / TENDO_M_PER_MI
                                         : d->run_km,
                 units == TENDO_UNITS_MI ? "mi" : "km", d->surface);
    if (strides > 0) {
        size_t from = w->nsteps;
        timed(step(w, "Stride", TENDO_FIT_INTENSITY_INTERVAL), STRIDE_S);
        s = step(w, "Jog", TENDO_FIT_INTENSITY_RECOVERY);
        timed(s, JOG_S);
        target(s, t, EASY);
        repeat(w, from, STRIDES);
    }
    if (cool > 0) {
        s = step(w, "Cool down", TENDO_FIT_INTENSITY_COOLDOWN);
        timed(s, cool);
        target(s, t, EASY);
    }
    return TENDO_OK;
}

/* the sports FIT has for tendo's cross-training types */
static const struct {
    const char *type, *label;
    int sport, sub_sport;
} cross_sports[] = {
    {"bike", "Bike", TENDO_FIT_SPORT_CYCLING, 0},
    {"pool-run", "Pool run", TENDO_FIT_SPORT_TRAINING, 26 /* cardio */},
    {"swim", "Swim", TENDO_FIT_SPORT_SWIMMING, TENDO_FIT_SUB_SPORT_LAP_SWIMMING},
    {"walk", "Walk", TENDO_FIT_SPORT_WALKING, 0},
    {"elliptical", "Elliptical", TENDO_FIT_SPORT_FITNESS_EQUIPMENT,
     TENDO_FIT_SUB_SPORT_ELLIPTICAL},
};

static int cross_workout(const struct tendo_plan_day *d,
                         const struct tendo_workout_targets *t,
                         struct tendo_fit_workout *w, char *why, size_t n)
{
    char ds[TENDO_DAY_STRLEN], name[32];
    struct tendo_fit_step *s;
    for (size_t i = 0; i < sizeof cross_sports / sizeof *cross_sports; i++) {
        if (strcmp(cross_sports[i].type, d->cross_type) != 0)
            continue;
        date_text(d->date, ds);
        w->sport = cross_sports[i].sport;
        w->sub_sport = cross_sports[i].sub_sport;
        snprintf(w->name, sizeof w->name, "%s %s %d min", ds, d->cross_type,
                 d->cross_min);
        snprintf(name, sizeof name, "%s", cross_sports[i].label);
        s = step(w, name, TENDO_FIT_INTENSITY_ACTIVE);
        timed(s, d->cross_min * 60.0);
        if (t->max_hr != TENDO_UNSET) /* a running pace means nothing on a
                                          bike or in the pool */
            target(s, t, EASY);
        snprintf(s->notes, sizeof s->notes,
                 "easy and pain-free: it keeps your fitness");
        return TENDO_OK;
    }
    snprintf(why, n, "no FIT workout for %s cross-training", d->cross_type);
    return TENDO_ENOTFOUND;
}

/* tendo's rehab exercises as FIT's calf-raise exercises (unloaded,
 * loaded); the others have none */
static const struct {
    const char *exercise;
    int name, weighted;
} calf_raises[] = {
    {"heel-drop", 15, 16},        /* single_leg_standing(_dumbbell)_calf_raise */
    {"single-leg-raise", 15, 16},
    {"bent-knee-drop", 9, 10},    /* (weighted_)single_leg_bent_knee_calf_raise */
    {"heel-raise", 18, 19},       /* (weighted_)standing_calf_raise */
    {"seated-raise", 6, 7},       /* (weighted_)seated_calf_raise */
};

static int rehab_workout(const struct tendo_plan_day *d,
                         struct tendo_fit_workout *w, char *why, size_t n)
{
    char ds[TENDO_DAY_STRLEN], name[32];
    struct tendo_fit_step *s;
    int loaded = !isnan(d->rehab_load_kg) && d->rehab_load_kg > 0;
    for (size_t i = 0; i < sizeof calf_raises / sizeof *calf_raises; i++) {
        if (strcmp(calf_raises[i].exercise, d->rehab_exercise) != 0)
            continue;
        date_text(d->date, ds);
        w->sport = TENDO_FIT_SPORT_TRAINING;
        w->sub_sport = TENDO_FIT_SUB_SPORT_STRENGTH;
        snprintf(w->name, sizeof w->name, "%s %s %dx%d", ds,
                 d->rehab_exercise, d->rehab_sets, d->rehab_reps);
        snprintf(name, sizeof name, "%s", d->rehab_exercise);
        s = step(w, name, TENDO_FIT_INTENSITY_ACTIVE);
        s->duration_type = TENDO_FIT_DURATION_REPS;
        s->duration_value = (uint32_t)d->rehab_reps;
        s->exercise_category = TENDO_FIT_EXERCISE_CALF_RAISE;
        s->exercise_name = loaded ? calf_raises[i].weighted
                                  : calf_raises[i].name;
        if (loaded)
            s->weight_kg = d->rehab_load_kg;
        snprintf(s->notes, sizeof s->notes, "%s, tempo %s%s",
                 d->rehab_surface, d->rehab_tempo,
                 isnan(d->rehab_load_kg) ? ", at your repetition maximum"
                                         : "");
        timed(step(w, "Rest", TENDO_FIT_INTENSITY_REST), SET_REST_S);
        repeat(w, 0, d->rehab_sets);
        return TENDO_OK;
    }
    snprintf(why, n, "no FIT exercise for %s", d->rehab_exercise);
    return TENDO_ENOTFOUND;
}

int tendo_plan_day_workout(const struct tendo_plan_day *d, int part,
                           const struct tendo_workout_targets *t, int units,
                           int64_t created, struct tendo_fit_workout *w,
                           char *why, size_t n)
{
    int rc;
    tendo_fit_workout_init(w);
    w->serial = serial_of(d->date, part);
    w->time_created = created;
    if (part == TENDO_WORKOUT_REHAB) {
        if (!d->has_rehab) {
            snprintf(why, n, "no rehab that day");
            return TENDO_ENOTFOUND;
        }
        rc = rehab_workout(d, w, why, n);
    } else if (d->kind == TENDO_PLAN_RUN) {
        rc = run_workout(d, t, units, w);
    } else if (d->kind == TENDO_PLAN_CROSS) {
        rc = cross_workout(d, t, w, why, n);
    } else {
        snprintf(why, n, "a rest day");
        rc = TENDO_ENOTFOUND;
    }
    return rc;
}

double tendo_fit_workout_seconds(const struct tendo_fit_workout *w)
{
    double sum[TENDO_FIT_WORKOUT_STEPS_MAX + 1] = {0};
    /* sum[i]: the seconds of steps 0..i-1, each repeat adding the block
     * it repeats (times - 1) more times */
    for (size_t i = 0; i < w->nsteps; i++) {
        const struct tendo_fit_step *s = &w->steps[i];
        double add;
        if (s->duration_type == TENDO_FIT_DURATION_TIME)
            add = s->duration_value / 1000.0;
        else if (s->duration_type == TENDO_FIT_DURATION_REPEAT &&
                 s->duration_value < i && s->target_value >= 1)
            add = (sum[i] - sum[s->duration_value]) *
                  (s->target_value - 1.0);
        else
            return -1;
        sum[i + 1] = sum[i] + add;
    }
    return sum[w->nsteps];
}

void tendo_plan_day_workout_file(const struct tendo_plan_day *d, int part,
                                 char *out, size_t n)
{
    char ds[TENDO_DAY_STRLEN];
    date_text(d->date, ds);
    snprintf(out, n, "%s-%s.fit", ds,
             part == TENDO_WORKOUT_REHAB   ? "rehab"
             : d->kind == TENDO_PLAN_RUN   ? "run"
             : d->kind == TENDO_PLAN_CROSS ? d->cross_type
                                           : "rest");
}

static const char *const intensity_names[] = {
    "active", "rest", "warmup", "cooldown", "recovery", "interval", "other"};

json_t *tendo_fit_workout_json(const struct tendo_fit_workout *w)
{
    json_t *o, *steps = json_array();
    double secs = tendo_fit_workout_seconds(w);
    const char *sport = tendo_fit_sport_name(w->sport),
               *sub = tendo_fit_sub_sport_name(w->sub_sport);
    if (!steps)
        return NULL;
    for (size_t i = 0; i < w->nsteps; i++) {
        const struct tendo_fit_step *s = &w->steps[i];
        json_t *st = json_pack("{s:I,s:s}", "index", (json_int_t)i, "name",
                               s->name), *d, *t = json_null(), *x = json_null();
        switch (s->duration_type) {
        case TENDO_FIT_DURATION_TIME:
            d = json_pack("{s:s,s:f}", "type", "time", "seconds",
                          s->duration_value / 1000.0);
            break;
        case TENDO_FIT_DURATION_DISTANCE:
            d = json_pack("{s:s,s:f}", "type", "distance", "metres",
                          s->duration_value / 100.0);
            break;
        case TENDO_FIT_DURATION_REPEAT:
            d = json_pack("{s:s,s:I,s:I}", "type", "repeat", "repeat_from",
                          (json_int_t)s->duration_value, "times",
                          (json_int_t)s->target_value);
            break;
        case TENDO_FIT_DURATION_REPS:
            d = json_pack("{s:s,s:I}", "type", "reps", "reps",
                          (json_int_t)s->duration_value);
            break;
        default:
            d = json_pack("{s:s}", "type", "open");
        }
        if (s->duration_type != TENDO_FIT_DURATION_REPEAT &&
            s->target_type == TENDO_FIT_TARGET_HEART_RATE && s->target_low)
            t = json_pack("{s:s,s:I,s:I}", "type", "heart_rate", "low_bpm",
                          (json_int_t)s->target_low - 100, "high_bpm",
                          (json_int_t)s->target_high - 100);
        else if (s->duration_type != TENDO_FIT_DURATION_REPEAT &&
                 s->target_type == TENDO_FIT_TARGET_SPEED && s->target_low)
            t = json_pack("{s:s,s:f,s:f}", "type", "speed", "low_mps",
                          s->target_low / 1000.0, "high_mps",
                          s->target_high / 1000.0);
        if (s->exercise_category != TENDO_UNSET)
            x = json_pack("{s:i,s:o,s:o}", "category", s->exercise_category,
                          "name",
                          s->exercise_name == TENDO_UNSET
                              ? json_null()
                              : json_integer(s->exercise_name),
                          "weight_kg",
                          isnan(s->weight_kg) ? json_null()
                                              : json_real(s->weight_kg));
        json_object_set_new(st, "duration", d);
        json_object_set_new(st, "target", t);
        json_object_set_new(st, "intensity",
                            s->intensity >= 0 && s->intensity <= 6
                                ? json_string(intensity_names[s->intensity])
                                : json_null());
        json_object_set_new(st, "exercise", x);
        json_object_set_new(st, "notes", json_string(s->notes));
        json_array_append_new(steps, st);
    }
    o = json_pack("{s:s,s:s?,s:s?,s:o,s:o}", "name", w->name, "sport", sport,
                  "sub_sport", sub, "seconds",
                  secs < 0 ? json_null() : json_real(secs), "steps", steps);
    return o;
}
