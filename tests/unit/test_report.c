/*
 * tests/unit/test_report.c - the SVG charts and the HTML report
 * (tendo/report.h): golden axis scales (ticks at 1/2/5 x 10^k), a chart's
 * coordinates worked out by hand, escaping, bad arguments, and a report
 * from a worked history holding every section, one SVG per chart, the
 * flare-up and red flag in the summary, and nothing that points outside
 * the file. xmllint and headless Chromium check the rendered page in
 * cli:t99-report and report:screenshot.
 */
#include "harness.h"

static void axis(double lo, double hi, int max, double wlo, double whi,
                 double wstep, int wn)
{
    struct tendo_axis a;
    tendo_nice_axis(lo, hi, max, &a);
    if (fabs(a.lo - wlo) > 1e-9 || fabs(a.hi - whi) > 1e-9 ||
        fabs(a.step - wstep) > 1e-12 || a.nticks != wn)
        fail_msg("axis(%g, %g, %d) = %g..%g step %g n %d, wanted %g..%g "
                 "step %g n %d",
                 lo, hi, max, a.lo, a.hi, a.step, a.nticks, wlo, whi, wstep,
                 wn);
}

static void nice_axes(void **state)
{
    (void)state;
    axis(0, 97, 6, 0, 100, 20, 6);
    axis(0, 183, 6, 0, 200, 50, 5);
    axis(0, 10, 6, 0, 10, 2, 6);
    axis(0, 1.62, 6, 0, 2, 0.5, 5);
    axis(0, 2, 6, 0, 2, 0.5, 5);
    axis(3, 7, 6, 3, 7, 1, 5);
    axis(-3, 12, 6, -5, 15, 5, 5);
    axis(0, 0, 6, 0, 1, 0.2, 6);
    axis(160, 175, 6, 160, 175, 5, 4);
    axis(0, 1234, 6, 0, 1500, 500, 4);
    axis(0.8, 1.3, 6, 0.8, 1.3, 0.1, 6);
    axis(NAN, 5, 6, 0, 1, 0.2, 6);
    /* any range: covered, at most max ticks, steps 1/2/5 x 10^k */
    for (int i = 0; i < 20000; i++) {
        double lo = (i * 7919 % 2001 - 1000) / 7.0,
               hi = lo + (i * 104729 % 100003) / 13.0;
        int max = 2 + i % 9;
        struct tendo_axis a;
        double m;
        tendo_nice_axis(lo, hi, max, &a);
        m = a.step / pow(10, floor(log10(a.step) + 1e-9));
        if (!(a.lo <= lo + 1e-9 * a.step && a.hi >= hi - 1e-9 * a.step))
            fail_msg("axis(%.17g, %.17g, %d) = %.17g..%.17g step %g", lo, hi,
                     max, a.lo, a.hi, a.step);
        if (a.nticks < 2 || a.nticks > (lo < 0 && hi > 0 && max < 3 ? 3 : max))
            fail_msg("axis(%.17g, %.17g, %d): %d ticks, step %g", lo, hi, max,
                     a.nticks, a.step);
        assert_true(fabs(m - 1) < 1e-6 || fabs(m - 2) < 1e-6 ||
                    fabs(m - 5) < 1e-6);
    }
}

static char *chart_text(const struct tendo_chart *c)
{
    static struct tendo_buf b;
    struct tendo_error e = {0};
    tendo_buf_release(&b);
    tendo_buf_init(&b, 0);
    if (tendo_svg_chart(&b, c, &e))
        fail_msg("chart: %s", e.msg);
    tendo_buf_putc(&b, '\0');
    return b.data;
}

