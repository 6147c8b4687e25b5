/*
 * serve/pages.c - the server's pages: server-rendered HTML that works
 * without a script, phone first (large controls, one column), with every
 * asset embedded (assets.c). Each page asks the library - the same advice,
 * plan and report as the CLI - and each form posts to the write of
 * write.c that the JSON API uses too, then redirects (303) to what the
 * athlete wants to see next: after a check, today's advice.
 */
#include "serve/serve_int.h"
#include "tendo/documents.h"
#include "tendo/ics.h"
#include "tendo/json.h"
#include "tendo/plan.h"
#include "tendo/report.h"
#include "tendo/rules.h"
#include "tendo/values.h"
#include "core/alloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const level_color[] = {"#2ca02c", "#5a9e3a", "#c98a1b",
                                          "#e06c00", "#d62728", "#7f0000"};

/* the red flags as the check-in page asks them (docs/cli.md, check) */
static const struct {
    const char *name, *text;
} flag_text[] = {
    {"pop", "A sudden snap or blow at the back of the heel"},
    {"cannot-raise", "Cannot do a single-leg heel raise on that side"},
    {"swelling", "New, visible swelling"},
    {"night", "Pain at rest or at night"},
    {"calf", "Calf swelling or warmth"},
    {"fluoroquinolone", "A recent course of a fluoroquinolone antibiotic"},
};

static void esc(struct serve_req *r, const char *s)
{
    tendo_xml_escape(&r->out, s ? s : "");
}

static void head(struct serve_req *r, const char *title, const char *here)
{
    static const struct {
        const char *path, *label;
    } nav[] = {{"/", "Today"},      {"/check", "Check in"},
               {"/log", "Log"},     {"/plan", "Plan"},
               {"/report", "Report"}, {"/import", "Import"}};
    tendo_buf_reset(&r->out);
    tendo_buf_puts(&r->out,
                   "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
                   "<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" "
                   "content=\"width=device-width, initial-scale=1\"/>\n"
                   "<link rel=\"icon\" href=\"data:,\"/>\n<title>tendo - ");
    esc(r, title);
    tendo_buf_puts(&r->out, "</title>\n<link rel=\"stylesheet\" "
                            "href=\"/static/tendo.css\"/>\n"
                            "<script src=\"/static/tendo.js\" defer=\"defer\"></script>"
                            "\n</head>\n<body>\n<nav>");
    for (size_t i = 0; i < sizeof nav / sizeof *nav; i++)
        tendo_buf_printf(&r->out, "<a href=\"%s\"%s>%s</a>", nav[i].path,
                         strcmp(nav[i].path, here) ? ""
                                                   : " aria-current=\"page\"",
                         nav[i].label);
    tendo_buf_puts(&r->out, "</nav>\n<main>\n");
}

static int finish(struct serve_req *r, unsigned status)
{
    tendo_buf_puts(&r->out, "</main>\n<footer>tendo supports your decisions; "
                            "it does not diagnose.</footer>\n</body>\n"
                            "</html>\n");
    if (r->out.err)
        return serve_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, TENDO_ENOMEM,
                           "the page is too large");
    return serve_respond(r, status, "text/html; charset=utf-8");
}

/* an error as a page: what went wrong, in one line, and the way back */
static int error_page(struct serve_req *r, const struct tendo_error *e,
                      const char *back)
{
    char line[TENDO_ERRMSG_MAX + TENDO_ERRFILE_MAX + 32];
    head(r, "error", "");
    tendo_buf_puts(&r->out, "<h1>Not saved</h1>\n<p class=\"error\" "
                            "id=\"error\">");
    esc(r, tendo_error_format(e, line, sizeof line));
    tendo_buf_printf(&r->out, "</p>\n<p><a href=\"%s\">Back</a></p>\n",
                     back);
    return finish(r, serve_error_status(e->code));
}

static double in_units(double km, int units)
{
    return units == TENDO_UNITS_MI ? km * 1000 / TENDO_M_PER_MI : km;
}

static const char *unit_name(int units)
{
    return units == TENDO_UNITS_MI ? "mi" : "km";
}

/* ---- today -------------------------------------------------------------- */

