/*
 * fuzz/fuzz_diary.c - libFuzzer target for the diary CSV parser (header
 * mapping, every value parser, record validation).
 */
#include "tendo/diary.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int count_row(const struct tendo_diary_row *row, void *ctx,
                     struct tendo_error *err)
{
    (void)err;
    *(size_t *)ctx += (size_t)row->has_session + (size_t)row->has_check +
                      (size_t)row->has_rehab + (size_t)row->has_wellness;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tendo_error err;
    size_t rows = 0;
    memset(&err, 0, sizeof err);
    /* today = 2026-11-24, fixed so runs are reproducible */
    tendo_diary_parse(data, size, "fuzz.csv", 20416, count_row, &rows, &err);
    return 0;
}
