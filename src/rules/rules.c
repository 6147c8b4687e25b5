/*
 * src/rules/rules.c - the daily advice (domain.md §2-§6). Pure: see
 * tendo/rules.h.
 *
 * The history (tendo/history.h) holds every day's figures, so every rule is
 * a few array reads; the flare state is replayed once from the history's
 * first day, and tendo_advise_days() advises a run of days in that pass.
 *
 * Monotonicity (domain.md §11.1) shapes two choices: the baseline never
 * includes today, and the fluctuation range takes today's morning only
 * into its maximum (min over the 4 checks before today), so a higher
 * morning today can never end a "fluctuating" hold.
 */
#include "tendo/rules.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UNSET TENDO_UNSET

static const char *const level_names[] = {
    "progress", "maintain", "reduce", "cross-train", "pause", "see-clinician"};
static const char *const step_names[] = {
    "none", "pause", "reassess", "re-enter-1", "re-enter-2", "re-enter-3"};
static const double reentry_pct[] = {0, 0, 0, 0.50, 0.70, 0.85};

const char *tendo_level_name(enum tendo_level l)
{
    return (unsigned)l <= TENDO_LEVEL_SEE_CLINICIAN ? level_names[l] : "?";
}

const char *tendo_flare_step_name(enum tendo_flare_step s)
{
    return (unsigned)s <= TENDO_FLARE_REENTER3 ? step_names[s] : "?";
}

/* flags that send to a clinician (domain.md §2); `sharp` starts a flare */
#define RED_FLAGS (TENDO_FLAG_ALL & ~(unsigned)TENDO_FLAG_SHARP)

struct ctx {
    const struct tendo_history *h;
    tendo_day today;
    struct tendo_advice *out;
};

/* the history's day, or an empty one outside it */
static const struct tendo_history_day *at(const struct ctx *c, tendo_day day)
{
    static const struct tendo_history_day none = {
        .morning = UNSET, .stiffness = UNSET, .hop_pain = UNSET,
        .pain = UNSET, .base_morning = UNSET, .base_stiffness = UNSET,
        .week_morning = UNSET, .typical_min = NAN, .typical_pace = NAN,
        .sleep_h = NAN, .last_rehab = -1};
    const struct tendo_history_day *d =
        day <= c->today ? tendo_history_day(c->h, day) : NULL;
    return d ? d : &none;
}

static int imax(int a, int b) { return a > b ? a : b; }

/* domain.md §1: the baseline before `day` (stiffness with stiff=1) */
static int baseline(const struct ctx *c, tendo_day day, int stiff)
{
    const struct tendo_history_day *x = at(c, day);
    return stiff ? x->base_stiffness : x->base_morning;
}

/* 7-day median morning pain ending at `day`; UNSET with fewer than 3 */
static int median7(const struct ctx *c, tendo_day day)
{
    return at(c, day)->week_morning;
}

/* the worst session pain of `day` and the day before: "yesterday's run"
 * for a morning check, today's if it was already logged */
static int recent_pain(const struct ctx *c, tendo_day day)
{
    return imax(at(c, day)->pain, at(c, day - 1)->pain);
}

/* ---- flare replay (domain.md §4) ---- */

/* does `day` start a flare? `base`/`base_s` are the baselines in force;
 * *why receives a code for the reason */
static int flare_trigger(const struct ctx *c, tendo_day day, int base,
                         int base_s, const char **why)
{
    const struct tendo_history_day *x = at(c, day);
    int b = base == UNSET ? 0 : base, bs = base_s == UNSET ? 10 : base_s;
    if (x->flags & TENDO_FLAG_SHARP)
        return *why = "sharp", 1;
    if (x->morning != UNSET && x->morning >= 6)
        return *why = "morning", 1;
    if (x->morning != UNSET && x->morning >= 3 && x->morning >= b + 2)
        return *why = "morning_up", 1;
    if (x->stiffness != UNSET && x->stiffness >= 30 && x->stiffness >= 2 * bs)
        return *why = "stiffness", 1;
    if (recent_pain(c, day) >= 7)
        return *why = "session", 1;
    return 0;
}

