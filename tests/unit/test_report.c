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

/* The y of the first <text ...>LABEL</text> after `from` (its baseline),
 * or NAN. */
static double text_y(const char *from, const char *label)
{
    char pat[80];
    const char *p, *y;
    snprintf(pat, sizeof pat, ">%s</text>", label);
    if (!(p = strstr(from, pat)))
        return NAN;
    while (p > from && strncmp(p, "<text", 5))
        p--;
    if (!(y = strstr(p, " y=\"")))
        return NAN;
    return strtod(y + 4, NULL);
}

static double attr(const char *p, const char *name)
{
    char pat[32];
    const char *v;
    snprintf(pat, sizeof pat, " %s=\"", name);
    return (v = strstr(p, pat)) ? strtod(v + strlen(pat), NULL) : NAN;
}

/* characters as rendered: an entity or a UTF-8 sequence is one */
static double rendered_len(const char *p, const char *end)
{
    double n = 0;
    while (p < end) {
        if (*p == '&') {
            const char *semi = memchr(p, ';', (size_t)(end - p));
            p = semi ? semi + 1 : p + 1;
        } else {
            p++;
            while (p < end && (*p & 0xc0) == 0x80)
                p++;
        }
        n++;
    }
    return n;
}

/* Every <text> of each <svg> in `t` as a box (0.62 em a character, one
 * em high, by its anchor): no two may overlap. Returns the texts seen. */
static int no_text_overlaps(const char *t)
{
    int seen = 0;
    for (const char *svg = strstr(t, "<svg "); svg;
         svg = strstr(svg + 1, "<svg ")) {
        const char *end = strstr(svg, "</svg>");
        double fs = attr(svg, "font-size"), box[400][4];
        int n = 0;
        char lab[400][80];
        if (isnan(fs))
            fs = 11;
        for (const char *p = strstr(svg, "<text"); p && p < end;
             p = strstr(p + 1, "<text")) {
            const char *gt = strchr(p, '>'), *close = strstr(p, "</text>");
            double x = attr(p, "x"), y = attr(p, "y"),
                   w = 0.62 * fs * rendered_len(gt + 1, close);
            if (strstr(p, "text-anchor=\"end\"") &&
                strstr(p, "text-anchor=\"end\"") < gt)
                x -= w;
            else if (strstr(p, "text-anchor=\"middle\"") &&
                     strstr(p, "text-anchor=\"middle\"") < gt)
                x -= w / 2;
            if (n == 400)
                fail_msg("too many texts");
            snprintf(lab[n], sizeof lab[n], "%.*s", (int)(close - gt - 1),
                     gt + 1);
            box[n][0] = x, box[n][1] = y - 0.8 * fs, box[n][2] = x + w,
            box[n][3] = y + 0.2 * fs;
            for (int k = 0; k < n; k++)
                if (box[k][0] < box[n][2] - 0.5 && box[n][0] < box[k][2] - 0.5 &&
                    box[k][1] < box[n][3] - 0.5 && box[n][1] < box[k][3] - 0.5)
                    fail_msg("'%s' overlaps '%s' in %.40s", lab[n], lab[k],
                             svg + 5);
            n++;
            seen++;
        }
    }
    return seen;
}