static void advice_html(struct serve_req *r, const struct tendo_advice *a,
                        int units)
{
    char ds[TENDO_DAY_STRLEN];
    tendo_day_format(a->date, ds);
    tendo_buf_printf(&r->out,
                     "<h1>Today, %s</h1>\n<p><span class=\"level\" "
                     "id=\"level\" style=\"background:%s\">%s</span></p>\n",
                     ds, level_color[a->level], tendo_level_name(a->level));
    if (a->run_allowed && !isnan(a->max_minutes)) {
        tendo_buf_printf(&r->out, "<p id=\"run\" class=\"big\">Run: up to "
                                  "%.0f min",
                         a->max_minutes);
        if (!isnan(a->max_km))
            tendo_buf_printf(&r->out, " / %.1f %s",
                             in_units(a->max_km, units), unit_name(units));
        tendo_buf_puts(&r->out, ", ");
        esc(r, a->intensity ? a->intensity : "");
        tendo_buf_puts(&r->out, ".</p>\n");
    } else {
        tendo_buf_puts(&r->out,
                       "<p id=\"run\" class=\"big\">No running today.</p>\n");
    }
    for (int i = 0; i < a->ncross; i++)
        tendo_buf_printf(&r->out, "<p>%s: %s, %d min.</p>\n",
                         a->run_allowed ? "Instead or as well"
                                        : "Cross-train instead",
                         a->cross[i].type, a->cross[i].minutes);
    if (a->has_rehab) {
        tendo_buf_puts(&r->out, "<p id=\"rehab\">Rehab: ");
        esc(r, a->rehab_name ? a->rehab_name : a->rehab_exercise);
        tendo_buf_printf(&r->out, ", %d x %d", a->rehab_sets, a->rehab_reps);
        if (!isnan(a->rehab_load_kg) && a->rehab_load_kg > 0)
            tendo_buf_printf(&r->out, ", +%.4g kg", a->rehab_load_kg);
        tendo_buf_puts(&r->out, ".</p>\n");
    }
    /* §7a the routine around it: a block each, its exercises folded */
    if (a->routine.nblocks) {
        tendo_buf_puts(&r->out, "<div id=\"routine\">\n");
        for (size_t i = 0; i < a->routine.nblocks; i++) {
            const struct tendo_routine_block *b = &a->routine.blocks[i];
            tendo_buf_printf(&r->out, "<details class=\"block\" "
                                      "data-block=\"%s\"><summary>%s, %s%s"
                                      "</summary>\n<ul>\n",
                             tendo_block_name(b->block),
                             tendo_block_name(b->block), b->when,
                             b->held ? " (held at its dose)" : "");
            for (size_t k = 0; k < b->nitems; k++) {
                const struct tendo_block_item *x = &b->items[k];
                tendo_buf_puts(&r->out, "<li>");
                esc(r, x->what);
                if (x->reps)
                    tendo_buf_printf(&r->out, ": %d x %d", x->sets, x->reps);
                else
                    tendo_buf_printf(&r->out, ": %d x %d s", x->sets,
                                     x->seconds);
                tendo_buf_printf(&r->out, "%s</li>\n",
                                 x->per_side ? " each side" : "");
            }
            tendo_buf_puts(&r->out, "</ul>\n");
            if (b->note[0]) {
                tendo_buf_puts(&r->out, "<p class=\"note\">");
                esc(r, b->note);
                tendo_buf_puts(&r->out, "</p>\n");
            }
            tendo_buf_puts(&r->out, "</details>\n");
        }
        tendo_buf_puts(&r->out, "<form method=\"post\" action=\"/log\" "
                                "id=\"routine-done\"><input type=\"hidden\" "
                                "name=\"what\" value=\"routine\"/><input "
                                "type=\"hidden\" name=\"blocks\" "
                                "value=\"all\"/><button type=\"submit\">"
                                "Routine done</button></form>\n</div>\n");
    }
    if (a->routine.gate[0]) {
        tendo_buf_puts(&r->out, "<p class=\"note\" id=\"gate\">");
        esc(r, a->routine.gate);
        tendo_buf_puts(&r->out, "</p>\n");
    }
    tendo_buf_puts(&r->out, "<ul id=\"reasons\">\n");
    for (size_t i = 0; i < a->nreasons; i++) {
        tendo_buf_puts(&r->out, "<li>");
        esc(r, a->reasons[i].text);
        tendo_buf_printf(&r->out, " <code>%s</code></li>\n",
                         a->reasons[i].code);
    }
    tendo_buf_puts(&r->out, "</ul>\n");
}

int page_today(struct serve_req *r)
{
    const struct tendo_advice *a;
    const struct tendo_history *h;
    const struct tendo_history_day *d;
    struct tendo_error e = {0};
    const char *saved = serve_arg(r, "saved");
    int units;
    if (serve_advice(r, &a, &h, &units, &e))
        return error_page(r, &e, "/");
    head(r, "today", "/");
    if (saved && strcmp(saved, "check") == 0)
        tendo_buf_puts(&r->out, "<p class=\"saved\" id=\"saved\">Check "
                                "saved. Today's advice follows from it."
                                "</p>\n");
    advice_html(r, a, units);
    d = tendo_history_day(h, a->date);
    if (!d || !d->check)
        tendo_buf_puts(&r->out, "<p><a class=\"button\" href=\"/check\">"
                                "Check in for today</a></p>\n");
    return finish(r, MHD_HTTP_OK);
}

/* ---- check in ------------------------------------------------------------ */

static void scale(struct serve_req *r, const char *name, const char *label,
                  int lo, int hi, const int *values, size_t nvalues, int cur,
                  const char *unit)
{
    tendo_buf_printf(&r->out,
                     "<fieldset class=\"scale\" id=\"%s\"><legend>%s"
                     "</legend>\n",
                     name, label);
    for (int i = lo; values ? (size_t)(i - lo) < nvalues : i <= hi; i++) {
        int v = values ? values[i - lo] : i;
        tendo_buf_printf(&r->out,
                         "<label><input type=\"radio\" name=\"%s\" "
                         "value=\"%d\"%s/><span>%d%s</span></label>",
                         name, v, v == cur ? " checked=\"checked\"" : "", v, unit);
    }
    tendo_buf_puts(&r->out, "</fieldset>\n");
}