/* §3.1 rules 1-3 for the runs of `day - 1`, judged on `day`'s morning */
static int runs_accepted(const struct ctx *c, tendo_day day, int base,
                         int base_s)
{
    const struct tendo_history_day *y = at(c, day - 1), *t = at(c, day);
    int b = base == UNSET ? 0 : base, bs = base_s == UNSET ? 10 : base_s;
    if (!y->runs || y->pain > 5 || t->morning == UNSET || t->morning > b + 1)
        return 0;
    if (t->stiffness != UNSET && t->stiffness > imax(bs * 3 / 2, bs + 10))
        return 0;
    return y->runs;
}

/* the latest heel-raise LSI tested in [from, to]; 100 when none */
static double lsi_since(const struct ctx *c, tendo_day from, tendo_day to)
{
    double v = tendo_history_lsi(c->h, from, to);
    return isnan(v) ? 100 : v;
}

struct replay {
    struct tendo_flare f;
    const char *why;            /* trigger of a flare that started today */
    tendo_day done;             /* day the last flare ended */
    double done_pre;            /* its pre-flare typical run */
};

static void replay_init(struct replay *r)
{
    struct tendo_flare *f = &r->f;
    memset(r, 0, sizeof *r);
    f->step = TENDO_FLARE_NONE;
    f->started = f->step_since = r->done = TENDO_DAY_NONE;
    f->pre_typical_min = r->done_pre = NAN;
}

/* advances the flare state through `day` (c->today is `day`) */
static void replay_step(struct ctx *c, struct replay *r, tendo_day day)
{
    struct tendo_flare *f = &r->f;
    int inflare = f->step != TENDO_FLARE_NONE;
    int base = inflare ? f->base_morning : baseline(c, day, 0);
    int base_s = baseline(c, day, 1);
    const struct tendo_history_day *x = at(c, day);
    const char *why = NULL;
    int b = base == UNSET ? 0 : base;
    r->why = NULL;
    if (flare_trigger(c, day, base, base_s, &why)) {
        if (!inflare) {
            f->started = day;
            f->pre_typical_min = x->typical_min;
            f->base_morning = base;
        }
        f->step = TENDO_FLARE_PAUSE;
        f->step_since = day;
        f->progress = 0;
        r->why = why;
        return;
    }
    switch (f->step) {
    case TENDO_FLARE_NONE:
        break;
    case TENDO_FLARE_PAUSE:
        if (day - f->step_since >= 1 && x->morning != UNSET &&
            x->morning <= b + 1) {
            f->step = TENDO_FLARE_REASSESS;
            f->step_since = day;
            f->progress = 0;
        }
        break;
    case TENDO_FLARE_REASSESS:
        if (x->morning == UNSET)
            break;
        if (x->morning <= b + 1 && (x->hop_pain == UNSET || x->hop_pain <= 2))
            f->progress++;
        else
            f->progress = 0;
        /* §8 return-to-running gates: morning <= 2 and, when tested
         * since the flare began, heel-raise LSI >= 80 % */
        if (f->progress >= 2 &&
            (x->morning > 2 || lsi_since(c, f->started, day) < 80))
            break;
        if (f->progress >= 2) {
            f->step = TENDO_FLARE_REENTER1;
            f->step_since = day;
            f->progress = 0;
        }
        break;
    default:
        if (day - 1 >= f->step_since)
            f->progress += runs_accepted(c, day, base, base_s);
        if (f->progress >= 2) {
            f->progress = 0;
            f->step_since = day;
            if (f->step == TENDO_FLARE_REENTER3) {
                r->done = day;
                r->done_pre = f->pre_typical_min;
                f->step = TENDO_FLARE_NONE;
                f->started = TENDO_DAY_NONE;
            } else {
                f->step++;
            }
        }
        break;
    }
}

/* ---- reasons ---- */

static void reason(struct ctx *c, enum tendo_level level, const char *code,
                   const char *fmt, ...) TENDO_PRINTF(4, 5);
