/*
 * import/seen.h - what was stored before a diary file began, by day: the
 * sessions and rehab entries a row is compared with ("already stored").
 *
 * A day's records are read once, the first time a row names the day,
 * into a hash set of their full values; every later row of that day is
 * one look-up. So a file with many rows on one date imports in linear
 * time (comparing each row with the database scanned the whole day per
 * row). Records the file itself adds are not in the set: two equal rows
 * in one file are both kept. Memory: the set owns its keys; seen_free.
 */
#ifndef TENDO_IMPORT_SEEN_H
#define TENDO_IMPORT_SEEN_H

#include "tendo/store.h"

struct seen {
    tendo_db *db;
    int64_t import_id;        /* the file being imported: its rows are new */
    char **keys;              /* open addressing, NULL = empty */
    size_t cap, n;
    tendo_day *days;          /* the days read so far (sorted) */
    size_t ndays, capdays;
};

void seen_init(struct seen *s, tendo_db *db, int64_t import_id);
void seen_free(struct seen *s);
/* Sets *found when a session (rehab entry) equal in every value the
 * diary holds was stored before the file began; reads its day on first
 * use. The session's shoe is compared by the stored shoe it names. */
int seen_session(struct seen *s, const struct tendo_session *x, int *found,
                 struct tendo_error *err);
int seen_rehab(struct seen *s, const struct tendo_rehab *x, int *found,
               struct tendo_error *err);

#endif
