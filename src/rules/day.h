/*
 * src/rules/day.h - what the rule modules share (private): a view of the
 * history that ends on the day advised (nothing after it is read), and
 * the day's figures in the form the rules compare them.
 */
#ifndef TENDO_RULES_DAY_H
#define TENDO_RULES_DAY_H

#include "tendo/clinical.h"
#include "tendo/history.h"

#include <math.h>

struct rules_view {
    const struct tendo_history *h;
    tendo_day today;            /* the last day that may be read */
};

/* the history's day, or an empty one outside it (or after `today`) */
static inline const struct tendo_history_day *
rules_at(const struct rules_view *v, tendo_day day)
{
    static const struct tendo_history_day none = {
        .morning = TENDO_UNSET, .stiffness = TENDO_UNSET,
        .hop_pain = TENDO_UNSET, .pain = TENDO_UNSET,
        .pain_during = TENDO_UNSET, .pain_after = TENDO_UNSET,
        .base_morning = TENDO_UNSET, .base_stiffness = TENDO_UNSET,
        .week_morning = TENDO_UNSET, .week_stiffness = TENDO_UNSET,
        .creep_stiffness = TENDO_UNSET,
        .prev_run = TENDO_DAY_NONE, .typical_min = NAN, .side = "",
        .typical_pace = NAN, .sleep_h = NAN, .last_rehab = -1};
    const struct tendo_history *h = v->h;
    return day <= v->today && day >= h->first && day <= h->last
               ? &h->days[day - h->first]
               : &none;
}

static inline int rules_imax(int a, int b)
{
    return a > b ? a : b;
}

/* the session pain a day's advice reads: that of the day before (its runs
 * and its check's during and after; clinical.md §5: a day's advice is
 * built from its morning check and everything before it - sessions logged
 * on the day count from the next) */
static inline int rules_session_pain(const struct rules_view *v,
                                     tendo_day day)
{
    return rules_at(v, day - 1)->pain;
}

/* the baselines with their assumed values when unknown (clinical.md §1) */
static inline int rules_base(int b)
{
    return b == TENDO_UNSET ? TENDO_BASELINE_UNKNOWN_MORNING : b;
}

static inline int rules_base_stiff(int b)
{
    return b == TENDO_UNSET ? TENDO_BASELINE_UNKNOWN_STIFF : b;
}

/* §3.1 rule 3: stiffness well above the usual `bs` minutes */
static inline int rules_stiff_up(int stiff, int bs)
{
    return stiff != TENDO_UNSET &&
           stiff > rules_imax((int)(bs * TENDO_STIFF_UP_FACTOR),
                              bs + TENDO_STIFF_UP_MIN);
}

#endif