static void select_of(struct serve_req *r, const char *name,
                      const char *label, const char *const *names,
                      const char *cur)
{
    tendo_buf_printf(&r->out, "<label>%s <select name=\"%s\">"
                              "<option value=\"\"></option>",
                     label, name);
    for (int i = 0; names[i]; i++)
        tendo_buf_printf(&r->out, "<option%s>%s</option>",
                         cur && strcmp(cur, names[i]) == 0 ? " selected=\"selected\"" : "",
                         names[i]);
    tendo_buf_puts(&r->out, "</select></label>\n");
}

static void number_input(struct serve_req *r, const char *name,
                         const char *label, int lo, int hi, int cur)
{
    tendo_buf_printf(&r->out,
                     "<label>%s <input type=\"number\" name=\"%s\" "
                     "min=\"%d\" max=\"%d\" inputmode=\"numeric\"",
                     label, name, lo, hi);
    if (cur != TENDO_UNSET)
        tendo_buf_printf(&r->out, " value=\"%d\"", cur);
    tendo_buf_puts(&r->out, "/></label>\n");
}

int page_check(struct serve_req *r)
{
    static const int stiff[] = {0, 5, 10, 15, 30, 60};
    struct tendo_check c;
    struct tendo_error e = {0};
    tendo_db *db;
    tendo_day today;
    int units, found = 0;
    char ds[TENDO_DAY_STRLEN];
    if (serve_open(r, 0, &db, &today, &units, &e) ||
        tendo_check_get(db, today, &c, &found, &e)) {
        serve_close(r, db);
        return error_page(r, &e, "/");
    }
    serve_close(r, db);
    head(r, "check in", "/check");
    tendo_buf_printf(&r->out, "<h1>Check in, %s</h1>\n",
                     tendo_day_format(today, ds));
    if (found)
        tendo_buf_puts(&r->out, "<p class=\"note\">Today's check is saved; "
                                "what you change here updates it.</p>\n");
    tendo_buf_puts(&r->out, "<form method=\"post\" action=\"/check\" "
                            "id=\"check\">\n");
    scale(r, "morning", "Pain on the first steps this morning (0-10)", 0, 10,
          NULL, 0, c.morning, "");
    scale(r, "stiffness", "Morning stiffness, minutes", 0, 0, stiff,
          sizeof stiff / sizeof *stiff, c.stiffness_min, "");
    tendo_buf_puts(&r->out, "<button type=\"submit\" class=\"primary\">Save "
                            "and see today</button>\n");
    tendo_buf_puts(&r->out, "<details><summary>More: pain in a run, side, "
                            "hops</summary>\n");
    number_input(r, "during", "Worst pain during the day's run (0-10)", 0,
                 10, c.during);
    number_input(r, "after", "Worst pain after it, that evening (0-10)", 0,
                 10, c.after);
    number_input(r, "hop_pain", "Pain on 10 single-leg hops (0-10)", 0, 10,
                 c.hop_pain);
    select_of(r, "side", "Side", tendo_sides, c.side);
    select_of(r, "location", "Where", tendo_locations, c.location);
    tendo_buf_puts(&r->out,
                   "<label><input type=\"checkbox\" name=\"flag\" "
                   "value=\"sharp\"/> Sharp pain that changed how you ran "
                   "(starts a flare-up; not a red flag)</label>\n</details>\n");
    tendo_buf_puts(&r->out, "<fieldset class=\"flags\" id=\"flags\"><legend>"
                            "Red flags - tick only if true: each means no "
                            "running until a clinician has seen you"
                            "</legend>\n");
    for (size_t i = 0; i < sizeof flag_text / sizeof *flag_text; i++) {
        unsigned bit = 0;
        for (int k = 0; tendo_flag_names[k]; k++)
            if (strcmp(tendo_flag_names[k], flag_text[i].name) == 0)
                bit = 1u << k;
        tendo_buf_printf(&r->out,
                         "<label><input type=\"checkbox\" name=\"flag\" "
                         "value=\"%s\"%s/> %s</label>\n",
                         flag_text[i].name, c.flags & bit ? " checked=\"checked\"" : "",
                         flag_text[i].text);
    }
    tendo_buf_puts(&r->out, "</fieldset>\n</form>\n");
    return finish(r, MHD_HTTP_OK);
}

int page_check_post(struct serve_req *r)
{
    struct tendo_error e = {0};
    json_t *doc;
    int answered;
    if (serve_parse_body(r, &answered))
        return answered;
    if (write_check(r, &doc, &e))
        return error_page(r, &e, "/check");
    json_decref(doc);
    return serve_redirect(r, "/?saved=check");
}

/* ---- log, edit, delete ---------------------------------------------------- */

struct recent {
    struct serve_req *r;
    int units;
    int n;
};

static void delete_button(struct serve_req *r, const char *kind, int64_t id,
                          const char *what)
{
    tendo_buf_printf(&r->out,
                     "<form method=\"post\" action=\"/delete\" "
                     "class=\"inline\"><input type=\"hidden\" name=\"kind\" "
                     "value=\"%s\"/><input type=\"hidden\" name=\"id\" "
                     "value=\"%lld\"/><button type=\"submit\" "
                     "class=\"delete\" data-confirm=\"Delete ",
                     kind, (long long)id);
    esc(r, what);
    tendo_buf_puts(&r->out, "?\">Delete</button></form>");
}

