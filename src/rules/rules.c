/*
 * src/rules/rules.c - the daily advice (docs/clinical.md §2-§6): the
 * driver. Pure: see tendo/rules.h.
 *
 * The rules are a table (reasons.c). For each day the driver works out the
 * figures they read (baselines, medians, the flare step, a break from
 * running), applies the table - the day's level is the most restrictive
 * level asked for - then sets the caps: the level's (§5, §6), lowered by
 * any rule's own cap, and what a rule rules out (strides, hills, the long
 * run). One more rule may cut today's run (no runs on consecutive days),
 * cross-training fills the minutes cut, and the rehab programme (rehab.c)
 * gives the day's dose.
 *
 * The days are advised in order from the history's first: the flare state
 * (flare.c) and what each day's advice leaves for the next (struct carry:
 * its level and cap, and the typical run of a spell at reduce or below, so
 * caps never compound) are replayed, so every command that asks about a
 * day gets the same answer. Days before the ones asked for are advised
 * without texts.
 */
#include "advice.h"
#include "rehab_int.h"

#include <ctype.h>
#include <stddef.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#define UNSET TENDO_UNSET

static const char *const level_names[] = {
    "progress", "maintain", "reduce", "cross-train", "pause", "see-clinician"};
static const char *const step_names[] = {
    "none", "pause", "reassess", "re-enter-1", "re-enter-2", "re-enter-3"};

const char *tendo_level_name(enum tendo_level l)
{
    return (unsigned)l <= TENDO_LEVEL_SEE_CLINICIAN ? level_names[l] : "?";
}

const char *tendo_flare_step_name(enum tendo_flare_step s)
{
    return (unsigned)s <= TENDO_FLARE_REENTER3 ? step_names[s] : "?";
}

const struct tendo_reason_info *tendo_reason_info(size_t i)
{
    if (i < rules_count)
        return &rules_table[i].info;
    i -= rules_count;
    if (i < rules_after_count)
        return &rules_after_caps[i].info;
    i -= rules_after_count;
    return i < rehab_nreasons ? &rehab_reasons[i] : NULL;
}

/* ---- applying the rules ---- */

static void add_reason(struct tendo_advice *o, const char *code,
                       enum tendo_level level, const char *text)
{
    struct tendo_reason *r;
    if (level > o->level)
        o->level = level;
    if (o->nreasons == TENDO_REASONS_MAX) {
        o->truncated = 1;   /* more reasons than room: never expected */
        return;
    }
    r = &o->reasons[o->nreasons++];
    r->code = code;
    r->level = level;
    snprintf(r->text, sizeof r->text, "%s", text);
}

/* applies one rule; `quiet`: no text. Returns 1 when it fired. */
static int apply(struct day *d, const struct rule *r, int quiet)
{
    char text[sizeof d->o->reasons[0].text];
    int fired = r->fires(d, r->arg, quiet ? NULL : text, sizeof text);
    if (!fired)
        return 0;
    if (fired > 1)
        d->o->truncated = 1;
    add_reason(d->o, r->info.code,
               r->info.level == TENDO_LEVEL_OF_DAY
                   ? d->o->level
                   : (enum tendo_level)r->info.level,
               quiet ? "" : text);
    return 1;
}

/* ---- the day's figures ---- */

/* §5: a good day: a check, morning in the safe zone and not above the
 * usual, no flag, session pain in the safe zone */
int rules_good_day(const struct rules_view *v, tendo_day day)
{
    const struct tendo_history_day *x = rules_at(v, day);
    if (!x->check || x->morning == UNSET || x->morning > TENDO_PAIN_SAFE_MAX ||
        (x->base_morning != UNSET && x->morning > x->base_morning) ||
        (x->flags & TENDO_FLAG_ALL) || x->open_flags)
        return 0;
    return x->pain == UNSET || x->pain <= TENDO_PAIN_SAFE_MAX;
}

/* the runs of from..to: their minutes in all, and their median in
 * *median (NAN without runs) */
