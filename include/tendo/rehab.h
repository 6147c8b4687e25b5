/*
 * tendo/rehab.h - the rehab programmes as data and the stage decision
 * (clinical.md §7): which stage the athlete is at, and whether today
 * advances, holds or regresses it.
 *
 * Pure: no I/O, no clock, no globals, no allocation; "today" is an
 * argument. The stage tables are static data owned by the library. The
 * current stage is read from the logged sessions (the last one's exercise,
 * surface and load; tendo/history.h works out each session's stage once),
 * so what the athlete actually did is the state.
 */
#ifndef TENDO_REHAB_H
#define TENDO_REHAB_H

#include "common.h"
#include "date.h"
#include "history.h"
#include "model.h"

/* One stage of a protocol. Stages with load_step > 0 are open-ended: each
 * further step adds load_step kg. */
struct tendo_rehab_stage {
    const char *name;           /* "single-leg drops off a step" */
    const char *exercise;       /* one of tendo_rehab_exercises */
    const char *surface;        /* flat, step, decline */
    int sets, reps;
    double load_kg;             /* added load at the stage's first step;
                                   NAN: "your repetition maximum" (hsr) */
    double load_step;           /* kg per further step, 0 for none */
    const char *tempo;          /* "3-1-1": seconds down-pause-up */
    int sessions_to_advance;    /* sessions within the limit to advance */
    int max_pain;               /* pain limit during a session to count */
    int per_week;               /* sessions a week: 7 daily, 4 every other
                                   day, 3 three times a week */
    const char *how;            /* one plain sentence */
};

/* The stages of `protocol` ("seed", "alfredson", "hsr", "silbernagel");
 * NULL (and *n = 0) for an unknown name. */
TENDO_API const struct tendo_rehab_stage *
tendo_rehab_protocol(const char *protocol, size_t *n);

/* The ladder of `protocol`: the 0-based indices into its table of the
 * stages in the order they are climbed - for midportion (or unsure) pain,
 * or with `insertional` for insertional pain, where drops stay at floor
 * level (no step, no decline; clinical.md §7). NULL (and *n = 0) for an
 * unknown name. Static data. */
TENDO_API const int *tendo_rehab_ladder(const char *protocol, int insertional,
                                        size_t *n);
/* The 0-based index of a stage's counterpart in the other ladder (its
 * floor-level version, or the full-range one); the stage itself when it is
 * in both. */
TENDO_API int tendo_rehab_twin(const char *protocol, int index);

/* The 1-based index into the table of `protocol` of the stage a logged
 * session belongs to (and its load step in *step), or 0 when its exercise
 * is not in the protocol: the best fit by exercise, surface, sets x reps
 * and load; of equal fits, a stage on the ladder of the day's location
 * (`insertional`). */
TENDO_API int tendo_rehab_stage_of(const char *protocol, int insertional,
                                   const struct tendo_rehab *r, int *step);

struct tendo_rehab_input {
    const struct tendo_history *history;    /* the protocol, the logged
                                               sessions and their stages,
                                               the mornings */
    tendo_day today;
    int flare_open;     /* a flare in pause or reassess: regress one
                           stage from where it was when the flare began */
    tendo_day flare_started;
    int reentry;        /* re-entering running after a flare: hold */
};

struct tendo_rehab_plan {
    const struct tendo_rehab_stage *stage;
    int stage_no;               /* 1-based place on the day's ladder */
    int index;                  /* 0-based index into the protocol's table */
    int step;                   /* load step within an open-ended stage */
    int nstages;                /* stages on the day's ladder */
    int insertional;            /* the floor-level ladder (clinical.md §7) */
    double load_kg;             /* the prescribed added load (NAN: RM) */
    const char *decision;       /* "advance", "hold", "regress" */
    const char *code;           /* reason code, docs/reasons.md */
    char text[200];             /* why, one sentence */
    int done_at_stage;          /* sessions counted at the current stage */
};

/* A run of rehab sessions at one stage and load step (the stages over
 * time, `tendo rehab --history`). Sessions outside the protocol have
 * stage 0 and make a new run when their load changes. */
struct tendo_rehab_run {
    tendo_day from, to;         /* first and last session */
    int stage, step;            /* 1-based stage, 0 outside the protocol */
    double load_kg;             /* the first session's added load (0) */
    int sessions;
    int max_pain;               /* worst pain, -1 when none logged */
};
/* The history's rehab sessions from..to as runs, into out[0..cap);
 * returns how many there are (more than cap when they did not fit). */
TENDO_API size_t tendo_rehab_runs(const struct tendo_history *h,
                                  tendo_day from, tendo_day to,
                                  struct tendo_rehab_run *out, size_t cap);

/* Today's prescription. Fails only on bad arguments (TENDO_EUSAGE). */
TENDO_API int tendo_rehab_prescribe(const struct tendo_rehab_input *in,
                                    struct tendo_rehab_plan *out,
                                    struct tendo_error *err);

#endif
