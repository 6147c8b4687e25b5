/*
 * tendo/model.h - the records tendo keeps, as plain structs, and the names
 * of their enumerated values.
 *
 * All strings are NUL-terminated and live inside the structs (fixed sizes,
 * checked on input), so records are copied by assignment and own nothing.
 * Unknown integers are TENDO_UNSET, unknown reals NAN, unknown strings "",
 * unknown days TENDO_DAY_NONE (see tendo/common.h). Distances are metres.
 */
#ifndef TENDO_MODEL_H
#define TENDO_MODEL_H

#include "common.h"
#include "date.h"

#define TENDO_NOTES_MAX 1000   /* bytes of notes accepted */
#define TENDO_MAX_MINUTES 10080 /* a session lasts at most a week (ultras, multi-day events) */
#define TENDO_NAME_MAX 63      /* bytes of a shoe name or brand */

/* NULL-terminated lists of the accepted spellings. */
TENDO_API extern const char *const tendo_session_types[];   /* run, bike, ... */
TENDO_API extern const char *const tendo_surfaces[];        /* road, trail, ... */
TENDO_API extern const char *const tendo_sides[];           /* left, right, both */
TENDO_API extern const char *const tendo_locations[];       /* midportion, ... */
TENDO_API extern const char *const tendo_rehab_exercises[]; /* heel-drop, ... */
TENDO_API extern const char *const tendo_rehab_surfaces[];  /* flat, step, decline */
TENDO_API extern const char *const tendo_flag_names[];      /* pop, ...,
                                                    morning-high (bit order) */

/* Red flags (docs/cli.md `check`, docs/clinical.md §2), as bits. A check records the
 * first seven (TENDO_FLAG_ALL; `sharp` among them starts a flare-up, it is
 * not a red flag); `morning-high` is opened by the mornings themselves
 * (morning pain 6/10 or more on 3 days running). A red flag stays open
 * from the day it is recorded until a clearance (struct tendo_clearance)
 * records that a clinician has seen the athlete. */
enum tendo_flag {
    TENDO_FLAG_POP = 1u << 0,
    TENDO_FLAG_CANNOT_RAISE = 1u << 1,
    TENDO_FLAG_SWELLING = 1u << 2,
    TENDO_FLAG_SHARP = 1u << 3,
    TENDO_FLAG_NIGHT = 1u << 4,
    TENDO_FLAG_CALF = 1u << 5,
    TENDO_FLAG_FLUOROQUINOLONE = 1u << 6,
    TENDO_FLAG_ALL = (1u << 7) - 1,         /* what a check records */
    TENDO_FLAG_MORNING_HIGH = 1u << 7,      /* opened by the mornings */
    /* the red flags: they send to a clinician and stay open until cleared */
    TENDO_FLAG_RED = (TENDO_FLAG_ALL & ~TENDO_FLAG_SHARP) |
                     TENDO_FLAG_MORNING_HIGH,
    /* of them, those that rule out any exercise of the leg (a suspected
     * rupture or clot: no cross-training, no rehab) */
    TENDO_FLAG_NO_EXERCISE =
        TENDO_FLAG_POP | TENDO_FLAG_CANNOT_RAISE | TENDO_FLAG_CALF
};
#define TENDO_FLAG_BITS 8

enum tendo_units { TENDO_UNITS_KM = 0, TENDO_UNITS_MI = 1 };
#define TENDO_M_PER_MI 1609.344

/* One training session: a run, a ride, a swim, ... */
struct tendo_session {
    int64_t id;                 /* 0 until stored */
    tendo_day date;             /* local day it took place */
    int64_t start_utc;          /* start instant, INT64_MIN if unknown */
    char type[16];              /* one of tendo_session_types */
    double minutes;             /* duration, NAN if unknown */
    double distance_m;          /* metres, NAN if unknown */
    int rpe;                    /* session RPE 0-10 (CR-10), or TENDO_UNSET */
    char surface[16];           /* one of tendo_surfaces, or "" */
    int64_t shoe_id;            /* 0 for none */
    char shoe[TENDO_NAME_MAX + 1]; /* the shoe's name (filled on read) */
    int pain_during;            /* worst pain 0-10 during it, or TENDO_UNSET */
    int pain_after;             /* worst pain 0-10 after it (that evening),
                                   or TENDO_UNSET */
    char source[16];            /* manual, csv, ... */
    int64_t import_id;          /* import ledger entry, 0 for none */
    char notes[TENDO_NOTES_MAX + 1];
    /* what a watch file adds (unknown for sessions entered by hand) */
    double elapsed_s;           /* pauses included, NAN if unknown */
    int avg_hr, max_hr;         /* beats/min, TENDO_UNSET if unknown */
    double cadence_spm;         /* running steps/min, NAN if unknown */
    double ascent_m;            /* NAN if unknown */
    int32_t utc_offset_s;       /* local time - UTC, INT32_MIN if unknown */
    char device[96];            /* "garmin fr945", "" if unknown */
};