static void chart_scale(void **state)
{
    static const double y[3] = {50, 97, NAN};
    static const double z[3] = {1, NAN, 3};
    struct tendo_series s[2] = {
        {"minutes <run> & \"more\"", TENDO_SERIES_BARS, y, 0, "#1f77b4"},
        {"pain", TENDO_SERIES_LINE, z, 0, "#d62728"}};
    struct tendo_marker m = {D("2026-11-10"), "flare-up", NULL};
    struct tendo_chart c;
    char *t;
    (void)state;
    memset(&c, 0, sizeof c);
    c.id = "t1";
    c.title = "Load & pain";
    c.description = "a <test>";
    c.x0 = D("2026-11-09");
    c.nx = 3;
    c.x_days = 7;
    c.series = s;
    c.nseries = 2;
    c.y_unit = "min";
    c.y_min = c.y_max = c.y2_min = c.y2_max = NAN;
    c.markers = &m;
    c.nmarkers = 1;
    t = chart_text(&c);
    /* 0..100 by 20 over y 210..30: 100 at 30, 0 at 210 (labels 4 below) */
    assert_non_null(strstr(t, "y=\"34.0\" text-anchor=\"end\">100</text>"));
    assert_non_null(strstr(t, "y=\"214.0\" text-anchor=\"end\">0</text>"));
    assert_non_null(strstr(t, "y=\"142.0\" text-anchor=\"end\">40</text>"));
    /* x: 3 slots over 52..624, 190.67 wide; a bar is 70 % of its slot;
     * 50 -> y 120, height 90 */
    assert_non_null(strstr(t, "<rect x=\"80.6\" y=\"120.0\" width=\"133.5\" "
                              "height=\"90.0\" fill=\"#1f77b4\"/>"));
    /* the line breaks at the missing value: two polylines of one point */
    assert_non_null(strstr(t, "points=\"147.3,208.2\"/>"));
    assert_non_null(strstr(t, "points=\"528.7,204.6\"/>"));
    /* week labels, the marker in the first week, escaping, accessibility */
    assert_non_null(strstr(t, ">9 Nov</text>"));
    assert_non_null(strstr(t, ">23 Nov</text>"));
    assert_non_null(strstr(t, "x1=\"147.3\" y1=\"30.0\" x2=\"147.3\""));
    assert_non_null(strstr(t, "minutes &lt;run&gt; &amp; &quot;more&quot;"));
    assert_non_null(strstr(t, "<title id=\"t1-t\">Load &amp; pain</title>"));
    assert_non_null(strstr(t, "<desc id=\"t1-d\">a &lt;test&gt;</desc>"));
    assert_non_null(strstr(t, "role=\"img\" aria-labelledby=\"t1-t t1-d\""));
    assert_null(strstr(t, "nan"));
    /* a right axis: its own scale, ticks on the right */
    s[1].right_axis = 1;
    c.y2_unit = "pain";
    c.y2_min = 0;
    c.y2_max = 10;
    t = chart_text(&c);
    assert_non_null(strstr(t, "text-anchor=\"start\">10</text>"));
    assert_non_null(strstr(t, "pain (right axis)"));
    /* bad arguments */
    {
        struct tendo_buf b;
        struct tendo_error e = {0};
        tendo_buf_init(&b, 0);
        c.id = "Bad id";
        assert_int_equal(tendo_svg_chart(&b, &c, &e), TENDO_EUSAGE);
        c.id = "t1";
        c.x_days = 3;
        assert_int_equal(tendo_svg_chart(&b, &c, &e), TENDO_EUSAGE);
        c.x_days = 7;
        c.nx = 0;
        assert_int_equal(tendo_svg_chart(&b, &c, &e), TENDO_EUSAGE);
        tendo_buf_release(&b);
    }
}

/* ---- the whole report from a worked history ---- */

static struct tendo_session S[200];
static struct tendo_check C[200];
static struct tendo_rehab R[100];

