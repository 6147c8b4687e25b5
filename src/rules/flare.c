/*
 * src/rules/flare.c - the flare state (clinical.md §4), replayed from the
 * history's first day (src/rules/flare.h). It is derived, not stored, so
 * it always agrees with the diary: editing a past check corrects it.
 *
 * A flare starts on a trigger judged against the baseline before it. Once
 * open, the baseline before it never restarts it: only a red flag, sharp
 * pain, a morning in the high-risk zone, session pain of 7 or more, or a
 * morning 2 above the level the mornings settled at send it back to pause.
 * Pause lasts at least a day; it ends when the morning is back within the
 * noise of the pre-flare baseline (then reassess: mornings within the
 * noise and the return-to-running gates, §8) or - "reduce, don't remove" -
 * when the mornings have settled at a stable level up to 5/10 (then
 * re-entry at that level, the hop and heel-raise gates still applying).
 * Each re-entry step needs runs accepted by §3.1 rules 1-3, judged against
 * the pre-flare baseline, or against the settled level when the mornings
 * settled above it.
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
    f->pre_typical_min = r->done_pre = r->reentry_run = NAN;
    f->settled = UNSET;
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

void flare_heel_raise(const struct rules_view *v, tendo_day from,
                      tendo_day to, struct tendo_heel_raise_gate *g)
{
    const struct tendo_history *h = v->h;
    const struct tendo_assessment *last = NULL;
    for (size_t i = 0; i < h->nassessments; i++) {
        const struct tendo_assessment *a = &h->assessments[i];
        if (a->date > to)
            break;
        if (a->date >= from && !strcmp(a->kind, "heel-raise"))
            last = a;
    }
    if (!last) {
        memset(g, 0, sizeof *g);
        g->pass = 1;
        return;
    }
    tendo_heel_raise_gate(last, rules_at(v, to)->side, h->athlete.age, g);
}

static int heel_raise_ok(const struct rules_view *v, tendo_day from,
                         tendo_day to)
{
    struct tendo_heel_raise_gate g;
    flare_heel_raise(v, from, to, &g);
    return g.pass;
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
    if (rules_session_pain(v, day) >= TENDO_FLARE_SESSION_PAIN)
        return *why = "session", 1;
    return 0;
}

/* does `day` send an open flare back to pause? */
static int retrigger(const struct rules_view *v, const struct tendo_flare *f,
                     tendo_day day, const char **why)
{
    const struct tendo_history_day *x = rules_at(v, day);
    if (x->flags & TENDO_FLAG_RED)
        return *why = "flag", 1;
    if (x->flags & TENDO_FLAG_SHARP)
        return *why = "sharp", 1;
    if (x->morning != UNSET && x->morning >= TENDO_PAIN_HIGH_MIN)
        return *why = "morning", 1;
    if (rules_session_pain(v, day) >= TENDO_FLARE_SESSION_PAIN)
        return *why = "session", 1;
    if (f->settled != UNSET && x->morning != UNSET &&
        x->morning > TENDO_PAIN_SAFE_MAX &&
        x->morning >= f->settled + TENDO_FLARE_MORNING_RISE)
        return *why = "settled_up", 1;
    return 0;
}

int flare_settled(const struct rules_view *v, const struct tendo_flare *f,
                  tendo_day day, int *level)
{
    int m[TENDO_SETTLED_MORNINGS], n = 0, lo = 11, hi = -1;
    /* the day's own morning counts towards the top of the range only, so
     * a lower morning can never undo a settled level (§11.1) */
    for (tendo_day k = day; k >= f->started && n < TENDO_SETTLED_MORNINGS;
         k--) {
        int x = rules_at(v, k)->morning;
        if (x == UNSET)
            continue;
        m[n++] = x;
        if (k < day)
            lo = x < lo ? x : lo;
        hi = x > hi ? x : hi;
    }
    /* m[0] is the latest, m[n - 1] the earliest */
    if (n < TENDO_SETTLED_MORNINGS || hi - lo > TENDO_SETTLED_RANGE ||
        hi > TENDO_PAIN_ACCEPTABLE_MAX || m[0] > m[n - 1])
        return 0;
    /* the level: the value most of them share (range 1: the median) */
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && m[j - 1] > m[j]; j--) {
            int t = m[j];
            m[j] = m[j - 1];
            m[j - 1] = t;
        }
    *level = m[n / 2];
    return 1;
}

