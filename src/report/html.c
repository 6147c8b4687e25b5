/*
 * src/report/html.c - the report (tendo/report.h): one self-contained HTML
 * page, readable on a phone and printable, for the athlete, coach and
 * physio. A clinician summary first (level, rehab stage, the last 4 weeks
 * in numbers, flare-ups, red flags, what changed), then the charts (SVG from
 * svg.c) and the shoe table. Markup is XML-well-formed (polyglot HTML5) so
 * xmllint can check the whole page; nothing refers outside the file.
 */
#include "tendo/report.h"
#include "tendo/clinical.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXD 3700   /* days a report shows at most (~10 years) */

static const char *const level_color[] = {"#2ca02c", "#98df8a", "#ffbb78",
                                          "#ff7f0e", "#d62728", "#7f0000"};

static const char css[] =
    "body{font-family:'DejaVu Sans',Verdana,sans-serif;margin:0 auto;"
    "max-width:900px;padding:12px;color:#222;background:#fff}"
    "h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.1em;margin:1.2em 0 .3em;"
    "border-bottom:1px solid #ccc}"
    "table{border-collapse:collapse;margin:.4em 0;font-size:.9em}"
    "td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}"
    "th{background:#f3f3f3}td.l,th.l{text-align:left}td.l{white-space:nowrap}"
    ".summary{background:#f7f7f7;border:1px solid #ddd;padding:8px 12px}"
    ".level{font-weight:bold;padding:1px 6px;border-radius:3px;color:#fff}"
    "svg.chart{width:100%;height:auto;max-width:640px;display:block;"
    "margin:.3em 0}"
    "svg text{font-size:11px;fill:#333}svg text.title{font-size:13px;"
    "font-weight:bold}svg .grid{stroke:#e6e6e6}svg .axis{stroke:#888}"
    "svg .marker{stroke-dasharray:4 3}"
    ".note{color:#555;font-size:.85em}"
    "@media print{body{max-width:none}h2{break-after:avoid}"
    "svg.chart{break-inside:avoid}.summary{background:none}}";

struct rep {
    struct tendo_buf *o;
    const struct tendo_report_input *in;
    const struct tendo_history *h;
    tendo_day first, today;
    int n;                          /* days shown */
    struct tendo_load_day *days;    /* per day shown */
    struct tendo_load_week *weeks;  /* the Monday weeks shown */
    size_t nweeks;
    enum tendo_level *level;        /* per day */
    struct tendo_advice advice;     /* today's */
    tendo_day flares[64];
    int nflares;
    tendo_day last_start;
    char err[320];
};

static void fmt_day(tendo_day d, char *out)
{
    tendo_day_format(d, out);
}

static double dist(const struct rep *r, double m)
{
    return r->in->units == TENDO_UNITS_MI ? m / TENDO_M_PER_MI : m / 1000;
}

static const char *unit(const struct rep *r)
{
    return r->in->units == TENDO_UNITS_MI ? "mi" : "km";
}

/* the advice for every day shown, in one pass (levels, flare starts) */
static int on_advice(const struct tendo_advice *a, void *ctx)
{
    struct rep *r = ctx;
    r->level[a->date - r->first] = a->level;
    if (a->flare.step != TENDO_FLARE_NONE &&
        a->flare.started != r->last_start) {
        r->last_start = a->flare.started;
        if (r->nflares < 64 && r->last_start >= r->first)
            r->flares[r->nflares++] = r->last_start;
    }
    if (a->date == r->today)
        r->advice = *a;
    return 0;
}

static int replay(struct rep *r, struct tendo_error *err)
{
    r->last_start = TENDO_DAY_NONE;
    return tendo_advise_days(r->h, r->first, r->today, on_advice, r, err);
}

/* the day's check, NULL when none */
static const struct tendo_check *check_on(const struct rep *r, tendo_day d)
{
    const struct tendo_history_day *x = tendo_history_day(r->h, d);
    return d >= r->first && d <= r->today && x ? x->check : NULL;
}

static int cmp_int(const void *a, const void *b);

