/*
 * tests/unit/test_workout.c - the plan's days as FIT workouts: the steps
 * add up to the planned minutes exactly, the targets (heart-rate reserve,
 * pace band) are the documented ones, strides are a repeat block, the
 * rehab is sets of repetitions; and a round trip over 20,000 generated
 * plan days: built, encoded, decoded by tendo's own decoder, equal field
 * by field, both CRCs good. The independent decoder (fit-file-parser)
 * reads the CLI's files in ctest workouts:fit-file-parser.
 */
#include "harness.h"
#include "tendo/clinical.h"
#include "tendo/workout.h"

#include <math.h>
#include <string.h>

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

static void run_day(struct tendo_plan_day *d, int minutes,
                    const char *intensity, int strides)
{
    memset(d, 0, sizeof *d);
    d->date = 20781; /* 2026-11-24 */
    d->kind = TENDO_PLAN_RUN;
    d->phase = "build";
    d->run_min = minutes;
    d->run_km = minutes / 6.0;
    d->intensity = intensity;
    d->surface = "any";
    d->strides = strides;
    d->rehab_load_kg = NAN;
}

static void same_workout(const struct tendo_fit_workout *a,
                         const struct tendo_fit_workout *b)
{
    assert_string_equal(a->name, b->name);
    assert_int_equal(a->sport, b->sport);
    assert_int_equal(a->sub_sport, b->sub_sport);
    assert_int_equal(a->serial, b->serial);
    assert_true(a->time_created == b->time_created);
    assert_int_equal(a->nsteps, b->nsteps);
    for (size_t i = 0; i < a->nsteps; i++) {
        const struct tendo_fit_step *x = &a->steps[i], *y = &b->steps[i];
        assert_string_equal(x->name, y->name);
        assert_int_equal(x->duration_type, y->duration_type);
        if (x->duration_type != TENDO_FIT_DURATION_OPEN)
            assert_int_equal(x->duration_value, y->duration_value);
        assert_int_equal(x->target_type, y->target_type);
        assert_int_equal(x->target_value, y->target_value);
        assert_int_equal(x->target_low, y->target_low);
        assert_int_equal(x->target_high, y->target_high);
        assert_int_equal(x->intensity, y->intensity);
        assert_int_equal(x->exercise_category, y->exercise_category);
        assert_int_equal(x->exercise_name, y->exercise_name);
        assert_true(isnan(x->weight_kg) ? isnan(y->weight_kg)
                                        : fabs(x->weight_kg - y->weight_kg) <
                                              0.005);
        assert_string_equal(x->notes, y->notes);
    }
}

/* encodes, checks size and CRCs, decodes, compares */
static void round_trip(const struct tendo_fit_workout *w)
{
    struct tendo_buf b;
    struct tendo_error e = {0};
    struct tendo_fit_activity *a = NULL;
    uint32_t data_size;
    tendo_buf_init(&b, 0);
    assert_int_equal(tendo_fit_encode_workout(w, &b, &e), TENDO_OK);
    data_size = (uint32_t)(uint8_t)b.data[4] | (uint32_t)(uint8_t)b.data[5] << 8 |
                (uint32_t)(uint8_t)b.data[6] << 16 |
                (uint32_t)(uint8_t)b.data[7] << 24;
    assert_int_equal(b.len, 14 + data_size + 2);
    assert_int_equal(tendo_fit_crc(0, (const uint8_t *)b.data, b.len), 0);
    assert_int_equal(tendo_fit_decode((const uint8_t *)b.data, b.len, &a, &e),
                     TENDO_OK);
    assert_int_equal(a->file_type, TENDO_FIT_FILE_WORKOUT);
    assert_int_equal(a->header_crc_ok, 1);
    assert_int_equal(a->file_crc_ok, 1);
    assert_int_equal(a->warnings.len, 0);
    assert_non_null(a->workout);
    same_workout(w, a->workout);
    tendo_fit_free(a);
    tendo_buf_release(&b);
}

