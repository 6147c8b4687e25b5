/*
 * tests/unit/harness.h - what every cmocka unit test includes, plus a few
 * helpers for asserting tendo errors.
 */
#ifndef TENDO_TEST_HARNESS_H
#define TENDO_TEST_HARNESS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tendo/tendo.h"

/* Asserts that `e` holds `code` and that its message contains `needle`. */
#define assert_error(e, want_code, needle)                               \
    do {                                                                 \
        if ((e)->code != (want_code) || !strstr((e)->msg, (needle)))     \
            fail_msg("error %d '%s' is not %d containing '%s'", (e)->code, \
                     (e)->msg, (want_code), (needle));                   \
    } while (0)

static inline tendo_day D(const char *s)
{
    tendo_day d = TENDO_DAY_NONE;
    if (tendo_day_parse(s, strlen(s), &d) != TENDO_OK)
        fail_msg("bad test date %s", s);
    return d;
}

/* A fresh database path under a per-process temporary folder. */
static inline const char *temp_db(const char *name)
{
    static char path[512];
    static char dir[256];
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/tendo-unit-XXXXXX");
        if (!mkdtemp(dir))
            fail_msg("mkdtemp failed");
    }
    snprintf(path, sizeof path, "%s/%s", dir, name);
    remove(path);
    {
        char side[600];
        snprintf(side, sizeof side, "%s-wal", path);
        remove(side);
        snprintf(side, sizeof side, "%s-shm", path);
        remove(side);
    }
    return path;
}

#define TODAY D("2026-11-24")

#endif