/* The daily symptom check: one per local day (docs/cli.md, check). */
struct tendo_check {
    tendo_day date;
    int morning;                /* first-steps pain 0-10 */
    int stiffness_min;          /* minutes of morning stiffness, 0-1440 */
    int during;                 /* worst pain during the day's run 0-10 and */
    int after;                  /* after it / that evening: day-level, when
                                   the day has no single run to hold them
                                   (they sit on the session otherwise) */
    int hop_pain;               /* pain on 10 single-leg hops 0-10 */
    char side[8];               /* left, right, both or "" */
    char location[16];          /* midportion, insertion, unsure or "" */
    unsigned flags;             /* enum tendo_flag bits */
};

/* One rehab session (heel drops and friends). */
struct tendo_rehab {
    int64_t id;
    tendo_day date;
    char exercise[24];          /* one of tendo_rehab_exercises */
    int sets;                   /* 1-20 */
    int reps;                   /* per set, 1-200 */
    double load_kg;             /* added load, 0 for body weight, NAN unknown */
    char tempo[16];             /* e.g. "3-1-1" (down-pause-up seconds), or "" */
    char surface[16];           /* flat, step, decline, or "" */
    int pain;                   /* worst pain 0-10, or TENDO_UNSET */
    char source[16];
    int64_t import_id;
    char notes[TENDO_NOTES_MAX + 1];
};

/* Sleep and wellness for one local day; scores 1 (best) to 5 (worst),
 * except sleep_quality, 1 (poor) to 5 (excellent). */
struct tendo_wellness {
    tendo_day date;
    double sleep_h;             /* 0-24, NAN if unknown */
    int sleep_quality, stress, fatigue, soreness; /* 1-5 or TENDO_UNSET */
};

/* A routine block done (docs/clinical.md §7a): one per day and block. */
struct tendo_routine_log {
    int64_t id;
    tendo_day date;
    char block[20];             /* one of tendo_routine_blocks */
    int pain;                   /* worst pain 0-10 in it, or TENDO_UNSET */
};
/* "warm-up", "mobility", "evening-mobility", "calf-complex", "isometric"
 * (the order of enum tendo_block, tendo/rules.h) */
TENDO_API extern const char *const tendo_routine_blocks[];

/* A pair of shoes. */
struct tendo_shoe {
    int64_t id;
    char name[TENDO_NAME_MAX + 1];  /* unique */
    char brand[TENDO_NAME_MAX + 1];
    double drop_mm;             /* heel-to-toe drop, NAN if unknown */
    double start_m;             /* distance it had before tendo knew it */
    tendo_day added;            /* day it was added */
    tendo_day retired;          /* TENDO_DAY_NONE while in use */
    int is_default;             /* assigned to runs logged without a shoe */
    double distance_m;          /* start_m + its sessions (filled on read) */
    int sessions;               /* number of its sessions (filled on read) */
};

/* A clearance (clinical.md §2): on `date` a clinician saw the athlete
 * about the red flags `flags`; the flags open on that day close. */
struct tendo_clearance {
    int64_t id;
    tendo_day date;             /* the day the clinician saw the athlete */
    unsigned flags;             /* enum tendo_flag bits, within TENDO_FLAG_RED */
    tendo_day recorded;         /* the day it was entered */
    char note[TENDO_NOTES_MAX + 1];   /* what was advised, or "" */
};

/* A correction (clinical.md §2): red flags taken off a day's check because
 * they were entered by mistake - not a clearance, but kept on record. */
struct tendo_flag_correction {
    int64_t id;
    tendo_day date;             /* the check's day */
    unsigned flags;             /* the flags removed */
    tendo_day recorded;         /* the day it was corrected */
};

