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
#include "tendo/plan.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXD 3700   /* days a report shows at most (~10 years) */

static const char *const level_color[] = {"#2ca02c", "#98df8a", "#ffbb78",
                                          "#ff7f0e", "#d62728", "#7f0000"};

/* The page: fluid up to 960 px. Each chart is written three times, laid
 * out for a phone (s: 420 units, 15-unit text), a tablet (m: 640, 14)
 * and a desktop or print (l: 960, 14), and the width shows one: text stays
 * at 11-19 px from a 390 px phone to a 1280 px screen. Tables scroll
 * sideways inside their box on a narrow screen instead of widening the
 * page. No script: the page reads the same without one. */
static const char css[] =
    "*{box-sizing:border-box}"
    "body{font-family:'DejaVu Sans',Verdana,sans-serif;margin:0 auto;"
    "max-width:984px;padding:12px;color:#222;background:#fff;"
    "font-size:16px;line-height:1.35}"
    "h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.15em;margin:1.2em 0 .3em;"
    "border-bottom:1px solid #ccc}"
    ".scroll{overflow-x:auto;max-width:100%}"
    "table{border-collapse:collapse;margin:.4em 0;font-size:.85em}"
    "td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}"
    "th{background:#f3f3f3}td.l,th.l{text-align:left}td.l{white-space:nowrap}"
    ".summary{background:#f7f7f7;border:1px solid #ddd;padding:8px 12px}"
    ".level{font-weight:bold;padding:1px 6px;border-radius:3px;color:#fff}"
    "svg.chart{width:100%;height:auto;display:block;margin:.4em 0}"
    "svg.s,svg.m{display:none}svg.s text{font-size:15px}"
    "svg.m text{font-size:14px}svg.l text{font-size:14px}"
    "svg text{fill:#333}svg text.title{font-weight:bold}"
    "svg .grid{stroke:#e6e6e6}svg .axis{stroke:#888}"
    "svg .marker{stroke-dasharray:4 3}"
    ".note{color:#555;font-size:.85em}"
    "@media (max-width:879px){svg.l{display:none}svg.m{display:block}}"
    "@media (max-width:559px){svg.m{display:none}svg.s{display:block}"
    "body{padding:8px}}"
    "@media print{body{max-width:none}h2{break-after:avoid}"
    "svg.s,svg.m{display:none}svg.l{display:block;break-inside:avoid}"
    ".summary{background:none}}";

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
    unsigned char *due;             /* per day: its routine blocks (§7a) */
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

/* The chart three times, for a phone, a tablet and a desktop (the CSS
 * shows one); ids get -s, -m, -l. */
static void chart(struct rep *r, const struct tendo_chart *c)
{
    static const struct {
        const char *cls;
        double width, font;
    } sizes[] = {{"s", 420, 15}, {"m", 640, 14}, {"l", 960, 14}};
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        struct tendo_error e = {0};
        struct tendo_chart x = *c;
        char id[64];
        snprintf(id, sizeof id, "%s-%s", c->id, sizes[k].cls);
        x.id = id;
        x.css_class = sizes[k].cls;
        x.width = sizes[k].width;
        x.font = sizes[k].font;
        if (tendo_svg_chart(r->o, &x, &e) && !r->err[0])
            snprintf(r->err, sizeof r->err, "%s", e.msg);
    }
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
                     "<div class=\"scroll\"><table><tr><th class=\"l\">week of</th><th>runs</th>"
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
    tendo_buf_puts(o, "</table></div>\n");
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

/* the latest check that names the side (or location) on or before today */
static const struct tendo_check *latest_check(const struct rep *r,
                                              int location)
{
    for (tendo_day d = r->today; d >= r->h->first; d--) {
        const struct tendo_history_day *x = tendo_history_day(r->h, d);
        if (x && x->check &&
            (location ? x->check->location[0] : x->check->side[0]))
            return x->check;
    }
    return NULL;
}

/* the first and the latest assessment of a kind up to today */
static void first_last(const struct rep *r, const char *kind,
                       const struct tendo_assessment **f,
                       const struct tendo_assessment **l)
{
    *f = *l = NULL;
    for (size_t i = 0; i < r->h->nassessments; i++) {
        const struct tendo_assessment *x = &r->h->assessments[i];
        if (strcmp(x->kind, kind) || x->date > r->today)
            continue;
        if (!*f || x->date < (*f)->date)
            *f = x;
        if (!*l || x->date >= (*l)->date)
            *l = x;
    }
}