static double runs_between(const struct day *d, tendo_day from, tendo_day to,
                           double *median)
{
    const struct tendo_history *h = d->v.h;
    double m[64], sum = 0;
    int n = 0;
    for (tendo_day k = from; k <= to; k++) {
        const struct tendo_history_day *x = rules_at(&d->v, k);
        for (size_t i = x->session0; x->runs && i < x->session0 + x->nsessions;
             i++) {
            const struct tendo_session *s = &h->sessions[i];
            if (strcmp(s->type, "run") || isnan(s->minutes) ||
                s->minutes <= 0)
                continue;
            sum += s->minutes;
            if (n < 64) {
                int j = n++;
                for (; j > 0 && m[j - 1] > s->minutes; j--)
                    m[j] = m[j - 1];
                m[j] = s->minutes;
            }
        }
    }
    *median = !n ? NAN : n % 2 ? m[n / 2] : (m[n / 2 - 1] + m[n / 2]) / 2;
    return sum;
}

/* §6: a break from running (no run for TENDO_BREAK_DAYS or more before
 * today), or the two weeks after one */
static void break_setup(struct day *d)
{
    const struct rules_view *v = &d->v;
    struct brk *b = &d->brk;
    tendo_day last = d->t->prev_run, r;
    double ignore;
    memset(b, 0, sizeof *b);
    b->T_back = NAN;
    if (last == TENDO_DAY_NONE)
        return;
    if (d->today - last - 1 >= TENDO_BREAK_DAYS) {
        b->state = BRK_OFF;
        b->last = last;
        b->back = TENDO_DAY_NONE;
    } else {
        /* the first run after a break, within the last two weeks */
        for (r = last; r != TENDO_DAY_NONE &&
                       d->today - r < TENDO_RETURN_DAYS;
             r = rules_at(v, r)->prev_run) {
            tendo_day p = rules_at(v, r)->prev_run;
            if (p != TENDO_DAY_NONE && r - p - 1 >= TENDO_BREAK_DAYS)
                break;
        }
        if (r == TENDO_DAY_NONE || d->today - r >= TENDO_RETURN_DAYS)
            return;
        b->back = r;
        b->last = rules_at(v, r)->prev_run;
        b->state = d->today - r < 7 ? BRK_WEEK1 : BRK_WEEK2;
        b->used = runs_between(d, r, d->today - 1, &b->T_back);
    }
    b->days = (int)((b->back == TENDO_DAY_NONE ? d->today : b->back) -
                    b->last - 1);
    b->share = (b->days >= TENDO_BREAK_LONG_DAYS ? TENDO_BREAK_LONG_PCT
                                                 : TENDO_BREAK_PCT) /
               100.0;
    b->T_pre = rules_at(v, b->last + 1)->typical_min;
    b->W_pre = runs_between(d, b->last - 6, b->last, &ignore);
    if (isnan(b->T_pre))
        b->T_pre = TENDO_NO_RUNS_MIN;
}

/* the typical run the caps start from, before a spell at reduce or below
 * fixes it: the pre-flare run in a flare, the pre-break run in a break
 * and its first week back, the runs since in the second; for a while
 * after a flare's ladder the smaller of the pre-flare run and the last
 * re-entry run plus the ramp, if above the 28-day median (§4) */
static double typical(const struct day *d)
{
    const struct replay *rp = &d->rp;
    double T = d->T_median;
    if (rp->f.step != TENDO_FLARE_NONE && !isnan(rp->f.pre_typical_min))
        return rp->f.pre_typical_min;
    if (d->brk.state == BRK_OFF || d->brk.state == BRK_WEEK1)
        return d->brk.T_pre;
    if (d->brk.state == BRK_WEEK2 && !isnan(d->brk.T_back))
        return d->brk.T_back;
    if (rp->done != TENDO_DAY_NONE &&
        d->today - rp->done < TENDO_REENTRY_HOLD_DAYS && !isnan(rp->done_pre)) {
        double back = isnan(rp->reentry_run)
                          ? rp->done_pre
                          : fmin(rp->done_pre, rp->reentry_run * (1 + d->ramp));
        if (isnan(T) || back > T)
            T = back;
    }
    return T;
}