/* the median morning pain of the week starting `ws`, -1 without checks */
static int week_pain(const struct rep *r, tendo_day ws)
{
    int pain[7], np = 0;
    for (tendo_day d = ws; d < ws + 7; d++) {
        const struct tendo_check *c = check_on(r, d);
        if (c && c->morning != TENDO_UNSET)
            pain[np++] = c->morning;
    }
    qsort(pain, (size_t)np, sizeof *pain, cmp_int);
    return np ? pain[np / 2] : -1;
}

static void chart(struct rep *r, const struct tendo_chart *c)
{
    struct tendo_error e = {0};
    if (tendo_svg_chart(r->o, c, &e) && !r->err[0])
        memcpy(r->err, e.msg, sizeof r->err < sizeof e.msg ? sizeof r->err : sizeof e.msg),
            r->err[sizeof r->err - 1] = 0;
}

static void h2(struct rep *r, const char *t)
{
    tendo_buf_puts(r->o, "<h2>");
    tendo_xml_escape(r->o, t);
    tendo_buf_puts(r->o, "</h2>\n");
}

static void p_note(struct rep *r, const char *t)
{
    tendo_buf_puts(r->o, "<p class=\"note\">");
    tendo_xml_escape(r->o, t);
    tendo_buf_puts(r->o, "</p>\n");
}

static int cmp_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

/* ---- the clinician summary ---- */

/* today's level, rehab stage, flare step and every reason */
static void summary_today(struct rep *r)
{
    const struct tendo_advice *a = &r->advice;
    char ds[TENDO_DAY_STRLEN], ds2[TENDO_DAY_STRLEN];
    struct tendo_buf *o = r->o;
    tendo_buf_puts(o, "<section class=\"summary\" id=\"summary\">\n"
                      "<h2>Clinician summary</h2>\n<p>Today (");
    fmt_day(r->today, ds);
    tendo_buf_printf(o, "%s): <span class=\"level\" style=\"background:%s\">"
                        "%s</span>",
                     ds, level_color[a->level], tendo_level_name(a->level));
    if (a->has_rehab) {
        tendo_buf_printf(o, "; rehab stage %d of %d (", a->rehab_stage,
                         a->rehab_nstages);
        tendo_xml_escape(o, a->rehab_name);
        tendo_buf_printf(o, ", %d x %d)", a->rehab_sets, a->rehab_reps);
    }
    if (a->flare.step != TENDO_FLARE_NONE) {
        fmt_day(a->flare.started, ds2);
        tendo_buf_printf(o, "; flare-up since %s, step %s", ds2,
                         tendo_flare_step_name(a->flare.step));
    }
    tendo_buf_puts(o, ".</p>\n<ul>\n");
    for (size_t i = 0; i < a->nreasons; i++) {
        tendo_buf_puts(o, "<li>");
        tendo_xml_escape(o, a->reasons[i].text);
        tendo_buf_printf(o, " <code>%s</code></li>\n", a->reasons[i].code);
    }
    tendo_buf_puts(o, "</ul>\n");
}

/* the last 4 weeks in numbers, per week */
static void summary_weeks(struct rep *r)
{
    const struct tendo_history *h = r->h;
    struct tendo_buf *o = r->o;
    char ds[TENDO_DAY_STRLEN];
    tendo_buf_printf(o,
                     "<table><tr><th class=\"l\">week of</th><th>runs</th>"
                     "<th>run min</th><th>run %s</th><th>tendon load</th>"
                     "<th>training load</th><th>ramp %%</th>"
                     "<th>morning pain (median)</th><th>rehab sessions</th>"
                     "</tr>\n",
                     unit(r));
    for (size_t w = r->nweeks > 4 ? r->nweeks - 4 : 0; w < r->nweeks; w++) {
        const struct tendo_load_week *x = &r->weeks[w];
        int pain = week_pain(r, x->week_start), runs = 0, reh = 0;
        for (tendo_day d = x->week_start; d < x->week_start + 7; d++) {
            const struct tendo_history_day *hd = tendo_history_day(h, d);
            if (!hd)
                continue;
            for (size_t i = hd->session0; i < hd->session0 + hd->nsessions;
                 i++)
                runs += !strcmp(h->sessions[i].type, "run");
            reh += (int)hd->nrehab;
        }
        fmt_day(x->week_start, ds);
        tendo_buf_printf(o,
                         "<tr><td class=\"l\">%s</td><td>%d</td><td>%.0f</td>"
                         "<td>%.1f</td><td>%.0f</td><td>%.0f</td>",
                         ds, runs, x->run_min, dist(r, x->run_m),
                         x->tendon_load, x->training_load);
        if (isnan(x->ramp_pct))
            tendo_buf_puts(o, "<td>-</td>");
        else
            tendo_buf_printf(o, "<td>%+.0f</td>", x->ramp_pct);
        if (pain >= 0)
            tendo_buf_printf(o, "<td>%d/10</td>", pain);
        else
            tendo_buf_puts(o, "<td>-</td>");
        tendo_buf_printf(o, "<td>%d</td></tr>\n", reh);
    }
    tendo_buf_puts(o, "</table>\n");
}

