/*
 * tendo/history.h - one athlete's diary laid out day by day: what the
 * advice, the plan, the report and the load figures all read, built once.
 *
 * tendo_history_build() takes records in any order (tendo/model.h) and the
 * athlete's settings, copies them sorted by day and lays them out from the
 * first day with data - the first session, check, rehab session, wellness
 * entry or assessment - to `last`. Building computes, once, what every
 * reader needs:
 * - each day's symptoms, and the baselines before it (docs/clinical.md
 *   §1: the median of the 7 previous checked mornings within 28 days);
 * - the day's runs, and the typical run of the 28 days before it (median
 *   minutes and pace);
 * - the load metrics of tendo/load.h, counted from the first day with
 *   data: the acute:chronic ratios exist from its 35th day on, whatever
 *   range a reader shows, and fitness/fatigue start there for everyone;
 * - the stage of every logged rehab session in the athlete's protocol;
 * - the red flags: each flag's episodes from the day it was recorded to
 *   its clearance, and the flags open on each day (clinical.md §2).
 * Every reader takes these figures from here, so one fact has one value.
 *
 * Pure: no I/O, no clock, no globals. It allocates; the history owns its
 * copies and arrays, and the caller frees it with tendo_history_free().
 * Once built it is read-only (safe to share between threads). It fails on
 * bad arguments (TENDO_EUSAGE) and out of memory (TENDO_ENOMEM).
 * tendo/loader.h fills one from the database.
 */
#ifndef TENDO_HISTORY_H
#define TENDO_HISTORY_H

#include "common.h"
#include "date.h"
#include "error.h"
#include "load.h"
#include "model.h"

struct tendo_history_input {
    tendo_day last;                         /* the last day held: "today" */
    const struct tendo_athlete *athlete;    /* NULL: the defaults */
    const struct tendo_session *sessions;   /* any order */
    size_t nsessions;
    const struct tendo_check *checks;       /* any order; of two for one
                                               day the later wins */
    size_t nchecks;
    const struct tendo_rehab *rehab;        /* any order */
    size_t nrehab;
    const struct tendo_wellness *wellness;  /* any order; as checks */
    size_t nwellness;
    const struct tendo_assessment *assessments; /* any order */
    size_t nassessments;
    const struct tendo_shoe *shoes;         /* kept as given */
    size_t nshoes;
    const struct tendo_clearance *clearances;   /* any order */
    size_t nclearances;
    const struct tendo_routine_log *routine;    /* any order (§7a) */
    size_t nroutine;
};

/* One red flag from the day it was first recorded to its clearance
 * (clinical.md §2). */
struct tendo_flag_episode {
    unsigned flag;          /* one bit of TENDO_FLAG_RED */
    tendo_day opened;       /* the first day it was recorded (morning-high:
                               the third high morning) */
    tendo_day cleared;      /* the clearance's day; TENDO_DAY_NONE: open */
    long clearance;         /* its index in h->clearances, -1 while open */
};