static int recent_session(const struct tendo_session *s, void *ctx)
{
    struct recent *x = ctx;
    struct serve_req *r = x->r;
    char ds[TENDO_DAY_STRLEN], what[96];
    x->n++;
    snprintf(what, sizeof what, "%s #%lld of %s", s->type, (long long)s->id,
             tendo_day_format(s->date, ds));
    tendo_buf_printf(&r->out, "<li id=\"session-%lld\">%s %s", (long long)s->id,
                     ds, s->type);
    if (!isnan(s->minutes))
        tendo_buf_printf(&r->out, ", %.0f min", s->minutes);
    if (!isnan(s->distance_m))
        tendo_buf_printf(&r->out, ", %.2f %s",
                         in_units(s->distance_m / 1000, x->units),
                         unit_name(x->units));
    if (s->pain_during != TENDO_UNSET)
        tendo_buf_printf(&r->out, ", pain %d/10", s->pain_during);
    if (s->rpe != TENDO_UNSET)
        tendo_buf_printf(&r->out, ", RPE %d", s->rpe);
    tendo_buf_printf(&r->out, " <a href=\"/log?edit=%lld\">Edit</a> ",
                     (long long)s->id);
    delete_button(r, "session", s->id, what);
    tendo_buf_puts(&r->out, "</li>\n");
    return 0;
}

static int recent_rehab(const struct tendo_rehab *x, void *ctx)
{
    struct recent *rc = ctx;
    struct serve_req *r = rc->r;
    char ds[TENDO_DAY_STRLEN], what[96];
    rc->n++;
    snprintf(what, sizeof what, "rehab #%lld of %s", (long long)x->id,
             tendo_day_format(x->date, ds));
    tendo_buf_printf(&r->out, "<li id=\"rehab-%lld\">%s %s %d x %d",
                     (long long)x->id, ds, x->exercise, x->sets, x->reps);
    if (x->pain != TENDO_UNSET)
        tendo_buf_printf(&r->out, ", pain %d/10", x->pain);
    tendo_buf_puts(&r->out, " ");
    delete_button(r, "rehab", x->id, what);
    tendo_buf_puts(&r->out, "</li>\n");
    return 0;
}

