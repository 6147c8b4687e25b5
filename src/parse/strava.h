/*
 * parse/strava.h - the activities.csv of a Strava bulk export: one row per
 * activity with its metadata and, usually, the file that holds its data.
 *
 * Columns are found by name, in any order; the export repeats some names:
 * the first "Elapsed Time" and "Distance" are the summary (seconds, and
 * kilometres), the later "Distance" is in metres and is preferred when
 * present. "Activity Date" is UTC as "Mar 4, 2021, 6:12:00 AM" (ISO forms
 * are read too). Rows whose date cannot be read are errors naming the line.
 */
#ifndef TENDO_PARSE_STRAVA_H
#define TENDO_PARSE_STRAVA_H

#include "tendo/error.h"

struct strava_row {
    uint32_t line;
    char id[32];
    int64_t start_utc;
    char name[128];
    char type[40];          /* Run, Ride, Swim, Walk, Hike, ... */
    double elapsed_s, moving_s, distance_m; /* NAN if absent */
    double avg_hr;          /* NAN if absent */
    int rpe;                /* Perceived Exertion 1-10, or -1 */
    char gear[64];
    char filename[256];     /* "activities/123.fit.gz", or "" */
};

typedef int (*strava_fn)(const struct strava_row *row, void *ctx,
                         struct tendo_error *err);

int strava_parse(const uint8_t *data, size_t len, strava_fn fn, void *ctx,
                 struct tendo_error *err);

/* "Mar 4, 2021, 6:12:00 AM" (or ISO 8601) as Unix seconds; 0 on success. */
int strava_date(const char *s, int64_t *out);

#endif