/* flare-ups and red flags in the period */
static void summary_flags(struct rep *r)
{
    const struct tendo_history *h = r->h;
    struct tendo_buf *o = r->o;
    char ds[TENDO_DAY_STRLEN];
    int any = 0;
    tendo_buf_puts(o, "<p>Flare-ups in this period: ");
    if (!r->nflares)
        tendo_buf_puts(o, "none");
    for (int i = 0; i < r->nflares; i++) {
        fmt_day(r->flares[i], ds);
        tendo_buf_printf(o, "%s%s", i ? ", " : "", ds);
    }
    /* clinical.md §2: each red flag from its first day to its clearance */
    tendo_buf_puts(o, ". Red flags: ");
    for (size_t i = 0; i < h->nepisodes; i++) {
        const struct tendo_flag_episode *e = &h->episodes[i];
        unsigned b = 0;
        if (e->opened > r->today ||
            (e->cleared != TENDO_DAY_NONE && e->cleared < r->first))
            continue;
        while ((1u << b) != e->flag)
            b++;
        fmt_day(e->opened, ds);
        tendo_buf_printf(o, "%s<b>%s</b> since %s", any++ ? "; " : "",
                         tendo_flag_names[b], ds);
        if (e->cleared == TENDO_DAY_NONE || e->cleared > r->today) {
            tendo_buf_puts(o, ", <b>open</b>: see a clinician");
            continue;
        }
        fmt_day(e->cleared, ds);
        tendo_buf_printf(o, ", cleared by a clinician on %s", ds);
        if (h->clearances[e->clearance].note[0]) {
            tendo_buf_puts(o, " (&ldquo;");
            tendo_xml_escape(o, h->clearances[e->clearance].note);
            tendo_buf_puts(o, "&rdquo;)");
        }
    }
    if (!any)
        tendo_buf_puts(o, "none");
    tendo_buf_puts(o, ".</p>\n");
}

/* what changed: the level 4 weeks ago and today, the VISA-A */
static void summary_changes(struct rep *r)
{
    const struct tendo_history *h = r->h;
    const struct tendo_assessment *f = NULL, *l = NULL;
    struct tendo_buf *o = r->o;
    if (r->n <= 28)
        return;
    tendo_buf_printf(o, "<p>What changed: advice %s four weeks ago, %s today",
                     tendo_level_name(r->level[r->n - 29]),
                     tendo_level_name(r->advice.level));
    for (size_t i = 0; i < h->nassessments; i++) {
        const struct tendo_assessment *x = &h->assessments[i];
        if (strcmp(x->kind, "visa-a") || isnan(x->score) || x->date < r->first)
            continue;
        if (!f || x->date < f->date)
            f = x;
        if (!l || x->date > l->date)
            l = x;
    }
    if (f && l && f != l)
        tendo_buf_printf(o, "; VISA-A %.0f to %.0f", f->score, l->score);
    else if (l)
        tendo_buf_printf(o, "; VISA-A %.0f", l->score);
    tendo_buf_puts(o, ".</p>\n");
}

static void summary(struct rep *r)
{
    summary_today(r);
    summary_weeks(r);
    summary_flags(r);
    summary_changes(r);
    tendo_buf_puts(r->o, "<p class=\"note\">tendo supports decisions with the "
                         "athlete's own numbers and published rules; it does "
                         "not diagnose.</p>\n</section>\n");
}

/* ---- charts ---- */