int page_log(struct serve_req *r)
{
    const char *edit = serve_arg(r, "edit"), *saved = serve_arg(r, "saved");
    struct tendo_session s;
    struct tendo_error e = {0};
    struct recent x = {r, 0, 0};
    tendo_db *db;
    tendo_day today;
    int units, editing = 0;
    char ds[TENDO_DAY_STRLEN], num[32];
    tendo_session_init(&s);
    if (serve_open(r, 0, &db, &today, &units, &e))
        return error_page(r, &e, "/");
    if (edit) {
        int id;
        if (tendo_parse_int(edit, strlen(edit), 1, INT32_MAX, "edit", &id,
                            &e) ||
            tendo_session_get(db, id, &s, &e)) {
            serve_close(r, db);
            return error_page(r, &e, "/log");
        }
        editing = 1;
    }
    x.units = units;
    head(r, "log", "/log");
    if (saved) {
        tendo_buf_puts(&r->out, "<p class=\"saved\" id=\"saved\">");
        if (strcmp(saved, "deleted") == 0)
            tendo_buf_puts(&r->out, "Deleted.");
        else if (strcmp(saved, "wellness") == 0)
            tendo_buf_puts(&r->out, "Saved: sleep and stress.");
        else if (strcmp(saved, "routine") == 0)
            tendo_buf_puts(&r->out, "Saved: the routine done today.");
        else if (strncmp(saved, "test-", 5) == 0)
            tendo_buf_puts(&r->out, "Saved the heel-raise test (see the "
                                    "report for its trend).");
        else if (strncmp(saved, "rehab-", 6) == 0)
            tendo_buf_printf(&r->out, "Saved rehab #%lld.",
                             strtoll(saved + 6, NULL, 10));
        else
            tendo_buf_printf(&r->out, "Saved session #%lld.",
                             strtoll(saved, NULL, 10));
        tendo_buf_puts(&r->out, "</p>\n");
    }
    if (editing)
        tendo_buf_printf(&r->out, "<h1>Edit %s #%lld</h1>\n", s.type,
                         (long long)s.id);
    else
        tendo_buf_puts(&r->out, "<h1>Log a session</h1>\n");
    tendo_buf_puts(&r->out, "<form method=\"post\" action=\"/log\" "
                            "id=\"log\">\n");
    if (editing)
        tendo_buf_printf(&r->out, "<input type=\"hidden\" name=\"id\" "
                                  "value=\"%lld\"/>\n",
                         (long long)s.id);
    select_of(r, "type", "Type", tendo_session_types,
              editing ? s.type : "run");
    tendo_buf_puts(&r->out, "<label>Minutes <input type=\"number\" "
                            "name=\"minutes\" min=\"1\" max=\"10080\" "
                            "step=\"any\" inputmode=\"decimal\"");
    if (!isnan(s.minutes))
        tendo_buf_printf(&r->out, " value=\"%s\"",
                         tendo_format_real(s.minutes, num));
    tendo_buf_printf(&r->out, "/></label>\n<label>Distance, %s <input "
                              "type=\"number\" name=\"%s\" min=\"0\" "
                              "step=\"any\" inputmode=\"decimal\"",
                     unit_name(units), unit_name(units));
    if (!isnan(s.distance_m))
        tendo_buf_printf(&r->out, " value=\"%.2f\"",
                         in_units(s.distance_m / 1000, units));
    tendo_buf_puts(&r->out, "/></label>\n");
    number_input(r, "pain", "Worst Achilles pain during it (0-10)", 0, 10,
                 s.pain_during);
    number_input(r, "pain_after", "Worst pain after it (0-10)", 0, 10,
                 s.pain_after);
    number_input(r, "rpe", "Effort, RPE (0 rest - 10 maximal)", 0, 10, s.rpe);
    select_of(r, "surface", "Surface", tendo_surfaces, s.surface);
    tendo_buf_puts(&r->out, "<label>Notes <input type=\"text\" "
                            "name=\"notes\" maxlength=\"500\" value=\"");
    esc(r, s.notes);
    tendo_buf_printf(&r->out, "\"/></label>\n<label>Day <input type=\"date\" "
                              "name=\"date\" max=\"%s\" value=\"%s\"/>"
                              "</label>\n",
                     tendo_day_format(today, ds),
                     editing ? tendo_day_format(s.date, num) : ds);
    tendo_buf_printf(&r->out, "<button type=\"submit\" class=\"primary\">%s"
                              "</button>\n</form>\n",
                     editing ? "Save the changes" : "Log it");
    if (!editing)
        tendo_buf_puts(&r->out,
                       "<h2>Rehab done</h2>\n<form method=\"post\" "
                       "action=\"/log\" id=\"rehab\">\n<input type=\"hidden\" "
                       "name=\"what\" value=\"rehab\"/>\n<p class=\"note\">"
                       "Today's prescribed dose (see Today) unless you "
                       "name another.</p>\n");
    if (!editing) {
        number_input(r, "pain", "Worst pain during the session (0-10)", 0, 10,
                     TENDO_UNSET);
        tendo_buf_puts(&r->out, "<details><summary>Another exercise or dose"
                                "</summary>\n");
        select_of(r, "exercise", "Exercise", tendo_rehab_exercises, NULL);
        number_input(r, "sets", "Sets", 1, 20, TENDO_UNSET);
        number_input(r, "reps", "Reps a set", 1, 200, TENDO_UNSET);
        tendo_buf_puts(&r->out, "</details>\n<button type=\"submit\">Log the "
                                "rehab</button>\n</form>\n");
        tendo_buf_puts(&r->out,
                       "<details id=\"more\"><summary>Sleep and stress, a "
                       "heel-raise test</summary>\n<form method=\"post\" "
                       "action=\"/log\" id=\"wellness\"><input "
                       "type=\"hidden\" name=\"what\" value=\"wellness\"/>\n"
                       "<label>Sleep last night, hours <input type=\"number\" "
                       "name=\"sleep_h\" min=\"0\" max=\"24\" step=\"0.5\" "
                       "inputmode=\"decimal\"/></label>\n");
        number_input(r, "stress", "Stress (1 low - 5 high)", 1, 5,
                     TENDO_UNSET);
        number_input(r, "fatigue", "Fatigue (1-5)", 1, 5, TENDO_UNSET);
        tendo_buf_puts(&r->out,
                       "<button type=\"submit\">Save</button></form>\n"
                       "<form method=\"post\" action=\"/log\" "
                       "id=\"heel-raise\"><input type=\"hidden\" name=\"what\" "
                       "value=\"assessment\"/><input type=\"hidden\" "
                       "name=\"kind\" value=\"heel-raise\"/>\n<p "
                       "class=\"note\">Single-leg heel raises to fatigue, each "
                       "side (0 when a side cannot be tested).</p>\n");
        number_input(r, "left", "Left", 0, 500, TENDO_UNSET);
        number_input(r, "right", "Right", 0, 500, TENDO_UNSET);
        tendo_buf_puts(&r->out, "<button type=\"submit\">Save the test"
                                "</button></form>\n</details>\n");
    }
    tendo_buf_puts(&r->out, "<h2>The last 14 days</h2>\n<ul id=\"recent\">\n");
    if (tendo_sessions_each(db, today - 13, today, recent_session, &x, &e) ||
        tendo_rehab_each(db, today - 13, today, recent_rehab, &x, &e)) {
        serve_close(r, db);
        return error_page(r, &e, "/");
    }
    serve_close(r, db);
    if (!x.n)
        tendo_buf_puts(&r->out, "<li>Nothing logged.</li>\n");
    tendo_buf_puts(&r->out, "</ul>\n");
    return finish(r, MHD_HTTP_OK);
}

