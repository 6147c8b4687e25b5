/*
 * fuzz/fuzz_tz.c - libFuzzer target for the time-zone readers (core/tz.c):
 * any bytes as a TZif file, and as a POSIX rule, must give a zone or a
 * clean error; every offset a zone gives is within a day of UTC.
 */
#include "tendo/date.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void probe(const tendo_tz *z)
{
    static const int64_t at[] = {INT64_MIN / 2, -2208988800LL, -1, 0,
                                 1700000000, 2147483647, 4102444800LL,
                                 1000000000000LL, INT64_MAX / 2};
    for (size_t i = 0; i < sizeof at / sizeof *at; i++) {
        int32_t off = tendo_tz_offset(z, at[i]);
        tendo_day day;
        if (off < -26 * 3600 || off > 26 * 3600)
            abort();
        (void)tendo_tz_local(z, at[i], &day, &off, NULL);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tendo_error err;
    tendo_tz *z = NULL;
    char *s;
    memset(&err, 0, sizeof err);
    if (tendo_tz_parse(data, size, "fuzz", &z, &err) == TENDO_OK) {
        probe(z);
        tendo_tz_free(z);
    } else if (z) {
        abort();
    }
    if (size > 256 || !(s = malloc(size + 1)))
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    memset(&err, 0, sizeof err);
    if (tendo_tz_rule(s, &z, &err) == TENDO_OK) {
        probe(z);
        tendo_tz_free(z);
    }
    free(s);
    return 0;
}