static void reason(struct ctx *c, enum tendo_level level, const char *code,
                   const char *fmt, ...)
{
    struct tendo_advice *o = c->out;
    struct tendo_reason *r;
    va_list ap;
    if (o->nreasons == TENDO_REASONS_MAX)
        return;
    r = &o->reasons[o->nreasons++];
    r->code = code;
    r->level = level;
    va_start(ap, fmt);
    vsnprintf(r->text, sizeof r->text, fmt, ap);
    va_end(ap);
    if (level > o->level)
        o->level = level;
}

static const char *flag_text(unsigned bit)
{
    switch (bit) {
    case TENDO_FLAG_POP: return "a sudden snap or 'kicked in the heel' feeling";
    case TENDO_FLAG_CANNOT_RAISE: return "cannot do a single-leg heel raise";
    case TENDO_FLAG_SWELLING: return "new swelling, warmth or redness";
    case TENDO_FLAG_NIGHT: return "pain at rest or at night";
    case TENDO_FLAG_CALF: return "calf swelling, warmth or tenderness";
    default: return "a recent fluoroquinolone antibiotic";
    }
}

static const char *const flag_codes[] = {
    "red_flag_pop", "red_flag_cannot_raise", "red_flag_swelling", "",
    "red_flag_night", "red_flag_calf", "red_flag_fluoroquinolone"};

/* is `day` a good day (§5 progress)? */
static int good_day(const struct ctx *c, tendo_day day)
{
    const struct tendo_history_day *x = at(c, day);
    int b = baseline(c, day, 0);
    if (!x->check || x->morning == UNSET || x->morning > 2 ||
        (b != UNSET && x->morning > b) || (x->flags & TENDO_FLAG_ALL))
        return 0;
    return x->pain == UNSET || x->pain <= 2;
}

static void fmt_day(tendo_day d, char *out)
{
    tendo_day_format(d, out);
}

/* the advice for c->today, with the flare state `rp` replayed through it */
static int advise_day(struct ctx *c, const struct replay *rpp,
                      struct tendo_advice *o, struct tendo_error *err)
{
    struct replay rp = *rpp;
    tendo_day today = c->today;
    const struct tendo_history_day *t, *y;
    int base, base_s, b, bs, pain, m7, m7prev, in_reentry;
    double T, pace, acwr, mono, cap, ramp = c->h->athlete.ramp;
    char ds[TENDO_DAY_STRLEN];

    ramp = isnan(ramp) || ramp < 0 ? 0.10 : ramp;
    if (ramp > 0.30)
        ramp = 0.30;
    memset(o, 0, sizeof *o);
    c->out = o;

    o->date = today;
    o->level = TENDO_LEVEL_PROGRESS;
    o->flare = rp.f;
    o->next_check = today + 1;
    t = at(c, today);
    y = at(c, today - 1);
    o->have_check = t->check != NULL;
    base = baseline(c, today, 0);
    base_s = baseline(c, today, 1);
    o->base_morning = base;
    o->base_stiffness = base_s;
    b = base == UNSET ? 0 : base;
    bs = base_s == UNSET ? 10 : base_s;
    pain = recent_pain(c, today);
    in_reentry = rp.f.step >= TENDO_FLARE_REENTER1;

    T = t->typical_min;
    pace = t->typical_pace;
    if (rp.f.step != TENDO_FLARE_NONE && !isnan(rp.f.pre_typical_min))
        T = rp.f.pre_typical_min;   /* §4: the ladder is of the pre-flare run */
    else if (rp.done != TENDO_DAY_NONE && today - rp.done < 28 &&
             !isnan(rp.done_pre) && (isnan(T) || rp.done_pre > T))
        T = rp.done_pre;

