/*
 * tendo/date.h - calendar days and the athlete's time zone.
 *
 * A day is a `tendo_day`: the number of days since 1970-01-01 in the
 * proleptic Gregorian calendar, so arithmetic is plain integer arithmetic.
 * Days are always local to the athlete: the time zone is the `timezone`
 * setting, else $TZ, else the system's. A zone is a loaded object
 * (tendo_tz): tendo_tz_load reads a zone file (TZif, RFC 8536) or takes a
 * POSIX rule once; converting instants with it is pure and thread-safe. The
 * process environment is never changed.
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

/* A time zone, loaded once (opaque; free with tendo_tz_free). */
typedef struct tendo_tz tendo_tz;

/* CONSTRUCTOR. Loads the zone `name`: "" or NULL is the system's zone
 * (/etc/localtime, else UTC); "UTC"; an IANA name such as "Europe/Berlin"
 * read from $TZDIR, else /usr/share/zoneinfo (a leading ':' is allowed, as
 * in $TZ); an absolute path to a zone file; or a POSIX rule such as
 * "CET-1CEST,M3.5.0,M10.5.0/3". TENDO_EINVAL when none of these fits,
 * TENDO_EFORMAT for a damaged zone file. Reads that one file. */
TENDO_API int tendo_tz_load(const char *name, tendo_tz **out,
                            struct tendo_error *err);
/* CONSTRUCTOR. The zone in the TZif bytes `data` (n bytes; versions 1-4,
 * with the footer rule of v2+); `name` is kept for messages. Pure. */
TENDO_API int tendo_tz_parse(const void *data, size_t n, const char *name,
                             tendo_tz **out, struct tendo_error *err);
/* CONSTRUCTOR. The zone a POSIX TZ rule describes. Pure. */
TENDO_API int tendo_tz_rule(const char *posix, tendo_tz **out,
                            struct tendo_error *err);
/* DESTRUCTOR. NULL is a no-op. */
TENDO_API void tendo_tz_free(tendo_tz *tz);
/* The name it was loaded by. */
TENDO_API const char *tendo_tz_name(const tendo_tz *tz);
/* Checks that `tz` is a valid `timezone` setting: "UTC" or an IANA name
 * whose zone file this machine has. */
TENDO_API int tendo_tz_valid(const char *tz, struct tendo_error *err);
/* The UTC offset (seconds east) in force at the instant `utc` (seconds
 * since the epoch). NULL is UTC. Pure. */
TENDO_API int32_t tendo_tz_offset(const tendo_tz *tz, int64_t utc);
/* The local day and the UTC offset of the instant `utc` in `tz` (NULL is
 * UTC). Either output may be NULL. TENDO_ERANGE for instants more than
 * ~31,000 years from 1970. Pure. */
TENDO_API int tendo_tz_local(const tendo_tz *tz, int64_t utc, tendo_day *day,
                             int32_t *offset_s, struct tendo_error *err);

/* Formats the UTC instant `utc` as "YYYY-MM-DDTHH:MM:SSZ" into `out` (21
 * bytes). Returns `out`. */
TENDO_API char *tendo_utc_format(int64_t utc, char out[21]);
/* Parses "YYYY-MM-DDTHH:MM:SSZ" (or with a +HH:MM / -HH:MM offset). */
TENDO_API int tendo_utc_parse(const char *s, int64_t *out);

#endif
