/*
 * report/documents.c - the JSON documents of the reporting commands
 * (tendo/documents.h; the shapes in docs/formats.md).
 */
#include "tendo/documents.h"
#include "tendo/json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const weekdays[] = {"Mon", "Tue", "Wed", "Thu",
                                       "Fri", "Sat", "Sun"};

json_t *tendo_json_number(double v, double scale)
{
    return isnan(v) ? json_null() : json_real(round(v * scale) / scale);
}

static json_t *day_string(tendo_day d)
{
    char s[TENDO_DAY_STRLEN];
    return json_string(tendo_day_format(d, s));
}

static json_t *int_or_null(int v)
{
    return v == TENDO_UNSET ? json_null() : json_integer(v);
}

/* metres as km or miles */
static double dist(double metres, int units)
{
    return metres / (units == TENDO_UNITS_MI ? TENDO_M_PER_MI : 1000.0);
}

/* ---- the day's advice ---- */

json_t *tendo_rehab_dose_json(const char *exercise, const char *surface,
                              int sets, int reps, double load_kg,
                              const char *tempo)
{
    json_t *r = json_object();
    json_object_set_new(r, "exercise", json_string(exercise));
    json_object_set_new(r, "surface", json_string(surface));
    json_object_set_new(r, "sets", json_integer(sets));
    json_object_set_new(r, "reps", json_integer(reps));
    json_object_set_new(r, "load_kg", tendo_json_number(load_kg, 10));
    json_object_set_new(r, "tempo", json_string(tempo));
    return r;
}

static json_t *advice_run(const struct tendo_advice *a, int units)
{
    json_t *run = json_object();
    json_object_set_new(run, "allowed", json_boolean(a->run_allowed));
    json_object_set_new(run, "max_minutes", tendo_json_number(a->max_minutes, 1));
    json_object_set_new(run, "max_km", tendo_json_number(a->max_km, 10));
    if (units == TENDO_UNITS_MI)
        json_object_set_new(run, "max_mi",
                            tendo_json_number(a->max_km * 1000 /
                                                  TENDO_M_PER_MI,
                                              10));
    json_object_set_new(run, "intensity", a->run_allowed
                                              ? json_string(a->intensity)
                                              : json_null());
    json_object_set_new(run, "surface", a->run_allowed
                                            ? json_string(a->surface)
                                            : json_null());
    json_object_set_new(run, "strides", json_boolean(a->strides));
    json_object_set_new(run, "hills", json_boolean(a->hills));
    /* clinical.md §9: the step-rate cue for easy runs, steps/min */
    json_object_set_new(run, "cadence_spm",
                        tendo_json_number(a->cadence_spm, 1));
    return run;
}

static json_t *advice_rehab(const struct tendo_advice *a)
{
    json_t *r;
    if (!a->has_rehab)
        return json_null();
    r = tendo_rehab_dose_json(a->rehab_exercise, a->rehab_surface,
                              a->rehab_sets, a->rehab_reps, a->rehab_load_kg,
                              a->rehab_tempo);
    json_object_set_new(r, "progress", json_string(a->rehab_progress));
    json_object_set_new(r, "stage", json_integer(a->rehab_stage));
    json_object_set_new(r, "stages", json_integer(a->rehab_nstages));
    json_object_set_new(r, "name", json_string(a->rehab_name));
    return r;
}

/* the reasons; with `prefix`, only the codes that start with it */
static json_t *reasons(const struct tendo_advice *a, const char *prefix,
                       int with_level)
{
    json_t *rs = json_array();
    for (size_t i = 0; i < a->nreasons; i++) {
        json_t *x;
        if (prefix && strncmp(a->reasons[i].code, prefix, strlen(prefix)))
            continue;
        x = json_object();
        json_object_set_new(x, "code", json_string(a->reasons[i].code));
        if (with_level)
            json_object_set_new(x, "level",
                                json_string(tendo_level_name(
                                    a->reasons[i].level)));
        json_object_set_new(x, "text", json_string(a->reasons[i].text));
        json_array_append_new(rs, x);
    }
    return rs;
}

