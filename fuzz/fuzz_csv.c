/*
 * fuzz/fuzz_csv.c - libFuzzer target for the RFC 4180 record reader: any
 * bytes must give records or a clean error, never a crash, a hang or a
 * read outside the input.
 */
#include "parse/csv.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct csv_reader r;
    struct tendo_error err;
    size_t nf, total = 0;
    csv_init(&r, (const char *)data, size);
    for (int guard = 0; guard < 1000000; guard++) {
        memset(&err, 0, sizeof err);
        if (csv_next(&r, &nf, &err) != TENDO_OK || nf == 0)
            break;
        for (size_t i = 0; i < nf; i++)
            total += r.fields[i].n; /* touch every field */
    }
    csv_release(&r);
    return total == (size_t)-1;
}
