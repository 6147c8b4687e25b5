/*
 * tests/unit/test_load.c - load analytics (src/analytics/load.c) against
 * clinical.md §9's worked examples, hand-computed cases, edge cases and two
 * properties over generated inputs.
 */
#include "harness.h"

#define DAY0 D("2026-01-05") /* a Monday */

static struct tendo_session sess(tendo_day d, const char *type, double min,
                                 int rpe)
{
    struct tendo_session s;
    tendo_session_init(&s);
    s.date = d;
    snprintf(s.type, sizeof s.type, "%s", type);
    s.minutes = min;
    s.rpe = rpe;
    return s;
}

static const struct tendo_load_params none = {TENDO_UNSET, TENDO_UNSET, 0};

static void worked_examples(void **state)
{
    struct tendo_session s = sess(DAY0, "run", 40, 4);
    struct tendo_load_params p = {190, 50, 0};
    int est;
    (void)state;
    /* TRIMP: 40 min, HRavg 150, rest 50, max 190 -> 72.1 (clinical.md §9) */
    assert_true(fabs(tendo_trimp(40, 150, 50, 190, 0) - 72.1) < 0.05);
    assert_true(tendo_trimp(40, 150, 50, 190, 1) > 0);
    assert_true(isnan(tendo_trimp(40, 150, TENDO_UNSET, 190, 0)));
    /* session RPE: 40 min at RPE 4 = 160 AU */
    assert_true(tendo_training_load(&s, &p, &est) == 160 && !est);
    /* no RPE: TRIMP from heart rate */
    s.rpe = TENDO_UNSET;
    s.avg_hr = 150;
    assert_true(fabs(tendo_training_load(&s, &p, &est) - 72.1) < 0.05);
    assert_false(est);
    /* neither: an estimate, flagged */
    s.avg_hr = TENDO_UNSET;
    assert_true(tendo_training_load(&s, &p, &est) == 160 && est);
}

/* each threshold of clinical.md §9 at, just below and just above it
 * (literal values here, so a moved constant shows) */
static void boundaries(void **state)
{
    struct tendo_session s = sess(DAY0, "run", 40, TENDO_UNSET);
    struct tendo_load_params p = {190, 50, 0};
    int est;
    (void)state;
    /* RPE bands: easy to 4, moderate 5-6, hard from 7 */
    s.rpe = 4;
    assert_true(tendo_tendon_load(&s) == 40);
    s.rpe = 5;
    assert_true(fabs(tendo_tendon_load(&s) - 48) < 1e-9);
    s.rpe = 6;
    assert_true(fabs(tendo_tendon_load(&s) - 48) < 1e-9);
    s.rpe = 7;
    assert_true(fabs(tendo_tendon_load(&s) - 60) < 1e-9);
    /* hills: 15 m of climb per km over more than 500 m */
    s.rpe = 3;
    s.distance_m = 10000;
    s.ascent_m = 150;
    assert_true(fabs(tendo_tendon_load(&s) - 60) < 1e-9);
    s.ascent_m = 149;
    assert_true(tendo_tendon_load(&s) == 40);
    s.ascent_m = 151;
    assert_true(fabs(tendo_tendon_load(&s) - 60) < 1e-9);
    s.distance_m = 500;
    s.ascent_m = 100;             /* 200 m/km, but only 500 m */
    assert_true(tendo_tendon_load(&s) == 40);
    s.distance_m = 501;
    assert_true(fabs(tendo_tendon_load(&s) - 60) < 1e-9);
    s.distance_m = 401;           /* not hilly under 500 m */
    assert_true(tendo_tendon_load(&s) == 40);
    /* walking and other 0.3 */
    s = sess(DAY0, "walk", 60, 2);
    assert_true(fabs(tendo_tendon_load(&s) - 18) < 1e-9);
    s = sess(DAY0, "other", 60, 2);
    assert_true(fabs(tendo_tendon_load(&s) - 18) < 1e-9);
    /* estimated training load without RPE or heart rate: run 4, walk 2,
     * strength 5, anything else 3 */
    s = sess(DAY0, "run", 10, TENDO_UNSET);
    assert_true(tendo_training_load(&s, NULL, &est) == 40 && est);
    s = sess(DAY0, "walk", 10, TENDO_UNSET);
    assert_true(tendo_training_load(&s, NULL, &est) == 20 && est);
    s = sess(DAY0, "strength", 10, TENDO_UNSET);
    assert_true(tendo_training_load(&s, NULL, &est) == 50 && est);
    s = sess(DAY0, "bike", 10, TENDO_UNSET);
    assert_true(tendo_training_load(&s, NULL, &est) == 30 && est);
    /* TRIMP, women: 40 min, 150 / 50 / 190: x = 0.714,
     * 40 x 0.714 x 0.86 e^(1.67 x 0.714) = 81.0 */
    assert_true(fabs(tendo_trimp(40, 150, 50, 190, 1) - 81.0) < 0.05);
    /* the heart-rate fraction is capped at 1.2: 240 on 50 / 190 (x 1.357)
     * gives 40 x 1.2 x 0.64 e^(1.92 x 1.2) = 307.6 */
    assert_true(fabs(tendo_trimp(40, 240, 50, 190, 0) - 307.6) < 0.05);
    (void)p;
}

