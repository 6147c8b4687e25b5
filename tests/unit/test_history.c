/*
 * tests/unit/test_history.c - the day-by-day history (tendo/history.h) and
 * its loader (tendo/loader.h): records in any order laid out from the
 * first day with data, the figures worked out once (baselines, the 7-day
 * median, the typical run, the load metrics from the first day with data,
 * rehab stages), out-of-memory at every allocation, the loader against a
 * database; and the one-pass replay (tendo_advise_days) giving the same
 * advice as asking day by day, over generated histories.
 */
#include "harness.h"
#include "core/alloc.h"

#include <inttypes.h>

#include "gen_history.h"

static struct tendo_session S[64];
static struct tendo_check C[64];
static struct tendo_rehab R[16];
static struct tendo_assessment A[4];

static struct tendo_session run(tendo_day d, double min, double km)
{
    struct tendo_session s;
    tendo_session_init(&s);
    s.date = d;
    strcpy(s.type, "run");
    s.minutes = min;
    s.distance_m = km * 1000;
    return s;
}

static struct tendo_check check(tendo_day d, int morning, int stiff)
{
    struct tendo_check c;
    tendo_check_init(&c);
    c.date = d;
    c.morning = morning;
    c.stiffness_min = stiff;
    return c;
}

static void layout(void **state)
{
    struct tendo_history_input in;
    struct tendo_history *h;
    struct tendo_error e = {0};
    const struct tendo_history_day *x;
    tendo_day t = TODAY;
    (void)state;
    /* given out of order; a check twice for one day (the later wins); a
     * run after the last day; the first record a check */
    S[0] = run(t - 2, 40, 8);
    S[1] = run(t - 10, 30, 5);
    S[2] = run(t + 1, 99, 9);
    S[3] = run(t - 2, 20, 0);
    S[3].distance_m = NAN;
    S[3].pain_during = 4;
    S[3].rpe = 6;
    C[0] = check(t - 1, 2, 10);
    C[1] = check(t - 20, 1, 5);
    C[2] = check(t - 1, 3, 12);
    C[2].during = 5;
    memset(&in, 0, sizeof in);
    in.last = t;
    in.sessions = S;
    in.nsessions = 4;
    in.checks = C;
    in.nchecks = 3;
    assert_int_equal(tendo_history_build(&in, &h, &e), TENDO_OK);
    assert_int_equal(h->first, t - 20);
    assert_int_equal(h->last, t);
    assert_int_equal(h->ndays, 21);
    assert_int_equal(h->nsessions, 3);
    assert_int_equal(h->nchecks, 2);
    for (size_t i = 0; i < h->ndays; i++)
        assert_int_equal(h->days[i].date, h->first + (tendo_day)i);
    assert_int_equal(h->sessions[0].date, t - 10);
    /* two runs on one day, in the order given */
    x = tendo_history_day(h, t - 2);
    assert_int_equal(x->nsessions, 2);
    assert_true(h->sessions[x->session0].minutes == 40);
    assert_int_equal(x->runs, 2);
    assert_int_equal(x->hard_runs, 1);
    assert_true(x->run_min == 60);
    assert_int_equal(x->pain, 4);
    x = tendo_history_day(h, t - 1);
    assert_non_null(x->check);
    assert_int_equal(x->morning, 3);
    assert_int_equal(x->stiffness, 12);
    assert_int_equal(x->pain, 5);
    assert_null(tendo_history_day(h, t + 1));
    assert_null(tendo_history_day(h, t - 21));
    /* the typical run of the 28 days before: 30, 40, 20 -> 30 minutes; the
     * pace of the two with a distance: 5.0 and 6.0 -> 5.5 min/km */
    x = tendo_history_day(h, t);
    assert_true(x->typical_min == 30);
    assert_true(fabs(x->typical_pace - 5.5) < 1e-12);
    assert_true(isnan(tendo_history_day(h, t - 10)->typical_min));
    assert_true(tendo_history_day(h, t - 9)->typical_min == 30);
    tendo_history_free(h);

    /* nothing at all: one empty day */
    memset(&in, 0, sizeof in);
    in.last = t;
    assert_int_equal(tendo_history_build(&in, &h, &e), TENDO_OK);
    assert_int_equal(h->first, t);
    assert_int_equal(h->ndays, 1);
    assert_int_equal(h->days[0].morning, TENDO_UNSET);
    assert_true(isnan(h->load[0].acwr));
    tendo_history_free(h);
    tendo_history_free(NULL);
    /* an unknown protocol is refused */
    {
        struct tendo_athlete ath;
        tendo_athlete_init(&ath);
        strcpy(ath.protocol, "yoga");
        in.athlete = &ath;
        assert_int_equal(tendo_history_build(&in, &h, &e), TENDO_EUSAGE);
        assert_null(h);
    }
}