static const char *flag_name(unsigned bit)
{
    int b = 0;
    while (bit > 1u)
        bit >>= 1, b++;
    return tendo_flag_names[b];
}

static json_t *episode(const struct tendo_flag_episode *e)
{
    json_t *x = json_object();
    json_object_set_new(x, "flag", json_string(flag_name(e->flag)));
    json_object_set_new(x, "since", day_string(e->opened));
    json_object_set_new(x, "cleared", e->cleared == TENDO_DAY_NONE
                                          ? json_null()
                                          : day_string(e->cleared));
    return x;
}

/* the flags open on the day, and those cleared lately (clinical.md §2),
 * with the clearance's note when the history is at hand */
static json_t *advice_flags(const struct tendo_advice *a,
                            const struct tendo_history *h)
{
    json_t *xs = json_array();
    for (size_t i = 0; i < a->nflags; i++) {
        const struct tendo_flag_episode *e = &a->flags[i];
        json_t *x = episode(e);
        if (h && e->clearance >= 0 && (size_t)e->clearance < h->nclearances)
            json_object_set_new(x, "note",
                                json_string(h->clearances[e->clearance].note));
        json_array_append_new(xs, x);
    }
    return xs;
}

json_t *tendo_flags_json(const struct tendo_history *h, tendo_day day)
{
    json_t *o = json_object(), *open = json_array(), *cleared = json_array();
    json_object_set_new(o, "date", day_string(day));
    for (size_t i = 0; h && i < h->nepisodes; i++) {
        const struct tendo_flag_episode *e = &h->episodes[i];
        json_t *x;
        if (e->opened > day)
            continue;
        x = episode(e);
        if (e->cleared == TENDO_DAY_NONE || e->cleared > day) {
            json_object_set_new(x, "cleared", json_null());
            json_object_set_new(x, "days", json_integer(day - e->opened + 1));
            json_array_append_new(open, x);
            continue;
        }
        json_object_set_new(x, "note",
                            json_string(h->clearances[e->clearance].note));
        json_array_append_new(cleared, x);
    }
    json_object_set_new(o, "open", open);
    json_object_set_new(o, "cleared", cleared);
    return o;
}

json_t *tendo_routine_json(const struct tendo_routine *r)
{
    json_t *blocks = json_array();
    for (size_t i = 0; i < r->nblocks; i++) {
        const struct tendo_routine_block *b = &r->blocks[i];
        json_t *items = json_array();
        for (size_t k = 0; k < b->nitems; k++) {
            const struct tendo_block_item *x = &b->items[k];
            json_array_append_new(
                items, json_pack("{s:s,s:i,s:o,s:o,s:b}", "what", x->what,
                                 "sets", x->sets, "reps",
                                 x->reps ? json_integer(x->reps) : json_null(),
                                 "seconds",
                                 x->seconds ? json_integer(x->seconds)
                                            : json_null(),
                                 "per_side", x->per_side));
        }
        json_array_append_new(
            blocks, json_pack("{s:s,s:s,s:i,s:b,s:s?,s:o}", "block",
                              tendo_block_name(b->block), "when", b->when,
                              "level", b->level, "held", b->held, "note",
                              b->note[0] ? b->note : NULL, "items", items));
    }
    return json_pack("{s:o,s:s?}", "blocks", blocks, "gate",
                     r->gate && r->gate[0] ? r->gate : NULL);
}

