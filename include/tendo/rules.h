/*
 * tendo/rules.h - the daily advice (domain.md §2-§6, product.md §5.2):
 * a snapshot of the athlete's recent days in, a recommendation out.
 *
 * Pure: no I/O, no clock, no globals; "today" is a field of the input and
 * everything after it is ignored. The caller owns every array in the input
 * and the output struct (fixed size, no allocation). tendo_advise() fails
 * only on bad arguments (TENDO_EUSAGE in *err).
 *
 * The flare state (domain.md §4: pause -> reassess -> re-enter 50/70/85 %
 * -> done) is derived by replaying the checks and runs day by day from the
 * start of the history given, so it is always consistent with what is
 * stored (editing a past check corrects it). Give at least 120 days of
 * history for a faithful replay.
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
#include "rehab.h"
#include "assess.h"

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
};

struct tendo_rules_input {
    tendo_day today;
    const struct tendo_check *checks;       /* any order; one per day */
    size_t nchecks;
    const struct tendo_session *sessions;   /* any order */
    size_t nsessions;
    const struct tendo_wellness *wellness;  /* any order; may be NULL */
    size_t nwellness;
    const struct tendo_rehab *rehab;        /* logged rehab, any order */
    size_t nrehab;
    const char *protocol;                   /* rehab protocol; NULL: seed */
    const struct tendo_assessment *assessments; /* any order; may be NULL */
    size_t nassessments;
    double ramp;                            /* weekly ramp, 0.10 = 10 % */
};

#define TENDO_REASONS_MAX 16

struct tendo_reason {
    const char *code;            /* stable, e.g. "morning_pain_up" */
    enum tendo_level level;      /* the level this rule asks for */
    char text[160];              /* one plain sentence */
};

struct tendo_advice {
    tendo_day date;
    enum tendo_level level;
    /* running today */
    int run_allowed;
    double max_minutes, max_km;  /* NAN when no run or unknown pace */
    const char *intensity;       /* "easy", "moderate", "any" */
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
    int rehab_stage, rehab_nstages;   /* 1-based stage of the protocol */
    const char *rehab_name, *rehab_how;
    /* figures behind it */
    double typical_min, typical_km;   /* NAN when no runs in 28 days */
    int base_morning, base_stiffness; /* TENDO_UNSET when unknown */
    int have_check;                   /* a check exists for today */
    int good_days;                    /* consecutive good days to today */
    struct tendo_flare flare;
    tendo_day next_check;
    size_t nreasons;
    struct tendo_reason reasons[TENDO_REASONS_MAX];
};

TENDO_API int tendo_advise(const struct tendo_rules_input *in,
                           struct tendo_advice *out, struct tendo_error *err);

#endif