    /* §2 red flags: today, or anywhere in a still-open flare */
    {
        unsigned flags = t->flags & RED_FLAGS;
        if (rp.f.step != TENDO_FLARE_NONE)
            for (tendo_day k = rp.f.started; k < today; k++)
                flags |= at(c, k)->flags & RED_FLAGS;
        for (unsigned i = 0; i < 7; i++)
            if (flags & (1u << i))
                reason(c, TENDO_LEVEL_SEE_CLINICIAN, flag_codes[i],
                       "Red flag: %s. Stop running and have it looked at "
                       "by a clinician before loading the tendon again",
                       flag_text(1u << i));
    }
    if (t->morning >= 6 && y->morning != UNSET && y->morning >= 6 &&
        at(c, today - 2)->morning != UNSET && at(c, today - 2)->morning >= 6)
        reason(c, TENDO_LEVEL_SEE_CLINICIAN, "morning_high_3_days",
               "Morning pain 6/10 or more on 3 days running: pain that "
               "does not settle deserves a professional look");
    /* §2: no improvement of the 7-day median after 3 weeks above the safe
     * zone (the rules have been reducing load all that time) */
    m7 = median7(c, today);
    if (m7 != UNSET && m7 > 2) {
        int held = 1;
        for (tendo_day k = today - 20; k < today && held; k++) {
            int v = median7(c, k);
            held = v != UNSET && v > 2;
        }
        int then = median7(c, today - 21);
        if (held && then != UNSET && m7 >= then)
            reason(c, TENDO_LEVEL_SEE_CLINICIAN, "not_settling",
                   "Morning pain (7-day median %d/10) has not improved in 3 "
                   "weeks of reduced load: worth a professional look",
                   m7);
    }

    /* §4 flare state */
    if (rp.f.step == TENDO_FLARE_PAUSE || rp.f.step == TENDO_FLARE_REASSESS) {
        fmt_day(rp.f.started, ds);
        if (rp.why && !strcmp(rp.why, "sharp"))
            reason(c, TENDO_LEVEL_PAUSE, "flare_sharp",
                   "Sharper pain reported today: a flare-up, so pause and "
                   "reassess");
        else if (rp.why && !strcmp(rp.why, "morning"))
            reason(c, TENDO_LEVEL_PAUSE, "flare_morning_high",
                   "Morning pain %d/10 (6 or more): a flare-up, so pause",
                   t->morning);
        else if (rp.why && !strcmp(rp.why, "morning_up"))
            reason(c, TENDO_LEVEL_PAUSE, "flare_morning_up",
                   "Morning pain %d/10, 2 or more above your usual %d/10: "
                   "a flare-up, so pause",
                   t->morning, b);
        else if (rp.why && !strcmp(rp.why, "stiffness"))
            reason(c, TENDO_LEVEL_PAUSE, "flare_stiffness",
                   "Morning stiffness %d min, double your usual %d min: a "
                   "flare-up, so pause",
                   t->stiffness, bs);
        else if (rp.why)
            reason(c, TENDO_LEVEL_PAUSE, "flare_session_pain",
                   "Pain %d/10 during or after the last run (7 or more): a "
                   "flare-up, so pause",
                   pain);
        if (rp.f.step == TENDO_FLARE_PAUSE)
            reason(c, TENDO_LEVEL_PAUSE, "flare_pause",
                   "Flare-up since %s: no running for 24-48 h; pain-free "
                   "cross-training keeps your fitness",
                   ds);
        else
        {
            double l = lsi_since(c, rp.f.started, today);
            reason(c, TENDO_LEVEL_PAUSE, "flare_reassess",
                   "Reassessing after the flare-up of %s: running resumes "
                   "after 2 mornings at most %d/10 (%d so far), morning "
                   "2/10 or less, hop pain 2/10 or less (tendo check "
                   "--hop-pain) and a heel-raise LSI of 80 %% or more if "
                   "tested (tendo assess heel-raise)%s",
                   ds, b + 1, rp.f.progress,
                   l < 80 ? "; the last test was below 80 %" : "");
        }
    } else if (in_reentry) {
        fmt_day(rp.f.started, ds);
        reason(c, TENDO_LEVEL_REDUCE, "reentry_step",
               "Re-entry step %d of 3 after the flare-up of %s: runs of %d%% "
               "of your usual, easy, flat or soft, not on consecutive days "
               "(%d of 2 runs tolerated so far)",
               rp.f.step - TENDO_FLARE_REENTER1 + 1, ds,
               (int)lround(reentry_pct[rp.f.step] * 100), rp.f.progress);
    } else if (rp.done != TENDO_DAY_NONE && today - rp.done < 7) {
        reason(c, TENDO_LEVEL_MAINTAIN, "reentry_done",
               "Re-entry finished: back at your usual run; progression "
               "resumes after a week");
    }