json_t *tendo_advice_json(const struct tendo_advice *a,
                          const struct tendo_history *h, int units)
{
    json_t *o = json_object(), *xs = json_array(), *fl = json_object();
    json_object_set_new(o, "date", day_string(a->date));
    json_object_set_new(o, "level", json_string(tendo_level_name(a->level)));
    json_object_set_new(o, "run", advice_run(a, units));
    for (int i = 0; i < a->ncross; i++) {
        json_t *x = json_object();
        json_object_set_new(x, "type", json_string(a->cross[i].type));
        json_object_set_new(x, "minutes", json_integer(a->cross[i].minutes));
        json_array_append_new(xs, x);
    }
    json_object_set_new(o, "cross_training", xs);
    json_object_set_new(o, "rehab", advice_rehab(a));
    json_object_set_new(o, "routine", tendo_routine_json(&a->routine));
    json_object_set_new(o, "reasons", reasons(a, NULL, 1));
    json_object_set_new(o, "next_check", day_string(a->next_check));
    /* the figures behind it */
    json_object_set_new(o, "typical_run_min",
                        tendo_json_number(a->typical_min, 1));
    json_object_set_new(o, "typical_run_km",
                        tendo_json_number(a->typical_km, 10));
    json_object_set_new(o, "baseline_morning", int_or_null(a->base_morning));
    json_object_set_new(o, "baseline_stiffness_min",
                        int_or_null(a->base_stiffness));
    json_object_set_new(o, "good_days", json_integer(a->good_days));
    json_object_set_new(fl, "step",
                        json_string(tendo_flare_step_name(a->flare.step)));
    json_object_set_new(fl, "since", a->flare.step == TENDO_FLARE_NONE
                                         ? json_null()
                                         : day_string(a->flare.started));
    json_object_set_new(o, "flare", fl);
    json_object_set_new(o, "red_flags", advice_flags(a, h));
    return o;
}

json_t *tendo_prescription_json(const struct tendo_advice *a)
{
    json_t *o = json_object();
    json_object_set_new(o, "date", day_string(a->date));
    json_object_set_new(o, "stage", json_integer(a->rehab_stage));
    json_object_set_new(o, "stages", json_integer(a->rehab_nstages));
    json_object_set_new(o, "name", json_string(a->rehab_name));
    json_object_set_new(o, "exercise", json_string(a->rehab_exercise));
    json_object_set_new(o, "surface", json_string(a->rehab_surface));
    json_object_set_new(o, "sets", json_integer(a->rehab_sets));
    json_object_set_new(o, "reps", json_integer(a->rehab_reps));
    json_object_set_new(o, "load_kg", isnan(a->rehab_load_kg)
                                          ? json_null()
                                          : json_real(a->rehab_load_kg));
    json_object_set_new(o, "tempo", json_string(a->rehab_tempo));
    json_object_set_new(o, "progress", json_string(a->rehab_progress));
    json_object_set_new(o, "reasons", reasons(a, "rehab_", 0));
    return o;
}

/* ---- the plan ---- */

static json_t *plan_day(const struct tendo_plan_day *d, int units)
{
    json_t *o = json_object();
    json_object_set_new(o, "date", day_string(d->date));
    json_object_set_new(o, "kind", json_string(tendo_plan_kind_name(d->kind)));
    json_object_set_new(o, "phase", json_string(d->phase));
    if (d->kind == TENDO_PLAN_RUN) {
        json_t *r = json_object();
        json_object_set_new(r, "minutes", json_integer(d->run_min));
        json_object_set_new(r, units == TENDO_UNITS_MI ? "mi" : "km",
                            tendo_json_number(dist(d->run_km * 1000, units),
                                              10));
        json_object_set_new(r, "intensity", json_string(d->intensity));
        json_object_set_new(r, "surface", json_string(d->surface));
        json_object_set_new(r, "strides", json_boolean(d->strides));
        json_object_set_new(o, "run", r);
    } else {
        json_object_set_new(o, "run", json_null());
    }
    if (d->cross_type) {    /* a cross-training day, or today's advice */
        json_t *x = json_object();
        json_object_set_new(x, "type", json_string(d->cross_type));
        json_object_set_new(x, "minutes", json_integer(d->cross_min));
        json_object_set_new(o, "cross_training", x);
    } else {
        json_object_set_new(o, "cross_training", json_null());
    }
    json_object_set_new(o, "rehab",
                        d->has_rehab
                            ? tendo_rehab_dose_json(d->rehab_exercise,
                                                    d->rehab_surface,
                                                    d->rehab_sets,
                                                    d->rehab_reps,
                                                    d->rehab_load_kg,
                                                    d->rehab_tempo)
                            : json_null());
    json_object_set_new(o, "note", json_string(d->note));
    return o;
}