static void a_run(void **state)
{
    struct tendo_workout_targets t = {185, 50, NAN, 0};
    struct tendo_plan_day d;
    struct tendo_fit_workout w;
    char why[80];
    (void)state;
    run_day(&d, 44, "easy", 1);
    assert_int_equal(tendo_plan_day_workout(&d, TENDO_WORKOUT_MAIN, &t,
                                            TENDO_UNITS_KM, 1795507200, &w,
                                            why, sizeof why),
                     TENDO_OK);
    assert_string_equal(w.name, "2026-11-24 easy 44 min");
    assert_int_equal(w.sport, TENDO_FIT_SPORT_RUNNING);
    /* warm-up 10, easy 23, 4 x (20 s + 70 s), cool-down 5: 44 min */
    assert_int_equal(w.nsteps, 6);
    assert_string_equal(w.steps[0].name, "Warm up");
    assert_int_equal(w.steps[0].intensity, TENDO_FIT_INTENSITY_WARMUP);
    assert_int_equal(w.steps[0].duration_value, 600000);
    assert_string_equal(w.steps[1].name, "Easy");
    assert_int_equal(w.steps[1].duration_value, 23 * 60000);
    assert_int_equal(w.steps[2].duration_value, 20000);
    assert_int_equal(w.steps[3].duration_value, 70000);
    assert_int_equal(w.steps[4].duration_type, TENDO_FIT_DURATION_REPEAT);
    assert_int_equal(w.steps[4].duration_value, 2);
    assert_int_equal(w.steps[4].target_value, 4);
    assert_int_equal(w.steps[5].intensity, TENDO_FIT_INTENSITY_COOLDOWN);
    assert_true(tendo_fit_workout_seconds(&w) == 44 * 60);
    /* easy: 50-70 % of the reserve 135 over 50 = 117.5-144.5 -> 118-145
     * (bpm + 100 in the file) */
    assert_int_equal(w.steps[1].target_type, TENDO_FIT_TARGET_HEART_RATE);
    assert_int_equal(w.steps[1].target_low, 218);
    assert_int_equal(w.steps[1].target_high, 245);
    assert_int_equal(w.steps[2].target_type, TENDO_FIT_TARGET_OPEN);
    round_trip(&w);

    /* moderate, without heart rates: a pace band from 6:00/km */
    t.max_hr = t.rest_hr = TENDO_UNSET;
    t.easy_pace = 6.0;
    run_day(&d, 31, "moderate", 0);
    assert_int_equal(tendo_plan_day_workout(&d, TENDO_WORKOUT_MAIN, &t,
                                            TENDO_UNITS_KM, 1795507200, &w,
                                            why, sizeof why),
                     TENDO_OK);
    assert_int_equal(w.nsteps, 3);
    assert_string_equal(w.steps[1].name, "Moderate");
    assert_int_equal(w.steps[1].duration_value, 16 * 60000);
    assert_int_equal(w.steps[1].target_type, TENDO_FIT_TARGET_SPEED);
    /* 1000 m / 360 s = 2.778 m/s, up to 8 % faster = 3.000 */
    assert_int_equal(w.steps[1].target_low, 2778);
    assert_int_equal(w.steps[1].target_high, 3000);
    /* the warm-up's easy band: 15 % slower (2.415) to the easy pace */
    assert_int_equal(w.steps[0].target_low, 2415);
    assert_int_equal(w.steps[0].target_high, 2778);
    round_trip(&w);

    /* no targets at all: open; a short run is all main block */
    t.easy_pace = NAN;
    run_day(&d, 8, "easy", 0);
    assert_int_equal(tendo_plan_day_workout(&d, TENDO_WORKOUT_MAIN, &t,
                                            TENDO_UNITS_KM, 1795507200, &w, why,
                                            sizeof why),
                     TENDO_OK);
    assert_int_equal(w.nsteps, 1);
    assert_int_equal(w.steps[0].target_type, TENDO_FIT_TARGET_OPEN);
    assert_true(tendo_fit_workout_seconds(&w) == 8 * 60);
}

