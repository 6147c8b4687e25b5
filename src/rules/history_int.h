/*
 * src/rules/history_int.h - the history builder for the library's own
 * loader (src/loader/): with `own`, the input arrays were allocated with
 * tendo_malloc for the history, which takes them (used as they are when in
 * day order, as the store gives them, else sorted and freed) - also on
 * failure. Saves a copy of every record of a long diary.
 */
#ifndef TENDO_RULES_HISTORY_INT_H
#define TENDO_RULES_HISTORY_INT_H

#include "tendo/history.h"

int history_build(const struct tendo_history_input *in, int own,
                  struct tendo_history **out, struct tendo_error *err);
/* frees the arrays of an owned input */
void history_input_free(const struct tendo_history_input *in);

#endif
