/*
 * import/strava_int.h - the export walker inside import/strava.c, shared
 * with its fuzz target: find activities.csv in a zip (at the top or in one
 * top folder) and read entries by name with the size caps and the
 * path-escape check. No database here.
 */
#ifndef TENDO_IMPORT_STRAVA_INT_H
#define TENDO_IMPORT_STRAVA_INT_H

#include <zip.h>
#include "tendo/error.h"

struct strava_source {
    zip_t *zip;               /* the archive, or NULL for a folder */
    char dir[4096];           /* the folder (or the archive's top folder) */
    zip_uint64_t read_total;  /* bytes inflated so far */
};

/* For a zip: finds activities.csv and sets s->dir to its folder. */
int strava_locate(struct strava_source *s, const char *what,
                  struct tendo_error *err);
/* Reads `name` (relative to the export's top) into a new buffer
 * (tendo_free), with the caps and the path check. */
int strava_read(struct strava_source *s, const char *name, uint8_t **data,
                size_t *len, struct tendo_error *err);

#endif