/* a chart over the report's weeks; flare-ups marked when `flares` */
static void weekly(struct rep *r, const char *id, const char *title,
                   const char *desc, const struct tendo_series *s, int ns,
                   const char *yu, const char *y2u, double ymin, double ymax,
                   int flares)
{
    struct tendo_marker mk[64];
    struct tendo_chart ch;
    for (int i = 0; i < r->nflares; i++)
        mk[i] = (struct tendo_marker){r->flares[i], "flare-up", "#d62728"};
    memset(&ch, 0, sizeof ch);
    ch.id = id;
    ch.title = title;
    ch.description = desc;
    ch.x0 = r->weeks[0].week_start;
    ch.nx = (int)r->nweeks;
    ch.x_days = 7;
    ch.series = s;
    ch.nseries = ns;
    ch.y_unit = yu;
    ch.y2_unit = y2u;
    ch.y_min = ymin;
    ch.y_max = ymax;
    ch.y2_min = ch.y2_max = NAN;
    ch.markers = flares ? mk : NULL;
    ch.nmarkers = flares ? r->nflares : 0;
    chart(r, &ch);
}

static void weekly_load(struct rep *r, double *a, double *b, double *c)
{
    struct tendo_series s[3] = {
        {"tendon load (run min x intensity)", TENDO_SERIES_BARS, a, 0,
         "#1f77b4"},
        {"training load (sRPE / TRIMP)", TENDO_SERIES_LINE, b, 1, "#ff7f0e"},
        {"morning pain, weekly median", TENDO_SERIES_DOTS, c, 1, "#d62728"}};
    for (size_t w = 0; w < r->nweeks; w++) {
        int pain = week_pain(r, r->weeks[w].week_start);
        a[w] = r->weeks[w].tendon_load;
        b[w] = r->weeks[w].training_load / 10;
        c[w] = pain >= 0 ? pain * 10.0 : NAN;
    }
    weekly(r, "weekly-load", "Weekly load and morning pain",
           "Bars: tendon load per week; line: training load per week "
           "(tenths of sRPE units); dots: median morning pain x 10; dashed "
           "lines: flare-ups",
           s, 3, "tendon load", "training load / 10, pain x 10", NAN, NAN, 1);
}

static void daily(struct rep *r, const char *id, const char *title,
                  const char *desc, struct tendo_series *s, int ns,
                  const char *yu, const char *y2u, double ymin, double ymax,
                  const struct tendo_band *bands, int nb, int strip)
{
    static const char *cols[MAXD];
    struct tendo_marker mk[64];
    struct tendo_chart ch;
    for (int i = 0; i < r->nflares; i++)
        mk[i] = (struct tendo_marker){r->flares[i], "flare-up", "#d62728"};
    for (int i = 0; i < r->n; i++)
        cols[i] = level_color[r->level[i]];
    memset(&ch, 0, sizeof ch);
    ch.id = id;
    ch.title = title;
    ch.description = desc;
    ch.x0 = r->first;
    ch.nx = r->n;
    ch.x_days = 1;
    ch.series = s;
    ch.nseries = ns;
    ch.y_unit = yu;
    ch.y2_unit = y2u;
    ch.y_min = ymin;
    ch.y_max = ymax;
    ch.y2_min = ch.y2_max = NAN;
    ch.bands = bands;
    ch.nbands = nb;
    ch.markers = mk;
    ch.nmarkers = r->nflares;
    ch.strip = strip ? cols : NULL;
    chart(r, &ch);
}

static void legend_levels(struct rep *r)
{
    tendo_buf_puts(r->o, "<p class=\"note\">Strip under the days: the advice "
                         "of each day -");
    for (int l = 0; l <= TENDO_LEVEL_SEE_CLINICIAN; l++)
        tendo_buf_printf(r->o,
                         " <span class=\"level\" style=\"background:%s\">%s"
                         "</span>",
                         level_color[l], tendo_level_name((enum tendo_level)l));
    tendo_buf_puts(r->o, "</p>\n");
}

