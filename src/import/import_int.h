/*
 * import/import_int.h - what import.c shares with strava.c: finding the
 * session logged by hand that an imported activity records, so a watch
 * file and a Strava row merge the same way. Not public API.
 */
#ifndef TENDO_IMPORT_INT_H
#define TENDO_IMPORT_INT_H

#include "tendo/store.h"

/* Sets *id to the session logged by hand, from a diary CSV or from a
 * Strava row alone that an activity of `type` on local `day` spanning
 * [start, end) UTC seconds records - its start unknown or overlapping,
 * its duration (else distance) within 15 % of `minutes` (`metres`) - the
 * closest one, or 0. */
int import_find_logged(tendo_db *db, const char *type, tendo_day day,
                       int64_t start, int64_t end, double minutes,
                       double metres, int64_t *id, struct tendo_error *err);

/* Creates the shoe `name` with its first use on `day`, unless tendo knows
 * it (a diary row's shoe, a Strava row's gear). */
int import_ensure_shoe(tendo_db *db, const char *name, tendo_day day,
                       struct tendo_error *err);

/* tendo_read_file, and with `nofollow` a symbolic link is refused (the
 * files of an unpacked Strava export). Never blocks on a FIFO. */
int import_read_file(const char *path, size_t max, int nofollow,
                     uint8_t **data, size_t *len, struct tendo_error *err);

#endif
