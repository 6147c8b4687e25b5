/*
 * tests/unit/test_fit_real.c - every FIT file in ../shared/data/activities
 * decoded and compared with fit_reference.jsonl, made by an independent
 * open-source decoder (see its REFERENCE.md). Tolerances from the issue:
 * times +-1 s, distance +-0.5 %, heart rate +-1, running cadence +-1 spm,
 * record and lap counts exact. Files the reference could not read must be
 * rejected or read with a warning, never crash. Exits 77 (skipped) when
 * the shared data is absent, as on a user's fresh clone.
 */
#include "harness.h"
#include <sys/stat.h>

#ifndef TENDO_SHARED_DATA
#define TENDO_SHARED_DATA "../shared/data/activities"
#endif

static int checked, compared, failures;

/* Reports every mismatch, then fails once at the end. */
#define mismatch(...) (print_error(__VA_ARGS__), print_error("\n"), failures++)

static void near(const char *file, const char *what, double got, double want,
                 double tol)
{
    if (isnan(want))
        return; /* the reference has no value */
    if (isnan(got) || fabs(got - want) > tol)
        mismatch("%s: %s is %.3f, the reference says %.3f (+-%.3f)", file,
                 what, got, want, tol);
}

static double jnum(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    return json_is_number(v) ? json_number_value(v) : NAN;
}

