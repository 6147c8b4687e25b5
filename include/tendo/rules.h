/*
 * tendo/rules.h - the daily advice (docs/clinical.md; docs/cli.md, today): the
 * athlete's history (tendo/history.h) and a day in, a recommendation out.
 *
 * Pure: no I/O, no clock, no globals, no allocation; the day is an
 * argument and nothing after it is read. The caller owns the output
 * (fixed size). Errors: TENDO_EUSAGE for a day after the history's last.
 *
 * The flare state (pause -> reassess -> re-enter 50/70/85 % -> done) is
 * derived by replaying the history day by day from its first day, so it
 * is always consistent with what is stored (editing a past check corrects
 * it), and every command that asks about a day gets the same answer.
 * tendo_advise_days() gives the advice for a run of days in that one pass.
 *
 * Levels are ordered from most to least load; the most restrictive rule
 * that fires wins, and every rule that fired is a reason with a stable code
 * (docs/reasons.md). Reason texts describe symptoms and rules; they never
 * name a condition.
 */
#ifndef TENDO_RULES_H
#define TENDO_RULES_H

#include "common.h"
#include "date.h"
#include "error.h"
#include "model.h"
#include "history.h"
#include "rehab.h"

enum tendo_level {
    TENDO_LEVEL_PROGRESS = 0,
    TENDO_LEVEL_MAINTAIN,
    TENDO_LEVEL_REDUCE,
    TENDO_LEVEL_CROSS_TRAIN,
    TENDO_LEVEL_PAUSE,
    TENDO_LEVEL_SEE_CLINICIAN
};
/* "progress", "maintain", "reduce", "cross-train", "pause", "see-clinician" */
TENDO_API const char *tendo_level_name(enum tendo_level l);

enum tendo_flare_step {
    TENDO_FLARE_NONE = 0,
    TENDO_FLARE_PAUSE,
    TENDO_FLARE_REASSESS,
    TENDO_FLARE_REENTER1,   /* 50 % of the pre-flare typical run */
    TENDO_FLARE_REENTER2,   /* 70 % */
    TENDO_FLARE_REENTER3    /* 85 % */
};
/* "none", "pause", "reassess", "re-enter-1", ... */
TENDO_API const char *tendo_flare_step_name(enum tendo_flare_step s);

struct tendo_flare {
    enum tendo_flare_step step;
    tendo_day started;          /* day the flare began, TENDO_DAY_NONE */
    tendo_day step_since;       /* day the current step began */
    double pre_typical_min;     /* median run minutes of the 28 days before */
    int base_morning;           /* baseline when it began */
    int progress;               /* good mornings / accepted runs so far */
    int settled;                /* the morning pain it settled at when
                                   running resumed (TENDO_UNSET before):
                                   2 above it restarts the pause */
    int settled_stable;         /* 1: resumed because the mornings settled
                                   at a stable level (clinical.md §4), so
                                   runs are judged against that level */
};

/* What the advice can say: every reason code, the level it asks for and
 * its section of docs/clinical.md. `level` is an enum tendo_level, or
 * TENDO_LEVEL_OF_DAY for a reason that takes the day's level (it cuts
 * today's run without changing the level). The rehab decisions are
 * informative (TENDO_LEVEL_PROGRESS: they never raise the level). */
#define TENDO_LEVEL_OF_DAY (-1)
struct tendo_reason_info {
    const char *code;
    int level;
    const char *section;        /* "§4" */
};
/* The i-th reason the advice can give (0, 1, ...; NULL past the last), in
 * the order the rules are applied. Static data. */
TENDO_API const struct tendo_reason_info *tendo_reason_info(size_t i);

#define TENDO_REASONS_MAX 16

/* §7a: the routine around the rehab stage - blocks of exercises, each with
 * its dose, gated by the day's symptoms like the stage itself. */
enum tendo_block {
    TENDO_BLOCK_WARMUP = 0,     /* before the run, and before loaded rehab */
    TENDO_BLOCK_MOBILITY,       /* daily */
    TENDO_BLOCK_EVENING,        /* mobility again in the evening, on a day
                                   stiffer than usual */
    TENDO_BLOCK_CALF,           /* the calf complex and balance, 2-3 x a
                                   week, never the day after a hard run */
    TENDO_BLOCK_ISOMETRIC,      /* calf holds while a flare-up pauses */
    TENDO_BLOCK_COUNT
};
/* "warm-up", "mobility", "evening-mobility", "calf-complex", "isometric" */
TENDO_API const char *tendo_block_name(int block);
/* The block's number for its name; -1 when none. */
TENDO_API int tendo_block_of(const char *name);