static void side_value(struct tendo_buf *o, double v, const char *unit_)
{
    if (isnan(v))
        tendo_buf_puts(o, "not tested");
    else
        tendo_buf_printf(o, "%g%s", v, unit_);
}

/* what a physio asks first: side and location, the tests, the rehab
 * stage with its session pain */
static void summary_physio(struct rep *r)
{
    struct tendo_buf *o = r->o;
    const struct tendo_check *cs = latest_check(r, 0), *cl = latest_check(r, 1);
    const struct tendo_assessment *f, *l;
    char ds[TENDO_DAY_STRLEN], ds2[TENDO_DAY_STRLEN];
    tendo_buf_puts(o, "<ul class=\"physio\">\n<li>Side: ");
    if (cs) {
        fmt_day(cs->date, ds);
        tendo_buf_printf(o, "<b>%s</b> (check of %s)", cs->side, ds);
    } else {
        tendo_buf_puts(o, "not recorded");
    }
    tendo_buf_puts(o, "; location: ");
    if (cl) {
        fmt_day(cl->date, ds);
        tendo_buf_printf(o, "<b>%s</b> (check of %s)", cl->location, ds);
    } else {
        tendo_buf_puts(o, "not recorded");
    }
    tendo_buf_puts(o, ".</li>\n<li>Heel-raise test: ");
    first_last(r, "heel-raise", &f, &l);
    if (l) {
        fmt_day(l->date, ds);
        tendo_buf_puts(o, "left ");
        side_value(o, l->left, "");
        tendo_buf_puts(o, ", right ");
        side_value(o, l->right, "");
        tendo_buf_printf(o, " raises on %s", ds);
        if (!isnan(l->score))
            tendo_buf_printf(o, ", limb symmetry <b>%.0f %%</b> (running "
                                "needs %d %%)",
                             l->score, TENDO_RTR_LSI_MIN);
        if (f != l && !isnan(f->score) && !isnan(l->score)) {
            fmt_day(f->date, ds2);
            tendo_buf_printf(o, "; %+.0f points since %s", l->score - f->score,
                             ds2);
        }
    } else {
        tendo_buf_puts(o, "none yet");
    }
    tendo_buf_puts(o, ".</li>\n<li>Knee-to-wall dorsiflexion: ");
    first_last(r, "dorsiflexion", &f, &l);
    if (l) {
        fmt_day(l->date, ds);
        tendo_buf_puts(o, "left ");
        side_value(o, l->left, " cm");
        tendo_buf_puts(o, ", right ");
        side_value(o, l->right, " cm");
        tendo_buf_printf(o, " on %s", ds);
        if (!isnan(l->left) && !isnan(l->right))
            tendo_buf_printf(o, " (difference %.1f cm: %s)",
                             fabs(l->left - l->right),
                             fabs(l->left - l->right) <= TENDO_DORSI_DIFF_CM
                                 ? "back to the other side's"
                                 : "not yet back to the other side's");
        if (f != l && !isnan(f->left) && !isnan(f->right) &&
            !isnan(l->left) && !isnan(l->right)) {
            fmt_day(f->date, ds2);
            tendo_buf_printf(o, "; since %s: left %+.1f, right %+.1f cm",
                             ds2, l->left - f->left, l->right - f->right);
        }
    } else {
        tendo_buf_puts(o, "none yet");
    }
    tendo_buf_puts(o, ".</li>\n<li>VISA-A: ");
    first_last(r, "visa-a", &f, &l);
    if (l && f != l) {
        double ch = l->score - f->score;
        fmt_day(f->date, ds);
        fmt_day(l->date, ds2);
        tendo_buf_printf(o, "%.0f (%s) &#8594; <b>%.0f</b> (%s): %+.0f, %s",
                         f->score, ds, l->score, ds2, ch,
                         fabs(ch) >= TENDO_VISA_DROP
                             ? "a meaningful change (10 points or more)"
                             : "within the smallest change that matters "
                               "(about 10 points)");
    } else if (l) {
        fmt_day(l->date, ds);
        tendo_buf_printf(o, "<b>%.0f</b>/100 on %s (one score so far)",
                         l->score, ds);
    } else {
        tendo_buf_puts(o, "none yet");
    }
    tendo_buf_puts(o, ".</li>\n<li>Function (stairs, daily tasks, "
                      "recovery): ");
    first_last(r, "function", &f, &l);
    if (l) {
        fmt_day(l->date, ds);
        tendo_buf_printf(o, "<b>%.0f</b>/100 on %s", l->score, ds);
        if (f != l) {
            fmt_day(f->date, ds2);
            tendo_buf_printf(o, "; %+.0f since %s", l->score - f->score, ds2);
        }
    } else {
        tendo_buf_puts(o, "none yet (tendo assess function, weekly)");
    }
    tendo_buf_puts(o, ".</li>\n<li>Routine today: ");
    if (!r->advice.routine.nblocks)
        tendo_xml_escape(o, r->advice.routine.gate);
    for (size_t i = 0; i < r->advice.routine.nblocks; i++)
        tendo_buf_printf(o, "%s%s %s", i ? "; " : "",
                         tendo_block_name(r->advice.routine.blocks[i].block),
                         r->advice.routine.blocks[i].when);
    tendo_buf_puts(o, ".</li>\n<li>Rehab: ");
    {
        const struct tendo_history *h = r->h;
        int shown = 0;
        if (r->advice.has_rehab)
            tendo_buf_printf(o, "stage %d of %d; ", r->advice.rehab_stage,
                             r->advice.rehab_nstages);
        tendo_buf_puts(o, "pain in the last sessions: ");
        for (size_t i = h->nrehab; i-- > 0 && shown < 5;) {
            const struct tendo_rehab *x = &h->rehab[i];
            if (x->date > r->today || x->date < r->first)
                continue;
            fmt_day(x->date, ds);
            if (x->pain == TENDO_UNSET)
                tendo_buf_printf(o, "%s%s not recorded", shown ? ", " : "",
                                 ds);
            else
                tendo_buf_printf(o, "%s%s %d/10", shown ? ", " : "", ds,
                                 x->pain);
            shown++;
        }
        if (!shown)
            tendo_buf_puts(o, "no sessions in this period");
    }
    tendo_buf_puts(o, ".</li>\n</ul>\n");
}

