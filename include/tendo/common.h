/*
 * tendo/common.h - definitions every public header shares.
 *
 * TENDO_API marks the functions libtendo exports; everything not so marked is
 * private to the library (it is built with -fvisibility=hidden).
 *
 * Unknown values: integer fields that may be unknown hold TENDO_UNSET, real
 * fields hold NAN (test with isnan()). Zero always means zero, never "unknown".
 */
#ifndef TENDO_COMMON_H
#define TENDO_COMMON_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define TENDO_API __attribute__((visibility("default")))
#define TENDO_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define TENDO_VPRINTF(f) __attribute__((format(printf, f, 0)))
#else
#define TENDO_API
#define TENDO_PRINTF(f, a)
#define TENDO_VPRINTF(f)
#endif

#define TENDO_UNSET INT_MIN

/* Returns the library's version string, e.g. "0.1.0". Static storage. */
TENDO_API const char *tendo_version(void);

#endif