static void baselines(void **state)
{
    struct tendo_history_input in;
    struct tendo_history *h;
    struct tendo_error e = {0};
    static const int m[8] = {0, 4, 1, 1, 2, 5, 1, 3};
    tendo_day t = TODAY;
    size_t n = 0;
    (void)state;
    /* 8 mornings before today, one gap (t - 3) */
    for (int i = 0; i < 8; i++)
        if (i != 5)
            C[n++] = check(t - 9 + i, m[i], 5 * (i + 1));
    C[n++] = check(t, 6, 30);
    memset(&in, 0, sizeof in);
    in.last = t;
    in.checks = C;
    in.nchecks = n;
    assert_int_equal(tendo_history_build(&in, &h, &e), TENDO_OK);
    /* today: the 7 checked mornings before it, today left out:
     * 4 1 1 2 1 3 and 0 -> sorted 0 1 1 1 2 3 4: median 1 */
    assert_int_equal(tendo_history_day(h, t)->base_morning, 1);
    /* stiffness 5..40 without the gap's 30: 10 15 20 25 35 40 and 5 ->
     * median 20 */
    assert_int_equal(tendo_history_day(h, t)->base_stiffness, 20);
    /* fewer than 3 checks before: unknown */
    assert_int_equal(tendo_history_day(h, t - 7)->base_morning, TENDO_UNSET);
    assert_int_equal(tendo_history_day(h, t - 6)->base_morning, 1);
    /* the 7-day median ending today: 1 2 _ 1 3 ... t-6..t = 1 2 1 3 6 (and
     * t-3 missing) -> 1 1 2 3 6: 2 */
    assert_int_equal(tendo_history_day(h, t)->week_morning, 2);
    tendo_history_free(h);
}

/* the load metrics start on the first day with data of any kind */
static void load_from_first_day(void **state)
{
    struct tendo_history_input in;
    struct tendo_history *h;
    struct tendo_error e = {0};
    struct tendo_load_day ld, mine[60];
    struct tendo_load_week wk, weeks[12];
    size_t nw, ns = 0;
    tendo_day t = TODAY;
    (void)state;
    for (int i = 0; i < 40; i += 2)
        S[ns++] = run(t - 40 + i, 40, 8);
    C[0] = check(t - 50, 1, 5);   /* the first day with data */
    memset(&in, 0, sizeof in);
    in.last = t;
    in.sessions = S;
    in.nsessions = ns;
    in.checks = C;
    in.nchecks = 1;
    assert_int_equal(tendo_history_build(&in, &h, &e), TENDO_OK);
    assert_int_equal(h->first, t - 50);
    /* 35 days from t - 50 on: a ratio from t - 16 */
    assert_true(isnan(h->load[33].acwr));
    assert_false(isnan(h->load[34].acwr));
    /* the same figures as tendo_load_compute from that first day */
    memset(mine, 0, sizeof mine);
    assert_int_equal(tendo_load_compute(h->sessions, h->nsessions, t - 50,
                                        t - 50, t, &h->load_params, mine,
                                        weeks, &nw, &e),
                     TENDO_OK);
    assert_int_equal(nw, h->nweeks);
    for (int i = 0; i <= 50; i++) {
        if (memcmp(&mine[i], &h->load[i], sizeof mine[i]) != 0)
            fail_msg("day %d: %g/%g %g/%g %g/%g mono %g/%g", i, mine[i].acwr,
                     h->load[i].acwr, mine[i].ctl, h->load[i].ctl,
                     mine[i].tsb, h->load[i].tsb, mine[i].monotony,
                     h->load[i].monotony);
    }
    /* before the history: an empty day and week */
    tendo_history_load_day(h, t - 60, &ld);
    assert_int_equal(ld.date, t - 60);
    assert_true(ld.tendon_load == 0 && isnan(ld.acwr) && isnan(ld.monotony));
    tendo_history_load_week(h, tendo_day_week_start(t - 70), &wk);
    assert_true(wk.run_min == 0 && isnan(wk.ramp_pct));
    tendo_history_load_week(h, tendo_day_week_start(t) - 7, &wk);
    assert_true(wk.run_min == 4 * 40);   /* Tue, Thu, Sat, Sun before */
    tendo_history_free(h);
}

