/*
 * fuzz/fuzz_assess.c - libFuzzer target for the VISA-A answer parser
 * (`tendo assess visa-a --answers`): any bytes must give a total 0-100 or a
 * clean error.
 */
#include "tendo/assess.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tendo_error err;
    int p[TENDO_VISA_ITEMS], total = -1;
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';   /* a command-line argument ends at its first NUL */
    memset(&err, 0, sizeof err);
    if (tendo_visa_a_parse(s, p, &total, &err) == TENDO_OK &&
        (total < 0 || total > 100))
        abort();
    free(s);
    return 0;
}
