/*
 * fuzz/fuzz_strava.c - libFuzzer target for Strava's activities.csv
 * (column mapping, repeated names, dates, short rows).
 */
#include "parse/strava.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int count(const struct strava_row *row, void *ctx,
                 struct tendo_error *err)
{
    (void)err;
    *(size_t *)ctx += strlen(row->filename) + strlen(row->name);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tendo_error err;
    size_t n = 0;
    memset(&err, 0, sizeof err);
    strava_parse(data, size, count, &n, &err);
    return 0;
}