int page_log_post(struct serve_req *r)
{
    struct tendo_error e = {0};
    const char *what;
    json_t *doc;
    int answered, rc;
    char loc[64];
    if (serve_parse_body(r, &answered))
        return answered;
    what = serve_field(r, "what");
    if (!what)
        what = "session";
    rc = strcmp(what, "rehab") == 0        ? write_rehab(r, &doc, &e)
         : strcmp(what, "routine") == 0    ? write_routine(r, &doc, &e)
         : strcmp(what, "wellness") == 0   ? write_wellness(r, &doc, &e)
         : strcmp(what, "assessment") == 0 ? write_assessment(r, &doc, &e)
                                           : write_session(r, &doc, &e);
    if (rc)
        return error_page(r, &e, "/log");
    if (strcmp(what, "wellness") == 0)
        snprintf(loc, sizeof loc, "/log?saved=wellness");
    else if (strcmp(what, "routine") == 0)
        snprintf(loc, sizeof loc, "/log?saved=routine");
    else if (strcmp(what, "assessment") == 0)
        snprintf(loc, sizeof loc, "/log?saved=test-%s",
                 json_is_number(json_object_get(doc, "lsi"))
                     ? "lsi"
                     : "done");
    else
        snprintf(loc, sizeof loc, "/log?saved=%s%lld",
                 strcmp(what, "rehab") == 0 ? "rehab-" : "",
                 (long long)json_integer_value(json_object_get(doc, "id")));
    json_decref(doc);
    return serve_redirect(r, loc);
}

int page_delete_post(struct serve_req *r)
{
    struct tendo_error e = {0};
    json_t *doc;
    int answered;
    if (serve_parse_body(r, &answered))
        return answered;
    if (write_delete(r, &doc, &e))
        return error_page(r, &e, "/log");
    json_decref(doc);
    return serve_redirect(r, "/log?saved=deleted");
}

/* ---- plan and calendar -------------------------------------------------- */

static int make_plan(struct serve_req *r, int weeks, struct tendo_plan **out,
                     int *units, tendo_day *today, int *reminder,
                     struct tendo_error *e)
{
    struct tendo_plan_input in;
    const struct tendo_history *h;
    int rc;
    *out = NULL;
    if ((rc = serve_history(r, &h, today, units, e)))
        return rc;
    *reminder = h->athlete.reminder_min;
    if (!(*out = tendo_malloc(sizeof **out)))
        return tendo_fail(e, TENDO_ENOMEM, "out of memory");
    memset(&in, 0, sizeof in);
    in.history = h;
    in.today = *today;
    in.from = *today;
    in.weeks = weeks;
    rc = tendo_plan(&in, *out, e);
    if (rc) {
        tendo_free(*out);
        *out = NULL;
    }
    return rc;
}

int page_plan(struct serve_req *r)
{
    static const char *const wd[] = {"Mon", "Tue", "Wed", "Thu",
                                     "Fri", "Sat", "Sun"};
    struct tendo_plan *p;
    struct tendo_error e = {0};
    tendo_day today;
    int units;
    char ds[TENDO_DAY_STRLEN], s[160], secret[65];
    size_t di = 0;
    int reminder;
    if (make_plan(r, 4, &p, &units, &today, &reminder, &e) ||
        calendar_secret(r, 0, secret, &e)) {
        tendo_free(p);
        return error_page(r, &e, "/");
    }
    head(r, "plan", "/plan");
    tendo_buf_printf(&r->out, "<h1>The next weeks</h1>\n<p>From today's "
                              "advice (<b>%s</b>); it assumes the symptoms "
                              "settle and is planned again from every check."
                              "</p>\n<table class=\"plan\" id=\"plan\">\n"
                              "<thead><tr>",
                     tendo_level_name(p->advice.level));
    for (int i = 0; i < 7; i++)
        tendo_buf_printf(&r->out, "<th>%s</th>", wd[i]);
    tendo_buf_puts(&r->out, "</tr></thead>\n<tbody>\n");
    for (size_t wi = 0; wi < p->nweeks; wi++) {
        const struct tendo_plan_week *w = &p->weeks[wi];
        tendo_buf_printf(&r->out, "<tr class=\"week\"><td colspan=\"7\">"
                                  "Week of %s: %s, %.0f min",
                         tendo_day_format(w->start, ds), w->phase, w->run_min);
        if (!isnan(w->run_km))
            tendo_buf_printf(&r->out, " / %.1f %s", in_units(w->run_km, units),
                             unit_name(units));
        tendo_buf_puts(&r->out, " of running</td></tr>\n<tr>");
        for (int k = 0; k < 7; k++) {
            tendo_day day = w->start + k;
            const struct tendo_plan_day *d =
                di < p->ndays && p->days[di].date == day ? &p->days[di++]
                                                         : NULL;
            tendo_day_format(day, ds);
            if (!d) {
                tendo_buf_printf(&r->out, "<td class=\"past\"><b>%s</b></td>",
                                 ds + 8);
                continue;
            }
            tendo_plan_day_summary(d, units, s, sizeof s);
            tendo_buf_printf(&r->out, "<td class=\"%s%s\" data-day=\"%s\">"
                                      "<b><span class=\"wd\">%s </span>%s</b> ",
                             tendo_plan_kind_name(d->kind),
                             day == today ? " today" : "", ds, wd[k], ds + 8);
            esc(r, s);
            if (d->has_rehab) {
                char rt[120];
                tendo_plan_day_rehab_text(d, rt, sizeof rt);
                tendo_buf_puts(&r->out, "<small>+ rehab: ");
                esc(r, rt);
                tendo_buf_puts(&r->out, "</small>");
            }
            if (d->routine) { /* §7a the day's routine blocks */
                tendo_buf_puts(&r->out, "<small class=\"routine\">routine:");
                for (int bl = 0, first = 1; bl < TENDO_BLOCK_COUNT; bl++)
                    if (d->routine & (1u << bl)) {
                        tendo_buf_printf(&r->out, "%s %s", first ? "" : ",",
                                         tendo_block_name(bl));
                        first = 0;
                    }
                tendo_buf_puts(&r->out, "</small>");
            }
            tendo_buf_puts(&r->out, "</td>");
        }
        tendo_buf_puts(&r->out, "</tr>\n");
    }
    tendo_buf_puts(&r->out, "</tbody></table>\n<h2>In your calendar</h2>\n"
                            "<p><a href=\"/plan.ics\" download=\"tendo-plan.ics\">"
                            "Download these weeks (.ics)</a></p>\n");
    if (secret[0]) {
        char origin[120];
        serve_origin(r, origin, sizeof origin);
        tendo_buf_puts(&r->out, "<p>Subscribe to this address in your "
                                "calendar app (it is always current; keep it "
                                "private):</p>\n<p><input type=\"text\" "
                                "readonly=\"readonly\" id=\"feed\" value=\"");
        esc(r, origin);
        tendo_buf_printf(&r->out, "/calendar/%s.ics\"/></p>\n", secret);
    }
    tendo_buf_printf(&r->out,
                     "<form method=\"post\" action=\"/calendar/new\">"
                     "<button type=\"submit\">%s</button></form>\n",
                     secret[0] ? "Make a new address (the old one stops)"
                               : "Make a calendar address to subscribe to");
    tendo_free(p);
    return finish(r, MHD_HTTP_OK);
}