    /* §3.2 and §5: today's symptoms */
    if (t->morning != UNSET && t->morning >= 6)
        reason(c, TENDO_LEVEL_PAUSE, "morning_pain_high",
               "Morning pain %d/10 is in the high-risk zone (6-10)",
               t->morning);
    if (pain != UNSET && pain >= 7)
        reason(c, TENDO_LEVEL_PAUSE, "session_pain_very_high",
               "Pain %d/10 during or after the last run: too much, load "
               "must come down",
               pain);
    else if (pain == 6)
        reason(c, TENDO_LEVEL_CROSS_TRAIN, "session_pain_high",
               "Pain 6/10 during or after the last run: replace the next "
               "run with cross-training");
    else if (pain != UNSET && pain >= 3)
        reason(c, TENDO_LEVEL_MAINTAIN, "session_pain_acceptable",
               "Pain %d/10 during or after the last run: acceptable (3-5), "
               "no progression until it is 2 or less",
               pain);
    if (t->morning != UNSET && t->morning >= 3 && t->morning <= 5)
        reason(c, TENDO_LEVEL_REDUCE, "morning_pain_acceptable",
               "Morning pain %d/10 is in the acceptable zone (3-5): run "
               "less and easier until it settles",
               t->morning);
    if (t->morning != UNSET && t->morning >= 2 && t->morning >= b + 1)
        reason(c, TENDO_LEVEL_REDUCE, "morning_pain_up",
               "Morning pain %d/10, up from %d/10: yesterday's load was a "
               "little too much",
               t->morning, b);
    if (t->stiffness != UNSET && t->stiffness > imax(bs * 3 / 2, bs + 10))
        reason(c, TENDO_LEVEL_REDUCE, "stiffness_up",
               "Morning stiffness %d min, well above your usual %d min",
               t->stiffness, bs);
    else if (t->stiffness != UNSET && t->stiffness > bs)
        reason(c, TENDO_LEVEL_MAINTAIN, "stiffness_above_usual",
               "Morning stiffness %d min, above your usual %d min: hold "
               "the load",
               t->stiffness, bs);
    /* §3.2 fluctuating: range of the last 5 checks >= 3 */
    {
        int lo = 11, hi = -1, n = 0, free3 = 1;
        if (t->morning != UNSET)
            hi = t->morning;
        for (tendo_day k = today - 1; k >= today - 28 && n < 4; k--) {
            const struct tendo_history_day *x = at(c, k);
            if (x->morning == UNSET)
                continue;
            n++;
            lo = x->morning < lo ? x->morning : lo;
            hi = imax(hi, x->morning);
        }
        for (tendo_day k = today; k > today - 3; k--) {
            const struct tendo_history_day *x = at(c, k);
            int bk = baseline(c, k, 0);
            if (x->morning == UNSET || x->morning > 2 ||
                x->morning > (bk == UNSET ? 0 : bk))
                free3 = 0;
        }
        if (n >= 4 && hi - lo >= 3) {
            if (!free3)
                reason(c, TENDO_LEVEL_REDUCE, "fluctuating",
                       "Morning pain has swung between %d and %d/10 over "
                       "the last 5 checks: reduce until 3 symptom-free "
                       "days in a row",
                       lo, hi);
            else
                reason(c, TENDO_LEVEL_MAINTAIN, "symptom_free_reintroduce",
                       "3 symptom-free days after a fluctuating spell: "
                       "reintroduce a slightly higher volume");
        }
    }
    /* §3.2 rule 4: the weekly morning trend */
    m7prev = median7(c, today - 7);
    if (m7 != UNSET && m7prev != UNSET && m7 > m7prev)
        reason(c, TENDO_LEVEL_REDUCE, "weekly_trend_up",
               "Morning pain this week (median %d/10) is above last week's "
               "(%d/10): hold progression, cut the week's volume ~20%%",
               m7, m7prev);
    /* §5 load and wellness: the history's figures (tendo/load.h) */
    {
        struct tendo_load_day ld;
        tendo_history_load_day(c->h, today, &ld);
        acwr = ld.acwr;
        mono = ld.monotony;
    }
    if (!isnan(acwr) && acwr > 1.5)
        reason(c, TENDO_LEVEL_REDUCE, "acwr_high",
               "Acute:chronic tendon load %.2f is above 1.5: the last week "
               "was a jump",
               acwr);
    else if (!isnan(acwr) && acwr > 1.3)
        reason(c, TENDO_LEVEL_MAINTAIN, "acwr_elevated",
               "Acute:chronic tendon load %.2f is 1.3-1.5: hold the load",
               acwr);
    if (!isnan(mono) && mono > 2)
        reason(c, TENDO_LEVEL_MAINTAIN, "monotony_high",
               "Training monotony %.1f is above 2: vary hard and easy days "
               "before adding load",
               mono);
    if (!isnan(t->sleep_h) && t->sleep_h < 6 && !isnan(y->sleep_h) &&
        y->sleep_h < 6)
        reason(c, TENDO_LEVEL_MAINTAIN, "short_sleep",
               "Under 6 h of sleep two nights running: hold progression");
    if (base == UNSET)
        reason(c, TENDO_LEVEL_PROGRESS, "baseline_unknown",
               "Fewer than 3 recent checks: your usual morning is not known "
               "yet, so 0/10 and 10 min are assumed");
    if (isnan(T))
        reason(c, TENDO_LEVEL_MAINTAIN, "no_recent_runs",
               "No runs in the last 28 days: caps start from a 20-minute "
               "easy run");
    if (!t->check || t->morning == UNSET) {
        reason(c, TENDO_LEVEL_MAINTAIN, "no_check_today",
               "No morning check today: log one (tendo check) for advice "
               "that fits; until then, stay conservative");
        o->next_check = today;
    }
    {
        int g = 0;
        for (tendo_day k = today; g < 7 && good_day(c, k); k--)
            g++;
        o->good_days = g;
        if (o->level == TENDO_LEVEL_PROGRESS && g < 7)
            reason(c, TENDO_LEVEL_MAINTAIN, "building_good_days",
                   "%d of 7 good days in a row: progression comes after 7",
                   g);
        else if (o->level == TENDO_LEVEL_PROGRESS)
            reason(c, TENDO_LEVEL_PROGRESS, "good_days",
                   "7 good days in a row, load within limits: add up to "
                   "%d%% to your usual run",
                   (int)lround(ramp * 100));
    }