static json_t *plan_week(const struct tendo_plan_week *w, int units)
{
    json_t *x = json_object();
    json_object_set_new(x, "week_start", day_string(w->start));
    json_object_set_new(x, "phase", json_string(w->phase));
    json_object_set_new(x, "run_min", tendo_json_number(w->run_min, 1));
    json_object_set_new(x, units == TENDO_UNITS_MI ? "run_mi" : "run_km",
                        tendo_json_number(dist(w->run_km * 1000, units), 10));
    json_object_set_new(x, "done_min", tendo_json_number(w->done_min, 1));
    json_object_set_new(x, "target_min", tendo_json_number(w->target_min, 1));
    json_object_set_new(x, "deload", json_boolean(w->deload));
    return x;
}

json_t *tendo_plan_json(const struct tendo_plan *p, int units)
{
    json_t *o = json_object(), *days = json_array(), *weeks = json_array();
    json_object_set_new(o, "from", day_string(p->from));
    json_object_set_new(o, "level",
                        json_string(tendo_level_name(p->advice.level)));
    json_object_set_new(o, "flare",
                        json_string(tendo_flare_step_name(p->advice.flare.step)));
    json_object_set_new(o, "runs_per_week", json_integer(p->runs_per_week));
    json_object_set_new(o, "long_run_day",
                        p->long_run_day >= 0
                            ? json_string(weekdays[p->long_run_day])
                            : json_null());
    json_object_set_new(o, "rest_day", json_string(weekdays[p->rest_day]));
    json_object_set_new(o, "base_week_min",
                        tendo_json_number(p->base_week_min, 1));
    for (size_t i = 0; i < p->ndays; i++) {
        json_t *d = plan_day(&p->days[i], units);
        /* one truth: the first day is today's advice, with its level and
         * reasons (clinical.md §5) */
        if (p->days[i].date == p->advice.date) {
            json_object_set_new(d, "level",
                                json_string(tendo_level_name(p->advice.level)));
            json_object_set_new(d, "reasons", reasons(&p->advice, NULL, 1));
        }
        json_object_set_new(d, "done_min",
                            tendo_json_number(p->days[i].done_min, 1));
        {
            json_t *blocks = json_array();
            for (int b = 0; b < TENDO_BLOCK_COUNT; b++)
                if (p->days[i].routine & (1u << b))
                    json_array_append_new(blocks,
                                          json_string(tendo_block_name(b)));
            json_object_set_new(d, "routine", blocks);
        }
        json_array_append_new(days, d);
    }
    for (size_t i = 0; i < p->nweeks; i++)
        json_array_append_new(weeks, plan_week(&p->weeks[i], units));
    json_object_set_new(o, "days", days);
    json_object_set_new(o, "weeks", weeks);
    return o;
}

/* ---- the load ---- */

static json_t *load_day(const struct tendo_load_day *x, const char *du,
                        int units)
{
    json_t *o = json_object();
    json_object_set_new(o, "date", day_string(x->date));
    json_object_set_new(o, "run_min", tendo_json_number(x->run_min, 10));
    json_object_set_new(o, du, tendo_json_number(dist(x->run_m, units), 100));
    json_object_set_new(o, "time_on_feet_min",
                        tendo_json_number(x->feet_min, 10));
    json_object_set_new(o, "tendon_load", tendo_json_number(x->tendon_load, 10));
    json_object_set_new(o, "training_load",
                        tendo_json_number(x->training_load, 10));
    json_object_set_new(o, "training_load_estimated",
                        json_boolean(x->training_load_estimated));
    json_object_set_new(o, "acwr", tendo_json_number(x->acwr, 100));
    json_object_set_new(o, "acwr_ewma", tendo_json_number(x->acwr_ewma, 100));
    json_object_set_new(o, "ctl", tendo_json_number(x->ctl, 10));
    json_object_set_new(o, "atl", tendo_json_number(x->atl, 10));
    json_object_set_new(o, "tsb", tendo_json_number(x->tsb, 10));
    return o;
}

