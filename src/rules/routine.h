/*
 * src/rules/routine.h - what the advice's routine (routine.c) and the plan
 * (plan.c) share (private): the days of the calf complex.
 */
#ifndef TENDO_RULES_ROUTINE_H
#define TENDO_RULES_ROUTINE_H

#include "tendo/date.h"

/* §7a: the calf complex 2-3 times a week - Tuesday, Thursday and
 * Saturday - but never the day after a hard run (that slot is left out) */
int rules_calf_day(tendo_day day, int hard_before);

#endif