struct tendo_block_item {
    const char *what;            /* the exercise, in tendo's own words */
    int sets;
    int reps;                    /* per set, 0 when held for `seconds` */
    int seconds;                 /* per set, 0 when counted in `reps` */
    int per_side;                /* each leg (or each way) */
};
#define TENDO_BLOCK_ITEMS_MAX 4
struct tendo_routine_block {
    int block;                   /* enum tendo_block */
    const char *when;            /* "before the run", "today", ... */
    int level;                   /* the calf complex's progression, 1-3;
                                    1 for the others */
    int held;                    /* held at its dose today (stiffness) */
    const char *note;            /* how, today ("to neutral: ..."), or "" */
    size_t nitems;
    struct tendo_block_item items[TENDO_BLOCK_ITEMS_MAX];
};
struct tendo_routine {
    size_t nblocks;
    struct tendo_routine_block blocks[TENDO_BLOCK_COUNT];
    const char *gate;            /* why blocks are left out today, or "" */
};

struct tendo_reason {
    const char *code;            /* stable, e.g. "morning_pain_up" */
    enum tendo_level level;      /* the level this rule asks for */
    char text[512];              /* one plain sentence or two */
};

struct tendo_advice {
    tendo_day date;
    enum tendo_level level;
    /* running today */
    int run_allowed;
    double max_minutes, max_km;  /* NAN when no run or unknown pace */
    const char *intensity;       /* "easy" or "moderate" (the plan's
                                    words: tendo/plan.h) */
    double cadence_spm;          /* the step-rate cue for easy runs,
                                    steps/min (clinical.md §9); NAN none */
    const char *surface;         /* "soft or flat", "any" */
    int strides, hills;
    /* cross-training: up to two suggestions (type from tendo_session_types) */
    int ncross;
    struct { const char *type; int minutes; } cross[2];
    /* rehab dose; has_rehab 0 means none today (see a clinician) */
    int has_rehab;
    char rehab_exercise[24], rehab_surface[16], rehab_tempo[16];
    int rehab_sets, rehab_reps;
    double rehab_load_kg;
    const char *rehab_progress;  /* "advance", "hold", "regress" */
    int rehab_stage, rehab_nstages;   /* 1-based stage on the day's ladder
                                         of the protocol (tendo/rehab.h) */
    int rehab_per_week;               /* sessions a week at that stage */
    int rehab_insertional;            /* the floor-level ladder */
    const char *rehab_name, *rehab_how;
    /* §7a the routine around it (tendo_routine: the blocks of the day) */
    struct tendo_routine routine;
    /* figures behind it */
    double typical_min, typical_km;   /* NAN when no runs in 28 days */
    int base_morning, base_stiffness; /* TENDO_UNSET when unknown */
    int have_check;                   /* a check exists for today */
    /* §6 the first week back after a break: the running minutes it has
     * left and its last day (TENDO_DAY_NONE: it starts with the first run
     * back); NAN and TENDO_DAY_NONE outside one */
    double break_left_min;
    tendo_day break_until;
    int good_days;                    /* consecutive good days to today */
    struct tendo_flare flare;
    /* red flags (clinical.md §2): those open today, then those cleared in
     * the last TENDO_CLEARED_SHOW_DAYS days (tendo/clinical.h) */
    size_t nflags;
    struct tendo_flag_episode flags[2 * TENDO_FLAG_BITS];
    tendo_day next_check;
    size_t nreasons;
    struct tendo_reason reasons[TENDO_REASONS_MAX];
    int truncated;              /* 1: a reason's text did not fit - never
                                   expected (the tests check it) */
};

/* The advice for `day` (up to h->last; a day before the history's first
 * is advised as a day with no data). */
TENDO_API int tendo_advise(const struct tendo_history *h, tendo_day day,
                           struct tendo_advice *out, struct tendo_error *err);

/* §7a the routine, day by day from..to (within the history; one pass of
 * the advice): due[i] and done[i] (i = day - from) receive the blocks due
 * that day (bit 1 << enum tendo_block) and those logged as done
 * (h->routine). The report's adherence: done & due of due, by week. */
TENDO_API int tendo_routine_days(const struct tendo_history *h, tendo_day from,
                                 tendo_day to, unsigned char *due,
                                 unsigned char *done, struct tendo_error *err);

/* The advice for every day from..to (within the history), in one pass:
 * `fn` is called for each day in order with an advice valid during the
 * call; a non-zero return stops the walk and is returned. */
typedef int (*tendo_advice_fn)(const struct tendo_advice *a, void *ctx);
TENDO_API int tendo_advise_days(const struct tendo_history *h, tendo_day from,
                                tendo_day to, tendo_advice_fn fn, void *ctx,
                                struct tendo_error *err);

#endif