static void cross_rehab_rest(void **state)
{
    struct tendo_workout_targets t = {TENDO_UNSET, TENDO_UNSET, NAN, 0};
    struct tendo_plan_day d;
    struct tendo_fit_workout w;
    char why[80];
    (void)state;
    run_day(&d, 0, "easy", 0);
    d.kind = TENDO_PLAN_CROSS;
    d.cross_type = "bike";
    d.cross_min = 45;
    assert_int_equal(tendo_plan_day_workout(&d, TENDO_WORKOUT_MAIN, &t,
                                            TENDO_UNITS_KM, 1795507200, &w, why,
                                            sizeof why),
                     TENDO_OK);
    assert_int_equal(w.sport, TENDO_FIT_SPORT_CYCLING);
    assert_true(tendo_fit_workout_seconds(&w) == 45 * 60);
    assert_int_equal(w.steps[0].target_type, TENDO_FIT_TARGET_OPEN);
    round_trip(&w);
    /* a running pace is no target on a bike; a heart-rate band is */
    t.easy_pace = 6;
    assert_int_equal(tendo_plan_day_workout(&d, TENDO_WORKOUT_MAIN, &t,
                                            TENDO_UNITS_KM, 1795507200, &w,
                                            why, sizeof why),
                     TENDO_OK);
    assert_int_equal(w.steps[0].target_type, TENDO_FIT_TARGET_OPEN);
    t.max_hr = 180;
    t.rest_hr = 60;
    assert_int_equal(tendo_plan_day_workout(&d, TENDO_WORKOUT_MAIN, &t,
                                            TENDO_UNITS_KM, 1795507200, &w,
                                            why, sizeof why),
                     TENDO_OK);
    assert_int_equal(w.steps[0].target_type, TENDO_FIT_TARGET_HEART_RATE);
    t.max_hr = t.rest_hr = TENDO_UNSET;
    t.easy_pace = NAN;
    d.cross_type = "other";
    assert_int_equal(tendo_plan_day_workout(&d, TENDO_WORKOUT_MAIN, &t,
                                            TENDO_UNITS_KM, 1795507200, &w, why,
                                            sizeof why),
                     TENDO_ENOTFOUND);
    assert_non_null(strstr(why, "other"));
    /* rehab: 3 x 15 heel drops with 10 kg, as sets of repetitions */
    d.has_rehab = 1;
    strcpy(d.rehab_exercise, "heel-drop");
    strcpy(d.rehab_surface, "step");
    strcpy(d.rehab_tempo, "3-1-1");
    d.rehab_sets = 3;
    d.rehab_reps = 15;
    d.rehab_load_kg = 10;
    assert_int_equal(tendo_plan_day_workout(&d, TENDO_WORKOUT_REHAB, &t,
                                            TENDO_UNITS_KM, 1795507200, &w, why,
                                            sizeof why),
                     TENDO_OK);
    assert_int_equal(w.sub_sport, TENDO_FIT_SUB_SPORT_STRENGTH);
    assert_int_equal(w.steps[0].duration_type, TENDO_FIT_DURATION_REPS);
    assert_int_equal(w.steps[0].duration_value, 15);
    assert_int_equal(w.steps[0].exercise_category,
                     TENDO_FIT_EXERCISE_CALF_RAISE);
    assert_int_equal(w.steps[0].exercise_name, 16); /* weighted */
    assert_true(w.steps[0].weight_kg == 10);
    assert_int_equal(w.steps[2].duration_type, TENDO_FIT_DURATION_REPEAT);
    assert_int_equal(w.steps[2].target_value, 3);
    assert_true(tendo_fit_workout_seconds(&w) < 0); /* reps have no time */
    round_trip(&w);
    strcpy(d.rehab_exercise, "hops");
    assert_int_equal(tendo_plan_day_workout(&d, TENDO_WORKOUT_REHAB, &t,
                                            TENDO_UNITS_KM, 1795507200, &w, why,
                                            sizeof why),
                     TENDO_ENOTFOUND);
    d.kind = TENDO_PLAN_REST;
    assert_int_equal(tendo_plan_day_workout(&d, TENDO_WORKOUT_MAIN, &t,
                                            TENDO_UNITS_KM, 1795507200, &w, why,
                                            sizeof why),
                     TENDO_ENOTFOUND);
    assert_string_equal(why, "a rest day");
}