/* §3.1 rules 1-3 for the runs of `day - 1`, judged on `day`'s morning
 * against `ref`: how many were accepted */
static int runs_accepted(const struct rules_view *v, tendo_day day, int ref,
                         int bs)
{
    const struct tendo_history_day *y = rules_at(v, day - 1),
                                   *t = rules_at(v, day);
    if (!y->runs || y->pain > TENDO_PAIN_ACCEPTABLE_MAX ||
        t->morning == UNSET || t->morning > ref + TENDO_MORNING_NOISE)
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

/* the hop-pain and heel-raise gates of §8 (the morning gate is the
 * caller's: it does not apply when the mornings settled) */
static int gates(const struct rules_view *v, const struct tendo_flare *f,
                 const struct tendo_history_day *x, tendo_day day)
{
    return (x->hop_pain == UNSET || x->hop_pain <= TENDO_HOP_PAIN_MAX) &&
           heel_raise_ok(v, f->started, day);
}

/* leaves pause or reassess for re-entry when the mornings have settled
 * at a stable level; 1 when it did */
static int settle(const struct rules_view *v, struct tendo_flare *f,
                  const struct tendo_history_day *x, tendo_day day)
{
    int level;
    if (day - f->started < TENDO_PAUSE_MIN_DAYS ||
        !flare_settled(v, f, day, &level) || !gates(v, f, x, day))
        return 0;
    to_step(f, TENDO_FLARE_REENTER1, day);
    f->settled = level;
    f->settled_stable = level > rules_base(f->base_morning);
    return 1;
}

/* reassess: mornings within the noise (and hops that do not hurt) count;
 * running resumes only through the §8 gates */
static void reassess(const struct rules_view *v, struct tendo_flare *f,
                     const struct tendo_history_day *x, tendo_day day, int b)
{
    if (x->morning == UNSET || settle(v, f, x, day))
        return;
    if (x->morning <= b + TENDO_MORNING_NOISE &&
        (x->hop_pain == UNSET || x->hop_pain <= TENDO_HOP_PAIN_MAX))
        f->progress++;
    else
        f->progress = 0;
    if (f->progress >= TENDO_REASSESS_MORNINGS &&
        x->morning <= TENDO_RTR_MORNING_MAX &&
        heel_raise_ok(v, f->started, day)) {
        to_step(f, TENDO_FLARE_REENTER1, day);
        f->settled = x->morning;
        f->settled_stable = 0;
    }
}

/* a re-entry step: accepted runs move it on; after the last, done */
static void reenter(const struct rules_view *v, struct replay *r,
                    tendo_day day, int b, int bs)
{
    struct tendo_flare *f = &r->f;
    const struct tendo_history_day *y = rules_at(v, day - 1);
    int ref = f->settled_stable ? f->settled : b;
    if (day - 1 >= f->step_since) {
        f->progress += runs_accepted(v, day, ref, bs);
        if (y->runs)
            r->reentry_run = y->run_min / y->runs;
    }
    if (f->progress < TENDO_REENTRY_RUNS)
        return;
    f->progress = 0;
    f->step_since = day;
    if (f->step == TENDO_FLARE_REENTER3) {
        r->done = day;
        r->done_pre = f->pre_typical_min;
        f->step = TENDO_FLARE_NONE;
        f->started = TENDO_DAY_NONE;
        f->settled = UNSET;
        f->settled_stable = 0;
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
    if (!inflare ? trigger(v, day, b, bs, &why)
                 : retrigger(v, f, day, &why)) {
        if (!inflare) {
            f->started = day;
            f->pre_typical_min = x->typical_min;
            f->base_morning = base;
            r->reentry_run = NAN;
        }
        to_step(f, TENDO_FLARE_PAUSE, day);
        r->settled_was = f->settled;
        f->settled = UNSET;
        f->settled_stable = 0;
        r->why = why;
        return;
    }
    switch (f->step) {
    case TENDO_FLARE_NONE:
        break;
    case TENDO_FLARE_PAUSE:
        if (settle(v, f, x, day))
            break;
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