static const char *jstr(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static void time_eq(const char *file, const char *what, int64_t got,
                    const char *want)
{
    int64_t w;
    if (!want)
        return;
    if (tendo_utc_parse(want, &w) != TENDO_OK)
        return;
    if (got == INT64_MIN || llabs((long long)(got - w)) > 1)
        mismatch("%s: %s differs from %s", file, what, want);
}

static void one(json_t *ref)
{
    char path[1024];
    const char *file = jstr(ref, "file");
    struct tendo_activity a;
    struct tendo_error e = {0};
    int rc, clean;
    json_t *errors = json_object_get(ref, "errors");
    const char *type = jstr(ref, "file_type");

    snprintf(path, sizeof path, "%s/%s", TENDO_SHARED_DATA, file);
    rc = tendo_activity_read(path, &a, NULL, &e);
    checked++;
    clean = json_is_true(json_object_get(ref, "integrity_ok")) &&
            json_array_size(errors) == 0 && type &&
            strcmp(type, "activity") == 0;
    if (type && strcmp(type, "activity") != 0) {
        if (rc != TENDO_EUNSUPPORTED)
            mismatch("%s: a %s file must be refused, got %d", file, type, rc);
        return;
    }
    if (!clean) {
        /* a robustness case: refused with a message, or read with a
         * warning; it did not crash if we got here */
        if (rc == TENDO_OK) {
            if (!a.warnings.len)
                mismatch("%s: the reference had trouble, tendo read it "
                         "without a warning",
                         file);
            tendo_activity_release(&a);
        } else if (!e.msg[0]) {
            mismatch("%s: refused without a message", file);
        }
        return;
    }
    if (rc != TENDO_OK) {
        mismatch("%s: %s", file, e.msg);
        return;
    }
    compared++;
    near(file, "records", (double)a.records, jnum(ref, "records"), 0);
    near(file, "laps", (double)a.laps, jnum(ref, "laps"), 0);
    if (jnum(ref, "sessions") > 0) {
        const char *sport = jstr(ref, "sport");
        double dist = jnum(ref, "total_distance_m");
        if (sport && strncmp(sport, "multisport:", 11) == 0) {
            char legs[256] = "multisport:";
            if (strcmp(a.total.sport, "multisport") != 0)
                mismatch("%s: sport %s, not multisport", file, a.total.sport);
            for (size_t i = 0; i < a.nlegs; i++)
                snprintf(legs + strlen(legs), sizeof legs - strlen(legs),
                         "%s%s", i ? "+" : "", a.legs[i].sport);
            if (strcmp(legs, sport) != 0)
                mismatch("%s: legs %s, the reference says %s", file, legs,
                         sport);
        } else if (sport && strcmp(a.total.sport, sport) != 0) {
            mismatch("%s: sport %s, the reference says %s", file,
                     a.total.sport, sport);
        }
        time_eq(file, "start", a.total.start_utc, jstr(ref, "start_time"));
        near(file, "timer", a.total.timer_s, jnum(ref, "total_timer_time_s"),
             1);
        near(file, "elapsed", a.total.elapsed_s,
             jnum(ref, "total_elapsed_time_s"), 1);
        if (!isnan(dist))
            near(file, "distance", a.total.distance_m, dist,
                 fmax(0.01, dist * 0.005));
        if (!isnan(jnum(ref, "avg_heart_rate")))
            near(file, "avg HR", a.total.avg_hr == TENDO_UNSET
                                     ? NAN
                                     : a.total.avg_hr,
                 jnum(ref, "avg_heart_rate"), 1);
        if (!isnan(jnum(ref, "max_heart_rate")))
            near(file, "max HR", a.total.max_hr == TENDO_UNSET
                                     ? NAN
                                     : a.total.max_hr,
                 jnum(ref, "max_heart_rate"), 1);
        if (!isnan(jnum(ref, "avg_running_cadence_spm"))) {
            double spm = a.nlegs ? NAN : a.total.avg_cadence_spm;
            for (size_t i = 0; i < a.nlegs && isnan(spm); i++)
                spm = a.legs[i].avg_cadence_spm;
            near(file, "running cadence", spm,
                 jnum(ref, "avg_running_cadence_spm"), 1);
        }
    } else {
        /* no session: the summary comes from the records */
        double last = jnum(ref, "records_last_distance_m");
        time_eq(file, "first record", a.total.start_utc,
                jstr(ref, "records_first_time"));
        near(file, "record span", a.total.elapsed_s,
             jnum(ref, "records_span_s"), 1);
        if (!isnan(last))
            near(file, "record distance", a.total.distance_m, last,
                 fmax(0.01, last * 0.005));
        if (!isnan(jnum(ref, "records_mean_hr")))
            near(file, "record HR", a.total.avg_hr,
                 jnum(ref, "records_mean_hr"), 1);
        if (!a.warnings.len)
            mismatch("%s: no session, but no warning", file);
    }
    tendo_activity_release(&a);
}

static void every_reference_file(void **state)
{
    char path[1024];
    FILE *f;
    char line[65536];
    (void)state;
    snprintf(path, sizeof path, "%s/fit_reference.jsonl", TENDO_SHARED_DATA);
    f = fopen(path, "r");
    assert_non_null(f);
    while (fgets(line, sizeof line, f)) {
        json_error_t je;
        json_t *ref = json_loads(line, 0, &je);
        assert_non_null(ref);
        one(ref);
        json_decref(ref);
    }
    fclose(f);
    print_message("checked %d files, compared %d field by field\n", checked,
                  compared);
    assert_int_equal(failures, 0);
    assert_true(checked >= 60);
    assert_true(compared >= 50);
}

/* GPX (and, once read, TCX) against gpx_tcx_reference.jsonl: point count,
 * first time, duration +-1 s, distance +-1 %, mean heart rate +-1. */
static void one_gpx_tcx(json_t *ref)
{
    char path[1024], first[32];
    const char *file = jstr(ref, "file"), *fmt = jstr(ref, "format");
    const char *t0 = jstr(ref, "first_time");
    struct tendo_activity a;
    struct tendo_error e = {0};
    int rc;
    double timed = jnum(ref, "points_with_time");
    int tcx = fmt && strcmp(fmt, "tcx") == 0;
    const char *layout = jstr(ref, "layout");
    snprintf(path, sizeof path, "%s/%s", TENDO_SHARED_DATA, file);
    rc = tendo_activity_read(path, &a, NULL, &e);
    checked++;
    if (tcx && layout && strcmp(layout, "Courses") == 0) {
        if (rc != TENDO_EUNSUPPORTED)
            mismatch("%s: a course must be refused, got %d", file, rc);
        if (rc == TENDO_OK)
            tendo_activity_release(&a);
        return;
    }
    if (isnan(timed) || timed < 2) {
        if (rc != TENDO_EUNSUPPORTED)
            mismatch("%s: no timed track, yet tendo answered %d", file, rc);
        if (rc == TENDO_OK)
            tendo_activity_release(&a);
        return;
    }
    if (rc) {
        mismatch("%s: %s", file, e.msg);
        return;
    }
    compared++;
    near(file, "points", (double)a.records, jnum(ref, "points"), 0);
    if (t0) { /* the reference keeps fractions of a second; tendo, seconds */
        snprintf(first, sizeof first, "%.19sZ", t0);
        time_eq(file, "first time", a.total.start_utc, first);
    }
    if (tcx) {
        /* TCX carries its own lap totals: those are the figures to keep */
        double lapd = jnum(ref, "lap_distance_m"), laphr = jnum(ref, "lap_avg_hr");
        if (a.nlegs <= 1)
            near(file, "duration", a.total.elapsed_s, jnum(ref, "duration_s"),
                 1);
        near(file, "timer", a.total.timer_s, jnum(ref, "lap_total_time_s"), 1);
        near(file, "lap distance", a.total.distance_m, lapd,
             fmax(1, lapd * 0.01));
        if (!isnan(laphr) && laphr < 255) /* 255: FIT's "invalid" leaked */
            near(file, "lap avg HR", a.total.avg_hr == TENDO_UNSET
                                         ? NAN
                                         : a.total.avg_hr,
                 laphr, 1);
        tendo_activity_release(&a);
        return;
    }
    near(file, "duration", a.total.elapsed_s, jnum(ref, "duration_s"), 1);
    near(file, "distance", a.total.distance_m, jnum(ref, "distance_m"),
         fmax(1, jnum(ref, "distance_m") * 0.01));
    if (!isnan(jnum(ref, "avg_hr")))
        near(file, "avg HR", a.total.avg_hr == TENDO_UNSET ? NAN
                                                           : a.total.avg_hr,
             jnum(ref, "avg_hr"), 1);
    tendo_activity_release(&a);
}

static void every_gpx_tcx_reference_file(void **state)
{
    char path[1024];
    char line[65536];
    FILE *f;
    (void)state;
    checked = compared = failures = 0;
    snprintf(path, sizeof path, "%s/gpx_tcx_reference.jsonl",
             TENDO_SHARED_DATA);
    f = fopen(path, "r");
    assert_non_null(f);
    while (fgets(line, sizeof line, f)) {
        json_error_t je;
        json_t *ref = json_loads(line, 0, &je);
        assert_non_null(ref);
        one_gpx_tcx(ref);
        json_decref(ref);
    }
    fclose(f);
    print_message("GPX/TCX: checked %d files, compared %d\n", checked,
                  compared);
    assert_int_equal(failures, 0);
    assert_true(checked >= 30);
    assert_true(compared >= 25);
}

static int count_one(const struct tendo_session *s, void *ctx)
{
    (void)s;
    (*(int *)ctx)++;
    return 0;
}

static int sessions_in(tendo_db *db)
{
    struct tendo_error e = {0};
    int n = 0;
    assert_int_equal(tendo_sessions_each(db, TENDO_DAY_MIN, INT32_MAX,
                                         count_one, &n, &e),
                     0);
    return n;
}

/* A real file cut at every byte offset, imported into a database that
 * holds other data: each cut is refused with a message and the database
 * does not change; the whole file then imports. */
static void real_file_cut_everywhere(void **state)
{
    const char *path = TENDO_SHARED_DATA "/fit/garmin-fenix-5-run.fit";
    char db_path[] = "/tmp/tendo-cut-XXXXXX";
    char file[600];
    struct tendo_import_opts o = {20416, 0, NULL, NULL, 0};
    struct tendo_import_result r;
    struct tendo_error e = {0};
    struct tendo_session s;
    tendo_db *db;
    uint8_t *data;
    size_t len;
    (void)state;
    assert_non_null(mkdtemp(db_path));
    snprintf(file, sizeof file, "%s/t.db", db_path);
    assert_int_equal(tendo_db_open(file, TENDO_OPEN_CREATE, &db, &e), 0);
    tendo_session_init(&s);
    s.date = 20400;
    snprintf(s.type, sizeof s.type, "bike");
    s.minutes = 30;
    assert_int_equal(tendo_session_add(db, &s, 20416, &e), 0);
    assert_int_equal(tendo_read_file(path, 1 << 24, &data, &len, &e), 0);
    for (size_t cut = 0; cut < len; cut++) {
        uint8_t *copy = malloc(cut ? cut : 1);
        memcpy(copy, data, cut);
        if (tendo_import_memory(db, copy, cut, "cut.fit", &o, &r) == TENDO_OK)
            fail_msg("cut at %zu of %zu imported", cut, len);
        if (!r.err.msg[0])
            fail_msg("cut at %zu refused without a message", cut);
        if (sessions_in(db) != 1)
            fail_msg("cut at %zu changed the database", cut);
        free(copy);
    }
    {
        /* the ledger remembers the last refusal, and why */
        struct tendo_ledger_entry l;
        int found = 0;
        assert_int_equal(tendo_ledger_lookup(db, r.sha256, &l, &found, &e), 0);
        assert_int_equal(found, 1);
        assert_int_equal(l.status, TENDO_LEDGER_REJECTED);
        assert_non_null(strstr(l.error, r.err.msg));
    }
    assert_int_equal(tendo_import_memory(db, data, len, "whole.fit", &o, &r),
                     TENDO_OK);
    assert_int_equal(r.status, TENDO_IMPORT_IMPORTED);
    assert_int_equal(sessions_in(db), 2);
    free(data);
    tendo_db_close(db);
}

int main(void)
{
    struct stat st;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_reference_file),
        cmocka_unit_test(real_file_cut_everywhere),
        cmocka_unit_test(every_gpx_tcx_reference_file),
    };
    if (stat(TENDO_SHARED_DATA "/fit_reference.jsonl", &st) != 0) {
        printf("skipped: no %s (a fresh clone without shared data)\n",
               TENDO_SHARED_DATA);
        return 77;
    }
    return cmocka_run_group_tests(tests, NULL, NULL);
}