/* the next 7 days of the plan, from today's advice (tendo/plan.h) */
static void summary_plan(struct rep *r)
{
    struct tendo_plan_input pi;
    struct tendo_plan *p = malloc(sizeof *p);
    struct tendo_error e = {0};
    struct tendo_buf *o = r->o;
    char ds[TENDO_DAY_STRLEN];
    if (!p)
        return;
    memset(&pi, 0, sizeof pi);
    pi.history = r->h;
    pi.today = r->today;
    pi.from = r->today;
    pi.weeks = 2;
    if (tendo_plan(&pi, p, &e) != TENDO_OK) {
        free(p);
        return;
    }
    tendo_buf_puts(o, "<p>The next 7 days (tendo plan):</p>\n"
                      "<div class=\"scroll\"><table><tr><th class=\"l\">day"
                      "</th><th class=\"l\">running</th><th class=\"l\">"
                      "rehab</th></tr>\n");
    for (size_t i = 0; i < p->ndays && i < 7; i++) {
        const struct tendo_plan_day *d = &p->days[i];
        fmt_day(d->date, ds);
        tendo_buf_printf(o, "<tr><td class=\"l\">%s</td><td class=\"l\">",
                         ds);
        if (d->kind == TENDO_PLAN_RUN) {
            tendo_buf_printf(o, "run, up to %d min", d->run_min);
            if (!isnan(d->run_km))
                tendo_buf_printf(o, " / %.1f %s", dist(r, d->run_km * 1000),
                                 unit(r));
            tendo_buf_printf(o, ", %s", d->intensity ? d->intensity : "");
        } else if (d->kind == TENDO_PLAN_CROSS) {
            tendo_buf_printf(o, "cross-train: %s %d min",
                             d->cross_type ? d->cross_type : "", d->cross_min);
        } else {
            tendo_xml_escape(o, tendo_plan_kind_name(d->kind));
        }
        tendo_buf_puts(o, "</td><td class=\"l\">");
        if (d->has_rehab) {
            tendo_xml_escape(o, d->rehab_exercise);
            tendo_buf_printf(o, " %d x %d", d->rehab_sets, d->rehab_reps);
        } else {
            tendo_buf_puts(o, "-");
        }
        tendo_buf_puts(o, "</td></tr>\n");
    }
    tendo_buf_puts(o, "</table></div>\n");
    free(p);
}