/* An assessment (clinical.md §8; scoring in tendo/assess.h). */
struct tendo_assessment {
    int64_t id;
    tendo_day date;
    char kind[16];          /* one of tendo_assessment_kinds */
    double left, right;     /* raises or cm per side, NAN when not tested */
    double score;           /* VISA-A total 0-100; heel-raise LSI %; NAN */
    char answers[64];       /* VISA-A item points "10,8,...", else "" */
    char notes[TENDO_NOTES_MAX + 1];
};
/* "visa-a", "heel-raise", "dorsiflexion" */
TENDO_API extern const char *const tendo_assessment_kinds[];

/* The athlete's settings, typed (`tendo config`; the store keeps them as
 * text, tendo_athlete_read in tendo/store.h reads them). */
struct tendo_athlete {
    int units;                  /* enum tendo_units */
    int runs_per_week;          /* 1-14 */
    int max_hr, rest_hr;        /* beats/min, TENDO_UNSET when not set */
    int female;                 /* 1: the women's TRIMP weighting */
    char protocol[16];          /* rehab protocol: seed, alfredson, ... */
    double ramp;                /* largest weekly rise, 0.10 = 10 % */
    double shoe_retire_km;
    int long_run_day;           /* 0 = Monday .. 6 = Sunday; -1 none */
    int rest_day;               /* 0 .. 6; -1 auto (after the long run) */
    double goal_min, goal_km;   /* weekly goal, NAN when not set */
    int age;                    /* years, TENDO_UNSET when not set (the
                                   heel-raise norm, clinical.md §8) */
    int reminder_min;           /* the morning check's reminder, minutes
                                   after local midnight; -1 off */
    /* the routine's doses (clinical.md §7a; settings of the same names) */
    int warmup_walk_min;        /* the warm-up's brisk walk or jog, 4 */
    int mobility_sets;          /* sets of each mobility exercise, 2 */
    int calf_sets;              /* the calf complex's sets before its
                                   progression, 3 */
    int calf_reps;              /* its repetitions a set, 15 */
    int hold_seconds;           /* a calf hold in a flare, 30 */
};

/* Resets a record to "everything unknown" (ids 0, strings ""). */
TENDO_API void tendo_session_init(struct tendo_session *s);
TENDO_API void tendo_check_init(struct tendo_check *c);
TENDO_API void tendo_rehab_init(struct tendo_rehab *r);
TENDO_API void tendo_wellness_init(struct tendo_wellness *w);
TENDO_API void tendo_shoe_init(struct tendo_shoe *s);
TENDO_API void tendo_assessment_init(struct tendo_assessment *a);
TENDO_API void tendo_clearance_init(struct tendo_clearance *c);
TENDO_API void tendo_routine_log_init(struct tendo_routine_log *r);
/* The default settings (those of `tendo config` before any is set). */
TENDO_API void tendo_athlete_init(struct tendo_athlete *a);

/* True when the check / wellness record holds at least one value. */
TENDO_API int tendo_check_is_empty(const struct tendo_check *c);
TENDO_API int tendo_wellness_is_empty(const struct tendo_wellness *w);

/* Record-level validation, beyond what each field's parser checks: ranges,
 * enumerations, string lengths, and that the day is neither before
 * 1970-01-01 nor after `today` + 1 (no far-future entries). The failure
 * names the field. */
TENDO_API int tendo_session_validate(const struct tendo_session *s,
                                     tendo_day today, struct tendo_error *err);
TENDO_API int tendo_check_validate(const struct tendo_check *c, tendo_day today,
                                   struct tendo_error *err);
TENDO_API int tendo_rehab_validate(const struct tendo_rehab *r, tendo_day today,
                                   struct tendo_error *err);
TENDO_API int tendo_wellness_validate(const struct tendo_wellness *w,
                                      tendo_day today, struct tendo_error *err);
/* A clearance: flags within TENDO_FLAG_RED (at least one), a day neither
 * before 1970 nor after `today` + 1, a note of at most TENDO_NOTES_MAX
 * bytes of text. */
TENDO_API int tendo_routine_log_validate(const struct tendo_routine_log *r,
                                        tendo_day today,
                                        struct tendo_error *err);
TENDO_API int tendo_clearance_validate(const struct tendo_clearance *c,
                                       tendo_day today,
                                       struct tendo_error *err);
/* An assessment: a known kind, its values in range (raises 0-500 whole,
 * cm 0-30, VISA-A 0-100), a day not after `today` + 1. */
TENDO_API int tendo_assessment_validate(const struct tendo_assessment *a,
                                        tendo_day today,
                                        struct tendo_error *err);

#endif