struct tendo_history_day {
    tendo_day date;
    const struct tendo_check *check;        /* NULL: no check that day */
    const struct tendo_wellness *wellness;  /* NULL: none */
    size_t session0, nsessions;   /* its sessions: h->sessions[session0..] */
    size_t rehab0, nrehab;        /* its rehab: h->rehab[rehab0..] */
    /* symptoms; TENDO_UNSET when not recorded */
    int morning, stiffness, hop_pain;
    int pain_during;        /* the worst pain during the day's sessions
                               (and the check's day-level during) */
    int pain_after;         /* the same after them */
    int pain;               /* the worst of the two: the day's session pain,
                               which the next day's advice reads */
    unsigned flags;         /* the check's (enum tendo_flag) */
    char side[8];           /* the latest check's side on or before the
                               day: left, right, both or "" */
    int insertional;        /* the latest location on or before the day is
                               insertion (clinical.md §7) */
    unsigned open_flags;    /* red flags open on the day: recorded on it or
                               before and not cleared by it */
    int base_morning;       /* baselines before the day (the median of the
                               7 previous checked mornings within 28 days;
                               TENDO_UNSET with fewer than 3) */
    int base_stiffness;
    int week_morning;       /* median morning of the 7 days ending here,
                               TENDO_UNSET with fewer than 3 */
    int week_stiffness;     /* the same for stiffness */
    int creep_stiffness;    /* the median stiffness of the 28 days before
                               the last 14 (clinical.md §3.1 rule 4),
                               TENDO_UNSET with fewer than 7 checks */
    /* running: a run is a session of type run with minutes */
    int runs;               /* runs that day */
    int hard_runs;          /* of them, with a session RPE of 5 or more */
    tendo_day prev_run;     /* the last day before this one with a run,
                               TENDO_DAY_NONE for none */
    double run_min;         /* their minutes */
    double longest_min;     /* the longest of them, minutes (0 none) */
    double longest_m;       /* the longest by distance, metres (0 none
                               known) */
    double longest30_min;   /* the longest run of the 30 days before the */
    double longest30_m;     /* day, minutes and metres (§6; 0 none) */
    double typical_min;     /* median minutes of the runs of the 28 days
                               before the day; NAN without runs */
    double typical_pace;    /* their median pace, min/km; NAN unknown */
    double sleep_h;         /* the night before, NAN unknown */
    long last_rehab;        /* h->rehab index of the latest session in the
                               protocol on or before the day; -1 none */
};

struct tendo_history {
    struct tendo_athlete athlete;
    struct tendo_load_params load_params;   /* from the athlete */
    tendo_day first, last;  /* days held; first = the first day with data
                               (last when there is none) */
    size_t ndays;           /* last - first + 1 */
    const struct tendo_history_day *days;   /* days[i].date = first + i */
    const struct tendo_load_day *load;      /* [ndays] */
    const struct tendo_load_week *weeks;    /* Monday weeks touching
                                               first..last */
    size_t nweeks;
    /* the records, by day (then in the order given) */
    const struct tendo_session *sessions;
    size_t nsessions;
    const struct tendo_check *checks;       /* one a day */
    size_t nchecks;
    const struct tendo_rehab *rehab;
    size_t nrehab;
    const int *rehab_stage;  /* [nrehab]: 1-based stage in the athlete's
                                protocol, 0 when not in it */
    const int *rehab_step;   /* [nrehab]: load step in an open-ended stage */
    const struct tendo_wellness *wellness;  /* one a day */
    size_t nwellness;
    const struct tendo_assessment *assessments;
    size_t nassessments;
    const struct tendo_shoe *shoes;
    size_t nshoes;
    const struct tendo_clearance *clearances;   /* by day */
    size_t nclearances;
    const struct tendo_routine_log *routine;    /* the blocks done, by day */
    size_t nroutine;
    const struct tendo_flag_episode *episodes;  /* by the day opened */
    size_t nepisodes;
};

/* CONSTRUCTOR. Records after `last` (and without a day) are left out. */
TENDO_API int tendo_history_build(const struct tendo_history_input *in,
                                  struct tendo_history **out,
                                  struct tendo_error *err);
/* DESTRUCTOR. NULL is a no-op. */
TENDO_API void tendo_history_free(struct tendo_history *h);

/* The day `d`, or NULL outside first..last. */
TENDO_API const struct tendo_history_day *
tendo_history_day(const struct tendo_history *h, tendo_day d);

/* The load figures of day `d`: the history's own, or for a day before the
 * first day with data an empty day (no load, ratios NAN, fitness 0). */
TENDO_API void tendo_history_load_day(const struct tendo_history *h,
                                      tendo_day d,
                                      struct tendo_load_day *out);
/* The week starting on Monday `ws` likewise (an empty week before the
 * history, with unknown ratios and ramp). */
TENDO_API void tendo_history_load_week(const struct tendo_history *h,
                                       tendo_day ws,
                                       struct tendo_load_week *out);

/* The latest heel-raise LSI tested in from..to (NAN when none). */
TENDO_API double tendo_history_lsi(const struct tendo_history *h,
                                   tendo_day from, tendo_day to);

#endif