static void shoes(struct rep *r)
{
    const struct tendo_history *in = r->h;
    char ds[TENDO_DAY_STRLEN];
    h2(r, "Shoes");
    if (!in->nshoes) {
        p_note(r, "No shoes recorded (tendo shoe add).");
        return;
    }
    tendo_buf_printf(r->o, "<table><tr><th class=\"l\">shoe</th>"
                           "<th>%s</th><th>runs</th><th class=\"l\">status"
                           "</th></tr>\n",
                     unit(r));
    for (size_t i = 0; i < in->nshoes; i++) {
        const struct tendo_shoe *s = &in->shoes[i];
        tendo_buf_puts(r->o, "<tr><td class=\"l\">");
        tendo_xml_escape(r->o, s->name);
        tendo_buf_printf(r->o, "</td><td>%.0f</td><td>%d</td><td class=\"l\">",
                         dist(r, s->distance_m), s->sessions);
        if (s->retired != TENDO_DAY_NONE) {
            fmt_day(s->retired, ds);
            tendo_buf_printf(r->o, "retired %s", ds);
        } else {
            tendo_buf_puts(r->o, s->is_default ? "in use (default)"
                                               : "in use");
        }
        tendo_buf_puts(r->o, "</td></tr>\n");
    }
    tendo_buf_puts(r->o, "</table>\n");
}

/* rehab: the stage and added load of the logged sessions over time, and
 * sessions done against the stage's sessions a week */
static void rehab_section(struct rep *r, double *v)
{
    const struct tendo_history *h = r->h;
    const char *proto = h->athlete.protocol;
    size_t nst = 0;
    const struct tendo_rehab_stage *st = tendo_rehab_protocol(proto, &nst);
    double *stage = v, *load = v + MAXD, *done = v + 2 * MAXD,
           *want = v + 3 * MAXD;
    int any = 0, cur = 0;
    char title[96];
    h2(r, "Rehab");
    /* the stage in force each day: the last session's, carried forward
     * (each session's stage worked out once, by the history) */
    {
        const struct tendo_history_day *d = tendo_history_day(h, r->first - 1);
        if (d && d->last_rehab >= 0)
            cur = h->rehab_stage[d->last_rehab];
    }
    for (int i = 0; i < r->n; i++) {
        const struct tendo_history_day *d = tendo_history_day(h, r->first + i);
        int k = 0;
        load[i] = NAN;
        for (size_t j = d ? d->rehab0 : 0; d && j < d->rehab0 + d->nrehab;
             j++) {
            const struct tendo_rehab *x = &h->rehab[j];
            any = 1;
            if (h->rehab_stage[j] > k)
                k = h->rehab_stage[j];
            if (!isnan(x->load_kg))
                load[i] = isnan(load[i]) ? x->load_kg
                                         : fmax(load[i], x->load_kg);
        }
        if (k)
            cur = k;
        stage[i] = cur ? cur : NAN;
    }
    if (!any) {
        p_note(r, "No rehab sessions logged in this period (tendo rehab).");
        return;
    }
    snprintf(title, sizeof title, "Rehab stage (%s protocol) and added load",
             proto);
    {
        struct tendo_series s[2] = {
            {"stage", TENDO_SERIES_LINE, stage, 0, "#9467bd"},
            {"added load, kg", TENDO_SERIES_DOTS, load, 1, "#8c564b"}};
        daily(r, "rehab-stage", title,
              "The stage of the protocol each day (from the logged "
              "sessions, left) and the load added in each session in kg "
              "(right)",
              s, 2, "stage", "kg", 0, nst ? (double)nst : NAN, NULL, 0, 1);
    }
    /* adherence: sessions a week against the stage's sessions a week */
    for (size_t w = 0; w < r->nweeks; w++) {
        tendo_day ws = r->weeks[w].week_start;
        int k = 0;
        done[w] = 0;
        for (tendo_day d = ws; d < ws + 7; d++) {
            const struct tendo_history_day *x = tendo_history_day(h, d);
            done[w] += x ? (double)x->nrehab : 0;
        }
        for (int i = 0; i < r->n; i++)
            if (r->first + i >= ws && r->first + i < ws + 7 && !isnan(stage[i]))
                k = (int)stage[i];
        want[w] = st && nst ? st[(k ? k : 1) - 1].per_week : NAN;
    }
    {
        struct tendo_series s[2] = {
            {"sessions done", TENDO_SERIES_BARS, done, 0, "#9467bd"},
            {"sessions the stage asks for", TENDO_SERIES_BARS, want, 0,
             "#c5b0d5"}};
        weekly(r, "rehab-adherence", "Rehab adherence, weekly",
               "Rehab sessions logged each week beside the sessions a week "
               "the current stage asks for",
               s, 2, "sessions", NULL, 0, NAN, 0);
    }
}