static void chart_scale(void **state)
{
    static const double y[3] = {50, 97, NAN};
    static const double z[3] = {1, NAN, 3};
    struct tendo_series s[2] = {
        {"minutes <run> & \"more\"", TENDO_SERIES_BARS, y, 0, "#1f77b4"},
        {"pain", TENDO_SERIES_LINE, z, 0, "#d62728"}};
    struct tendo_marker m[2] = {{D("2026-11-10"), "flare-up", NULL},
                                {D("2026-11-11"), "flare-up", NULL}};
    struct tendo_chart c;
    double y100, y0, y40, bar_y, bar_h;
    char *t, *p;
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
    c.markers = m;
    c.nmarkers = 1;
    t = chart_text(&c);
    /* the axis 0..100 by 20, linear: 40 two fifths of the way up */
    y100 = text_y(t, "100");
    y0 = text_y(t, "0");
    y40 = text_y(t, "40");
    assert_false(isnan(y100) || isnan(y0) || isnan(y40));
    assert_true(fabs((y0 - y40) / (y0 - y100) - 0.4) < 0.01);
    /* the bar of 50 reaches half way (from the 0 line to the 100 line:
     * tick labels sit 0.35 em below their line) */
    p = strstr(t, "fill=\"#1f77b4\"/>");
    while (p > t && strncmp(p, "<rect", 5))
        p--;
    bar_y = attr(p, "y");
    bar_h = attr(p, "height");
    assert_true(fabs((bar_y + bar_h) - (y0 - 0.35 * 11)) < 0.2);
    assert_true(fabs(bar_h / ((y0 - y100)) - 0.5) < 0.01);
    /* rows: the title above the axis title above the marker label above
     * the plot's top line */
    assert_true(text_y(t, "Load &amp; pain") < text_y(t, "min"));
    assert_true(text_y(t, "min") < text_y(t, "flare-up"));
    assert_true(text_y(t, "flare-up") < y100 - 0.35 * 11);
    /* week labels, escaping, accessibility, no nan */
    assert_non_null(strstr(t, ">9 Nov</text>"));
    assert_non_null(strstr(t, ">23 Nov</text>"));
    assert_non_null(strstr(t, "minutes &lt;run&gt; &amp; &quot;more&quot;"));
    assert_non_null(strstr(t, "<title id=\"t1-t\">Load &amp; pain</title>"));
    assert_non_null(strstr(t, "<desc id=\"t1-d\">a &lt;test&gt;</desc>"));
    assert_non_null(strstr(t, "role=\"img\" aria-labelledby=\"t1-t t1-d\""));
    assert_null(strstr(t, "nan"));
    no_text_overlaps(t);
    /* two markers a day apart: their labels in two rows, not on top of
     * each other */
    c.x_days = 1;
    c.nx = 14;
    c.nmarkers = 2;
    {
        static double yy[14], zz[14];
        for (int i = 0; i < 14; i++)
            yy[i] = 10 + i, zz[i] = NAN;
        s[0].y = yy;
        s[1].y = zz;
        t = chart_text(&c);
        no_text_overlaps(t);
        s[0].y = y;
        s[1].y = z;
    }
    c.x_days = 7;
    c.nx = 3;
    c.nmarkers = 1;
    /* a right axis: its own scale, ticks on the right */
    s[1].right_axis = 1;
    c.y2_unit = "pain";
    c.y2_min = 0;
    c.y2_max = 10;
    t = chart_text(&c);
    assert_non_null(strstr(t, "text-anchor=\"start\">10</text>"));
    assert_non_null(strstr(t, "pain (right axis)"));
    no_text_overlaps(t);
    /* narrow and wide, bigger text: still no overlaps */
    c.width = 420;
    c.font = 15;
    no_text_overlaps(chart_text(&c));
    c.width = 960;
    c.font = 14;
    no_text_overlaps(chart_text(&c));
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
        c.nx = 3;
        c.width = 100;
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
    assert_non_null(strstr(t, "Heel-raise test, VISA-A and function"));
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
        /* 8 charts (no session pain in this history: a note instead of
         * an empty chart), each for 3 widths */
        assert_int_equal(svgs, 24);
        assert_non_null(strstr(t, "No pain during or after runs logged"));
    }
    /* labels never collide, at any of the three widths */
    assert_true(no_text_overlaps(t) > 500);
    /* golden scales: VISA-A 0-100 on the right, the LSI 0-100 on the
     * left with the 80 % gate shaded from 80 to 100 */
    {
        const char *a = strstr(t, "id=\"assessments-l\"");
        const char *end = strstr(a, "</svg>");
        double top, bottom, gate, full;
        const char *band;
        assert_non_null(a);
        assert_true(strstr(a, "text-anchor=\"start\">100</text>") < end);
        assert_true(!strstr(a, ">120</text>") || strstr(a, ">120</text>") > end);
        assert_true(strstr(a, "text-anchor=\"end\">100</text>") < end);
        top = text_y(a, "100");
        bottom = text_y(a, "0");
        band = strstr(a, "class=\"band\"");
        assert_true(band && band < end);
        gate = attr(band, "y") + attr(band, "height");
        full = attr(band, "y");
        /* the band spans 80..100 of the 0..100 axis */
        assert_true(fabs((bottom - (gate + 0.35 * 14)) / (bottom - top) -
                         0.8) < 0.01);
        assert_true(fabs((bottom - (full + 0.35 * 14)) / (bottom - top) -
                         1.0) < 0.01);
    }
    /* the physio's summary, the sessions, the plan */
    assert_non_null(strstr(t, "Heel-raise test: left 20, right 25 raises on "
                              "2026-11-03, limb symmetry <b>80 %</b>"));
    assert_non_null(strstr(t, "VISA-A: <b>71</b>/100 on 2026-11-10"));
    assert_non_null(strstr(t, "The next 7 days (tendo plan)"));
    assert_non_null(strstr(t, "<table id=\"sessions\">"));
    assert_non_null(strstr(t, "<td>40</td><td>8.00</td><td>5:00</td>"));
    /* nothing outside the file: the only URL is the SVG namespace name */
    for (char *p = t; (p = strstr(p, "http")); p++)
        assert_true(strncmp(p, "http://www.w3.org/2000/svg\"", 27) == 0);
    assert_null(strstr(t, "<script"));
    assert_null(strstr(t, "url("));
    assert_null(strstr(t, "@import"));
    assert_null(strstr(t, "src="));
    assert_null(strstr(t, "nan"));
    /* asked from before the first day with data: the page starts there */
    in.from = D("2026-01-05");
    tendo_buf_reset(&b);
    assert_int_equal(tendo_report_html(&b, &in, &e), TENDO_OK);
    tendo_buf_putc(&b, '\0');
    assert_non_null(strstr(b.data, ">2026-06-27 to 2026-11-24 ("));
    in.from = from;
    /* the days must end within the history */
    in.to = today + 1;
    assert_int_equal(tendo_report_html(&b, &in, &e), TENDO_EUSAGE);
    in.to = today;
    in.from = today + 1;
    assert_int_equal(tendo_report_html(&b, &in, &e), TENDO_EUSAGE);
    tendo_buf_release(&b);
    tendo_history_free(h);
}