    /* caps (§5, §6) */
    if (isnan(T))
        T = 20;
    o->typical_min = T;
    o->typical_km = isnan(pace) ? NAN : T / pace;
    o->intensity = "easy";
    o->surface = "soft or flat";
    switch (o->level) {
    case TENDO_LEVEL_PROGRESS:
        cap = T * (1 + ramp);
        o->intensity = "any";
        o->surface = "any";
        o->strides = o->hills = 1;
        break;
    case TENDO_LEVEL_MAINTAIN:
        cap = T;
        o->intensity = "moderate";
        o->surface = "any";
        o->strides = 1;
        break;
    case TENDO_LEVEL_REDUCE: {
        int other = 0;
        for (size_t i = 0; i < o->nreasons; i++)
            other |= o->reasons[i].level == TENDO_LEVEL_REDUCE &&
                     strcmp(o->reasons[i].code, "reentry_step");
        if (in_reentry)
            cap = reentry_pct[rp.f.step] * T * (other ? 0.7 : 1.0);
        else
            cap = 0.7 * T;
        break;
    }
    default:
        cap = NAN;
        break;
    }
    o->run_allowed = !isnan(cap);
    /* §6: while any symptom is above the safe zone (and in re-entry), no
     * running on consecutive days */
    if (o->run_allowed && y->runs &&
        (o->level == TENDO_LEVEL_REDUCE ||
         (t->morning != UNSET && t->morning > 2) ||
         (pain != UNSET && pain > 2))) {
        o->run_allowed = 0;
        reason(c, o->level, "no_consecutive_days",
               "You ran yesterday: while symptoms are up, no runs on "
               "consecutive days - cross-train today");
    }
    if (o->run_allowed) {
        o->max_minutes = floor(cap);
        o->max_km = isnan(pace) ? NAN : floor(cap / pace * 10) / 10;
    } else {
        o->max_minutes = o->max_km = NAN;
        o->strides = o->hills = 0;
    }
    /* cross-training keeps the training load when running is cut (§6) */
    if (o->level >= TENDO_LEVEL_CROSS_TRAIN &&
        o->level < TENDO_LEVEL_SEE_CLINICIAN) {
        o->ncross = 2;
        o->cross[0].type = "bike";
        o->cross[1].type = "pool-run";
        o->cross[0].minutes = o->cross[1].minutes = (int)lround(T);
    } else if (o->level == TENDO_LEVEL_REDUCE || !o->run_allowed) {
        int rest = (int)lround(o->run_allowed ? T - o->max_minutes : T);
        if (rest >= 10) {
            o->ncross = 1;
            o->cross[0].type = "bike";
            o->cross[0].minutes = rest;
        }
    }