static void rehab_and_lsi(void **state)
{
    struct tendo_history_input in;
    struct tendo_history *h;
    struct tendo_error e = {0};
    tendo_day t = TODAY;
    (void)state;
    for (int i = 0; i < 3; i++) {
        tendo_rehab_init(&R[i]);
        R[i].date = t - 6 + 2 * i;
        R[i].sets = 3;
    }
    strcpy(R[0].exercise, "heel-drop");     /* stage 2 of seed */
    strcpy(R[0].surface, "flat");
    R[0].reps = 10;
    R[0].load_kg = 0;
    strcpy(R[1].exercise, "hops");          /* not in the protocol */
    R[1].reps = 10;
    strcpy(R[2].exercise, "heel-drop");     /* stage 5, 2 steps of 2.5 */
    strcpy(R[2].surface, "step");
    R[2].reps = 10;
    R[2].load_kg = 7.5;
    tendo_assessment_init(&A[0]);
    A[0].date = t - 5;
    strcpy(A[0].kind, "heel-raise");
    A[0].score = 70;
    tendo_assessment_init(&A[1]);
    A[1].date = t - 2;
    strcpy(A[1].kind, "heel-raise");
    A[1].score = 85;
    tendo_assessment_init(&A[2]);
    A[2].date = t - 1;
    strcpy(A[2].kind, "visa-a");
    A[2].score = 60;
    memset(&in, 0, sizeof in);
    in.last = t;
    in.rehab = R;
    in.nrehab = 3;
    in.assessments = A;
    in.nassessments = 3;
    assert_int_equal(tendo_history_build(&in, &h, &e), TENDO_OK);
    assert_int_equal(h->first, t - 6);
    assert_int_equal(h->rehab_stage[0], 2);
    assert_int_equal(h->rehab_stage[1], 0);
    assert_int_equal(h->rehab_stage[2], 5);
    assert_int_equal(h->rehab_step[2], 2);
    assert_int_equal(tendo_history_day(h, t - 5)->last_rehab, 0);
    assert_int_equal(tendo_history_day(h, t - 3)->last_rehab, 0);
    assert_int_equal(tendo_history_day(h, t - 2)->last_rehab, 2);
    assert_true(tendo_history_lsi(h, t - 6, t) == 85);
    assert_true(tendo_history_lsi(h, t - 6, t - 3) == 70);
    assert_true(isnan(tendo_history_lsi(h, t - 1, t)));
    tendo_history_free(h);
}

/* every allocation failing in turn: a clean TENDO_ENOMEM, never a crash
 * or a leak (the sanitizer tree checks the leaks) */