static void summary(struct rep *r)
{
    summary_today(r);
    summary_physio(r);
    summary_plan(r);
    summary_weeks(r);
    summary_flags(r);
    summary_changes(r);
    tendo_buf_puts(r->o, "<p class=\"note\">tendo supports decisions with the "
                         "athlete's own numbers and published rules; it does "
                         "not diagnose.</p>\n</section>\n");
}

/* ---- charts ---- */

/* a chart over the report's weeks from week `w0` on (the weeks before it
 * had nothing to show: absent, not zero); flare-ups marked when `flares` */
static void weekly(struct rep *r, size_t w0, const char *id,
                   const char *title, const char *desc,
                   const struct tendo_series *s, int ns, const char *yu,
                   const char *y2u, double ymin, double ymax, int flares)
{
    struct tendo_marker mk[64];
    struct tendo_series sv[8];
    struct tendo_chart ch;
    for (int i = 0; i < r->nflares; i++)
        mk[i] = (struct tendo_marker){r->flares[i], "flare-up", "#d62728"};
    for (int k = 0; k < ns && k < 8; k++) {
        sv[k] = s[k];
        sv[k].y = s[k].y + w0;
    }
    memset(&ch, 0, sizeof ch);
    ch.id = id;
    ch.title = title;
    ch.description = desc;
    ch.x0 = r->weeks[w0].week_start;
    ch.nx = (int)(r->nweeks - w0);
    ch.x_days = 7;
    ch.series = sv;
    ch.nseries = ns < 8 ? ns : 8;
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
    weekly(r, 0, "weekly-load", "Weekly load and morning pain",
           "Bars: tendon load per week; line: training load per week "
           "(tenths of sRPE units); dots: median morning pain x 10; dashed "
           "lines: flare-ups",
           s, 3, "tendon load", "training load / 10, pain x 10", NAN, NAN, 1);
}

/* a chart over the report's days from day `i0` on (the days before it had
 * nothing to show); y2: the right axis' range (NAN: from the data) */
static void daily(struct rep *r, int i0, const char *id, const char *title,
                  const char *desc, struct tendo_series *s, int ns,
                  const char *yu, const char *y2u, double ymin, double ymax,
                  double y2min, double y2max, const struct tendo_band *bands,
                  int nb, int strip)
{
    static const char *cols[MAXD];
    struct tendo_marker mk[64];
    struct tendo_series sv[8];
    struct tendo_chart ch;
    for (int i = 0; i < r->nflares; i++)
        mk[i] = (struct tendo_marker){r->flares[i], "flare-up", "#d62728"};
    for (int i = i0; i < r->n; i++)
        cols[i - i0] = level_color[r->level[i]];
    for (int k = 0; k < ns && k < 8; k++) {
        sv[k] = s[k];
        sv[k].y = s[k].y + i0;
    }
    memset(&ch, 0, sizeof ch);
    ch.id = id;
    ch.title = title;
    ch.description = desc;
    ch.x0 = r->first + i0;
    ch.nx = r->n - i0;
    ch.x_days = 1;
    ch.series = sv;
    ch.nseries = ns < 8 ? ns : 8;
    ch.y_unit = yu;
    ch.y2_unit = y2u;
    ch.y_min = ymin;
    ch.y_max = ymax;
    ch.y2_min = y2min;
    ch.y2_max = y2max;
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
    tendo_buf_printf(r->o, "<div class=\"scroll\"><table><tr><th class=\"l\">shoe</th>"
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
            double km = s->distance_m / 1000, lim = in->athlete.shoe_retire_km;
            tendo_buf_puts(r->o, s->is_default ? "in use (default)"
                                               : "in use");
            if (!isnan(lim) && lim > 0 && km >= lim)
                tendo_buf_printf(r->o, " - <b>past %.0f %s: time to retire "
                                       "it?</b>",
                                 dist(r, lim * 1000), unit(r));
        }
        tendo_buf_puts(r->o, "</td></tr>\n");
    }
    tendo_buf_puts(r->o, "</table></div>\n");
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
    int any = 0, cur = 0, i0 = 0;
    size_t w0;
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
    /* from the first day with a stage: the days before rehab began are
     * absent, not "stage 0" */
    while (i0 < r->n && isnan(stage[i0]))
        i0++;
    w0 = (size_t)((tendo_day_week_start(r->first + i0) -
                   r->weeks[0].week_start) / 7);
    snprintf(title, sizeof title, "Rehab stage (%s protocol) and added load",
             proto);
    {
        struct tendo_series s[2] = {
            {"stage", TENDO_SERIES_LINE, stage, 0, "#9467bd"},
            {"added load, kg", TENDO_SERIES_DOTS, load, 1, "#8c564b"}};
        daily(r, i0, "rehab-stage", title,
              "The stage of the protocol each day (from the logged "
              "sessions, left) and the load added in each session in kg "
              "(right)",
              s, 2, "stage", "kg", 0, nst ? (double)nst : NAN, 0, NAN, NULL,
              0, 1);
    }
    /* adherence: sessions a week against the stage's sessions a week */
    for (size_t w = 0; w < r->nweeks; w++) {
        tendo_day ws = r->weeks[w].week_start;
        int k = 0;
        done[w] = want[w] = NAN;
        if (w < w0)
            continue; /* before rehab began: absent, not "asked 7, done 0" */
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
        weekly(r, w0, "rehab-adherence", "Rehab adherence, weekly",
               "Rehab sessions logged each week beside the sessions a week "
               "the current stage asks for",
               s, 2, "sessions", NULL, 0, NAN, 0);
    }
}

