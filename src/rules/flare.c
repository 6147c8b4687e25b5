/*
 * src/rules/flare.c - the flare state (clinical.md §4), replayed from the
 * history's first day (src/rules/flare.h). It is derived, not stored, so
 * it always agrees with the diary: editing a past check corrects it.
 *
 * A flare starts on a trigger; the baseline in force when it began judges
 * the mornings until it ends (the baseline before a flare enters one,
 * never re-enters an open one). Pause lasts at least a day; reassess needs
 * mornings back within the noise and the return-to-running gates (§8);
 * each re-entry step needs runs accepted by §3.1 rules 1-3.
 */
#include "flare.h"

#include <string.h>

#define UNSET TENDO_UNSET

void flare_init(struct replay *r)
{
    struct tendo_flare *f = &r->f;
    memset(r, 0, sizeof *r);
    f->step = TENDO_FLARE_NONE;
    f->started = f->step_since = r->done = TENDO_DAY_NONE;
    f->pre_typical_min = r->done_pre = NAN;
}

double flare_reentry_share(enum tendo_flare_step s)
{
    switch (s) {
    case TENDO_FLARE_REENTER1: return TENDO_REENTRY1_PCT / 100.0;
    case TENDO_FLARE_REENTER2: return TENDO_REENTRY2_PCT / 100.0;
    case TENDO_FLARE_REENTER3: return TENDO_REENTRY3_PCT / 100.0;
    default: return 0;
    }
}

double flare_lsi(const struct rules_view *v, tendo_day from, tendo_day to)
{
    double lsi = tendo_history_lsi(v->h, from, to);
    return isnan(lsi) ? 100 : lsi;
}

/* does `day` start a flare? `b`/`bs` are the baselines in force (with
 * their assumed values); *why receives the trigger */
static int trigger(const struct rules_view *v, tendo_day day, int b, int bs,
                   const char **why)
{
    const struct tendo_history_day *x = rules_at(v, day);
    if (x->flags & TENDO_FLAG_SHARP)
        return *why = "sharp", 1;
    if (x->morning != UNSET && x->morning >= TENDO_PAIN_HIGH_MIN)
        return *why = "morning", 1;
    if (x->morning != UNSET && x->morning > TENDO_PAIN_SAFE_MAX &&
        x->morning >= b + TENDO_FLARE_MORNING_RISE)
        return *why = "morning_up", 1;
    if (x->stiffness != UNSET && x->stiffness >= TENDO_FLARE_STIFF_MIN &&
        x->stiffness >= TENDO_FLARE_STIFF_FACTOR * bs)
        return *why = "stiffness", 1;
    if (rules_recent_pain(v, day) >= TENDO_FLARE_SESSION_PAIN)
        return *why = "session", 1;
    return 0;
}

/* §3.1 rules 1-3 for the runs of `day - 1`, judged on `day`'s morning:
 * how many were accepted */
static int runs_accepted(const struct rules_view *v, tendo_day day, int b,
                         int bs)
{
    const struct tendo_history_day *y = rules_at(v, day - 1),
                                   *t = rules_at(v, day);
    if (!y->runs || y->pain > TENDO_PAIN_ACCEPTABLE_MAX ||
        t->morning == UNSET || t->morning > b + TENDO_MORNING_NOISE)
        return 0;
    if (rules_stiff_up(t->stiffness, bs))
        return 0;
    return y->runs;
}

static void to_step(struct tendo_flare *f, enum tendo_flare_step s,
                    tendo_day day)
{
    f->step = s;
    f->step_since = day;
    f->progress = 0;
}

/* reassess: mornings within the noise (and hops that do not hurt) count;
 * running resumes only through the §8 gates */
static void reassess(const struct rules_view *v, struct tendo_flare *f,
                     const struct tendo_history_day *x, tendo_day day, int b)
{
    if (x->morning == UNSET)
        return;
    if (x->morning <= b + TENDO_MORNING_NOISE &&
        (x->hop_pain == UNSET || x->hop_pain <= TENDO_HOP_PAIN_MAX))
        f->progress++;
    else
        f->progress = 0;
    if (f->progress >= TENDO_REASSESS_MORNINGS &&
        x->morning <= TENDO_RTR_MORNING_MAX &&
        flare_lsi(v, f->started, day) >= TENDO_RTR_LSI_MIN)
        to_step(f, TENDO_FLARE_REENTER1, day);
}

/* a re-entry step: accepted runs move it on; after the last, done */
static void reenter(const struct rules_view *v, struct replay *r,
                    tendo_day day, int b, int bs)
{
    struct tendo_flare *f = &r->f;
    if (day - 1 >= f->step_since)
        f->progress += runs_accepted(v, day, b, bs);
    if (f->progress < TENDO_REENTRY_RUNS)
        return;
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

void flare_step(const struct rules_view *v, struct replay *r, tendo_day day)
{
    struct tendo_flare *f = &r->f;
    const struct tendo_history_day *x = rules_at(v, day);
    int inflare = f->step != TENDO_FLARE_NONE;
    int base = inflare ? f->base_morning : x->base_morning;
    int b = rules_base(base), bs = rules_base_stiff(x->base_stiffness);
    const char *why = NULL;
    r->why = NULL;
    if (trigger(v, day, b, bs, &why)) {
        if (!inflare) {
            f->started = day;
            f->pre_typical_min = x->typical_min;
            f->base_morning = base;
        }
        to_step(f, TENDO_FLARE_PAUSE, day);
        r->why = why;
        return;
    }
    switch (f->step) {
    case TENDO_FLARE_NONE:
        break;
    case TENDO_FLARE_PAUSE:
        if (day - f->step_since >= TENDO_PAUSE_MIN_DAYS &&
            x->morning != UNSET && x->morning <= b + TENDO_MORNING_NOISE)
            to_step(f, TENDO_FLARE_REASSESS, day);
        break;
    case TENDO_FLARE_REASSESS:
        reassess(v, f, x, day, b);
        break;
    default:
        reenter(v, r, day, b, bs);
        break;
    }
}