static void out_of_memory(void **state)
{
    struct tendo_history_input in;
    struct tendo_history *h;
    struct tendo_error e = {0};
    long n;
    (void)state;
    for (int i = 0; i < 10; i++)
        S[i] = run(TODAY - 2 * i, 30 + i, 6);
    C[0] = check(TODAY, 1, 5);
    memset(&in, 0, sizeof in);
    in.last = TODAY;
    in.sessions = S;
    in.nsessions = 10;
    in.checks = C;
    in.nchecks = 1;
    tendo_alloc_fail_after(-1);
    assert_int_equal(tendo_history_build(&in, &h, &e), TENDO_OK);
    tendo_history_free(h);
    n = tendo_alloc_fail_after(-1);
    assert_true(n > 5);
    for (long k = 0; k < n; k++) {
        tendo_error_clear(&e);
        tendo_alloc_fail_after(k);
        assert_int_equal(tendo_history_build(&in, &h, &e), TENDO_ENOMEM);
        assert_null(h);
    }
    tendo_alloc_fail_after(-1);
}

static int on_session_note(const struct tendo_session *s, void *ctx)
{
    (void)s;
    ++*(int *)ctx;
    return 0;
}

/* the loader reads what the store holds, up to its day */
static void loader(void **state)
{
    struct tendo_error e = {0};
    struct tendo_history *h;
    tendo_db *db;
    int n = 0;
    (void)state;
    assert_int_equal(tendo_db_open(temp_db("h.db"), TENDO_OPEN_CREATE, &db,
                                   &e),
                     TENDO_OK);
    assert_int_equal(tendo_db_begin(db, &e), TENDO_OK);
    for (int i = 0; i < 5; i++) {
        struct tendo_session s = run(TODAY - 8 + 2 * i, 30 + i, 6);
        struct tendo_check c = check(TODAY - 9 + 2 * i, i, 5);
        assert_int_equal(tendo_session_add(db, &s, TODAY, &e), TENDO_OK);
        assert_int_equal(tendo_check_put(db, &c, TODAY, &e), TENDO_OK);
    }
    assert_int_equal(tendo_setting_set(db, "protocol", "hsr", &e), TENDO_OK);
    assert_int_equal(tendo_setting_set(db, "ramp", "5", &e), TENDO_OK);
    assert_int_equal(tendo_setting_set(db, "runs_per_week", "3", &e),
                     TENDO_OK);
    assert_int_equal(tendo_setting_set(db, "goal_week", "30km", &e),
                     TENDO_OK);
    assert_int_equal(tendo_db_commit(db, &e), TENDO_OK);
    assert_int_equal(tendo_history_load(db, TODAY - 1, &h, &e), TENDO_OK);
    assert_int_equal(h->first, TODAY - 9);
    assert_int_equal(h->last, TODAY - 1);
    assert_int_equal(h->nsessions, 4);   /* the one on TODAY is after */
    assert_int_equal(h->nchecks, 5);
    assert_string_equal(h->athlete.protocol, "hsr");
    assert_true(fabs(h->athlete.ramp - 0.05) < 1e-12);
    assert_int_equal(h->athlete.runs_per_week, 3);
    assert_true(h->athlete.goal_km == 30 && isnan(h->athlete.goal_min));
    assert_int_equal(h->athlete.long_run_day, 6);
    tendo_history_free(h);
    /* the same sessions as a plain walk gives */
    assert_int_equal(tendo_sessions_each(db, TENDO_DAY_MIN, TODAY - 1,
                                         on_session_note, &n, &e),
                     TENDO_OK);
    assert_int_equal(n, 4);
    /* inside a caller's transaction too */
    assert_int_equal(tendo_db_begin(db, &e), TENDO_OK);
    assert_int_equal(tendo_history_load(db, TODAY, &h, &e), TENDO_OK);
    assert_int_equal(h->nsessions, 5);
    tendo_history_free(h);
    assert_int_equal(tendo_db_commit(db, &e), TENDO_OK);
    tendo_db_close(db);
}

/* one pass (tendo_advise_days) = asking day by day (tendo_advise), over
 * generated histories: the report's strip and `today` can never differ */
struct collect {
    struct tendo_advice *a;
    size_t n;
};

static int collect(const struct tendo_advice *a, void *ctx)
{
    struct collect *c = ctx;
    c->a[c->n++] = *a;
    return 0;
}