/* the heel-raise test's limb symmetry and the VISA-A over time */
static void assessments_section(struct rep *r, double *v)
{
    const struct tendo_history *in = r->h;
    double *lsi = v, *visa = v + MAXD, *func = v + 2 * MAXD;
    int any = 0, i0 = r->n;
    h2(r, "Assessments");
    for (int i = 0; i < r->n; i++)
        lsi[i] = visa[i] = func[i] = NAN;
    for (size_t j = 0; j < in->nassessments; j++) {
        const struct tendo_assessment *x = &in->assessments[j];
        int i = (int)(x->date - r->first);
        if (i < 0 || i >= r->n || isnan(x->score))
            continue;
        if (!strcmp(x->kind, "heel-raise"))
            lsi[i] = x->score, any = 1;
        else if (!strcmp(x->kind, "visa-a"))
            visa[i] = x->score, any = 1;
        else if (!strcmp(x->kind, "function"))
            func[i] = x->score, any = 1;
        else
            continue;
        if (i < i0)
            i0 = i;
    }
    if (!any) {
        p_note(r, "No heel-raise test, VISA-A or function check-in in this "
                  "period (tendo assess).");
        return;
    }
    {
        struct tendo_series s[3] = {
            {"heel-raise limb symmetry, %", TENDO_SERIES_DOTS, lsi, 0,
             "#1f77b4"},
            {"VISA-A, 0-100", TENDO_SERIES_DOTS, visa, 1, "#ff7f0e"},
            {"function check-in, 0-100", TENDO_SERIES_DOTS, func, 1,
             "#9467bd"}};
        /* the gate: 80 % up to full symmetry; the axis 0-100, further
         * when a test was above 100 %; VISA-A on its own 0-100 scale */
        struct tendo_band b = {TENDO_RTR_LSI_MIN, 100,
                               "LSI " TENDO_STR(TENDO_RTR_LSI_MIN) " % or more",
                               "#2ca02c"};
        daily(r, i0, "assessments", "Heel-raise test, VISA-A and function",
              "Single-leg heel-raise limb symmetry index in percent (left; "
              "80 % or more is the return-to-running gate), the VISA-A "
              "score and the weekly function check-in (right, 0-100, 100 = "
              "no symptoms, no trouble)",
              s, 3, "LSI %", "VISA-A, function", 0, NAN, 0, 100, &b, 1, 0);
    }
}

/* §7a: how often each routine block was done when it was due, by week
 * (the last 8 Monday weeks shown): "done/due" days */
/* week w's days block b was due and done; returns whether any block was
 * logged that week */