static int plan_ics(struct serve_req *r)
{
    struct tendo_plan *p;
    struct tendo_error e = {0};
    tendo_day today;
    int units, reminder;
    if (make_plan(r, 4, &p, &units, &today, &reminder, &e))
        return serve_fail(r, &e);
    tendo_buf_reset(&r->out);
    if (tendo_plan_ics(&r->out, p, units, today, reminder, serve_now(r),
                       &e)) {
        tendo_free(p);
        return serve_fail(r, &e);
    }
    tendo_free(p);
    return serve_respond(r, MHD_HTTP_OK, "text/calendar; charset=utf-8");
}

int page_plan_ics(struct serve_req *r)
{
    return plan_ics(r);
}

/* GET /calendar/SECRET.ics: the feed a calendar app polls (it cannot log
 * in: the secret address is the key). A wrong or no secret is 404. */
int page_calendar(struct serve_req *r)
{
    struct tendo_error e = {0};
    char secret[65];
    const char *name = r->url + strlen("/calendar/");
    unsigned char diff = 0;
    if (calendar_secret(r, 0, secret, &e))
        return serve_fail(r, &e);
    if (!secret[0] || strlen(name) != 64 + 4 || strcmp(name + 64, ".ics"))
        return serve_error(r, MHD_HTTP_NOT_FOUND, TENDO_ENOTFOUND,
                           "no such page");
    for (size_t i = 0; i < 64; i++) /* the same time for every guess */
        diff |= (unsigned char)(secret[i] ^ name[i]);
    if (diff)
        return serve_error(r, MHD_HTTP_NOT_FOUND, TENDO_ENOTFOUND,
                           "no such page");
    return plan_ics(r);
}

int page_calendar_new(struct serve_req *r)
{
    struct tendo_error e = {0};
    char secret[65];
    int answered;
    if (serve_parse_body(r, &answered))
        return answered;
    if (calendar_secret(r, 1, secret, &e))
        return error_page(r, &e, "/plan");
    return serve_redirect(r, "/plan#feed");
}

/* ---- report ----------------------------------------------------------- */

int page_report(struct serve_req *r)
{
    static const int ranges[] = {4, 8, 12, 26, 52, 104};
    struct tendo_report_input in;
    const struct tendo_history *h;
    struct tendo_error e = {0};
    struct tendo_buf bar;
    const char *w = serve_arg(r, "weeks");
    char *body;
    tendo_day today;
    int units, weeks = 12;
    if (w && tendo_parse_int(w, strlen(w), 1, 520, "weeks", &weeks, &e))
        return error_page(r, &e, "/report");
    if (serve_history(r, &h, &today, &units, &e))
        return error_page(r, &e, "/");
    memset(&in, 0, sizeof in);
    in.units = units;
    in.history = h;
    in.to = today;
    in.from = tendo_day_week_start(today) - (weeks - 1) * 7;
    tendo_buf_reset(&r->out);
    if (tendo_report_html(&r->out, &in, &e))
        return error_page(r, &e, "/");
    /* the report as `tendo report` writes it, with a bar on top: the way
     * back and the range (a form: it needs no script) */
    tendo_buf_init(&bar, 0);
    tendo_buf_puts(&bar, "<nav id=\"servebar\" style=\"display:flex;flex-wrap:"
                         "wrap;gap:12px;align-items:center;padding:8px 0;"
                         "border-bottom:1px solid #ccc;margin-bottom:8px\">"
                         "<a href=\"/\">Today</a><a href=\"/check\">Check in"
                         "</a><a href=\"/plan\">Plan</a><form method=\"get\" "
                         "action=\"/report\"><label>Weeks <select "
                         "name=\"weeks\">");
    for (size_t i = 0; i < sizeof ranges / sizeof *ranges; i++)
        tendo_buf_printf(&bar, "<option%s>%d</option>",
                         ranges[i] == weeks ? " selected=\"selected\"" : "",
                         ranges[i]);
    tendo_buf_puts(&bar, "</select></label> <button type=\"submit\">Show"
                         "</button></form></nav>\n");
    body = strstr(r->out.data, "<body>\n");
    if (body && !bar.err) {
        size_t at = (size_t)(body - r->out.data) + strlen("<body>\n");
        struct tendo_buf page;
        tendo_buf_init(&page, 0);
        tendo_buf_add(&page, r->out.data, at);
        tendo_buf_add(&page, bar.data, bar.len);
        tendo_buf_add(&page, r->out.data + at, r->out.len - at);
        tendo_buf_reset(&r->out);
        tendo_buf_add(&r->out, page.data, page.len);
        tendo_buf_release(&page);
    }
    tendo_buf_release(&bar);
    if (r->out.err)
        return serve_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, TENDO_ENOMEM,
                           "the report is too large");
    return serve_respond(r, MHD_HTTP_OK, "text/html; charset=utf-8");
}