static void tendon_factors(void **state)
{
    struct tendo_session s = sess(DAY0, "run", 40, TENDO_UNSET);
    (void)state;
    assert_true(tendo_tendon_load(&s) == 40); /* unknown = easy */
    s.rpe = 3;
    assert_true(tendo_tendon_load(&s) == 40);
    s.rpe = 6;
    assert_true(tendo_tendon_load(&s) == 48);
    s.rpe = 8;
    assert_true(tendo_tendon_load(&s) == 60);
    s.rpe = 3;
    s.distance_m = 10000;
    s.ascent_m = 200; /* 20 m/km: hilly */
    assert_true(tendo_tendon_load(&s) == 60);
    s = sess(DAY0, "walk", 60, 2);
    assert_true(fabs(tendo_tendon_load(&s) - 18) < 1e-9);
    for (const char *const *t = (const char *const[]){"bike", "swim",
                                                      "pool-run", "elliptical",
                                                      "strength", NULL};
         *t; t++) {
        s = sess(DAY0, *t, 60, 5);
        assert_true(tendo_tendon_load(&s) == 0);
    }
}

static int compute(const struct tendo_session *s, size_t n, tendo_day from,
                   tendo_day to, struct tendo_load_day *days,
                   struct tendo_load_week *weeks, size_t *nw)
{
    struct tendo_error e = {0};
    return tendo_load_compute(s, n, TENDO_DAY_NONE, from, to, &none, days, weeks, nw, &e);
}

static void ratios(void **state)
{
    struct tendo_session s[40];
    struct tendo_load_day days[40];
    struct tendo_load_week weeks[8];
    size_t nw;
    (void)state;
    for (int i = 0; i < 40; i++)
        s[i] = sess(DAY0 + i, "run", 30, 3);
    assert_int_equal(compute(s, 40, DAY0, DAY0 + 39, days, weeks, &nw), 0);
    for (int i = 0; i < 34; i++) {
        assert_true(isnan(days[i].acwr)); /* under 35 days of history */
        assert_true(isnan(days[i].acwr_ewma));
    }
    for (int i = 34; i < 40; i++)
        assert_true(fabs(days[i].acwr - 1.0) < 1e-12);
    assert_true(fabs(days[39].acwr_ewma - 1.0) < 1e-12); /* steady: 1 */
    /* a step: 7 days at double load after 28 at the base */
    for (int i = 33; i < 40; i++)
        s[i].minutes = 60;
    assert_int_equal(compute(s, 40, DAY0, DAY0 + 39, days, weeks, &nw), 0);
    assert_true(fabs(days[39].acwr - 2.0) < 1e-12);
    assert_true(days[39].acwr_ewma > 1.3 && days[39].acwr_ewma < 2.0);
    /* no chronic load: undefined, not infinite */
    s[0] = sess(DAY0, "bike", 60, 3);
    for (int i = 1; i < 33; i++)
        s[i] = sess(DAY0 + i, "swim", 30, 3);
    assert_int_equal(compute(s, 40, DAY0, DAY0 + 39, days, weeks, &nw), 0);
    assert_true(isnan(days[39].acwr));
}

/* the history starts on the first day with data, never on the first day
 * asked for: 14 days of steady running give no ratio, whatever the range
 * (the bug: `load --weeks 12` on two weeks of data said 4.0) */
