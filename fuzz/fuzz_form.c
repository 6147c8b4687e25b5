/*
 * fuzz/fuzz_form.c - libFuzzer target for the server's request bodies
 * (src/serve/form.c): any bytes, read as a urlencoded form (decoded in
 * place, in a copy) and as a JSON object, must give fields within the
 * input or a clean refusal - never a crash, a hang or a read outside.
 */
#include "serve/form.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int touch(void *ctx, const char *name, size_t nlen, const char *value,
                 size_t vlen)
{
    size_t *sum = ctx;
    for (size_t i = 0; i < nlen; i++)
        *sum += (unsigned char)name[i];
    for (size_t i = 0; i < vlen; i++)
        *sum += (unsigned char)value[i];
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = malloc(size ? size : 1), msg[240];
    size_t sum = 0;
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    form_parse_urlencoded(copy, size, touch, &sum);
    free(copy);
    form_parse_json((const char *)data, size, touch, &sum, msg, sizeof msg);
    return sum == (size_t)-1;
}