    /* rehab: the protocol's stage decision (domain.md §7) */
    if (o->level == TENDO_LEVEL_SEE_CLINICIAN) {
        o->has_rehab = 0;
        o->rehab_progress = "hold";
    } else {
        struct tendo_rehab_input ri;
        struct tendo_rehab_plan rp2;
        const struct tendo_rehab_stage *st;
        memset(&ri, 0, sizeof ri);
        ri.history = c->h;
        ri.today = today;
        ri.flare_open = rp.f.step == TENDO_FLARE_PAUSE ||
                        rp.f.step == TENDO_FLARE_REASSESS;
        ri.flare_started = rp.f.started;
        ri.reentry = in_reentry;
        if (tendo_rehab_prescribe(&ri, &rp2, err))
            return err ? err->code : TENDO_EUSAGE;
        st = rp2.stage;
        o->has_rehab = 1;
        snprintf(o->rehab_exercise, sizeof o->rehab_exercise, "%s",
                 st->exercise);
        snprintf(o->rehab_surface, sizeof o->rehab_surface, "%s",
                 st->surface);
        snprintf(o->rehab_tempo, sizeof o->rehab_tempo, "%s", st->tempo);
        o->rehab_sets = st->sets;
        o->rehab_reps = st->reps;
        o->rehab_load_kg = rp2.load_kg;
        o->rehab_progress = rp2.decision;
        o->rehab_stage = rp2.stage_no;
        o->rehab_nstages = rp2.nstages;
        o->rehab_name = st->name;
        o->rehab_how = st->how;
        rp2.text[0] = (char)tolower((unsigned char)rp2.text[0]);
        reason(c, TENDO_LEVEL_PROGRESS, rp2.code,
               "Rehab stage %d of %d (%s): %s", rp2.stage_no, rp2.nstages,
               st->name, rp2.text);
    }
    return 0;
}

int tendo_advise_days(const struct tendo_history *h, tendo_day from,
                      tendo_day to, tendo_advice_fn fn, void *ctx,
                      struct tendo_error *err)
{
    struct ctx c;
    struct replay rp;
    struct tendo_advice a;
    int rc;
    if (!h || !fn || from > to || from < TENDO_DAY_MIN || to > h->last)
        return tendo_fail(err, TENDO_EUSAGE,
                          "tendo_advise: a day outside the history");
    memset(&c, 0, sizeof c);
    c.h = h;
    replay_init(&rp);
    /* days before the first day with data are advised on an empty diary */
    for (tendo_day day = from < h->first ? from : h->first; day <= to;
         day++) {
        c.today = day;
        replay_step(&c, &rp, day);
        if (day < from)
            continue;
        if ((rc = advise_day(&c, &rp, &a, err)))
            return rc;
        if ((rc = fn(&a, ctx)))
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
