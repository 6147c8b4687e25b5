/*
 * tests/unit/test_documents.c - the JSON documents the library builds for
 * every client (tendo/documents.h): the advice, the plan and the load in km
 * and in miles, the rehab stages over time, assessments with their
 * changes; null (never 0) for what is not known.
 */
#include "harness.h"

static struct tendo_session S[64];
static struct tendo_check C[64];
static struct tendo_rehab R[16];

static char *dump(json_t *v)
{
    char *s = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(v);
    assert_non_null(s);
    return s;
}

static struct tendo_history *calm(void)
{
    struct tendo_history_input in;
    struct tendo_history *h;
    struct tendo_error e = {0};
    size_t ns = 0, nc = 0;
    for (tendo_day d = TODAY - 40; d <= TODAY; d++) {
        tendo_check_init(&C[nc]);
        C[nc].date = d;
        C[nc].morning = 1;
        C[nc].stiffness_min = 10;
        nc++;
        if ((TODAY - d) % 2 == 0 && d < TODAY) {
            tendo_session_init(&S[ns]);
            S[ns].date = d;
            strcpy(S[ns].type, "run");
            S[ns].minutes = 40;
            S[ns].distance_m = 8000;
            ns++;
        }
    }
    for (int i = 0; i < 4; i++) {
        tendo_rehab_init(&R[i]);
        R[i].date = TODAY - 8 + 2 * i;
        strcpy(R[i].exercise, i < 2 ? "heel-raise" : "heel-drop");
        strcpy(R[i].surface, "flat");
        R[i].sets = 3;
        R[i].reps = 10;
        R[i].load_kg = 0;
        R[i].pain = i;
    }
    memset(&in, 0, sizeof in);
    in.last = TODAY;
    in.sessions = S;
    in.nsessions = ns;
    in.checks = C;
    in.nchecks = nc;
    in.rehab = R;
    in.nrehab = 4;
    assert_int_equal(tendo_history_build(&in, &h, &e), TENDO_OK);
    return h;
}

static void advice_and_plan(void **state)
{
    struct tendo_history *h = calm();
    struct tendo_advice a;
    static struct tendo_plan p;
    struct tendo_plan_input pi;
    struct tendo_error e = {0};
    char *s;
    (void)state;
    assert_int_equal(tendo_advise(h, TODAY, &a, &e), TENDO_OK);
    s = dump(tendo_advice_json(&a, NULL, TENDO_UNITS_KM));
    assert_non_null(strstr(s, "{\"date\":\"2026-11-24\",\"level\":\""));
    assert_non_null(strstr(s, "\"max_km\":"));
    assert_null(strstr(s, "\"max_mi\""));
    assert_non_null(strstr(s, "\"reasons\":[{\"code\":"));
    assert_non_null(strstr(s, "\"flare\":{\"step\":\"none\",\"since\":null}"));
    free(s);
    s = dump(tendo_advice_json(&a, NULL, TENDO_UNITS_MI));
    assert_non_null(strstr(s, "\"max_mi\":"));
    free(s);
    s = dump(tendo_prescription_json(&a));
    assert_non_null(strstr(s, "\"exercise\":\"heel-drop\""));
    assert_non_null(strstr(s, "\"reasons\":[{\"code\":\"rehab_"));
    free(s);

    memset(&pi, 0, sizeof pi);
    pi.history = h;
    pi.today = pi.from = TODAY;
    pi.weeks = 2;
    assert_int_equal(tendo_plan(&pi, &p, &e), TENDO_OK);
    s = dump(tendo_plan_json(&p, TENDO_UNITS_MI));
    assert_non_null(strstr(s, "{\"from\":\"2026-11-24\""));
    assert_non_null(strstr(s, "\"rest_day\":\"Mon\""));
    assert_non_null(strstr(s, "\"run_mi\":"));
    assert_null(strstr(s, "\"run_km\""));
    free(s);
    tendo_history_free(h);
}