/* the heel-raise test's limb symmetry and the VISA-A over time */
static void assessments_section(struct rep *r, double *v)
{
    const struct tendo_history *in = r->h;
    double *lsi = v, *visa = v + MAXD;
    int any = 0;
    h2(r, "Assessments");
    for (int i = 0; i < r->n; i++)
        lsi[i] = visa[i] = NAN;
    for (size_t j = 0; j < in->nassessments; j++) {
        const struct tendo_assessment *x = &in->assessments[j];
        int i = (int)(x->date - r->first);
        if (i < 0 || i >= r->n || isnan(x->score))
            continue;
        if (!strcmp(x->kind, "heel-raise"))
            lsi[i] = x->score, any = 1;
        else if (!strcmp(x->kind, "visa-a"))
            visa[i] = x->score, any = 1;
    }
    if (!any) {
        p_note(r, "No heel-raise test or VISA-A in this period (tendo "
                  "assess).");
        return;
    }
    {
        struct tendo_series s[2] = {
            {"heel-raise limb symmetry, %", TENDO_SERIES_DOTS, lsi, 0,
             "#1f77b4"},
            {"VISA-A, 0-100", TENDO_SERIES_DOTS, visa, 1, "#ff7f0e"}};
        struct tendo_band b = {TENDO_RTR_LSI_MIN, 120,
                               "LSI " TENDO_STR(TENDO_RTR_LSI_MIN) " % or more",
                               "#2ca02c"};
        daily(r, "assessments", "Heel-raise test and VISA-A",
              "Single-leg heel-raise limb symmetry index in percent (left; "
              "80 % or more is the return-to-running gate) and the VISA-A "
              "score (right, 100 = no symptoms)",
              s, 2, "LSI %", "VISA-A", 0, 120, &b, 1, 0);
    }
}

/* the acute:chronic ratio (bands from tendo/clinical.h) and fitness */
static void load_section(struct rep *r, double *v)
{
    char mid[32], spike[32], desc[300];
    h2(r, "Training load");
    weekly_load(r, v, v + MAXD, v + 2 * MAXD);
    {
        double *acwr = v, *ewma = v + MAXD;
        struct tendo_series s[2] = {
            {"acute:chronic (rolling 7/28)", TENDO_SERIES_LINE, acwr, 0,
             "#1f77b4"},
            {"acute:chronic (EWMA)", TENDO_SERIES_LINE, ewma, 0, "#9467bd"}};
        struct tendo_band b[2] = {
            {TENDO_ACWR_LOW, TENDO_ACWR_HOLD, mid, "#2ca02c"},
            {TENDO_ACWR_SPIKE, 2.0, spike, "#d62728"}};
        snprintf(mid, sizeof mid, "%.1f-%.1f", TENDO_ACWR_LOW,
                 TENDO_ACWR_HOLD);
        snprintf(spike, sizeof spike, "above %.1f", TENDO_ACWR_SPIKE);
        snprintf(desc, sizeof desc,
                 "Daily ratio of the last %d days' tendon load to the %d "
                 "days before (and its EWMA form); shaded: %s and %s; empty "
                 "until %d days of history",
                 TENDO_ACWR_ACUTE_DAYS, TENDO_ACWR_CHRONIC_DAYS, mid, spike,
                 TENDO_ACWR_ACUTE_DAYS + TENDO_ACWR_CHRONIC_DAYS);
        for (int i = 0; i < r->n; i++) {
            acwr[i] = r->days[i].acwr;
            ewma[i] = r->days[i].acwr_ewma;
        }
        daily(r, "acwr", "Acute:chronic tendon load", desc, s, 2, "ratio",
              NULL, 0, 2, b, 2, 1);
    }
    {
        double *ctl = v, *atl = v + MAXD, *tsb = v + 2 * MAXD;
        struct tendo_series s[3] = {
            {"fitness (CTL 42 d)", TENDO_SERIES_LINE, ctl, 0, "#1f77b4"},
            {"fatigue (ATL 7 d)", TENDO_SERIES_LINE, atl, 0, "#ff7f0e"},
            {"form (TSB)", TENDO_SERIES_LINE, tsb, 0, "#2ca02c"}};
        for (int i = 0; i < r->n; i++) {
            ctl[i] = r->days[i].ctl;
            atl[i] = r->days[i].atl;
            tsb[i] = r->days[i].tsb;
        }
        daily(r, "fitness", "Fitness, fatigue and form",
              "Exponentially weighted training load: fitness over 42 days, "
              "fatigue over 7, form is yesterday's fitness minus fatigue",
              s, 3, "training load / day", NULL, NAN, NAN, NULL, 0, 0);
    }
    legend_levels(r);
}