static int week_done(const struct rep *r, const unsigned char *done,
                     size_t w, int b, int *due, int *did)
{
    tendo_day start = tendo_day_week_start(r->first) + (tendo_day)(7 * w);
    int any = 0;
    *due = *did = 0;
    for (tendo_day d = start; d < start + 7; d++) {
        int i = (int)(d - r->first);
        if (i < 0 || i >= r->n)
            continue;
        *due += (r->due[i] >> b) & 1;
        *did += ((r->due[i] & done[i]) >> b) & 1;
        any |= done[i] != 0;
    }
    return any;
}

static void routine_section(struct rep *r, double *v)
{
    const struct tendo_history *h = r->h;
    struct tendo_buf *o = r->o;
    unsigned char *done = calloc((size_t)r->n, 1);
    size_t w0 = r->nweeks > 8 ? r->nweeks - 8 : 0;
    char ds[TENDO_DAY_STRLEN];
    struct tendo_error e = {0};
    int any = 0;
    h2(r, "Routine");
    if (!done)
        return;
    for (size_t i = 0; i < h->nroutine; i++)
        any |= h->routine[i].date >= r->first && h->routine[i].date <= r->today;
    if (any && tendo_routine_days(h, r->first, r->today, r->due, done, &e)) {
        snprintf(r->err, sizeof r->err, "%s", e.msg);
        free(done);
        return;
    }
    if (!any) {
        p_note(r, "No routine block logged in this period (tendo rehab "
                  "--done all, after doing the day's warm-up, mobility and "
                  "calf complex).");
        free(done);
        return;
    }
    {
        /* the chart: per week and block, the share of its due days done */
        static const char *const color[TENDO_BLOCK_COUNT] = {
            "#ff7f0e", "#1f77b4", "#17becf", "#2ca02c", "#9467bd"};
        struct tendo_series sv[TENDO_BLOCK_COUNT];
        size_t wfirst = r->nweeks;
        for (int b = 0; b < TENDO_BLOCK_COUNT; b++) {
            double *y = v + (size_t)b * MAXD;
            for (size_t w = 0; w < r->nweeks; w++) {
                int due, did, any_done = week_done(r, done, w, b, &due, &did);
                if (any_done && w < wfirst)
                    wfirst = w;
                y[w] = due ? 100.0 * did / due : NAN;
            }
            sv[b] = (struct tendo_series){tendo_block_name(b),
                                          TENDO_SERIES_DOTS, y, 0, color[b]};
        }
        weekly(r, wfirst < r->nweeks ? wfirst : 0, "routine-adherence",
               "Routine done, by week",
               "For each block of the routine, the share of the days it was "
               "due on which it was logged as done (tendo rehab --done), week "
               "by week",
               sv, TENDO_BLOCK_COUNT, "% of due days", NULL, 0, 100, 0);
    }
    tendo_buf_puts(o, "<p class=\"note\">The days each block of the "
                      "routine was done, of the days it was due (docs/"
                      "clinical.md §7a).</p>\n<div class=\"table\"><table "
                      "id=\"routine\"><tr><th>Week of</th>");
    for (int b = 0; b < TENDO_BLOCK_COUNT; b++)
        tendo_buf_printf(o, "<th>%s</th>", tendo_block_name(b));
    tendo_buf_puts(o, "</tr>\n");
    for (size_t w = w0; w < r->nweeks; w++) {
        tendo_day start = tendo_day_week_start(r->first) + (tendo_day)(7 * w);
        fmt_day(start, ds);
        tendo_buf_printf(o, "<tr><td>%s</td>", ds);
        for (int b = 0; b < TENDO_BLOCK_COUNT; b++) {
            int due, did;
            week_done(r, done, w, b, &due, &did);
            if (due)
                tendo_buf_printf(o, "<td>%d/%d</td>", did, due);
            else
                tendo_buf_puts(o, "<td>-</td>");
        }
        tendo_buf_puts(o, "</tr>\n");
    }
    tendo_buf_puts(o, "</table></div>\n");
    free(done);
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
        int i0 = 0;
        double top = 2.0; /* the axis: 0-2, or up to the highest ratio */
        for (int i = 0; i < r->n; i++) {
            acwr[i] = r->days[i].acwr;
            ewma[i] = r->days[i].acwr_ewma;
            if (!isnan(acwr[i]))
                top = fmax(top, acwr[i]);
            if (!isnan(ewma[i]))
                top = fmax(top, ewma[i]);
        }
        b[1].hi = top;
        /* only where it exists: from 35 days of data on */
        while (i0 < r->n && isnan(acwr[i0]) && isnan(ewma[i0]))
            i0++;
        if (i0 < r->n)
            daily(r, i0, "acwr", "Acute:chronic tendon load", desc, s, 2,
                  "ratio", NULL, 0, NAN, NAN, NAN, b, 2, 1);
        else
            p_note(r, "The acute:chronic ratio needs 35 days of data: "
                      "not yet.");
    }
    {
        double *ctl = v, *atl = v + MAXD, *tsb = v + 2 * MAXD;
        struct tendo_series s[3] = {
            {"fitness (CTL 42 d)", TENDO_SERIES_LINE, ctl, 0, "#1f77b4"},
            {"fatigue (ATL 7 d)", TENDO_SERIES_LINE, atl, 0, "#ff7f0e"},
            {"form (TSB)", TENDO_SERIES_LINE, tsb, 0, "#2ca02c"}};
        /* fitness is a 42-day average: before 42 days of data it would
         * show the athlete as unfit and their form as deeply negative */
        int i0 = (int)(r->h->first + 42 - r->first);
        if (i0 < 0)
            i0 = 0;
        for (int i = 0; i < r->n; i++) {
            ctl[i] = r->days[i].ctl;
            atl[i] = r->days[i].atl;
            tsb[i] = r->days[i].tsb;
        }
        if (i0 < r->n)
            daily(r, i0, "fitness", "Fitness, fatigue and form",
                  "Exponentially weighted training load: fitness over 42 "
                  "days, fatigue over 7, form is yesterday's fitness minus "
                  "fatigue; shown from 42 days of data",
                  s, 3, "training load / day", NULL, NAN, NAN, NAN, NAN,
                  NULL, 0, 0);
        else
            p_note(r, "Fitness, fatigue and form need 42 days of data: not "
                      "yet.");
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
    {
        int i0 = 0, j0 = 0;
        while (i0 < r->n && isnan(mo[i0]) && isnan(st[i0]))
            i0++;
        while (j0 < r->n && isnan(du[j0]) && isnan(af[j0]))
            j0++;
        if (i0 < r->n)
            daily(r, i0, "morning", "Morning pain and stiffness",
                  "Daily first-steps pain 0-10 (dots, left) and morning "
                  "stiffness in minutes (line, right); shaded: the safe and "
                  "acceptable zones of the pain-monitoring model",
                  s, 2, "pain 0-10", "stiffness, min", 0, 10, 0, NAN, b, 2,
                  1);
        else
            p_note(r, "No morning checks in this period (tendo check).");
        if (j0 < r->n)
            daily(r, j0, "session-pain", "Pain during and after runs",
                  "Worst pain during the day's run and after it, 0-10, as "
                  "logged with the run or in the check",
                  s2, 2, "pain 0-10", NULL, 0, 10, NAN, NAN, b, 2, 0);
        else
            p_note(r, "No pain during or after runs logged in this "
                      "period.");
    }
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
    weekly(r, 0, "cadence", "Cadence and efficiency, weekly",
           "Minute-weighted running cadence per week (left) and metres "
           "per heartbeat on easy runs (right); empty without watch data",
           s, 2, "steps/min", "m/beat", isnan(lo) ? 150 : lo - 5,
           isnan(hi) ? 190 : hi + 5, 0);
}

