/*
 * tendo/workout.h - the plan's days as structured workouts for a watch
 * (`tendo plan --fit DIR`, `tendo today --fit FILE`; docs/cli.md): a run
 * as warm-up, the main easy / moderate / long block with its target,
 * strides as a repeat block when the plan allows them, and cool-down -
 * the steps adding up to the planned minutes exactly; cross-training as
 * one block of its sport; the rehab exercise as sets of repetitions with
 * the rest between them. The result is a struct tendo_fit_workout that
 * tendo_fit_encode_workout (tendo/fit.h) writes.
 *
 * Targets (docs/clinical.md §9): with the athlete's maximum and resting
 * heart rate, a heart-rate band by heart-rate reserve (Karvonen) - easy
 * and long 50-70 %, moderate 70-80 % - so the watch alerts above easy;
 * else a pace band around the median pace of the easy runs (RPE under 5)
 * of the 28 days before; else open.
 *
 * Pure: no I/O, no clock (`created` is the file's time), no allocation.
 */
#ifndef TENDO_WORKOUT_H
#define TENDO_WORKOUT_H

#include "common.h"
#include "error.h"
#include "fit.h"
#include "history.h"
#include "plan.h"

struct tendo_workout_targets {
    int max_hr, rest_hr;    /* beats/min, TENDO_UNSET unknown */
    double easy_pace;       /* min/km, NAN unknown */
    int easy_runs;          /* the runs its median is of */
};

/* The targets from the athlete's settings and the easy runs of the 28
 * days before `today` (at least 3 for a pace). */
TENDO_API void tendo_workout_targets(const struct tendo_history *h,
                                     tendo_day today,
                                     struct tendo_workout_targets *t);

enum tendo_workout_part {
    TENDO_WORKOUT_MAIN = 0,   /* the day's run or cross-training */
    TENDO_WORKOUT_REHAB = 1   /* the day's rehab session */
};

/* The workout of part `part` of plan day `d`, created at `created` (Unix
 * seconds): TENDO_OK with *w filled, or TENDO_ENOTFOUND with `why` saying
 * why there is none (a rest day, no rehab that day, cross-training or an
 * exercise FIT has no means for). */
TENDO_API int tendo_plan_day_workout(const struct tendo_plan_day *d,
                                     int part,
                                     const struct tendo_workout_targets *t,
                                     int units, int64_t created,
                                     struct tendo_fit_workout *w, char *why,
                                     size_t n);

/* The seconds a workout's timed steps add up to, repeats counted (what
 * the plan's minutes must equal); -1 when a step has no time. */
TENDO_API double tendo_fit_workout_seconds(const struct tendo_fit_workout *w);

/* A workout as JSON (`tendo inspect --json` of a workout file): name,
 * sport, sub_sport (FIT names), seconds (tendo_fit_workout_seconds, null
 * when a step has no time) and steps, each with index, name, duration
 * (type time/distance/open/repeat/reps and its seconds, metres, repeat_from
 * and times, or reps), target (heart_rate: low_bpm, high_bpm; speed:
 * low_mps, high_mps; null when open), intensity, exercise (category, name,
 * weight_kg; null) and notes. A new reference (json_decref), NULL when out
 * of memory. */
struct json_t;
TENDO_API struct json_t *tendo_fit_workout_json(
    const struct tendo_fit_workout *w);

/* A file name for it: "2026-11-24-run.fit", "2026-11-24-rehab.fit". */
TENDO_API void tendo_plan_day_workout_file(const struct tendo_plan_day *d,
                                           int part, char *out, size_t n);

#endif