static void one_pass_is_day_by_day(void **state)
{
    static struct gen g;
    static struct tendo_advice days[MAXDAYS + 40];
    const char *env = getenv("TENDO_HISTORY_CASES");
    unsigned long cases = env ? strtoul(env, NULL, 10) : 300;
    (void)state;
    rng_state = 0x51a7e5ull;
    for (unsigned long n = 0; n < cases; n++) {
        struct tendo_history *h;
        struct tendo_error e = {0};
        struct collect c = {days, 0};
        tendo_day from;
        generate(&g);
        h = gen_history(&g);
        from = h->first - 3;    /* a few days before any data, too */
        assert_int_equal(tendo_advise_days(h, from, g.today, collect, &c, &e),
                         TENDO_OK);
        assert_int_equal(c.n, (size_t)(g.today - from + 1));
        for (size_t i = 0; i < c.n; i++) {
            struct tendo_advice one;
            assert_int_equal(tendo_advise(h, from + (tendo_day)i, &one, &e),
                             TENDO_OK);
            if (memcmp(&one, &days[i], sizeof one) != 0)
                fail_msg("case %lu day %zu: the one-pass advice differs", n,
                         i);
        }
        tendo_history_free(h);
    }
}

/* §7a adherence over generated histories: tendo_routine_days (one pass)
 * gives each day's due blocks as that day's advice alone does, and the
 * blocks done as the logs say; so done & due of due, the report's
 * figures, are the advice's and the diary's */
static void routine_adherence(void **state)
{
    static struct gen g;
    static unsigned char due[MAXDAYS + 40], done[MAXDAYS + 40];
    const char *env = getenv("TENDO_HISTORY_CASES");
    unsigned long cases = env ? strtoul(env, NULL, 10) : 300;
    unsigned long with_due = 0, with_done = 0;
    (void)state;
    rng_state = 0xad4e7ull;
    for (unsigned long n = 0; n < cases; n++) {
        struct tendo_history *h;
        struct tendo_error e = {0};
        tendo_day from;
        int sum_due = 0, sum_done = 0, want_done = 0;
        generate(&g);
        h = gen_history(&g);
        from = h->first;
        assert_int_equal(tendo_routine_days(h, from, g.today, due, done, &e),
                         TENDO_OK);
        for (tendo_day d = from; d <= g.today; d++) {
            struct tendo_advice one;
            unsigned char bits = 0, logged = 0;
            assert_int_equal(tendo_advise(h, d, &one, &e), TENDO_OK);
            for (size_t k = 0; k < one.routine.nblocks; k++)
                bits |= (unsigned char)(1u << one.routine.blocks[k].block);
            if (bits != due[d - from])
                fail_msg("case %lu day %d: due %#x, the day's advice %#x", n,
                         (int)(d - from), due[d - from], bits);
            for (size_t k = 0; k < g.nroutine; k++)
                if (g.routine[k].date == d)
                    logged |= (unsigned char)(1u << tendo_block_of(
                                                  g.routine[k].block));
            if (logged != done[d - from])
                fail_msg("case %lu day %d: done %#x, logged %#x", n,
                         (int)(d - from), done[d - from], logged);
            for (int b = 0; b < TENDO_BLOCK_COUNT; b++) {
                sum_due += (bits >> b) & 1;
                sum_done += ((bits & logged) >> b) & 1;
            }
            want_done += __builtin_popcount(bits & logged);
        }
        assert_int_equal(sum_done, want_done);
        assert_true(sum_done <= sum_due);
        with_due += sum_due > 0;
        with_done += sum_done > 0;
        tendo_history_free(h);
    }
    /* the generated diaries reach both sides */
    assert_true(with_due > cases / 2);
    assert_true(with_done > cases / 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(layout),
        cmocka_unit_test(baselines),
        cmocka_unit_test(load_from_first_day),
        cmocka_unit_test(rehab_and_lsi),
        cmocka_unit_test(out_of_memory),
        cmocka_unit_test(loader),
        cmocka_unit_test(one_pass_is_day_by_day),
        cmocka_unit_test(routine_adherence),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