static void cell_int(struct tendo_buf *o, int v, const char *suffix)
{
    if (v == TENDO_UNSET)
        tendo_buf_puts(o, "<td>-</td>");
    else
        tendo_buf_printf(o, "<td>%d%s</td>", v, suffix);
}

/* every session of the period (the last 26 weeks of a longer one): what
 * was done, how hard, what hurt, in which shoe */
static void sessions_table(struct rep *r)
{
    const struct tendo_history *h = r->h;
    struct tendo_buf *o = r->o;
    tendo_day from = r->first;
    char ds[TENDO_DAY_STRLEN];
    size_t n = 0;
    h2(r, "Sessions");
    if (r->today - from > 26 * 7)
        from = r->today - 26 * 7 + 1;
    for (size_t i = 0; i < h->nsessions; i++)
        n += h->sessions[i].date >= from && h->sessions[i].date <= r->today;
    if (!n) {
        p_note(r, "No sessions in this period.");
        return;
    }
    if (from > r->first) {
        fmt_day(from, ds);
        tendo_buf_printf(o, "<p class=\"note\">From %s (the last 26 weeks)."
                            "</p>\n",
                         ds);
    }
    tendo_buf_printf(o, "<div class=\"scroll\"><table id=\"sessions\"><tr>"
                        "<th class=\"l\">date</th><th class=\"l\">type</th>"
                        "<th>min</th><th>%s</th><th>pace /%s</th><th>HR</th>"
                        "<th>cadence</th><th>RPE</th><th>pain during</th>"
                        "<th>pain after</th><th class=\"l\">shoe</th></tr>\n",
                     unit(r), unit(r));
    for (size_t i = 0; i < h->nsessions; i++) {
        const struct tendo_session *x = &h->sessions[i];
        double d;
        if (x->date < from || x->date > r->today)
            continue;
        d = isnan(x->distance_m) ? NAN : dist(r, x->distance_m);
        fmt_day(x->date, ds);
        tendo_buf_printf(o, "<tr><td class=\"l\">%s</td><td class=\"l\">",
                         ds);
        tendo_xml_escape(o, x->type);
        tendo_buf_puts(o, "</td>");
        if (isnan(x->minutes))
            tendo_buf_puts(o, "<td>-</td>");
        else
            tendo_buf_printf(o, "<td>%.0f</td>", x->minutes);
        if (isnan(d))
            tendo_buf_puts(o, "<td>-</td><td>-</td>");
        else if (!strcmp(x->type, "run") && d > 0 && !isnan(x->minutes)) {
            double pace = x->minutes / d;
            int mm = (int)pace, ss = (int)lround((pace - mm) * 60);
            if (ss == 60)
                mm++, ss = 0;
            tendo_buf_printf(o, "<td>%.2f</td><td>%d:%02d</td>", d, mm, ss);
        } else {
            tendo_buf_printf(o, "<td>%.2f</td><td>-</td>", d);
        }
        cell_int(o, x->avg_hr, "");
        if (isnan(x->cadence_spm))
            tendo_buf_puts(o, "<td>-</td>");
        else
            tendo_buf_printf(o, "<td>%.0f</td>", x->cadence_spm);
        cell_int(o, x->rpe, "");
        /* the pain as the advice reads it: the session's own, else the
         * day's check when this is the day's only session */
        {
            const struct tendo_history_day *hd = tendo_history_day(h, x->date);
            int single = hd && hd->nsessions == 1;
            int du = x->pain_during, af = x->pain_after;
            if (du == TENDO_UNSET && single && hd->check)
                du = hd->check->during;
            if (af == TENDO_UNSET && single && hd->check)
                af = hd->check->after;
            cell_int(o, du, "/10");
            cell_int(o, af, "/10");
        }
        tendo_buf_puts(o, "<td class=\"l\">");
        tendo_xml_escape(o, x->shoe[0] ? x->shoe : "-");
        tendo_buf_puts(o, "</td></tr>\n");
    }
    tendo_buf_puts(o, "</table></div>\n");
}

/* the days and weeks shown, and the advice of every day in one pass */
static int report_data(struct rep *r, struct tendo_error *err)
{
    r->level = malloc((size_t)r->n * sizeof *r->level);
    r->due = calloc((size_t)r->n, sizeof *r->due);
    r->days = malloc((size_t)r->n * sizeof *r->days);
    r->weeks = malloc(r->nweeks * sizeof *r->weeks);
    if (!r->level || !r->due || !r->days || !r->weeks)
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
    /* from the first day with data (or the range asked, if later):
     * nothing is drawn for days before the athlete used tendo */
    r->first = in->from > in->history->first ? in->from : in->history->first;
    r->today = in->to;
    if (r->first > r->today)
        r->first = r->today;
    r->n = (int)(in->to - r->first + 1);
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
    routine_section(r, v);
    running_section(r, v);
    sessions_table(r);
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
    free(r->due);
    free(r->days);
    free(r->weeks);
    free(v);
    return rc;
}