/* morning pain and stiffness, session pain; the zones of §1 shaded */
static void symptoms_section(struct rep *r, double *v)
{
    double *mo = v, *st = v + MAXD, *du = v + 2 * MAXD, *af = v + 3 * MAXD;
    char safe[32], acc[32];
    struct tendo_series s[2] = {
        {"morning pain", TENDO_SERIES_DOTS, mo, 0, "#d62728"},
        {"stiffness, min", TENDO_SERIES_LINE, st, 1, "#7f7f7f"}};
    struct tendo_series s2[2] = {
        {"pain during the run", TENDO_SERIES_DOTS, du, 0, "#ff7f0e"},
        {"pain after (evening)", TENDO_SERIES_DOTS, af, 0, "#9467bd"}};
    struct tendo_band b[2] = {
        {0, TENDO_PAIN_SAFE_MAX, safe, "#2ca02c"},
        {TENDO_PAIN_SAFE_MAX + 1, TENDO_PAIN_ACCEPTABLE_MAX, acc, "#ffbb78"}};
    snprintf(safe, sizeof safe, "safe 0-%d", TENDO_PAIN_SAFE_MAX);
    snprintf(acc, sizeof acc, "acceptable %d-%d", TENDO_PAIN_SAFE_MAX + 1,
             TENDO_PAIN_ACCEPTABLE_MAX);
    h2(r, "Symptoms");
    for (int i = 0; i < r->n; i++) {
        const struct tendo_check *c = check_on(r, r->first + i);
        mo[i] = c && c->morning != TENDO_UNSET ? c->morning : NAN;
        st[i] = c && c->stiffness_min != TENDO_UNSET ? c->stiffness_min : NAN;
    }
    /* session pain as the advice reads it: the day's sessions and the
     * check's day-level values (tendo/history.h) */
    for (int i = 0; i < r->n; i++) {
        const struct tendo_history_day *d =
            tendo_history_day(r->h, r->first + i);
        du[i] = d && d->pain_during != TENDO_UNSET ? d->pain_during : NAN;
        af[i] = d && d->pain_after != TENDO_UNSET ? d->pain_after : NAN;
    }
    daily(r, "morning", "Morning pain and stiffness",
          "Daily first-steps pain 0-10 (dots, left) and morning "
          "stiffness in minutes (line, right); shaded: the safe and "
          "acceptable zones of the pain-monitoring model",
          s, 2, "pain 0-10", "stiffness, min", 0, 10, b, 2, 1);
    daily(r, "session-pain", "Pain during and after runs",
          "Worst pain during the day's run and after it, 0-10", s2, 2,
          "pain 0-10", NULL, 0, 10, b, 2, 0);
    legend_levels(r);
}

/* running form: cadence and efficiency, weekly */
static void running_section(struct rep *r, double *v)
{
    double *cad = v, *eff = v + MAXD, lo = NAN, hi = NAN;
    struct tendo_series s[2] = {
        {"cadence, steps/min", TENDO_SERIES_LINE, cad, 0, "#1f77b4"},
        {"efficiency, m per heartbeat (easy runs)", TENDO_SERIES_LINE, eff,
         1, "#2ca02c"}};
    h2(r, "Running");
    for (size_t w = 0; w < r->nweeks; w++) {
        cad[w] = r->weeks[w].cadence_spm;
        eff[w] = r->weeks[w].efficiency;
        if (!isnan(cad[w])) {
            lo = isnan(lo) ? cad[w] : fmin(lo, cad[w]);
            hi = isnan(hi) ? cad[w] : fmax(hi, cad[w]);
        }
    }
    weekly(r, "cadence", "Cadence and efficiency, weekly",
           "Minute-weighted running cadence per week (left) and metres "
           "per heartbeat on easy runs (right); empty without watch data",
           s, 2, "steps/min", "m/beat", isnan(lo) ? 150 : lo - 5,
           isnan(hi) ? 190 : hi + 5, 0);
}