static void report(void **state)
{
    tendo_day today = D("2026-11-24"), from = D("2026-09-07");
    size_t ns = 0, nc = 0, nr = 0;
    struct tendo_report_input in;
    struct tendo_history_input hi;
    struct tendo_history *h;
    struct tendo_shoe shoe;
    struct tendo_assessment as[2];
    struct tendo_buf b;
    struct tendo_error e = {0};
    char *t;
    (void)state;
    for (tendo_day d = today - 150; d <= today; d++) {
        int flare = d >= D("2026-10-20") && d < D("2026-10-23");
        if (d < today && !flare && (d - today) % 2 == 0) {
            tendo_session_init(&S[ns]);
            S[ns].date = d;
            strcpy(S[ns].type, "run");
            S[ns].minutes = 40;
            S[ns].distance_m = 8000;
            S[ns].rpe = 4;
            ns++;
        }
        tendo_check_init(&C[nc]);
        C[nc].date = d;
        C[nc].morning = d == D("2026-10-20") ? 7 : 1;
        C[nc].stiffness_min = 10;
        if (d == D("2026-11-02"))
            C[nc].flags = TENDO_FLAG_NIGHT;
        nc++;
        if (d % 3 == 0 && nr < 100) {
            tendo_rehab_init(&R[nr]);
            R[nr].date = d;
            strcpy(R[nr].exercise, "heel-drop");
            strcpy(R[nr].surface, "flat");
            R[nr].sets = 3;
            R[nr].reps = 10;
            R[nr].load_kg = 0;
            nr++;
        }
    }
    tendo_shoe_init(&shoe);
    strcpy(shoe.name, "Ghost <15>");
    shoe.distance_m = 412000;
    shoe.sessions = 50;
    tendo_assessment_init(&as[0]);
    as[0].date = D("2026-11-03");
    strcpy(as[0].kind, "heel-raise");
    as[0].left = 20;
    as[0].right = 25;
    as[0].score = 80;
    tendo_assessment_init(&as[1]);
    as[1].date = D("2026-11-10");
    strcpy(as[1].kind, "visa-a");
    as[1].score = 71;
    memset(&hi, 0, sizeof hi);
    hi.last = today;
    hi.sessions = S;
    hi.nsessions = ns;
    hi.checks = C;
    hi.nchecks = nc;
    hi.rehab = R;
    hi.nrehab = nr;
    hi.shoes = &shoe;
    hi.nshoes = 1;
    hi.assessments = as;
    hi.nassessments = 2;
    assert_int_equal(tendo_history_build(&hi, &h, &e), TENDO_OK);
    memset(&in, 0, sizeof in);
    in.title = "A & B";
    in.history = h;
    in.from = from;
    in.to = today;
    tendo_buf_init(&b, 0);
    if (tendo_report_html(&b, &in, &e))
        fail_msg("report: %s", e.msg);
    tendo_buf_putc(&b, '\0');
    t = b.data;
    assert_true(strncmp(t, "<!DOCTYPE html>", 15) == 0);
    assert_non_null(strstr(t, "<title>tendo report A &amp; B 2026-11-24</title>"));
    assert_non_null(strstr(t, "Clinician summary"));
    assert_non_null(strstr(t, "Flare-ups in this period: 2026-10-20"));
    assert_non_null(strstr(t, "Red flags: <b>night</b> since 2026-11-02, <b>open</b>"));
    assert_non_null(strstr(t, "Ghost &lt;15&gt;"));
    assert_non_null(strstr(t, "<td>412</td>"));
    assert_non_null(strstr(t, "Rehab stage (seed protocol) and added load"));
    assert_non_null(strstr(t, "Rehab adherence, weekly"));
    assert_non_null(strstr(t, "Heel-raise test and VISA-A"));
    /* the chart bands are the rules' thresholds (clinical.md §1, §8, §9) */
    assert_non_null(strstr(t, ">0.8-1.3</text>"));
    assert_non_null(strstr(t, ">above 1.5</text>"));
    assert_non_null(strstr(t, ">safe 0-2</text>"));
    assert_non_null(strstr(t, ">acceptable 3-5</text>"));
    assert_non_null(strstr(t, ">LSI 80 % or more</text>"));
    assert_non_null(strstr(t, "shaded: 0.8-1.3 and above 1.5; empty until 35 "
                              "days of history"));
    {
        int svgs = 0;
        for (char *p = t; (p = strstr(p, "<svg ")); p++)
            svgs++;
        assert_int_equal(svgs, 9);
    }
    /* nothing outside the file: the only URL is the SVG namespace name */
    for (char *p = t; (p = strstr(p, "http")); p++)
        assert_true(strncmp(p, "http://www.w3.org/2000/svg\"", 27) == 0);
    assert_null(strstr(t, "<script"));
    assert_null(strstr(t, "url("));
    assert_null(strstr(t, "@import"));
    assert_null(strstr(t, "src="));
    assert_null(strstr(t, "nan"));
    /* the days must end within the history */
    in.to = today + 1;
    assert_int_equal(tendo_report_html(&b, &in, &e), TENDO_EUSAGE);
    in.to = today;
    in.from = today + 1;
    assert_int_equal(tendo_report_html(&b, &in, &e), TENDO_EUSAGE);
    tendo_buf_release(&b);
    tendo_history_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nice_axes),
        cmocka_unit_test(chart_scale),
        cmocka_unit_test(report),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
