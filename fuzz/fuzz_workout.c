/*
 * fuzz/fuzz_workout.c - libFuzzer target for the plan-to-FIT round trip:
 * the bytes choose a plan day (a run of any length, intensity and strides,
 * cross-training, rest, a rehab session) and the targets (heart rates,
 * an easy pace, none); its workout must add up to the planned minutes,
 * encode, decode with tendo's decoder, and encode again to the same bytes.
 * Any difference traps.
 */
#include "tendo/workout.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const intensities[] = {"easy", "moderate", "long"};
static const char *const cross[] = {"bike", "pool-run", "swim", "walk",
                                    "elliptical", "strength", "other"};
static const char *const exercises[] = {"heel-drop", "bent-knee-drop",
                                        "heel-raise", "single-leg-raise",
                                        "seated-raise", "isometric"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct tendo_fit_workout w;
    struct tendo_workout_targets t = {TENDO_UNSET, TENDO_UNSET, NAN, 0};
    struct tendo_plan_day d;
    struct tendo_buf a, b;
    struct tendo_error e = {0};
    struct tendo_fit_activity *f = NULL;
    char why[120];
    int part;
    if (size < 16)
        return 0;
    memset(&d, 0, sizeof d);
    d.date = 10000 + (data[0] | data[1] << 8);
    d.kind = data[2] % 3;
    d.phase = "build";
    d.run_min = 1 + (data[3] | data[4] << 8) % 1440;
    d.run_km = data[5] ? d.run_min / (data[5] / 16.0 + 2) : NAN;
    d.intensity = intensities[data[6] % 3];
    d.surface = "any";
    d.strides = data[6] >> 7;
    d.cross_type = cross[data[7] % 7];
    d.cross_min = 1 + data[8] % 240;
    d.has_rehab = data[9] & 1;
    snprintf(d.rehab_exercise, sizeof d.rehab_exercise, "%s",
             exercises[(data[9] >> 1) % 6]);
    snprintf(d.rehab_surface, sizeof d.rehab_surface, "step");
    snprintf(d.rehab_tempo, sizeof d.rehab_tempo, "3-1-1");
    d.rehab_sets = 1 + data[10] % 20;
    d.rehab_reps = 1 + data[11] % 200;
    d.rehab_load_kg = data[12] == 255 ? NAN : data[12] / 4.0;
    if (data[13] % 3 == 0) {
        t.rest_hr = 25 + data[14] % 96;
        t.max_hr = t.rest_hr + 1 + data[15] % 150;
    } else if (data[13] % 3 == 1) {
        t.easy_pace = 2 + data[14] / 16.0;
    }
    part = data[13] >> 7;
    if (tendo_plan_day_workout(&d, part, &t, data[2] >> 7, 1795507200, &w,
                               why, sizeof why))
        return 0;
    if (part == TENDO_WORKOUT_MAIN &&
        tendo_fit_workout_seconds(&w) !=
            (d.kind == TENDO_PLAN_RUN ? d.run_min : d.cross_min) * 60.0)
        __builtin_trap();
    tendo_buf_init(&a, 0);
    tendo_buf_init(&b, 0);
    if (tendo_fit_encode_workout(&w, &a, &e) ||
        tendo_fit_decode((const uint8_t *)a.data, a.len, &f, &e) ||
        !f->workout || tendo_fit_encode_workout(f->workout, &b, &e) ||
        a.len != b.len || memcmp(a.data, b.data, a.len) != 0)
        __builtin_trap();
    tendo_fit_free(f);
    tendo_buf_release(&a);
    tendo_buf_release(&b);
    return 0;
}