/* the day's figures, once */
static void day_setup(struct day *d, const struct rules_view *v,
                      const struct replay *rp, const struct carry *c,
                      struct tendo_advice *o)
{
    struct tendo_load_day ld;
    double ramp = v->h->athlete.ramp;
    memset(d, 0, sizeof *d);
    d->v = *v;
    d->today = v->today;
    d->rp = *rp;
    d->c = c;
    d->o = o;
    d->t = rules_at(v, d->today);
    d->y = rules_at(v, d->today - 1);
    d->base = d->t->base_morning;
    d->base_s = d->t->base_stiffness;
    d->b = rules_base(d->base);
    d->bs = rules_base_stiff(d->base_s);
    d->pain = rules_session_pain(v, d->today);
    d->m7 = d->t->week_morning;
    d->m7prev = rules_at(v, d->today - TENDO_TREND_DAYS)->week_morning;
    d->s7 = d->t->week_stiffness;
    d->s7prev = rules_at(v, d->today - TENDO_TREND_DAYS)->week_stiffness;
    d->in_reentry = rp->f.step >= TENDO_FLARE_REENTER1;
    while (d->good < TENDO_GOOD_DAYS && rules_good_day(v, d->today - d->good))
        d->good++;
    /* §6: the ramp setting, within 0 .. TENDO_RAMP_MAX */
    ramp = isnan(ramp) || ramp < 0 ? TENDO_RAMP_DEFAULT / 100.0 : ramp;
    d->ramp = ramp > TENDO_RAMP_MAX / 100.0 ? TENDO_RAMP_MAX / 100.0 : ramp;
    break_setup(d);
    d->T_median = d->t->typical_min;
    d->pace = d->t->typical_pace;
    if (isnan(d->pace) && d->brk.state != BRK_NONE)
        d->pace = rules_at(v, d->brk.last + 1)->typical_pace;
    d->T = typical(d);
    d->longest_min = d->t->longest30_min;
    d->longest_m = d->t->longest30_m;
    tendo_history_load_day(v->h, d->today, &ld);
    d->acwr = ld.acwr;
    d->mono = ld.monotony;
}

/* ---- caps ---- */

/* §5, §6: the cap the level allows, lowered by the rules' own caps; what
 * the rules rule out; NAN when no run */
static double caps(struct day *d, const unsigned char *fired)
{
    struct tendo_advice *o = d->o;
    double T = d->T, cap = NAN, reduce = TENDO_REDUCE_PCT / 100.0;
    unsigned mods = 0;
    o->intensity = "easy";
    o->surface = "soft or flat";
    switch (o->level) {
    case TENDO_LEVEL_PROGRESS:
        o->intensity = "moderate";
        o->surface = "any";
        o->strides = o->hills = 1;
        cap = T * (1 + d->ramp);
        break;
    case TENDO_LEVEL_MAINTAIN:
        o->intensity = "moderate";
        o->surface = "any";
        o->strides = 1;
        cap = T;
        break;
    case TENDO_LEVEL_REDUCE: {
        /* a re-entry step's share, cut again when a symptom reduces (a
         * rule with a cap of its own applies it instead) */
        int other = 0;
        for (size_t i = 0; i < rules_count; i++)
            other |= fired[i] &&
                     rules_table[i].info.level == TENDO_LEVEL_REDUCE &&
                     !rules_table[i].cap &&
                     strcmp(rules_table[i].info.code, "reentry_step");
        if (d->in_reentry) {
            cap = flare_reentry_share(d->rp.f.step) * T *
                  (other ? reduce : 1.0);
            break;
        }
        /* caps never compound: the spell's typical run, and never above
         * what a day at maintain would allow */
        if (d->c->episode != TENDO_DAY_NONE && !isnan(d->c->episode_T))
            T = d->c->episode_T;
        cap = fmin(reduce * T, d->T);
        o->typical_min = T;
        break;
    }
    default:
        return NAN;
    }
    for (size_t i = 0; i < rules_count; i++) {
        if (!fired[i])
            continue;
        mods |= rules_table[i].mods;
        if (rules_table[i].cap)
            cap = fmin(cap, rules_table[i].cap(d));
    }
    if (mods & M_EASY) {
        o->intensity = "easy";
        o->surface = "soft or flat";
        o->strides = o->hills = 0;
    }
    return cap;
}

