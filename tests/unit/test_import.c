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
    struct tendo_import_opts o = {TODAY, NOW, NULL, NULL, 0};
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
    /* the ledger remembers the refusal (so a daily import reports it once),
     * nothing else lands, and a fixed file imports */
    assert_int_equal(count(db, "imports WHERE status = 'imported'"), 0);
    assert_int_equal(count(db, "imports WHERE status = 'rejected'"), 1);
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
    assert_non_null(strstr(one.data, "2026-11-13,,,,,,,,,,,9,,,,,,,,\n"));
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

/* ---- FIT files ---------------------------------------------------------- */

#define FIT_T0 ((int64_t)1763967600) /* 2025-11-24T07:00:00Z */

static struct tendo_fit_activity *fit_run(int64_t start, uint32_t serial,
                                          size_t n)
{
    struct tendo_fit_activity *a = tendo_fit_new();
    struct tendo_fit_summary s;
    a->file_type = TENDO_FIT_FILE_ACTIVITY;
    a->manufacturer = 1;
    a->product = 3113;
    a->serial = serial;
    a->time_created = start;
    a->utc_offset_s = -8 * 3600; /* local day is the day before in UTC+0 */
    for (size_t i = 0; i < n; i++) {
        struct tendo_fit_record r;
        tendo_fit_record_init(&r);
        r.time = start + (int64_t)i;
        r.distance_m = (double)i * 3;
        r.hr = (int16_t)(130 + i % 10);
        r.cadence = 85;
        r.temp_c = (int16_t)(i % 7 - 3);
        assert_int_equal(tendo_fit_add_record(a, &r), 0);
    }
    tendo_fit_summary_init(&s);
    s.start = start;
    s.timestamp = start + (int64_t)n;
    s.sport = TENDO_FIT_SPORT_RUNNING;
    s.sub_sport = 3; /* trail */
    s.elapsed_s = (double)n;
    s.timer_s = (double)n - 30;
    s.distance_m = (double)(n - 1) * 3;
    s.avg_hr = 134;
    s.max_hr = 139;
    s.avg_cadence = 85;
    s.rpe = 5;
    assert_int_equal(tendo_fit_add_session(a, &s), 0);
    return a;
}

static int import_fit(tendo_db *db, const char *name,
                      const struct tendo_fit_activity *a,
                      struct tendo_import_result *r)
{
    struct tendo_buf b;
    struct tendo_error e = {0};
    struct tendo_import_opts o = {TODAY, NOW, NULL, NULL, 0};
    int rc;
    tendo_buf_init(&b, 0);
    assert_int_equal(tendo_fit_encode(a, 0, &b, &e), 0);
    rc = tendo_import_memory(db, (const uint8_t *)b.data, b.len, name, &o, r);
    tendo_buf_release(&b);
    return rc;
}

static void fit_import_and_dedupe(void **state)
{
    tendo_db *db = fresh("fit.db");
    struct tendo_fit_activity *a = fit_run(FIT_T0, 3900000001u, 600);
    struct tendo_import_result r;
    struct tendo_session s;
    struct tendo_error e = {0};
    struct tendo_fit_record *rec;
    size_t n;
    (void)state;
    assert_int_equal(import_fit(db, "a.fit", a, &r), TENDO_OK);
    assert_int_equal(r.status, TENDO_IMPORT_IMPORTED);
    assert_string_equal(r.format, "fit");
    assert_int_equal(r.sessions, 1);
    assert_int_equal(tendo_session_get(db, 1, &s, &e), 0);
    assert_string_equal(s.type, "run");
    assert_string_equal(s.surface, "trail");
    assert_string_equal(s.source, "fit");
    assert_int_equal(s.date, D("2025-11-23")); /* local day, UTC-8 */
    assert_true(s.start_utc == FIT_T0);
    assert_true(fabs(s.minutes - 9.5) < 1e-9); /* timer time */
    assert_true(fabs(s.elapsed_s - 600) < 1e-9);
    assert_true(fabs(s.distance_m - 1797) < 1e-9);
    assert_int_equal(s.avg_hr, 134);
    assert_int_equal(s.max_hr, 139);
    assert_true(fabs(s.cadence_spm - 170) < 1e-9);
    assert_int_equal(s.rpe, 5);
    assert_int_equal(s.utc_offset_s, -8 * 3600);
    assert_string_equal(s.device, "garmin fr945");
    assert_int_equal(tendo_stream_get(db, 1, &rec, &n, &e), 0);
    assert_int_equal(n, 600);
    assert_true(rec[599].time == FIT_T0 + 599);
    assert_true(fabs(rec[599].distance_m - 1797) < 1e-9);
    assert_int_equal(rec[3].hr, 133);
    assert_int_equal(rec[5].temp_c, 2);
    assert_int_equal(rec[3].temp_c, 0);
    assert_true(fabs(rec[3].cadence - 85) < 1e-9);
    free(rec);

    /* the same bytes */
    assert_int_equal(import_fit(db, "copy.fit", a, &r), TENDO_OK);
    assert_int_equal(r.status, TENDO_IMPORT_DUPLICATE);
    assert_string_equal(r.note, "imported before");
    /* the same recording in other bytes (another export of it) */
    snprintf(a->product_name, sizeof a->product_name, "re-exported");
    assert_int_equal(import_fit(db, "export.fit", a, &r), TENDO_OK);
    assert_int_equal(r.status, TENDO_IMPORT_DUPLICATE);
    assert_non_null(strstr(r.note, "the same recording (device 3900000001) "
                                   "came in 'a.fit'"));
    tendo_fit_free(a);
    /* another device, 30 s later: the same run from another source */
    a = fit_run(FIT_T0 + 30, 12345, 600);
    assert_int_equal(import_fit(db, "strava.fit", a, &r), TENDO_OK);
    assert_int_equal(r.status, TENDO_IMPORT_DUPLICATE);
    assert_non_null(strstr(r.note, "session #1, starting within 60 s"));
    tendo_fit_free(a);
    /* two hours later: another run */
    a = fit_run(FIT_T0 + 7200, 12345, 600);
    assert_int_equal(import_fit(db, "later.fit", a, &r), TENDO_OK);
    assert_int_equal(r.status, TENDO_IMPORT_IMPORTED);
    assert_int_equal(count(db, "sessions"), 2);
    assert_int_equal(count(db, "streams"), 2);
    assert_int_equal(count(db, "imports WHERE status = 'imported'"), 2);
    assert_int_equal(count(db, "imports WHERE status = 'duplicate'"), 2);
    tendo_fit_free(a);
    tendo_db_close(db);
}