/* ---- import ------------------------------------------------------------ */

int page_import(struct serve_req *r)
{
    head(r, "import", "/import");
    tendo_buf_puts(&r->out,
                   "<h1>Import</h1>\n<p>Files from your watch or an app: FIT, "
                   "GPX, TCX (also .gz), a Strava export (.zip), a tendo "
                   "diary CSV. Each is checked "
                   "and stored on its own; a file stored before is "
                   "recognised.</p>\n<form method=\"post\" action=\"/import\" "
                   "enctype=\"multipart/form-data\" id=\"import\">\n"
                   "<label class=\"drop\" id=\"drop\">Choose files or drop them "
                   "here <input type=\"file\" name=\"file\" multiple=\"multiple\" "
                   "accept=\".fit,.gpx,.tcx,.gz,.csv,.zip\"/></label>\n"
                   "<button type=\"submit\" class=\"primary\">Import</button>\n"
                   "</form>\n<ul id=\"results\"></ul>\n");
    return finish(r, MHD_HTTP_OK);
}

static void result_html(struct serve_req *r, json_t *doc)
{
    const char *status = json_string_value(json_object_get(doc, "status"));
    json_t *items = json_object_get(doc, "items"), *x;
    size_t i;
    if (items) { /* a Strava export: a line per row */
        json_array_foreach(items, i, x)
            result_html(r, x);
        return;
    }
    const char *text = json_string_value(
        json_object_get(doc, strcmp(status, "rejected") ? "note" : "error"));
    tendo_buf_printf(&r->out, "<li class=\"%s\">%s ", status, status);
    esc(r, json_string_value(json_object_get(doc, "file")));
    tendo_buf_puts(&r->out, ": ");
    esc(r, text ? text : "");
    tendo_buf_puts(&r->out, "</li>\n");
}

/* the form without a script: every file part of the upload, in order */
int page_import_post(struct serve_req *r)
{
    struct tendo_error e = {0};
    int answered, n = 0;
    if (serve_parse_body(r, &answered))
        return answered;
    head(r, "import", "/import");
    tendo_buf_puts(&r->out, "<h1>Imported</h1>\n<ul id=\"results\">\n");
    for (size_t i = 0; i < r->nf; i++) {
        json_t *doc;
        const char *name = r->f[i].filename;
        if (!name || strcmp(r->f[i].name, "file") || (!*name && !r->f[i].len))
            continue;
        if (write_import(r, *name ? name : "upload", (uint8_t *)r->f[i].value,
                         r->f[i].len, &doc, &e))
            return error_page(r, &e, "/import");
        result_html(r, doc);
        json_decref(doc);
        n++;
    }
    if (!n)
        tendo_buf_puts(&r->out, "<li>No file was chosen.</li>\n");
    tendo_buf_puts(&r->out, "</ul>\n<p><a href=\"/import\">Import more</a> - "
                            "<a href=\"/\">Today</a></p>\n");
    return finish(r, MHD_HTTP_OK);
}

/* ---- pairing ------------------------------------------------------------ */

/* GET /pair?token=T (the address `tendo serve` prints beyond loopback):
 * the token becomes an HttpOnly, SameSite=Strict cookie, so the phone's
 * browser brings it with every request and no script can read it. */
int page_pair(struct serve_req *r)
{
    const char *token = serve_arg(r, "token");
    if (!r->s->token_sha256[0])
        return serve_redirect(r, "/");
    if (!token || strlen(token) != 64 || !serve_authorized(r, token)) {
        head(r, "pair", "");
        tendo_buf_puts(&r->out, "<h1>Not paired</h1>\n<p class=\"error\">"
                                "This pairing address is not (or no longer) "
                                "valid. Open the one 'tendo serve' printed; "
                                "'tendo serve --new-token' makes a new one."
                                "</p>\n");
        return finish(r, MHD_HTTP_UNAUTHORIZED);
    }
    snprintf(r->cookie, sizeof r->cookie,
             "tendo_token=%s; Path=/; HttpOnly; SameSite=Strict; "
             "Max-Age=31536000%s",
             token, r->s->tls ? "; Secure" : "");
    r->set_cookie = r->cookie;
    return serve_redirect(r, "/");
}
