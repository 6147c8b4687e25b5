/*
 * tendo/documents.h - the JSON documents of the reporting commands, built
 * by the library so that every client (the CLI's --json, a server's API)
 * gives the same: the day's advice (`today`), the plan (`plan`), the
 * load (`load`), the rehab prescription and stages, and assessments. The
 * shapes are written out with each command in docs/cli.md.
 *
 * Each function returns a new json_t with reference count 1, owned by the
 * caller (json_decref), or NULL when out of memory. Unknown figures are
 * null, never 0. `units` is an enum tendo_units: distances are given in
 * km or miles, and the keys say which ("max_km"/"max_mi", "run_km"/
 * "run_mi", "km"/"mi").
 */
#ifndef TENDO_DOCUMENTS_H
#define TENDO_DOCUMENTS_H

#include <jansson.h>
#include "assess.h"
#include "common.h"
#include "history.h"
#include "model.h"
#include "plan.h"
#include "rehab.h"
#include "rules.h"
#include "store.h"

/* A figure rounded to 1/scale (10: one decimal), or null when NAN. */
TENDO_API json_t *tendo_json_number(double v, double scale);

/* The day's advice: level, run caps, cross-training, rehab dose and stage
 * decision, reasons, next check, the red flags open and cleared lately,
 * and the figures behind it. With the history `h` it was advised from
 * (may be NULL) a clearance also gives its note. */
TENDO_API json_t *tendo_advice_json(const struct tendo_advice *a,
                                    const struct tendo_history *h, int units);

/* The day's routine (§7a): {"blocks":[{block, when, level, held, note,
 * items:[{what, sets, reps, seconds, per_side}]}], "gate"} - "gate" says
 * why blocks are left out today (null when none are). */
TENDO_API json_t *tendo_routine_json(const struct tendo_routine *r);

/* The red flags on `day` (`tendo flags --json`, clinical.md §2): those
 * open, each with the day it was first recorded and for how many days,
 * and those cleared by then, with the clearance's day and note. */
TENDO_API json_t *tendo_flags_json(const struct tendo_history *h,
                                   tendo_day day);

/* A rehab dose: exercise, surface, sets, reps, load_kg (null: the
 * repetition maximum), tempo. */
TENDO_API json_t *tendo_rehab_dose_json(const char *exercise,
                                        const char *surface, int sets,
                                        int reps, double load_kg,
                                        const char *tempo);

/* Today's rehab prescription (`tendo rehab --json`): the dose with its
 * stage, name, decision and the rehab reasons. */
TENDO_API json_t *tendo_prescription_json(const struct tendo_advice *a);

/* The plan: from, level, flare, settings used, days, weeks. */
TENDO_API json_t *tendo_plan_json(const struct tendo_plan *p, int units);

/* The load of the days from..to and of the Monday weeks touching them,
 * from the history's figures. */
TENDO_API json_t *tendo_load_json(const struct tendo_history *h,
                                  tendo_day from, tendo_day to, int units);

/* The rehab stages over time (`tendo rehab --history --json`). */
TENDO_API json_t *tendo_rehab_runs_json(const char *protocol,
                                        const struct tendo_rehab_run *runs,
                                        size_t n);

/* One assessment with its derived figures (heel-raise: the involved side,
 * may be NULL, and the LSI; dorsiflexion: the side difference). */
TENDO_API json_t *tendo_assessment_doc_json(const struct tendo_assessment *a,
                                            const char *involved);
/* A list of assessments in date order, each with its change since the
 * first of its kind in the list ("change", null for the first). */
TENDO_API json_t *tendo_assessments_doc_json(const struct tendo_assessment *a,
                                             size_t n);
/* An assessment just recorded (`tendo assess KIND --json`, POST
 * /api/assessment): tendo_assessment_doc_json and, for a heel-raise test,
 * "gate": {pass, by ("raises" or "lsi"), value, need}. */
TENDO_API json_t *tendo_assessment_entry_json(
    const struct tendo_assessment_entry *e);
/* The changes themselves, for a text listing: change[i] NAN for the first
 * of each kind (or a missing figure). */
TENDO_API void tendo_assessment_changes(const struct tendo_assessment *a,
                                        size_t n, double *change);

/* What a check did (`tendo check --json`, POST /api/check): the check
 * as stored, "updated" (the day had one), "pain_on_session" (the run id
 * that took its pain, or null) and "changes" [{field, was, now}]. */
TENDO_API json_t *tendo_check_outcome_json(const struct tendo_check_outcome *o);

/* The records from..to (`tendo list --json`, GET /api/list): from, to,
 * units and an array per kind asked for in `what` (enum tendo_list_what
 * bits): sessions, checks, rehab, wellness, and for flags the clearances
 * and flag_corrections. Reads the database: errors as tendo/store.h. */
enum tendo_list_what {
    TENDO_LIST_SESSIONS = 1, TENDO_LIST_CHECKS = 2, TENDO_LIST_REHAB = 4,
    TENDO_LIST_WELLNESS = 8, TENDO_LIST_FLAGS = 16, TENDO_LIST_ALL = 31
};
/* "sessions", "checks", "rehab", "wellness", "flags", NULL: bit i */
TENDO_API extern const char *const tendo_list_kinds[];
TENDO_API int tendo_list_json(tendo_db *db, tendo_day from, tendo_day to,
                              unsigned what, int units, json_t **out,
                              struct tendo_error *err);

#endif
