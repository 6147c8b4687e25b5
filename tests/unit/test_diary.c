/*
 * tests/unit/test_diary.c - the diary CSV parser (src/parse/diary.c):
 * header mapping, what each row carries, and every rejection.
 */
#include "harness.h"

#define MAXROWS 16

struct got {
    struct tendo_diary_row rows[MAXROWS];
    int n;
    int stop_at;
};

static int keep(const struct tendo_diary_row *row, void *ctx,
                struct tendo_error *err)
{
    struct got *g = ctx;
    if (g->stop_at && g->n + 1 == g->stop_at)
        return tendo_fail(err, TENDO_EDB, "stopped by the callback");
    if (g->n < MAXROWS)
        g->rows[g->n] = *row;
    g->n++;
    return 0;
}

static int parse(const char *csv, struct got *g, struct tendo_error *e)
{
    memset(g, 0, sizeof *g);
    return tendo_diary_parse((const uint8_t *)csv, strlen(csv), "diary.csv",
                             TODAY, keep, g, e);
}

static void full_row(void **state)
{
    struct got g;
    struct tendo_error e = {0};
    const struct tendo_diary_row *r;
    (void)state;
    assert_int_equal(
        parse("date,type,minutes,km,rpe,surface,shoe,pain_during,pain_after,"
              "pain_morning,stiffness_min,sleep_h,rehab_sets,rehab_reps,"
              "rehab_load_kg,notes\n"
              "2026-11-20,Run,40,7.5,4,trail,Pegasus 40,2,3,1,10,7.5,3,12,5,"
              "\"easy, felt ok\"\n",
              &g, &e),
        TENDO_OK);
    assert_int_equal(g.n, 1);
    r = &g.rows[0];
    assert_int_equal(r->line, 2);
    assert_int_equal(r->date, D("2026-11-20"));
    assert_true(r->has_session);
    assert_string_equal(r->session.type, "run");
    assert_true(r->session.minutes == 40);
    assert_true(r->session.distance_m == 7500);
    assert_int_equal(r->session.rpe, 4);
    assert_string_equal(r->session.surface, "trail");
    assert_string_equal(r->session.shoe, "Pegasus 40");
    assert_int_equal(r->session.pain_during, 2);
    assert_string_equal(r->session.notes, "easy, felt ok");
    assert_true(r->has_check);
    assert_int_equal(r->session.pain_after, 3);   /* the session's too */
    assert_int_equal(r->check.after, TENDO_UNSET);
    assert_int_equal(r->check.morning, 1);
    assert_int_equal(r->check.stiffness_min, 10);
    assert_int_equal(r->check.during, TENDO_UNSET); /* it is the session's */
    assert_true(r->has_wellness);
    assert_true(r->wellness.sleep_h == 7.5);
    assert_true(r->has_rehab);
    assert_string_equal(r->rehab.exercise, "heel-drop");
    assert_int_equal(r->rehab.sets, 3);
    assert_int_equal(r->rehab.reps, 12);
    assert_true(r->rehab.load_kg == 5);
    assert_string_equal(r->rehab.notes, ""); /* notes went to the session */
}

static void columns_in_any_order_and_optional(void **state)
{
    struct got g;
    struct tendo_error e = {0};
    (void)state;
    assert_int_equal(parse("notes,rehab_reps,date,rehab_sets,pain_during\r\n"
                           "calf tight,10,2026-11-21,3,4\r\n"
                           ",,2026-11-22,,\r\n"      /* a rest day: skipped */
                           ",,2026-11-23\r\n",       /* short row: fine */
                           &g, &e),
                     TENDO_OK);
    assert_int_equal(g.n, 1);
    assert_false(g.rows[0].has_session);
    assert_true(g.rows[0].has_rehab);
    assert_string_equal(g.rows[0].rehab.notes, "calf tight");
    assert_true(g.rows[0].has_check);
    assert_int_equal(g.rows[0].check.during, 4); /* no session: the check's */
}

#define REJECT(csv, code, line_, field_, needle)                          \
    do {                                                                  \
        struct got g_;                                                    \
        struct tendo_error e_ = {0};                                      \
        assert_int_equal(parse(csv, &g_, &e_), code);                     \
        assert_error(&e_, code, needle);                                  \
        assert_string_equal(e_.file, "diary.csv");                        \
        assert_int_equal(e_.line, line_);                                 \
        assert_string_equal(e_.field, field_);                            \
    } while (0)

static void rejections(void **state)
{
    (void)state;
    REJECT("date,type,minutes,pain_during\n2026-11-20,run,30,2\n"
           "2026-11-21,run,30,11\n",
           TENDO_ERANGE, 3, "pain_during", "pain_during '11' is out of range");
    REJECT("date,type,minutes\n2026-11-20,run,-40\n", TENDO_ERANGE, 2,
           "minutes", "must not be negative");
    REJECT("date,type,minutes\n2026-11-20,swimm,40\n", TENDO_EINVAL, 2, "type",
           "type 'swimm' is not one of");
    REJECT("date,type,minutes\n2026-13-20,run,40\n", TENDO_EINVAL, 2, "date",
           "expected YYYY-MM-DD");
    REJECT("date,type,minutes\n2031-01-01,run,40\n", TENDO_ERANGE, 2, "date",
           "is in the future");
    REJECT("date,type,minutes,pace\n", TENDO_EFORMAT, 1, "pace",
           "unknown column 'pace'");
    REJECT("date,type,Date\n", TENDO_EFORMAT, 1, "date", "appears twice");
    REJECT("type,minutes\nrun,40\n", TENDO_EFORMAT, 1, "date",
           "no 'date' column");
    REJECT("date,type,minutes\n2026-11-20,run,40\n2026-11-21,run,\"4\"0\n",
           TENDO_EFORMAT, 3, "", "after a closing quote");
    REJECT("date,type,minutes\n2026-11-20,run,40,extra\n", TENDO_EFORMAT, 2,
           "", "the row has 4 fields but the header has 3");
    REJECT("date,minutes\n2026-11-20,40\n", TENDO_EINVAL, 2, "minutes",
           "type is empty");
    REJECT("date,notes\n2026-11-20,hello\n", TENDO_EINVAL, 2, "notes",
           "notes need a session");
    REJECT("date,type\n2026-11-20,run\n", TENDO_EINVAL, 2, "minutes",
           "needs minutes or a distance");
    REJECT("date,rehab_sets\n2026-11-20,3\n", TENDO_EINVAL, 2, "rehab_reps",
           "needs both sets and reps");
    REJECT("date,type,minutes\n,run,40\n", TENDO_EINVAL, 2, "date",
           "date is empty");
    REJECT("", TENDO_EFORMAT, 0, "", "empty");
}

static void callback_stops_the_parse(void **state)
{
    struct got g;
    struct tendo_error e = {0};
    int rc;
    (void)state;
    memset(&g, 0, sizeof g);
    g.stop_at = 2;
    rc = tendo_diary_parse((const uint8_t *)"date,sleep_h\n2026-11-20,7\n"
                                            "2026-11-21,8\n2026-11-22,6\n",
                           38 + 13, "d.csv", TODAY, keep, &g, &e);
    assert_int_equal(rc, TENDO_EDB);
    assert_int_equal(g.n, 1);
    assert_int_equal(e.line, 3);
    assert_string_equal(e.file, "d.csv");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(full_row),
        cmocka_unit_test(columns_in_any_order_and_optional),
        cmocka_unit_test(rejections),
        cmocka_unit_test(callback_stops_the_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
