/*
 * tendo/values.h - strict parsers for the values a user types or a file
 * holds: integers, decimals, enumerations, days, and names.
 *
 * Input is (s, n): n bytes, no NUL needed; leading and trailing blanks are
 * ignored. No exponents, no "nan"/"inf", no trailing junk. Every failure
 * names `field` (an option such as "--pain" or a CSV column such as
 * "pain_during") and the offending text, e.g.
 *   "pain_during '11' is out of range 0-10".
 * and returns TENDO_EINVAL (malformed) or TENDO_ERANGE (out of range).
 */
#ifndef TENDO_VALUES_H
#define TENDO_VALUES_H

#include "common.h"
#include "date.h"
#include "error.h"

TENDO_API int tendo_parse_int(const char *s, size_t n, long min, long max,
                              const char *field, int *out,
                              struct tendo_error *err);
TENDO_API int tendo_parse_real(const char *s, size_t n, double min, double max,
                               const char *field, double *out,
                               struct tendo_error *err);
/* Finds the value in the NULL-terminated `names` (exact, case-insensitive)
 * and stores its index. The error lists the accepted values. */
TENDO_API int tendo_parse_enum(const char *s, size_t n,
                               const char *const *names, const char *field,
                               int *index, struct tendo_error *err);
/* Parses "YYYY-MM-DD" and checks it lies in [1970-01-01, today + 1]. */
TENDO_API int tendo_parse_day(const char *s, size_t n, tendo_day today,
                              const char *field, tendo_day *out,
                              struct tendo_error *err);
/* Copies text of at most `max` bytes (after trimming blanks) into `out`
 * (max + 1 bytes), rejecting control characters other than tab and
 * invalid UTF-8. */
/* tendo_parse_text for a name or title: one line, no tabs either. */
TENDO_API int tendo_parse_name(const char *s, size_t n, size_t max,
                               const char *field, char *out,
                               struct tendo_error *err);
TENDO_API int tendo_parse_text(const char *s, size_t n, size_t max,
                               const char *field, char *out,
                               struct tendo_error *err);

/* Parses a weekly volume: a number and a unit, "240min", "40km",
 * "25mi" (blanks allowed between them). Stores minutes or km in the
 * matching output and NAN in the other; miles become km. */
TENDO_API int tendo_parse_volume(const char *s, size_t n, const char *field,
                                 double *minutes, double *km,
                                 struct tendo_error *err);

/* Parses a time of day "HH:MM" (or "H:MM"), 00:00-23:59, into minutes
 * after midnight. */
TENDO_API int tendo_parse_clock(const char *s, size_t n, const char *field,
                                int *minutes, struct tendo_error *err);

/* Formats a real for output: the shortest "%.Ng" (N <= 15) that reads back
 * to the same double, so export -> import -> export is byte-identical.
 * Returns `out` (at least 32 bytes). */
TENDO_API char *tendo_format_real(double v, char out[32]);

#endif