/* §6: cross-training keeps the training load when running is cut; §2:
 * with a red flag open, only when no flag rules out exercising the leg */
static void cross_training(const struct day *d, struct tendo_advice *o,
                           double T)
{
    if (o->level == TENDO_LEVEL_SEE_CLINICIAN) {
        if (d->t->open_flags & TENDO_FLAG_NO_EXERCISE)
            return;
        o->ncross = 1;
        o->cross[0].type = "bike";
        o->cross[0].minutes = (int)lround(T);
    } else if (o->level >= TENDO_LEVEL_CROSS_TRAIN) {
        o->ncross = 2;
        o->cross[0].type = "bike";
        o->cross[1].type = "pool-run";
        o->cross[0].minutes = o->cross[1].minutes = (int)lround(T);
    } else if (o->level == TENDO_LEVEL_REDUCE || !o->run_allowed) {
        int rest = (int)lround(o->run_allowed ? T - o->max_minutes : T);
        if (rest >= TENDO_CROSS_MIN) {
            o->ncross = 1;
            o->cross[0].type = "bike";
            o->cross[0].minutes = rest;
        }
    }
}

/* §7: the day's rehab dose from the programme (none at see-clinician) */
static int rehab(const struct day *d, struct tendo_error *err)
{
    struct tendo_advice *o = d->o;
    struct tendo_rehab_input ri;
    struct tendo_rehab_plan rp;
    const struct tendo_rehab_stage *st;
    char text[sizeof o->reasons[0].text];
    if (o->level == TENDO_LEVEL_SEE_CLINICIAN) {
        o->has_rehab = 0;
        o->rehab_progress = "hold";
        return TENDO_OK;
    }
    memset(&ri, 0, sizeof ri);
    ri.history = d->v.h;
    ri.today = d->today;
    ri.flare_open = d->rp.f.step == TENDO_FLARE_PAUSE ||
                    d->rp.f.step == TENDO_FLARE_REASSESS;
    ri.flare_started = d->rp.f.started;
    ri.reentry = d->in_reentry;
    if (tendo_rehab_prescribe(&ri, &rp, err))
        return err ? err->code : TENDO_EUSAGE;
    st = rp.stage;
    o->has_rehab = 1;
    snprintf(o->rehab_exercise, sizeof o->rehab_exercise, "%s", st->exercise);
    snprintf(o->rehab_surface, sizeof o->rehab_surface, "%s", st->surface);
    snprintf(o->rehab_tempo, sizeof o->rehab_tempo, "%s", st->tempo);
    o->rehab_sets = st->sets;
    o->rehab_reps = st->reps;
    o->rehab_load_kg = rp.load_kg;
    o->rehab_progress = rp.decision;
    o->rehab_stage = rp.stage_no;
    o->rehab_nstages = rp.nstages;
    o->rehab_per_week = st->per_week;
    o->rehab_insertional = rp.insertional;
    o->rehab_name = st->name;
    o->rehab_how = st->how;
    rp.text[0] = (char)tolower((unsigned char)rp.text[0]);
    if (rules_fits(snprintf(text, sizeof text,
                            "Rehab stage %d of %d (%s): %s%s", rp.stage_no,
                            rp.nstages, st->name, rp.text,
                            rp.insertional &&
                                    strcmp(rp.code, "rehab_floor_level")
                                ? "; with insertional pain drops stay at "
                                  "floor level"
                                : ""),
                   sizeof text) > 1)
        o->truncated = 1;
    add_reason(o, rp.code, TENDO_LEVEL_PROGRESS, text);
    return TENDO_OK;
}

