/*
 * tests/unit/test_import.c - importing files whole or not at all, the
 * ledger, skipping what is stored, merging daily records, and the diary
 * CSV and JSON exports (src/import/, src/report/).
 */
#include "harness.h"
#include <sqlite3.h>

#define NOW ((int64_t)20416 * 86400 + 8 * 3600) /* 2026-11-24T08:00:00Z */

static tendo_db *fresh(const char *name)
{
    tendo_db *db = NULL;
    struct tendo_error e = {0};
    assert_int_equal(tendo_db_open(temp_db(name), TENDO_OPEN_CREATE, &db, &e),
                     TENDO_OK);
    return db;
}

static int import_text(tendo_db *db, const char *name, const char *csv,
                       struct tendo_import_result *r)
{
    struct tendo_import_opts o = {TODAY, NOW, "UTC"};
    return tendo_import_memory(db, (const uint8_t *)csv, strlen(csv), name,
                               &o, r);
}

static int count(tendo_db *db, const char *table)
{
    sqlite3 *s;
    sqlite3_stmt *st;
    char sql[128];
    int n = -1;
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    assert_int_equal(sqlite3_open(tendo_db_path(db), &s), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(s, sql, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(s);
    return n;
}

static const char diary[] =
    "date,type,minutes,km,rpe,shoe,pain_during,pain_after,pain_morning,"
    "stiffness_min,sleep_h,rehab_sets,rehab_reps,notes\n"
    "2026-11-20,run,40,7.5,4,Ghost 15,2,3,1,10,7.5,3,12,easy\n"
    "2026-11-21,bike,60,24,3,,,,2,5,8,,,\n"
    "2026-11-22,,,,,,,,1,5,,3,15,\n";

static void imports_and_recognises_duplicates(void **state)
{
    tendo_db *db = fresh("imp.db");
    struct tendo_import_result r;
    (void)state;
    assert_int_equal(import_text(db, "diary.csv", diary, &r), TENDO_OK);
    assert_int_equal(r.status, TENDO_IMPORT_IMPORTED);
    assert_string_equal(r.format, "diary-csv");
    assert_int_equal(r.sessions, 2);
    assert_int_equal(r.checks, 3);
    assert_int_equal(r.rehab, 2);
    assert_int_equal(r.wellness, 2);
    assert_int_equal(count(db, "shoes"), 1); /* created from the diary */
    assert_int_equal(count(db, "imports"), 1);
    /* the same bytes again: a duplicate, nothing changes */
    assert_int_equal(import_text(db, "copy.csv", diary, &r), TENDO_OK);
    assert_int_equal(r.status, TENDO_IMPORT_DUPLICATE);
    assert_int_equal(count(db, "sessions"), 2);
    assert_int_equal(count(db, "imports"), 1);
    /* the same records in another file: skipped, the check merges */
    assert_int_equal(import_text(db, "more.csv",
                                 "date,type,minutes,km,rpe,pain_morning\n"
                                 "2026-11-21,bike,60,24,3,4\n"
                                 "2026-11-23,run,30,5,3,\n",
                                 &r),
                     TENDO_OK);
    assert_int_equal(r.sessions, 1);
    assert_int_equal(r.skipped, 1);
    assert_int_equal(r.checks, 1);
    assert_int_equal(count(db, "sessions"), 3);
    {
        struct tendo_check c;
        struct tendo_error e = {0};
        int found;
        tendo_check_get(db, D("2026-11-21"), &c, &found, &e);
        assert_int_equal(c.morning, 4);       /* updated */
        assert_int_equal(c.stiffness_min, 5); /* kept */
    }
    tendo_db_close(db);
}

static void a_bad_file_lands_not_at_all(void **state)
{
    tendo_db *db = fresh("bad.db");
    struct tendo_import_result r;
    char fixed[512];
    (void)state;
    assert_int_equal(import_text(db, "bad.csv",
                                 "date,type,minutes,pain_during\n"
                                 "2026-11-20,run,40,2\n"
                                 "2026-11-21,run,40,2\n"
                                 "2026-11-22,run,40,11\n",
                                 &r),
                     TENDO_ERANGE);
    assert_int_equal(r.status, TENDO_IMPORT_REJECTED);
    assert_string_equal(r.err.file, "bad.csv");
    assert_int_equal(r.err.line, 4);
    assert_string_equal(r.err.field, "pain_during");
    assert_int_equal(r.sessions, 0);
    assert_int_equal(count(db, "sessions"), 0);
    assert_int_equal(count(db, "imports"), 0); /* so a fixed file imports */
    snprintf(fixed, sizeof fixed, "date,type,minutes,pain_during\n"
                                  "2026-11-20,run,40,2\n"
                                  "2026-11-21,run,40,2\n"
                                  "2026-11-22,run,40,1\n");
    assert_int_equal(import_text(db, "bad.csv", fixed, &r), TENDO_OK);
    assert_int_equal(count(db, "sessions"), 3);
    /* not a format tendo reads */
    assert_int_equal(import_text(db, "x.gpx", "<gpx/>", &r),
                     TENDO_EUNSUPPORTED);
    assert_int_equal(r.status, TENDO_IMPORT_REJECTED);
    tendo_db_close(db);
}

static void add_record_kinds(tendo_db *db)
{
    struct tendo_error e = {0};
    struct tendo_session s;
    struct tendo_check c;
    struct tendo_rehab r;
    struct tendo_wellness w;
    struct tendo_shoe shoe;
    tendo_shoe_init(&shoe);
    snprintf(shoe.name, sizeof shoe.name, "Speedgoat, \"trail\"");
    shoe.added = D("2026-01-01");
    assert_int_equal(tendo_shoe_add(db, &shoe, &e), 0);

    /* day 1: two equal sessions, a check with "during", a rehab with notes */
    tendo_session_init(&s);
    s.date = D("2026-11-10");
    snprintf(s.type, sizeof s.type, "bike");
    s.minutes = 30;
    assert_int_equal(tendo_session_add(db, &s, TODAY, &e), 0);
    assert_int_equal(tendo_session_add(db, &s, TODAY, &e), 0);
    tendo_check_init(&c);
    c.date = s.date;
    c.morning = 2;
    c.during = 3;
    c.hop_pain = 4; /* the CSV has no column for it */
    assert_int_equal(tendo_check_put(db, &c, TODAY, &e), 0);
    tendo_rehab_init(&r);
    r.date = s.date;
    snprintf(r.exercise, sizeof r.exercise, "heel-drop");
    r.sets = 3;
    r.reps = 10;
    snprintf(r.notes, sizeof r.notes, "left only,\nslow");
    assert_int_equal(tendo_rehab_add(db, &r, TODAY, &e), 0);
    r.notes[0] = '\0';
    r.load_kg = 2.5;
    assert_int_equal(tendo_rehab_add(db, &r, TODAY, &e), 0);

    /* day 2: a run with every field, notes with quotes and commas */
    tendo_session_init(&s);
    s.date = D("2026-11-11");
    snprintf(s.type, sizeof s.type, "run");
    s.minutes = 41.5;
    s.distance_m = 7333.3;
    s.rpe = 5;
    s.pain_during = 2;
    snprintf(s.surface, sizeof s.surface, "trail");
    snprintf(s.shoe, sizeof s.shoe, "Speedgoat, \"trail\"");
    snprintf(s.notes, sizeof s.notes, "said \"ouch\", then fine");
    assert_int_equal(tendo_session_add(db, &s, TODAY, &e), 0);
    tendo_wellness_init(&w);
    w.date = s.date;
    w.sleep_h = 6.25;
    w.stress = 3; /* no column either */
    assert_int_equal(tendo_wellness_put(db, &w, TODAY, &e), 0);

    /* day 3: only a check nobody can see in the CSV; day 4: sleep only */
    tendo_check_init(&c);
    c.date = D("2026-11-12");
    c.flags = TENDO_FLAG_CALF;
    assert_int_equal(tendo_check_put(db, &c, TODAY, &e), 0);
    tendo_wellness_init(&w);
    w.date = D("2026-11-13");
    w.sleep_h = 9;
    assert_int_equal(tendo_wellness_put(db, &w, TODAY, &e), 0);
}

static void export_import_export_is_byte_identical(void **state)
{
    tendo_db *a = fresh("rt-a.db"), *b;
    struct tendo_buf one, two;
    struct tendo_error e = {0};
    struct tendo_import_result r;
    (void)state;
    add_record_kinds(a);
    tendo_buf_init(&one, 0);
    tendo_buf_init(&two, 0);
    assert_int_equal(tendo_diary_export(a, TENDO_DAY_MIN, INT32_MAX, &one, &e),
                     0);
    b = fresh("rt-b.db");
    assert_int_equal(import_text(b, "export.csv", one.data, &r), TENDO_OK);
    assert_int_equal(r.sessions, 3); /* both equal sessions of day 1 */
    assert_int_equal(tendo_diary_export(b, TENDO_DAY_MIN, INT32_MAX, &two, &e),
                     0);
    assert_string_equal(one.data, two.data);
    /* what the rows look like */
    assert_non_null(strstr(one.data, "\"said \"\"ouch\"\", then fine\""));
    assert_non_null(strstr(one.data, "\"left only,\nslow\""));
    assert_non_null(strstr(one.data, "2026-11-11,run,41.5,7.333,5,trail,"));
    assert_null(strstr(one.data, "2026-11-12")); /* nothing to show */
    assert_non_null(strstr(one.data, "2026-11-13,,,,,,,,,,,9,,,,\n"));
    tendo_buf_release(&one);
    tendo_buf_release(&two);
    tendo_db_close(a);
    tendo_db_close(b);
}

static void json_export_has_everything(void **state)
{
    tendo_db *db = fresh("json.db");
    struct tendo_buf out;
    struct tendo_error e = {0};
    json_t *doc;
    json_error_t je;
    (void)state;
    add_record_kinds(db);
    tendo_setting_set(db, "units", "mi", &e);
    tendo_buf_init(&out, 0);
    assert_int_equal(tendo_export_json(db, &out, &e), 0);
    doc = json_loads(out.data, 0, &je);
    assert_non_null(doc);
    assert_int_equal(json_integer_value(json_object_get(doc, "schema")),
                     TENDO_SCHEMA_VERSION);
    assert_int_equal(json_array_size(json_object_get(doc, "sessions")), 3);
    assert_int_equal(json_array_size(json_object_get(doc, "checks")), 2);
    assert_int_equal(json_array_size(json_object_get(doc, "rehab")), 2);
    assert_int_equal(json_array_size(json_object_get(doc, "wellness")), 2);
    assert_int_equal(json_array_size(json_object_get(doc, "shoes")), 1);
    assert_string_equal(json_string_value(json_object_get(
                            json_object_get(doc, "settings"), "units")),
                        "mi");
    {
        json_t *c = json_array_get(json_object_get(doc, "checks"), 0);
        assert_int_equal(json_integer_value(json_object_get(c, "hop_pain")), 4);
        assert_true(json_is_null(json_object_get(c, "after")));
    }
    json_decref(doc);
    tendo_buf_release(&out);
    tendo_db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(imports_and_recognises_duplicates),
        cmocka_unit_test(a_bad_file_lands_not_at_all),
        cmocka_unit_test(export_import_export_is_byte_identical),
        cmocka_unit_test(json_export_has_everything),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