/* Each chart from its own first data: the rehab charts from the first
 * session (weeks before it absent, not "asked 7, done 0"), the ACWR axis
 * up to its highest ratio (never drawn off the top). */
static struct tendo_session S2[400];
static struct tendo_rehab R2[100];

static const char *first_label(const char *t, const char *id)
{
    static char out[16];
    char pat[64];
    const char *svg, *p, *end;
    snprintf(pat, sizeof pat, "id=\"%s\"", id);
    if (!(svg = strstr(t, pat)))
        return "";
    end = strstr(svg, "</svg>");
    /* the first x label: a tick with text-anchor middle */
    p = strstr(svg, "text-anchor=\"middle\">");
    if (!p || p > end)
        return "";
    p += strlen("text-anchor=\"middle\">");
    snprintf(out, sizeof out, "%.*s", (int)(strchr(p, '<') - p), p);
    return out;
}

static void charts_start_with_their_data(void **state)
{
    tendo_day today = D("2026-11-24"), d0 = D("2026-06-01");
    size_t ns = 0, nr = 0;
    struct tendo_history_input hi;
    struct tendo_history *h;
    struct tendo_report_input in;
    struct tendo_buf b;
    struct tendo_error e = {0};
    const char *t, *a, *end;
    double top = 0;
    (void)state;
    for (tendo_day d = d0; d <= today; d++) {
        tendo_session_init(&S2[ns]);
        S2[ns].date = d;
        strcpy(S2[ns].type, "run");
        /* a jump in the last 10 days: the ratio goes far above 2 */
        S2[ns].minutes = d > today - 10 ? 150 : 30;
        S2[ns].rpe = 4;
        ns++;
        if (d >= D("2026-10-05") && (d - d0) % 2 == 0 && nr < 100) {
            tendo_rehab_init(&R2[nr]);
            R2[nr].date = d;
            strcpy(R2[nr].exercise, "heel-drop");
            strcpy(R2[nr].surface, "flat");
            R2[nr].sets = 3;
            R2[nr].reps = 10;
            nr++;
        }
    }
    memset(&hi, 0, sizeof hi);
    hi.last = today;
    hi.sessions = S2;
    hi.nsessions = ns;
    hi.rehab = R2;
    hi.nrehab = nr;
    assert_int_equal(tendo_history_build(&hi, &h, &e), TENDO_OK);
    memset(&in, 0, sizeof in);
    in.history = h;
    in.from = D("2026-09-07");
    in.to = today;
    tendo_buf_init(&b, 0);
    assert_int_equal(tendo_report_html(&b, &in, &e), TENDO_OK);
    tendo_buf_putc(&b, '\0');
    t = b.data;
    assert_string_equal(first_label(t, "rehab-stage-l"), "5 Oct");
    assert_string_equal(first_label(t, "rehab-adherence-l"), "5 Oct");
    assert_string_equal(first_label(t, "weekly-load-l"), "7 Sep");
    /* the ACWR axis reaches above its highest ratio */
    a = strstr(t, "id=\"acwr-l\"");
    end = strstr(a, "</svg>");
    for (const char *p = a; (p = strstr(p, "text-anchor=\"end\">")) && p < end;
         p++)
        top = fmax(top, strtod(p + strlen("text-anchor=\"end\">"), NULL));
    {
        double hi_ratio = 0;
        for (tendo_day d = in.from; d <= today; d++) {
            struct tendo_load_day x;
            tendo_history_load_day(h, d, &x);
            if (!isnan(x.acwr))
                hi_ratio = fmax(hi_ratio, x.acwr);
        }
        assert_true(hi_ratio > 2);
        assert_true(top >= hi_ratio);
    }
    no_text_overlaps(t);
    tendo_buf_release(&b);
    tendo_history_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nice_axes),
        cmocka_unit_test(chart_scale),
        cmocka_unit_test(report),
        cmocka_unit_test(charts_start_with_their_data),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