static void bad_workouts(void **state)
{
    struct tendo_fit_workout w;
    struct tendo_buf b;
    struct tendo_error e = {0};
    (void)state;
    tendo_buf_init(&b, 0);
    tendo_fit_workout_init(&w);
    assert_int_equal(tendo_fit_encode_workout(&w, &b, &e), TENDO_EINVAL);
    tendo_error_clear(&e);
    w.nsteps = 1;
    tendo_fit_step_init(&w.steps[0]);
    w.steps[0].duration_type = TENDO_FIT_DURATION_REPEAT;
    w.steps[0].duration_value = 0; /* repeats itself */
    assert_int_equal(tendo_fit_encode_workout(&w, &b, &e), TENDO_EINVAL);
    assert_int_equal(b.len, 0);
    tendo_buf_release(&b);
}

/* 20,000 generated plan days: the minutes are the plan's, the file reads
 * back equal */
static void generated_days(void **state)
{
    static const char *const intensities[] = {"easy", "moderate", "long"};
    static const char *const cross[] = {"bike", "pool-run", "swim", "walk",
                                        "elliptical", "strength", "other"};
    static const char *const exercises[] = {
        "heel-drop", "bent-knee-drop", "heel-raise", "single-leg-raise",
        "seated-raise", "isometric", "hops"};
    struct tendo_fit_workout w;
    struct tendo_plan_day d;
    int made = 0;
    char why[80];
    (void)state;
    for (int i = 0; i < 20000; i++) {
        struct tendo_workout_targets t = {TENDO_UNSET, TENDO_UNSET, NAN, 0};
        int part = (int)rnd(2);
        if (rnd(3) == 0) {
            t.rest_hr = 35 + (int)rnd(50);
            t.max_hr = t.rest_hr + 40 + (int)rnd(120);
        } else if (rnd(2)) {
            t.easy_pace = 3.5 + rnd(600) / 100.0;
        }
        run_day(&d, 1 + (int)rnd(300), intensities[rnd(3)], (int)rnd(2));
        d.date = 20000 + (tendo_day)rnd(2000);
        if (rnd(4) == 0) {
            d.kind = TENDO_PLAN_CROSS;
            d.cross_type = cross[rnd(7)];
            d.cross_min = 1 + (int)rnd(240);
        } else if (rnd(6) == 0) {
            d.kind = TENDO_PLAN_REST;
        }
        d.has_rehab = (int)rnd(2);
        snprintf(d.rehab_exercise, sizeof d.rehab_exercise, "%s",
                 exercises[rnd(7)]);
        strcpy(d.rehab_surface, "flat");
        strcpy(d.rehab_tempo, "3-0-3");
        d.rehab_sets = 1 + (int)rnd(6);
        d.rehab_reps = 1 + (int)rnd(30);
        d.rehab_load_kg = rnd(3) == 0 ? NAN : rnd(80) / 2.0;
        if (tendo_plan_day_workout(&d, part, &t, (int)rnd(2), 1795507200, &w,
                                   why, sizeof why))
            continue;
        made++;
        if (part == TENDO_WORKOUT_MAIN && d.kind == TENDO_PLAN_RUN)
            assert_true(tendo_fit_workout_seconds(&w) == d.run_min * 60.0);
        else if (part == TENDO_WORKOUT_MAIN)
            assert_true(tendo_fit_workout_seconds(&w) == d.cross_min * 60.0);
        else
            assert_int_equal(w.steps[w.nsteps - 1].target_value,
                             d.rehab_sets);
        round_trip(&w);
    }
    assert_true(made > 10000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_run),
        cmocka_unit_test(cross_rehab_rest),
        cmocka_unit_test(bad_workouts),
        cmocka_unit_test(generated_days),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