/* §2: the flags open today, then those cleared lately */
static void flags_of_day(const struct day *d, struct tendo_advice *o)
{
    const struct tendo_history *h = d->v.h;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < h->nepisodes; i++) {
            const struct tendo_flag_episode *e = &h->episodes[i];
            int open = e->opened <= d->today &&
                       (e->cleared == TENDO_DAY_NONE || e->cleared > d->today);
            int shown = e->cleared != TENDO_DAY_NONE &&
                        e->cleared <= d->today &&
                        d->today - e->cleared < TENDO_CLEARED_SHOW_DAYS;
            if ((pass ? shown : open) &&
                o->nflags < sizeof o->flags / sizeof *o->flags)
                o->flags[o->nflags++] = *e;
        }
}

/* Readable reasons: the ones that decide the day's level first, then the
 * others that still matter, in the order of the table; a reason asking for
 * less restriction than the day's level keeps its fact and drops its
 * action (an ACT mark in its text), which would contradict the level. */
static void finish_reasons(struct tendo_advice *o)
{
    size_t k = 0;
    for (size_t i = 0; i < o->nreasons; i++) {
        struct tendo_reason *r = &o->reasons[i];
        char *m = strchr(r->text, ACT[0]);
        if (!m)
            continue;
        if (r->level < o->level && r->level > TENDO_LEVEL_PROGRESS)
            *m = '\0';
        else
            memmove(m, m + 1, strlen(m + 1) + 1);
    }
    /* a stable partition in place (at most 16 reasons, no allocation) */
    for (size_t i = 0; i < o->nreasons; i++) {
        if (o->reasons[i].level != o->level)
            continue;
        for (size_t j = i; j > k; j--) {
            struct tendo_reason t = o->reasons[j];
            o->reasons[j] = o->reasons[j - 1];
            o->reasons[j - 1] = t;
        }
        k++;
    }
}

/* what today leaves for tomorrow */
static void carry_on(struct carry *c, const struct day *d,
                     const struct tendo_advice *o)
{
    if (o->level >= TENDO_LEVEL_REDUCE) {
        if (c->episode == TENDO_DAY_NONE) {
            c->episode = d->today;
            c->episode_T = d->T;
        }
    } else {
        c->episode = TENDO_DAY_NONE;
        c->episode_T = NAN;
    }
    c->have = 1;
    c->level = o->level;
    c->cap = o->run_allowed ? o->max_minutes : NAN;
}

/* the advice for v->today, with the flare state `rp` replayed through it
 * and what the day before left in `c` (updated for tomorrow); `quiet`:
 * only what tomorrow needs (no texts, no rehab) */