static json_t *load_week(const struct tendo_load_week *x, const char *du,
                         int units)
{
    json_t *o = json_object();
    json_object_set_new(o, "week_start", day_string(x->week_start));
    json_object_set_new(o, "run_min", tendo_json_number(x->run_min, 10));
    json_object_set_new(o, du, tendo_json_number(dist(x->run_m, units), 100));
    json_object_set_new(o, "time_on_feet_min",
                        tendo_json_number(x->feet_min, 10));
    json_object_set_new(o, "tendon_load", tendo_json_number(x->tendon_load, 10));
    json_object_set_new(o, "training_load",
                        tendo_json_number(x->training_load, 10));
    json_object_set_new(o, "ramp_pct", tendo_json_number(x->ramp_pct, 10));
    json_object_set_new(o, "monotony", tendo_json_number(x->monotony, 100));
    json_object_set_new(o, "strain", tendo_json_number(x->strain, 1));
    json_object_set_new(o, "cadence_spm", tendo_json_number(x->cadence_spm, 10));
    json_object_set_new(o, "efficiency", tendo_json_number(x->efficiency, 1000));
    return o;
}

json_t *tendo_load_json(const struct tendo_history *h, tendo_day from,
                        tendo_day to, int units)
{
    json_t *doc = json_object(), *jd = json_array(), *jw = json_array();
    const char *du = units == TENDO_UNITS_MI ? "run_mi" : "run_km";
    for (tendo_day d = from; d <= to; d++) {
        struct tendo_load_day x;
        tendo_history_load_day(h, d, &x);
        json_array_append_new(jd, load_day(&x, du, units));
    }
    for (tendo_day ws = tendo_day_week_start(from); ws <= to; ws += 7) {
        struct tendo_load_week x;
        tendo_history_load_week(h, ws, &x);
        json_array_append_new(jw, load_week(&x, du, units));
    }
    json_object_set_new(doc, "units",
                        json_string(units == TENDO_UNITS_MI ? "mi" : "km"));
    json_object_set_new(doc, "days", jd);
    json_object_set_new(doc, "weeks", jw);
    return doc;
}

/* ---- rehab stages over time ---- */

json_t *tendo_rehab_runs_json(const char *protocol,
                              const struct tendo_rehab_run *runs, size_t n)
{
    json_t *o = json_object(), *rows = json_array();
    size_t nst = 0;
    const struct tendo_rehab_stage *st = tendo_rehab_protocol(protocol, &nst);
    for (size_t i = 0; i < n; i++) {
        const struct tendo_rehab_run *r = &runs[i];
        json_t *x = json_object();
        int known = r->stage > 0 && st && (size_t)r->stage <= nst;
        json_object_set_new(x, "from", day_string(r->from));
        json_object_set_new(x, "to", day_string(r->to));
        json_object_set_new(x, "stage", known ? json_integer(r->stage)
                                              : json_null());
        json_object_set_new(x, "name", known ? json_string(st[r->stage - 1].name)
                                             : json_null());
        json_object_set_new(x, "load_kg", json_real(r->load_kg));
        json_object_set_new(x, "sessions", json_integer(r->sessions));
        json_object_set_new(x, "max_pain", r->max_pain < 0
                                               ? json_null()
                                               : json_integer(r->max_pain));
        json_array_append_new(rows, x);
    }
    json_object_set_new(o, "protocol", json_string(protocol));
    json_object_set_new(o, "stages", rows);
    return o;
}

/* ---- assessments ---- */