static void fit_multisport_legs(void **state)
{
    tendo_db *db = fresh("tri.db");
    struct tendo_fit_activity *a = fit_run(FIT_T0, 77, 900);
    static const int sports[3] = {TENDO_FIT_SPORT_SWIMMING,
                                  TENDO_FIT_SPORT_TRANSITION,
                                  TENDO_FIT_SPORT_RUNNING};
    struct tendo_import_result r;
    struct tendo_fit_record *rec;
    struct tendo_error e = {0};
    struct tendo_session s;
    size_t n;
    (void)state;
    a->nsessions = 0;
    for (int i = 0; i < 3; i++) {
        struct tendo_fit_summary x;
        tendo_fit_summary_init(&x);
        x.sport = sports[i];
        x.start = FIT_T0 + i * 300;
        x.timer_s = x.elapsed_s = 299;
        x.distance_m = 500;
        assert_int_equal(tendo_fit_add_session(a, &x), 0);
    }
    assert_int_equal(import_fit(db, "tri.fit", a, &r), TENDO_OK);
    assert_int_equal(r.sessions, 2); /* the transition is left out */
    assert_int_equal(tendo_session_get(db, 2, &s, &e), 0);
    assert_string_equal(s.type, "run");
    assert_true(s.start_utc == FIT_T0 + 600);
    assert_int_equal(tendo_stream_get(db, 2, &rec, &n, &e), 0);
    assert_int_equal(n, 300); /* 600 .. 899 s */
    assert_true(rec[0].time == FIT_T0 + 600);
    free(rec);
    tendo_fit_free(a);
    tendo_db_close(db);
}

static void fit_truncated_files_change_nothing(void **state)
{
    tendo_db *db = fresh("cut.db");
    struct tendo_fit_activity *a = fit_run(FIT_T0, 99, 40);
    struct tendo_buf b;
    struct tendo_error e = {0};
    struct tendo_import_opts o = {TODAY, NOW, NULL, NULL, 0};
    struct tendo_import_result r;
    (void)state;
    assert_int_equal(import_text(db, "d.csv", diary, &r), TENDO_OK);
    tendo_buf_init(&b, 0);
    assert_int_equal(tendo_fit_encode(a, TENDO_FIT_ENC_COMPRESSED_TS, &b, &e),
                     0);
    for (size_t cut = 0; cut < b.len; cut++) {
        uint8_t *copy = malloc(cut ? cut : 1);
        memcpy(copy, b.data, cut);
        if (tendo_import_memory(db, copy, cut, "cut.fit", &o, &r) ==
            TENDO_OK)
            fail_msg("cut at %zu imported", cut);
        assert_int_equal(r.status, TENDO_IMPORT_REJECTED);
        assert_string_equal(r.err.file, "cut.fit");
        assert_true(r.err.msg[0] != '\0');
        free(copy);
    }
    assert_int_equal(count(db, "sessions"), 2);
    assert_int_equal(count(db, "streams"), 0);
    assert_int_equal(count(db, "imports WHERE status = 'imported'"), 1);
    /* and the whole file lands */
    assert_int_equal(tendo_import_memory(db, (const uint8_t *)b.data, b.len,
                                         "whole.fit", &o, &r),
                     TENDO_OK);
    assert_int_equal(count(db, "sessions"), 3);
    tendo_buf_release(&b);
    tendo_fit_free(a);
    tendo_db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(imports_and_recognises_duplicates),
        cmocka_unit_test(a_bad_file_lands_not_at_all),
        cmocka_unit_test(export_import_export_is_byte_identical),
        cmocka_unit_test(json_export_has_everything),
        cmocka_unit_test(fit_import_and_dedupe),
        cmocka_unit_test(fit_multisport_legs),
        cmocka_unit_test(fit_truncated_files_change_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