static int advise_day(const struct rules_view *v, const struct replay *rp,
                      struct carry *c, int quiet, struct tendo_advice *o,
                      struct tendo_error *err)
{
    struct day d;
    unsigned char fired[RULES_MAX];
    double cap;
    int rc;
    /* a day only replayed for the next: its reasons' texts are never read */
    memset(o, 0, quiet ? offsetof(struct tendo_advice, reasons) : sizeof *o);
    o->cadence_spm = NAN;
    day_setup(&d, v, rp, c, o);
    o->break_left_min = NAN;
    o->break_until = TENDO_DAY_NONE;
    if (d.brk.state == BRK_OFF || d.brk.state == BRK_WEEK1) {
        o->break_left_min = fmax(0, d.brk.share * d.brk.W_pre - d.brk.used);
        if (d.brk.state == BRK_WEEK1)
            o->break_until = d.brk.back + 6;
    }
    o->date = d.today;
    o->level = TENDO_LEVEL_PROGRESS;
    o->flare = rp->f;
    o->next_check = rules_no_check(&d) ? d.today : d.today + 1;
    o->have_check = d.t->check != NULL;
    o->base_morning = d.base;
    o->base_stiffness = d.base_s;
    o->good_days = d.good;
    flags_of_day(&d, o);
    for (size_t i = 0; i < rules_count; i++)
        fired[i] = (unsigned char)apply(&d, &rules_table[i], quiet);
    if (isnan(d.T))
        d.T = TENDO_NO_RUNS_MIN;
    o->typical_min = d.T;
    cap = caps(&d, fired);
    o->typical_km = isnan(d.pace) ? NAN : o->typical_min / d.pace;
    /* no run shorter than the shortest worth doing (§6), but in re-entry */
    o->run_allowed = !isnan(cap) &&
                     cap >= (d.in_reentry ? 1 : TENDO_PLAN_RUN_MIN);
    d.cap = cap;
    /* §6: the single-session spike, then no runs on consecutive days */
    if (o->run_allowed && apply(&d, &rules_after_caps[AFTER_SPIKE], quiet)) {
        cap = fmin(cap, rules_after_caps[AFTER_SPIKE].cap(&d));
        o->run_allowed = cap >= (d.in_reentry ? 1 : TENDO_PLAN_RUN_MIN);
    }
    if (o->run_allowed &&
        apply(&d, &rules_after_caps[AFTER_CONSECUTIVE], quiet))
        o->run_allowed = 0;
    if (o->run_allowed) {
        double km = isnan(d.pace) ? NAN : cap / d.pace;
        if (!isnan(km) && d.longest_m > 0)
            km = fmin(km, d.longest_m / 1000 * TENDO_SPIKE_PCT / 100.0);
        o->max_minutes = floor(cap + 1e-9);
        o->max_km = isnan(km) ? NAN : floor(km * 10 + 1e-9) / 10;
        apply(&d, &rules_after_caps[AFTER_CADENCE], quiet);
        /* §7a informative, on a day with a run: pain after shorter runs
         * while the warm-up is skipped */
        apply(&d, &rules_after_caps[AFTER_WARMUP], quiet);
    } else {
        o->max_minutes = o->max_km = NAN;
        o->strides = o->hills = 0;
    }
    cross_training(&d, o, o->typical_min);
    carry_on(c, &d, o);
    if (quiet)
        return TENDO_OK;
    if ((rc = rehab(&d, err)))
        return rc;
    rules_routine(&d, o);
    finish_reasons(o);
    return TENDO_OK;
}

int tendo_advise_days(const struct tendo_history *h, tendo_day from,
                      tendo_day to, tendo_advice_fn fn, void *ctx,
                      struct tendo_error *err)
{
    struct rules_view v;
    struct replay rp;
    struct carry c;
    struct tendo_advice a;
    int rc;
    if (!h || !fn || from > to || from < TENDO_DAY_MIN || to > h->last)
        return tendo_fail(err, TENDO_EUSAGE,
                          "tendo_advise: a day outside the history");
    v.h = h;
    flare_init(&rp);
    memset(&c, 0, sizeof c);
    c.episode = TENDO_DAY_NONE;
    c.episode_T = c.cap = NAN;
    /* every day from the first with data is advised, in order: each
     * leaves something for the next; days before it as an empty diary */
    for (tendo_day day = from < h->first ? from : h->first; day <= to;
         day++) {
        v.today = day;
        flare_step(&v, &rp, day);
        if ((rc = advise_day(&v, &rp, &c, day < from, &a, err)))
            return rc;
        if (day >= from && (rc = fn(&a, ctx)))
            return rc;
    }
    return TENDO_OK;
}

static int copy_out(const struct tendo_advice *a, void *ctx)
{
    *(struct tendo_advice *)ctx = *a;
    return 0;
}

int tendo_advise(const struct tendo_history *h, tendo_day day,
                 struct tendo_advice *out, struct tendo_error *err)
{
    if (!out)
        return tendo_fail(err, TENDO_EUSAGE, "tendo_advise: no output");
    return tendo_advise_days(h, day, day, copy_out, out, err);
}
