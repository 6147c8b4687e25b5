/*
 * src/rules/rehab_int.h - the rehab decision's reason codes, for the list
 * of everything the advice can say (tendo_reason_info; private).
 */
#ifndef TENDO_RULES_REHAB_INT_H
#define TENDO_RULES_REHAB_INT_H

#include "tendo/rules.h"

extern const struct tendo_reason_info rehab_reasons[];
extern const size_t rehab_nreasons;

#endif