static void load(void **state)
{
    struct tendo_history *h = calm();
    json_t *doc;
    (void)state;
    /* from before the first day with data: empty days, null ratios */
    doc = tendo_load_json(h, TODAY - 55, TODAY, TENDO_UNITS_KM);
    assert_int_equal(json_array_size(json_object_get(doc, "days")), 56);
    assert_int_equal(json_array_size(json_object_get(doc, "weeks")), 9);
    {
        json_t *d0 = json_array_get(json_object_get(doc, "days"), 0);
        json_t *dl = json_array_get(json_object_get(doc, "days"), 55);
        assert_true(json_is_null(json_object_get(d0, "acwr")));
        assert_true(json_real_value(json_object_get(d0, "run_min")) == 0);
        assert_true(json_is_null(json_object_get(dl, "acwr")) == 0);
    }
    json_decref(doc);
    tendo_history_free(h);
}

static void rehab_runs(void **state)
{
    struct tendo_history *h = calm();
    struct tendo_rehab_run runs[4];
    size_t n = tendo_rehab_runs(h, TODAY - 30, TODAY, runs, 4);
    char *s;
    (void)state;
    assert_int_equal(n, 2);
    assert_int_equal(runs[0].stage, 1);
    assert_int_equal(runs[0].sessions, 2);
    assert_int_equal(runs[0].max_pain, 1);
    assert_int_equal(runs[1].stage, 2);
    assert_int_equal(runs[1].from, TODAY - 4);
    /* counted even when they do not fit */
    assert_int_equal(tendo_rehab_runs(h, TODAY - 30, TODAY, NULL, 0), 2);
    s = dump(tendo_rehab_runs_json("seed", runs, n));
    assert_non_null(strstr(s, "{\"protocol\":\"seed\",\"stages\":[{\"from\":"
                              "\"2026-11-16\",\"to\":\"2026-11-18\","
                              "\"stage\":1,\"name\":\"two-leg heel raises "
                              "on the floor\",\"load_kg\":0.0,\"sessions\":2,"
                              "\"max_pain\":1}"));
    free(s);
    tendo_history_free(h);
}

static void assessments(void **state)
{
    struct tendo_assessment a[4];
    double change[4];
    char *s;
    (void)state;
    for (int i = 0; i < 4; i++)
        tendo_assessment_init(&a[i]);
    strcpy(a[0].kind, "visa-a");
    a[0].score = 60;
    strcpy(a[0].answers, "8,8,7,8,6,6,7,10");
    strcpy(a[1].kind, "heel-raise");
    a[1].left = 20;
    a[1].right = 25;
    a[1].score = 80;
    strcpy(a[2].kind, "visa-a");
    a[2].score = 71;
    strcpy(a[3].kind, "dorsiflexion");
    a[3].left = 9;
    a[3].right = 11.5;
    for (int i = 0; i < 4; i++)
        a[i].date = TODAY - 10 + i;
    tendo_assessment_changes(a, 4, change);
    assert_true(isnan(change[0]) && isnan(change[1]) && isnan(change[3]));
    assert_true(change[2] == 11);
    s = dump(tendo_assessment_doc_json(&a[1], "left"));
    assert_non_null(strstr(s, "\"involved\":\"left\",\"lsi\":80.0"));
    free(s);
    s = dump(tendo_assessments_doc_json(a, 4));
    assert_non_null(strstr(s, "\"answers\":[8,8,7,8,6,6,7,10],\"change\":null"));
    assert_non_null(strstr(s, "\"score\":71.0,\"answers\":[],\"change\":11.0"));
    assert_non_null(strstr(s, "\"difference_cm\":2.5"));
    free(s);
    /* a damaged answers string never loops */
    strcpy(a[0].answers, "8,x,7");
    s = dump(tendo_assessment_doc_json(&a[0], NULL));
    assert_non_null(strstr(s, "\"answers\":[8]"));
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(advice_and_plan),
        cmocka_unit_test(load),
        cmocka_unit_test(rehab_runs),
        cmocka_unit_test(assessments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
