/*
 * tests/unit/test_assess.c - VISA-A scoring (clinical.md §8), the limb
 * symmetry index, and storing assessments.
 */
#include "harness.h"

static void visa_a(void **state)
{
    struct tendo_error e = {0};
    int p[TENDO_VISA_ITEMS], total = -1;
    static const int best[] = {10, 10, 10, 10, 10, 10, 10, 30};
    static const int worst[] = {0, 0, 0, 0, 0, 0, 0, 0};
    (void)state;
    assert_int_equal(tendo_visa_a_score(best, &total, &e), TENDO_OK);
    assert_int_equal(total, 100);   /* no symptoms */
    assert_int_equal(tendo_visa_a_score(worst, &total, &e), TENDO_OK);
    assert_int_equal(total, 0);
    /* Q1-Q6 sum to 40, modified training (4), form B 11-20 min (10) */
    tendo_error_clear(&e);
    assert_int_equal(tendo_visa_a_parse("8,7,6,8,5,6,4,10", p, &total, &e),
                     TENDO_OK);
    assert_int_equal(total, 54);
    assert_int_equal(p[7], 10);
    /* every form's top value is allowed: A 30, B 20, C 10 */
    tendo_error_clear(&e);
    assert_int_equal(tendo_visa_a_parse("0,0,0,0,0,0,0,20", p, &total, &e),
                     TENDO_OK);
    assert_int_equal(total, 20);
    tendo_error_clear(&e);
    assert_int_equal(tendo_visa_a_parse("0,0,0,0,0,0,10,2", p, &total, &e),
                     TENDO_OK);
    assert_int_equal(total, 12);
    /* bad answers are named */
    tendo_error_clear(&e);
    assert_int_equal(tendo_visa_a_parse("11,7,6,8,5,6,4,10", p, &total, &e),
                     TENDO_ERANGE);
    assert_error(&e, TENDO_ERANGE, "Q1 '11'");
    tendo_error_clear(&e);
    assert_int_equal(tendo_visa_a_parse("8,7,6,8,5,6,5,10", p, &total, &e),
                     TENDO_ERANGE);
    assert_error(&e, TENDO_ERANGE, "Q7 '5'");
    tendo_error_clear(&e);
    assert_int_equal(tendo_visa_a_parse("8,7,6,8,5,6,4,25", p, &total, &e),
                     TENDO_ERANGE);
    assert_error(&e, TENDO_ERANGE, "Q8 '25'");
    tendo_error_clear(&e);
    assert_int_equal(tendo_visa_a_parse("8,7,6", p, &total, &e), TENDO_EINVAL);
    assert_error(&e, TENDO_EINVAL, "found 3");
    tendo_error_clear(&e);
    assert_int_equal(tendo_visa_a_parse("8,7,6,8,5,6,4,10,3", p, &total, &e),
                     TENDO_EINVAL);
    assert_error(&e, TENDO_EINVAL, "more than 8");
    tendo_error_clear(&e);
    assert_int_equal(tendo_visa_a_parse("8,7,-6,8,5,6,4,10", p, &total, &e),
                     TENDO_EINVAL);
    tendo_error_clear(&e);
    assert_int_equal(tendo_visa_a_parse("", p, &total, &e), TENDO_EINVAL);
    tendo_error_clear(&e);
    assert_int_equal(tendo_visa_a_parse("99999999999999999999,0,0,0,0,0,0,0",
                                        p, &total, &e),
                     TENDO_ERANGE);
}

static void lsi(void **state)
{
    (void)state;
    assert_true(fabs(tendo_lsi(18, 25) - 72.0) < 1e-9);
    assert_true(fabs(tendo_lsi(25, 25) - 100.0) < 1e-9);
    assert_true(isnan(tendo_lsi(10, 0)));
    assert_true(isnan(tendo_lsi(NAN, 20)));
}

static int collect(const struct tendo_assessment *a, void *ctx)
{
    struct tendo_assessment *out = ctx;
    int i = 0;
    while (out[i].id)
        i++;
    out[i] = *a;
    return 0;
}

static void store(void **state)
{
    struct tendo_error e = {0};
    tendo_db *db;
    struct tendo_assessment a, got[8];
    tendo_day today = D("2026-11-24");
    (void)state;
    assert_int_equal(tendo_db_open(temp_db("assess.db"), TENDO_OPEN_CREATE, &db,
                                   &e),
                     TENDO_OK);
    tendo_assessment_init(&a);
    a.date = today;
    strcpy(a.kind, "heel-raise");
    a.left = 18;
    a.right = 25;
    a.score = tendo_lsi(18, 25);
    assert_int_equal(tendo_assessment_add(db, &a, today, &e), TENDO_OK);
    assert_true(a.id > 0);
    tendo_assessment_init(&a);
    a.date = today - 1;
    strcpy(a.kind, "visa-a");
    a.score = 54;
    strcpy(a.answers, "8,7,6,8,5,6,4,10");
    assert_int_equal(tendo_assessment_add(db, &a, today, &e), TENDO_OK);
    /* bad records are refused whole */
    strcpy(a.kind, "squat");
    tendo_error_clear(&e);
    assert_int_equal(tendo_assessment_add(db, &a, today, &e), TENDO_EINVAL);
    strcpy(a.kind, "dorsiflexion");
    a.left = 31;
    tendo_error_clear(&e);
    assert_int_equal(tendo_assessment_add(db, &a, today, &e), TENDO_ERANGE);
    a.left = a.right = NAN;
    tendo_error_clear(&e);
    assert_int_equal(tendo_assessment_add(db, &a, today, &e), TENDO_EINVAL);
    strcpy(a.kind, "heel-raise");
    a.left = 3.5;
    tendo_error_clear(&e);
    assert_int_equal(tendo_assessment_add(db, &a, today, &e), TENDO_EINVAL);
    strcpy(a.kind, "visa-a");
    a.score = 54;
    a.date = today + 30;
    tendo_error_clear(&e);
    assert_int_equal(tendo_assessment_add(db, &a, today, &e), TENDO_ERANGE);
    memset(got, 0, sizeof got);
    assert_int_equal(tendo_assessments_each(db, NULL, today - 7, today,
                                            collect, got, &e),
                     TENDO_OK);
    assert_string_equal(got[0].kind, "visa-a");   /* date order */
    assert_string_equal(got[0].answers, "8,7,6,8,5,6,4,10");
    assert_string_equal(got[1].kind, "heel-raise");
    assert_true(fabs(got[1].score - 72) < 1e-9);
    assert_int_equal(got[2].id, 0);
    memset(got, 0, sizeof got);
    assert_int_equal(tendo_assessments_each(db, "heel-raise", today - 7,
                                            today, collect, got, &e),
                     TENDO_OK);
    assert_string_equal(got[0].kind, "heel-raise");
    assert_int_equal(got[1].id, 0);
    tendo_db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(visa_a),
        cmocka_unit_test(lsi),
        cmocka_unit_test(store),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
