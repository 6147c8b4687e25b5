/*
 * tests/unit/test_strava.c - Strava's activities.csv: its dates, its
 * repeated column names, short rows, and the errors.
 */
#include "harness.h"
#include "parse/strava.h"

struct rows {
    struct strava_row r[8];
    int n;
};

static int keep(const struct strava_row *row, void *ctx,
                struct tendo_error *err)
{
    struct rows *rows = ctx;
    (void)err;
    if (rows->n < 8)
        rows->r[rows->n] = *row;
    rows->n++;
    return 0;
}

static void dates(void **state)
{
    int64_t t;
    (void)state;
    assert_int_equal(strava_date("Nov 24, 2026, 6:30:00 AM", &t), 0);
    assert_true(t == 1795501800);
    assert_int_equal(strava_date("Nov 24, 2026, 12:05:00 AM", &t), 0);
    assert_true(t == 1795478700);
    assert_int_equal(strava_date("Nov 24, 2026, 12:05:00 PM", &t), 0);
    assert_true(t == 1795521900);
    assert_int_equal(strava_date("2026-11-24 06:30:00", &t), 0);
    assert_true(t == 1795501800);
    assert_int_equal(strava_date("Foo 24, 2026, 6:30:00 AM", &t), -1);
    assert_int_equal(strava_date("Nov 24, 2026, 13:30:00 PM", &t), -1);
    assert_int_equal(strava_date("", &t), -1);
}

static void columns(void **state)
{
    static const char csv[] =
        "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,"
        "Distance,Activity Gear,Filename,Elapsed Time,Moving Time,Distance,"
        "Average Heart Rate,Perceived Exertion\n"
        "1,\"Nov 24, 2026, 6:30:00 AM\",\"Easy, slow\",Run,1800,5.01,Peg,"
        "activities/1.fit.gz,1800,1750,5012.5,141.4,3.6\n"
        "2,\"Nov 23, 2026, 6:30:00 PM\",Commute,Ride,2700,18.20\n";
    struct rows rows = {0};
    struct tendo_error e = {0};
    (void)state;
    assert_int_equal(strava_parse((const uint8_t *)csv, sizeof csv - 1, keep,
                                  &rows, &e),
                     0);
    assert_int_equal(rows.n, 2);
    assert_string_equal(rows.r[0].name, "Easy, slow");
    assert_string_equal(rows.r[0].type, "Run");
    assert_string_equal(rows.r[0].gear, "Peg");
    assert_string_equal(rows.r[0].filename, "activities/1.fit.gz");
    assert_true(rows.r[0].distance_m == 5012.5); /* the metres column */
    assert_true(rows.r[0].elapsed_s == 1800 && rows.r[0].moving_s == 1750);
    assert_int_equal(rows.r[0].rpe, 4);
    assert_true(fabs(rows.r[0].avg_hr - 141.4) < 1e-9);
    /* a short row: the km column, nothing else */
    assert_true(rows.r[1].distance_m == 18200);
    assert_true(isnan(rows.r[1].moving_s));
    assert_int_equal(rows.r[1].rpe, -1);
    assert_string_equal(rows.r[1].filename, "");
}

static void errors(void **state)
{
    struct rows rows = {0};
    struct tendo_error e = {0};
    static const char bad_date[] =
        "Activity Date,Activity Type\n\"Nov 24, 2026, 6:30:00 AM\",Run\n"
        "yesterday,Run\n";
    (void)state;
    assert_int_equal(strava_parse((const uint8_t *)"a,b\n1,2\n", 8, keep,
                                  &rows, &e),
                     TENDO_EFORMAT);
    assert_error(&e, TENDO_EFORMAT, "not a Strava activities.csv");
    tendo_error_clear(&e);
    assert_int_equal(strava_parse((const uint8_t *)bad_date,
                                  sizeof bad_date - 1, keep, &rows, &e),
                     TENDO_EINVAL);
    assert_error(&e, TENDO_EINVAL, "Activity Date 'yesterday' is not a date");
    assert_int_equal(e.line, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dates),
        cmocka_unit_test(columns),
        cmocka_unit_test(errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
