/*
 * fuzz/fuzz_fit.c - libFuzzer target for the activity-file path: gzip,
 * the FIT decoder, the summary, its JSON, and re-encoding what was decoded
 * (which must decode again).
 */
#include "tendo/tendo.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tendo_activity a;
    struct tendo_fit_activity *f = NULL, *again = NULL;
    struct tendo_error err;
    memset(&err, 0, sizeof err);
    if (tendo_activity_read_memory(data, size, "fuzz.fit", &a, &f, &err) ==
        TENDO_OK) {
        json_t *j = tendo_activity_json(&a, "fuzz.fit");
        struct tendo_buf b;
        json_decref(j);
        tendo_buf_init(&b, 64u << 20);
        f->product_name[0] = '\0';
        memset(&err, 0, sizeof err);
        if (tendo_fit_encode(f, 0, &b, &err) == TENDO_OK) {
            memset(&err, 0, sizeof err);
            if (tendo_fit_decode((const uint8_t *)b.data, b.len, &again,
                                 &err) != TENDO_OK)
                abort(); /* what we write, we must read */
            tendo_fit_free(again);
        }
        tendo_buf_release(&b);
        tendo_activity_release(&a);
        tendo_fit_free(f);
    }
    return 0;
}
