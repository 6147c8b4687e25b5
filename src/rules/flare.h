/*
 * src/rules/flare.h - the flare state (clinical.md §4: pause -> reassess
 * -> re-enter 50/70/85 % -> done), replayed day by day from the history's
 * first day (private to src/rules/).
 */
#ifndef TENDO_RULES_FLARE_H
#define TENDO_RULES_FLARE_H

#include "tendo/assess.h"
#include "tendo/rules.h"
#include "day.h"

struct replay {
    struct tendo_flare f;
    const char *why;            /* trigger of a flare that started (or
                                   restarted) today: "sharp", "morning",
                                   "morning_up", "stiffness", "session",
                                   "settled_up", "flag"; else NULL */
    tendo_day done;             /* day the last flare ended */
    double done_pre;            /* its pre-flare typical run */
    double reentry_run;         /* the last run of its re-entry, minutes
                                   (NAN none) */
    int settled_was;            /* with why "settled_up": the level the
                                   mornings had settled at */
};

void flare_init(struct replay *r);
/* advances the state through `day` (v->today is `day`) */
void flare_step(const struct rules_view *v, struct replay *r, tendo_day day);
/* §8: the heel-raise gate of the latest test in from..to (the side and
 * the athlete's age of `to`); a pass when there is none */
void flare_heel_raise(const struct rules_view *v, tendo_day from,
                      tendo_day to, struct tendo_heel_raise_gate *g);
/* the share of the pre-flare typical run a re-entry step allows */
double flare_reentry_share(enum tendo_flare_step s);
/* §4: have the mornings of the flare settled at a stable level by `day`
 * (the last TENDO_SETTLED_MORNINGS checked mornings since it began within
 * TENDO_SETTLED_RANGE, 0-5, not rising)? The level in *level. */
int flare_settled(const struct rules_view *v, const struct tendo_flare *f,
                  tendo_day day, int *level);

#endif
