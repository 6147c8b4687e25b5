/*
 * tendo/assess.h - assessments (domain.md §8): the VISA-A questionnaire,
 * the single-leg heel-raise test and knee-to-wall dorsiflexion, as records,
 * their scoring and storage.
 *
 * Scoring functions are pure. Store functions take an open database
 * (tendo/store.h); records own nothing. Errors come back as TENDO_E* codes
 * with the field named in *err.
 */
#ifndef TENDO_ASSESS_H
#define TENDO_ASSESS_H

#include "common.h"
#include "date.h"
#include "error.h"
#include "store.h"

#define TENDO_VISA_ITEMS 8

struct tendo_assessment {
    int64_t id;
    tendo_day date;
    char kind[16];          /* "visa-a", "heel-raise", "dorsiflexion" */
    double left, right;     /* raises or cm per side, NAN when not tested */
    double score;           /* VISA-A total 0-100; heel-raise LSI %; NAN */
    char answers[64];       /* VISA-A item points "10,8,...", else "" */
    char notes[TENDO_NOTES_MAX + 1];
};

TENDO_API extern const char *const tendo_assessment_kinds[];
TENDO_API void tendo_assessment_init(struct tendo_assessment *a);

/* VISA-A (Robinson et al. 2001, domain.md §8): `points` are the eight item
 * scores in points - Q1-Q6 0-10, Q7 one of 0, 4, 7, 10, Q8 0-30 from one of
 * its three forms (A: 0, 7, 14, 21, 30; B: 0, 4, 10, 14, 20; C: 0, 2, 5, 7,
 * 10). *total receives 0-100. TENDO_ERANGE names the item otherwise. */
TENDO_API int tendo_visa_a_score(const int points[TENDO_VISA_ITEMS],
                                 int *total, struct tendo_error *err);
/* Parses "Q1,...,Q8" and scores it. */
TENDO_API int tendo_visa_a_parse(const char *s, int points[TENDO_VISA_ITEMS],
                                 int *total, struct tendo_error *err);
/* Limb symmetry index: involved / uninvolved x 100; NAN if uninvolved is 0
 * or either is unknown. */
TENDO_API double tendo_lsi(double involved, double uninvolved);

/* Validates (kind, ranges: raises 0-500, cm 0-30, date not after `today`)
 * and stores; a->id receives the new row's id. */
TENDO_API int tendo_assessment_add(tendo_db *db, struct tendo_assessment *a,
                                   tendo_day today, struct tendo_error *err);
typedef int (*tendo_assessment_fn)(const struct tendo_assessment *a,
                                   void *ctx);
/* Assessments from..to in date order (kind NULL: all kinds). */
TENDO_API int tendo_assessments_each(tendo_db *db, const char *kind,
                                     tendo_day from, tendo_day to,
                                     tendo_assessment_fn fn, void *ctx,
                                     struct tendo_error *err);

#endif