json_t *tendo_assessment_doc_json(const struct tendo_assessment *a,
                                  const char *involved)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(a->id));
    json_object_set_new(o, "date", day_string(a->date));
    json_object_set_new(o, "kind", json_string(a->kind));
    if (!strcmp(a->kind, "function")) {
        int r[3] = {0, 0, 0};
        sscanf(a->answers, "%d,%d,%d", &r[0], &r[1], &r[2]);
        json_object_set_new(o, "score", tendo_json_number(a->score, 1));
        json_object_set_new(o, "stairs", json_integer(r[0]));
        json_object_set_new(o, "daily_tasks", json_integer(r[1]));
        json_object_set_new(o, "recovery", json_integer(r[2]));
    } else if (!strcmp(a->kind, "visa-a")) {
        json_t *ans = json_array();
        const char *c = a->answers;
        while (*c) {
            char *end;
            long v = strtol(c, &end, 10);
            if (end == c)
                break;
            json_array_append_new(ans, json_integer(v));
            c = *end == ',' ? end + 1 : end;
        }
        json_object_set_new(o, "score", tendo_json_number(a->score, 1));
        json_object_set_new(o, "answers", ans);
    } else {
        json_object_set_new(o, "left", tendo_json_number(a->left, 10));
        json_object_set_new(o, "right", tendo_json_number(a->right, 10));
        if (!strcmp(a->kind, "heel-raise")) {
            json_object_set_new(o, "involved", involved ? json_string(involved)
                                                        : json_null());
            json_object_set_new(o, "lsi", tendo_json_number(a->score, 10));
        } else {
            json_object_set_new(o, "difference_cm",
                                tendo_json_number(fabs(a->left - a->right),
                                                  10));
        }
    }
    return o;
}

static int kind_index(const char *kind)
{
    return !strcmp(kind, "visa-a")       ? 0
           : !strcmp(kind, "heel-raise") ? 1
           : !strcmp(kind, "function")   ? 3
                                         : 2;
}

void tendo_assessment_changes(const struct tendo_assessment *a, size_t n,
                              double *change)
{
    double first[4] = {NAN, NAN, NAN, NAN};
    for (size_t i = 0; i < n; i++) {
        int k = kind_index(a[i].kind);
        double v = k == 2 ? fabs(a[i].left - a[i].right) : a[i].score;
        change[i] = !isnan(first[k]) && !isnan(v) ? v - first[k] : NAN;
        if (isnan(first[k]))
            first[k] = v;
    }
}

json_t *tendo_assessments_doc_json(const struct tendo_assessment *a, size_t n)
{
    json_t *arr = json_array();
    double *change = malloc((n ? n : 1) * sizeof *change);
    if (!arr || !change) {
        json_decref(arr);
        free(change);
        return NULL;
    }
    tendo_assessment_changes(a, n, change);
    for (size_t i = 0; i < n; i++) {
        json_t *o = tendo_assessment_doc_json(&a[i], NULL);
        json_object_set_new(o, "change", tendo_json_number(change[i], 10));
        json_array_append_new(arr, o);
    }
    free(change);
    return arr;
}

json_t *tendo_check_outcome_json(const struct tendo_check_outcome *out)
{
    json_t *o = tendo_check_json(&out->after), *changes = json_array();
    if (!o || !changes) {
        json_decref(o);
        json_decref(changes);
        return NULL;
    }
    for (size_t k = 0; k < out->nchanges; k++)
        json_array_append_new(changes,
                              json_pack("{s:s,s:i,s:i}", "field",
                                        out->changes[k].field, "was",
                                        out->changes[k].was, "now",
                                        out->changes[k].now));
    json_object_set_new(o, "updated", json_boolean(out->found));
    /* clinical.md §5: the day's single run holds its pain */
    json_object_set_new(o, "pain_on_session",
                        out->moved_to ? json_integer(out->moved_to)
                                      : json_null());
    json_object_set_new(o, "changes", changes);
    return o;
}

json_t *tendo_assessment_entry_json(const struct tendo_assessment_entry *e)
{
    json_t *o = tendo_assessment_doc_json(&e->a, e->involved), *x;
    struct tendo_heel_raise_gate g;
    if (!o || !e->gated)
        return o;
    tendo_heel_raise_gate(&e->a, e->side, e->age, &g);
    x = json_pack("{s:b,s:s,s:o,s:o}", "pass", g.pass, "by",
                  g.absolute ? "raises" : "lsi", "value",
                  tendo_json_number(g.value, 1), "need",
                  tendo_json_number(g.need, 1));
    if (!x) {
        json_decref(o);
        return NULL;
    }
    json_object_set_new(o, "gate", x);
    return o;
}
