/*
 * fuzz/fuzz_tcx.c - libFuzzer target for the TCX reader (element paths,
 * laps, trackpoints, multisport) and the summary.
 */
#include "tendo/tendo.h"
#include "parse/tcx.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tendo_fit_activity *f;
    struct tendo_error err;
    char creator[96];
    memset(&err, 0, sizeof err);
    if (tcx_decode(data, size, &f, creator, sizeof creator, &err) == 0) {
        struct tendo_activity a;
        memset(&err, 0, sizeof err);
        if (tendo_activity_from_fit(f, &a, &err) == 0) {
            json_decref(tendo_activity_json(&a, "fuzz.tcx"));
            tendo_activity_release(&a);
        }
        tendo_fit_free(f);
    }
    return 0;
}
