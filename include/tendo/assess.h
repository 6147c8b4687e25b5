/*
 * tendo/assess.h - the scoring of assessments (clinical.md §8): the VISA-A
 * questionnaire and the limb symmetry index of the single-leg heel-raise
 * test. The records themselves are in tendo/model.h, their storage in
 * tendo/store.h.
 *
 * Pure functions. Errors come back as TENDO_E* codes with the item named
 * in *err.
 */
#ifndef TENDO_ASSESS_H
#define TENDO_ASSESS_H

#include "common.h"
#include "date.h"
#include "error.h"
#include "model.h"

#define TENDO_VISA_ITEMS 8

/* VISA-A (Robinson et al. 2001, clinical.md §8): `points` are the eight item
 * scores in points - Q1-Q6 0-10, Q7 one of 0, 4, 7, 10, Q8 0-30 from one of
 * its three forms (A: 0, 7, 14, 21, 30; B: 0, 4, 10, 14, 20; C: 0, 2, 5, 7,
 * 10). *total receives 0-100. TENDO_ERANGE names the item otherwise. */
TENDO_API int tendo_visa_a_score(const int points[TENDO_VISA_ITEMS],
                                 int *total, struct tendo_error *err);
/* Parses "Q1,...,Q8" and scores it. */
TENDO_API int tendo_visa_a_parse(const char *s, int points[TENDO_VISA_ITEMS],
                                 int *total, struct tendo_error *err);
/* The weekly function check-in (kind "function", clinical.md §8): three
 * ratings 0-10 (10 = no trouble) - stairs, daily tasks, recovery after
 * sessions - as "S,D,R"; *score receives their mean x 10 (0-100, 100 = no
 * trouble), trended like VISA-A. TENDO_EINVAL / TENDO_ERANGE name the
 * rating. */
#define TENDO_FUNCTION_ITEMS 3
TENDO_API int tendo_function_parse(const char *s,
                                   int ratings[TENDO_FUNCTION_ITEMS],
                                   int *score, struct tendo_error *err);
/* Limb symmetry index: involved / uninvolved x 100; NAN if uninvolved is 0
 * or either is unknown. */
TENDO_API double tendo_lsi(double involved, double uninvolved);

/* The heel-raise norm of the return to running (clinical.md §8): the
 * raises a healthy person of `age` manages - about 19 from 60 years, else
 * (or with the age unknown, TENDO_UNSET) the usual benchmark of 25. */
TENDO_API int tendo_heel_raise_norm(int age);

/* The heel-raise gate of the return to running (clinical.md §8) for test
 * `a` with the symptomatic side `side` ("left", "right", "both" or ""):
 * with one side symptomatic and both tested, the limb symmetry index must
 * be at least TENDO_RTR_LSI_MIN (tendo/clinical.h); with both sides
 * symptomatic, or no healthy side tested, the LSI says nothing and the
 * involved side's count must reach tendo_heel_raise_norm(age). Without a
 * side, the side with fewer raises is the involved one. */
struct tendo_heel_raise_gate {
    int pass;
    int absolute;       /* 1: judged on the count, 0: on the LSI */
    double value;       /* the LSI (%) or the involved count */
    double need;        /* what it must reach */
};
TENDO_API void tendo_heel_raise_gate(const struct tendo_assessment *a,
                                     const char *side, int age,
                                     struct tendo_heel_raise_gate *g);

/* An assessment as recorded (tendo_assessment_log, tendo/loader.h), with
 * what its figures are judged by: the involved side of a heel-raise test
 * (NULL when the sides are equal and none is named), the symptomatic side
 * of the latest check that names one ("" none) and the athlete's age
 * (TENDO_UNSET) - the heel-raise gate's inputs. */
struct tendo_assessment_entry {
    struct tendo_assessment a;  /* as stored: id, date, score (LSI) */
    const char *involved;       /* "left", "right" or NULL */
    char side[8];
    int age;
    int gated;                  /* a heel-raise test: the gate applies */
};

#endif
