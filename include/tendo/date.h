/*
 * tendo/date.h - calendar days and the athlete's time zone.
 *
 * A day is a `tendo_day`: the number of days since 1970-01-01 in the
 * proleptic Gregorian calendar, so arithmetic is plain integer arithmetic.
 * Days are always local to the athlete: the time zone is the `timezone`
 * setting, else $TZ, else the system's. Conversions between UTC instants and
 * local days need the zone and are the only functions here that touch the
 * process environment (TZ), so they are not thread-safe; every other function
 * is pure.
 */
#ifndef TENDO_DATE_H
#define TENDO_DATE_H

#include "common.h"
#include "error.h"

typedef int32_t tendo_day;

#define TENDO_DAY_NONE INT32_MIN
#define TENDO_DAY_MIN 0        /* 1970-01-01: earliest day tendo accepts */
#define TENDO_DAY_STRLEN 11    /* "YYYY-MM-DD" and its NUL */

/* Days since 1970-01-01 of the civil date y-m-d (m 1-12, d 1-31); the
 * caller validates. */
TENDO_API tendo_day tendo_day_from_ymd(int y, int m, int d);
/* The civil date of `day`. Any pointer may be NULL. */
TENDO_API void tendo_day_to_ymd(tendo_day day, int *y, int *m, int *d);
/* Day of the week, 0 = Monday ... 6 = Sunday. */
TENDO_API int tendo_day_weekday(tendo_day day);
/* The Monday on or before `day` (weeks start on Monday). */
TENDO_API tendo_day tendo_day_week_start(tendo_day day);

/* Parses exactly "YYYY-MM-DD" (n bytes, no NUL needed) into `*out`, checking
 * the month and the day of the month. Returns TENDO_OK or TENDO_EINVAL. */
TENDO_API int tendo_day_parse(const char *s, size_t n, tendo_day *out);
/* Writes "YYYY-MM-DD" into `out` (TENDO_DAY_STRLEN bytes). Returns `out`. */
TENDO_API char *tendo_day_format(tendo_day day, char out[TENDO_DAY_STRLEN]);

/* Checks that `tz` names a time zone this machine knows (an IANA name such as
 * "Europe/Berlin" found in the zoneinfo database, or "UTC"). */
TENDO_API int tendo_tz_valid(const char *tz, struct tendo_error *err);
/* The local day and the UTC offset (seconds east) of the instant `utc`
 * (seconds since the epoch) in zone `tz` (NULL or "" = $TZ / system).
 * Either output may be NULL. */
TENDO_API int tendo_tz_local(const char *tz, int64_t utc, tendo_day *day,
                             int32_t *offset_s, struct tendo_error *err);

/* Formats the UTC instant `utc` as "YYYY-MM-DDTHH:MM:SSZ" into `out` (21
 * bytes). Returns `out`. */
TENDO_API char *tendo_utc_format(int64_t utc, char out[21]);
/* Parses "YYYY-MM-DDTHH:MM:SSZ" (or with a +HH:MM / -HH:MM offset). */
TENDO_API int tendo_utc_parse(const char *s, int64_t *out);

#endif