static void ratios_from_the_first_day_with_data(void **state)
{
    struct tendo_session s[14];
    struct tendo_load_day days[120];
    struct tendo_load_week weeks[20];
    struct tendo_error e = {0};
    size_t nw;
    (void)state;
    for (int i = 0; i < 14; i++)
        s[i] = sess(DAY0 + 70 + i, "run", 40, 4);
    assert_int_equal(compute(s, 14, DAY0, DAY0 + 83, days, weeks, &nw), 0);
    for (int i = 0; i < 84; i++) {
        assert_true(isnan(days[i].acwr));
        assert_true(isnan(days[i].acwr_ewma));
    }
    /* an earlier first day (a check before the first run) counts */
    assert_int_equal(tendo_load_compute(s, 14, DAY0 + 49, DAY0, DAY0 + 83,
                                        &none, days, weeks, &nw, &e),
                     0);
    assert_true(isnan(days[49 + 33].acwr));
    assert_false(isnan(days[49 + 34].acwr));   /* the 35th day */
    /* and days before it carry no monotony either */
    assert_true(isnan(days[48].monotony));
    /* sessions before the first day are refused */
    assert_int_equal(tendo_load_compute(s, 14, DAY0 + 71, DAY0, DAY0 + 83,
                                        &none, days, weeks, &nw, &e),
                     TENDO_EUSAGE);
}

static void weeks_and_form(void **state)
{
    struct tendo_session s[20];
    struct tendo_load_day days[21];
    struct tendo_load_week weeks[5];
    size_t nw, n = 0;
    (void)state;
    /* week 1: 100 min of running; week 2: 110 -> ramp 10 % */
    s[n++] = sess(DAY0, "run", 50, 2);
    s[n++] = sess(DAY0 + 2, "run", 50, 2);
    s[n++] = sess(DAY0 + 7, "run", 60, 2);
    s[n++] = sess(DAY0 + 7, "bike", 30, 3); /* two sessions a day */
    s[n++] = sess(DAY0 + 9, "run", 50, 2);
    assert_int_equal(compute(s, n, DAY0, DAY0 + 20, days, weeks, &nw), 0);
    assert_int_equal(nw, 3);
    assert_true(weeks[0].week_start == DAY0);
    assert_true(isnan(weeks[0].ramp_pct));
    assert_true(fabs(weeks[1].ramp_pct - 10) < 1e-9);
    assert_true(weeks[2].run_min == 0);
    assert_true(fabs(weeks[2].ramp_pct + 100) < 1e-9);
    assert_true(isnan(weeks[2].monotony)); /* nothing varies */
    assert_true(days[7].training_load == 60 * 2 + 30 * 3);
    assert_true(days[7].tendon_load == 60);
    /* monotony of week 1: loads 100,0,100,0,0,0,0 */
    {
        double mean = 200.0 / 7, var = 0, loads[7] = {100, 0, 100, 0, 0, 0, 0};
        for (int i = 0; i < 7; i++)
            var += (loads[i] - mean) * (loads[i] - mean);
        var /= 7;
        assert_true(fabs(weeks[0].monotony - mean / sqrt(var)) < 1e-12);
        assert_true(fabs(weeks[0].strain - 200 * weeks[0].monotony) < 1e-9);
    }
    /* CTL/ATL after the first day; TSB is yesterday's CTL - ATL */
    assert_true(fabs(days[0].ctl - 100.0 / 42) < 1e-12);
    assert_true(fabs(days[0].atl - 100.0 / 7) < 1e-12);
    assert_true(days[0].tsb == 0);
    assert_true(fabs(days[1].tsb - (days[0].ctl - days[0].atl)) < 1e-12);
}

static void edge_cases(void **state)
{
    struct tendo_session s[4];
    struct tendo_load_day days[400];
    struct tendo_load_week weeks[60];
    size_t nw;
    struct tendo_error e = {0};
    (void)state;
    /* no data at all */
    assert_int_equal(compute(NULL, 0, DAY0, DAY0 + 6, days, weeks, &nw), 0);
    assert_int_equal(nw, 1);
    assert_true(days[6].tendon_load == 0 && isnan(days[6].acwr));
    /* one day */
    s[0] = sess(DAY0, "run", 30, 4);
    assert_int_equal(compute(s, 1, DAY0, DAY0, days, weeks, &nw), 0);
    assert_true(days[0].training_load == 120);
    /* a gap of months, history before the range */
    s[1] = sess(DAY0 + 200, "run", 30, 4);
    assert_int_equal(compute(s, 2, DAY0 + 150, DAY0 + 210, days, weeks, &nw),
                     0);
    assert_true(days[50].run_min == 30);
    assert_true(days[0].ctl > 0 && days[0].ctl < 0.1); /* long decayed */
    /* wrong order, wrong range */
    s[2] = sess(DAY0 - 5, "run", 30, 4);
    assert_int_equal(tendo_load_compute(s, 3, TENDO_DAY_NONE, DAY0, DAY0 + 1, &none, days,
                                        weeks, &nw, &e),
                     TENDO_EUSAGE);
    tendo_error_clear(&e);
    assert_int_equal(tendo_load_compute(s, 1, TENDO_DAY_NONE, DAY0 + 1, DAY0, &none, days,
                                        weeks, &nw, &e),
                     TENDO_EUSAGE);
}