/* the days and weeks shown, and the advice of every day in one pass */
static int report_data(struct rep *r, struct tendo_error *err)
{
    r->level = malloc((size_t)r->n * sizeof *r->level);
    r->days = malloc((size_t)r->n * sizeof *r->days);
    r->weeks = malloc(r->nweeks * sizeof *r->weeks);
    if (!r->level || !r->days || !r->weeks)
        return tendo_fail(err, TENDO_ENOMEM, "report: out of memory");
    for (int i = 0; i < r->n; i++)
        tendo_history_load_day(r->h, r->first + i, &r->days[i]);
    for (size_t w = 0; w < r->nweeks; w++)
        tendo_history_load_week(r->h,
                                tendo_day_week_start(r->first) +
                                    (tendo_day)(7 * w),
                                &r->weeks[w]);
    return replay(r, err);
}

static void page_head(struct rep *r)
{
    const struct tendo_report_input *in = r->in;
    struct tendo_buf *o = r->o;
    char ds[TENDO_DAY_STRLEN], ds2[TENDO_DAY_STRLEN];
    fmt_day(r->first, ds);
    fmt_day(r->today, ds2);
    tendo_buf_puts(o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
                      "<meta charset=\"utf-8\"/>\n"
                      "<meta name=\"viewport\" content=\"width=device-width, "
                      "initial-scale=1\"/>\n<title>tendo report ");
    tendo_xml_escape(o, in->title ? in->title : "");
    tendo_buf_printf(o, " %s</title>\n<style>%s</style>\n</head>\n<body>\n",
                     ds2, css);
    tendo_buf_puts(o, "<h1>tendo report");
    if (in->title && *in->title) {
        tendo_buf_puts(o, ": ");
        tendo_xml_escape(o, in->title);
    }
    tendo_buf_printf(o, "</h1>\n<p class=\"note\">%s to %s (%d days, %zu "
                        "weeks). Distances in %s.</p>\n",
                     ds, ds2, r->n, r->nweeks, unit(r));
}

int tendo_report_html(struct tendo_buf *o, const struct tendo_report_input *in,
                      struct tendo_error *err)
{
    struct rep R, *r = &R;
    double *v = NULL;
    char ds[TENDO_DAY_STRLEN];
    int rc;

    if (!o || !in || !in->history || in->from > in->to ||
        in->to > in->history->last || in->from < TENDO_DAY_MIN ||
        in->to - in->from >= MAXD)
        return tendo_fail(err, TENDO_EUSAGE, "report: nothing to show");
    memset(r, 0, sizeof *r);
    r->o = o;
    r->in = in;
    r->h = in->history;
    r->first = in->from;
    r->today = in->to;
    r->n = (int)(in->to - in->from + 1);
    r->nweeks = (size_t)((tendo_day_week_start(r->today) -
                          tendo_day_week_start(r->first)) / 7 + 1);
    if ((rc = report_data(r, err)))
        goto out;
    if (!(v = malloc((size_t)(8 * MAXD) * sizeof *v))) {
        rc = tendo_fail(err, TENDO_ENOMEM, "report: out of memory");
        goto out;
    }
    page_head(r);
    summary(r);
    load_section(r, v);
    symptoms_section(r, v);
    rehab_section(r, v);
    assessments_section(r, v);
    running_section(r, v);
    shoes(r);
    fmt_day(r->today, ds);
    tendo_buf_printf(o, "<p class=\"note\">Written by tendo for %s. Every "
                        "figure comes from the athlete's own diary; the "
                        "rules are in tendo's docs/reasons.md.</p>\n"
                        "</body>\n</html>\n",
                     ds);
    if (r->err[0])
        rc = tendo_fail(err, TENDO_EUSAGE, "%s", r->err);
    else if (o->err)
        rc = tendo_fail(err, o->err, "report: %s", tendo_strerror(o->err));
    else
        rc = TENDO_OK;
out:
    free(r->level);
    free(r->days);
    free(r->weeks);
    free(v);
    return rc;
}
