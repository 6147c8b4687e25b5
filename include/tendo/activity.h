/*
 * tendo/activity.h - what an activity file says, whatever its format: the
 * summary `inspect` prints (docs/formats.md) and `import` stores.
 *
 * tendo_activity_from_fit() turns a decoded FIT file into a summary:
 * totals over its sessions (a multisport file keeps one leg per session),
 * or, for a file whose recording was cut off before a session message,
 * totals derived from its records (with a warning). Non-activity FIT
 * files (settings, workouts, weight, ...) are refused with
 * TENDO_EUNSUPPORTED. Running cadence is reported in steps per minute
 * (FIT stores strides per minute). Unknown values are NAN / TENDO_UNSET /
 * INT64_MIN, printed as JSON null.
 */
#ifndef TENDO_ACTIVITY_H
#define TENDO_ACTIVITY_H

#include <jansson.h>
#include "buf.h"
#include "common.h"
#include "error.h"
#include "fit.h"

struct tendo_leg {
    char sport[32];          /* FIT profile name: running, cycling, ... */
    char sub_sport[32];      /* "" if unknown */
    int64_t start_utc;       /* INT64_MIN if unknown */
    double elapsed_s;        /* first to last timestamp, pauses included */
    double timer_s;          /* pauses excluded */
    double distance_m;
    int avg_hr, max_hr;
    double avg_cadence_spm;  /* running: steps/min; NAN otherwise */
    double avg_cadence_rpm;  /* other sports: as the file stores it */
    double ascent_m;
    char notes[160];         /* the file's notes for this leg, "" if none */
};

struct tendo_activity {
    char format[8];          /* "fit" */
    struct tendo_leg total;  /* sport "multisport" with several legs */
    struct tendo_leg *legs;  /* one per session when there are several */
    size_t nlegs;
    int32_t utc_offset_s;    /* INT32_MIN if unknown */
    size_t records, laps;
    char device[96];         /* "garmin fr945", "" if unknown */
    int manufacturer;        /* TENDO_UNSET if unknown */
    uint32_t serial;         /* 0 if unknown */
    int64_t time_created;    /* INT64_MIN if unknown */
    int rpe;                 /* session RPE the watch recorded, 0-10 */
    struct tendo_buf warnings; /* "\n"-separated */
};

/* Fills `out` (initialised here; release with tendo_activity_release). */
TENDO_API int tendo_activity_from_fit(const struct tendo_fit_activity *f,
                                      struct tendo_activity *out,
                                      struct tendo_error *err);
/* Frees what `a` holds; NULL is a no-op. */
TENDO_API void tendo_activity_release(struct tendo_activity *a);

/* The summary as JSON object of docs/formats.md (a new reference). */
TENDO_API json_t *tendo_activity_json(const struct tendo_activity *a,
                                      const char *file);

#endif