static void cadence_efficiency(void **state)
{
    struct tendo_session s[3];
    struct tendo_load_day days[7];
    struct tendo_load_week weeks[2];
    size_t nw;
    (void)state;
    s[0] = sess(DAY0, "run", 30, 3);
    s[0].cadence_spm = 170;
    s[0].distance_m = 6000;
    s[0].avg_hr = 140;
    s[1] = sess(DAY0 + 1, "run", 60, 8); /* hard: no efficiency */
    s[1].cadence_spm = 176;
    s[1].distance_m = 14000;
    s[1].avg_hr = 165;
    s[2] = sess(DAY0 + 2, "walk", 60, 2);
    assert_int_equal(compute(s, 3, DAY0, DAY0 + 6, days, weeks, &nw), 0);
    assert_true(fabs(weeks[0].cadence_spm - (170 * 30 + 176 * 60) / 90.0) <
                1e-9);
    assert_true(fabs(weeks[0].efficiency - 6000.0 / (30 * 140)) < 1e-12);
    assert_true(weeks[0].feet_min == 150);
}

/* Generated histories: scaling every session by k leaves the ratios, and
 * adding cross-training never raises tendon load. */
static void properties(void **state)
{
    static struct tendo_session s[300], t[300];
    static struct tendo_load_day a[200], b[200];
    static struct tendo_load_week wa[40], wb[40];
    uint64_t seed = 12345;
    (void)state;
    for (int trial = 0; trial < 50; trial++) {
        size_t n = 0, nwa, nwb;
        for (int d = 0; d < 200; d++) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            if ((seed >> 33) % 3 == 0)
                continue;
            s[n++] = sess(DAY0 + d, (seed >> 20) % 4 ? "run" : "bike",
                          20 + (double)((seed >> 40) % 60),
                          (int)((seed >> 50) % 11));
        }
        for (size_t i = 0; i < n; i++) {
            t[i] = s[i];
            t[i].minutes *= 2.5;
        }
        assert_int_equal(compute(s, n, DAY0 + 100, DAY0 + 199, a, wa, &nwa), 0);
        assert_int_equal(compute(t, n, DAY0 + 100, DAY0 + 199, b, wb, &nwb), 0);
        for (int d = 0; d < 100; d++) {
            if (isnan(a[d].acwr))
                assert_true(isnan(b[d].acwr));
            else
                assert_true(fabs(a[d].acwr - b[d].acwr) < 1e-9);
            assert_true(fabs(b[d].tendon_load - 2.5 * a[d].tendon_load) < 1e-6);
        }
        for (size_t w = 0; w < nwa; w++)
            if (!isnan(wa[w].monotony))
                assert_true(fabs(wa[w].monotony - wb[w].monotony) < 1e-9);
        /* cross-training added on every day: tendon load unchanged */
        {
            size_t m = 0;
            for (size_t i = 0; i < n; i++) {
                t[m++] = s[i];
                t[m++] = sess(s[i].date, (i % 2) ? "pool-run" : "bike", 45, 5);
            }
            assert_int_equal(compute(t, m, DAY0 + 100, DAY0 + 199, b, wb,
                                     &nwb),
                             0);
            for (int d = 0; d < 100; d++) {
                assert_true(b[d].tendon_load <= a[d].tendon_load + 1e-9);
                assert_true(b[d].training_load >= a[d].training_load);
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(worked_examples),
        cmocka_unit_test(tendon_factors),
        cmocka_unit_test(boundaries),
        cmocka_unit_test(ratios),
        cmocka_unit_test(ratios_from_the_first_day_with_data),
        cmocka_unit_test(weeks_and_form),
        cmocka_unit_test(edge_cases),
        cmocka_unit_test(cadence_efficiency),
        cmocka_unit_test(properties),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
