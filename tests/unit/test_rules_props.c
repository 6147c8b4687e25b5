/*
 * tests/unit/test_rules_props.c - the safety invariants of clinical.md §11,
 * checked over generated histories (100,000 cases by default; the first
 * argument or TENDO_PROP_CASES changes it, TENDO_PROP_SEED the seed).
 *
 * Each case is a random 35-90 day history (runs, cross-training, checks
 * with gaps, session pain, red flags and their clearances, breaks from
 * running, creeping stiffness, sleep) and a random check for today; then
 * one of today's symptom values (or yesterday's session pain, or a red
 * flag) is made worse and the advice compared. The invariants: 1 monotone,
 * 2 red flags win, 3 no progress above the safe zone, 4 caps within the
 * ramp, 5 re-entry gradual, 6 no diagnosis, 7 missing data conservative,
 * 8 flags persist until cleared, 9 one truth (the day alone, the last of a
 * run of days and the plan's first day are the same advice), 10 no
 * escalation while stiff or after a break (the plan's first week back
 * too), 11 no single-session spike (caps and the plan's runs); and the
 * reasons readable (none cut short, the deciding one first, no running
 * words on a day without running).
 *
 * Every decision is also written in one line (level, caps, cross-training,
 * rehab, figures, flare, reasons with their texts) and the lines hashed
 * (FNV-1a, printed), so a refactoring can show that it changed nothing:
 * TENDO_PROP_DUMP=FILE writes the lines themselves, to diff.
 */
#include "harness.h"

#include <ctype.h>
#include <inttypes.h>

#include "gen_history.h"
#include "plan_checks.h"

static int last_of(const struct tendo_advice *a, void *ctx)
{
    *(struct tendo_advice *)ctx = *a;
    return 0;
}

static int same_advice(const struct tendo_advice *a,
                       const struct tendo_advice *b)
{
    if (a->level != b->level || a->run_allowed != b->run_allowed ||
        (a->run_allowed && (a->max_minutes != b->max_minutes ||
                            !((isnan(a->max_km) && isnan(b->max_km)) ||
                              a->max_km == b->max_km))) ||
        a->ncross != b->ncross || a->nreasons != b->nreasons ||
        a->has_rehab != b->has_rehab)
        return 0;
    for (int i = 0; i < a->ncross; i++)
        if (a->cross[i].minutes != b->cross[i].minutes)
            return 0;
    for (size_t i = 0; i < a->nreasons; i++)
        if (strcmp(a->reasons[i].code, b->reasons[i].code) ||
            strcmp(a->reasons[i].text, b->reasons[i].text))
            return 0;
    return 1;
}

static uint64_t case_no;

/* §11.9 one truth: the day asked alone, as the last of a run of days (the
 * report's latest day) and as the plan's first day give the same advice */
static void one_truth(const struct gen *g, const struct tendo_history *h,
                      const struct tendo_advice *a)
{
    static struct tendo_plan p;
    struct tendo_advice b;
    struct tendo_plan_input in;
    struct tendo_error e = {0};
    const struct tendo_plan_day *t;
    tendo_day from = g->today - 20 < h->first ? h->first : g->today - 20;
    if (tendo_advise_days(h, from, g->today, last_of, &b, &e))
        fail_msg("advise_days failed: %s", e.msg);
    if (!same_advice(a, &b))
        fail_msg("case %" PRIu64 ": the day alone and in a run of days "
                 "differ (%s/%s)",
                 case_no, tendo_level_name(a->level),
                 tendo_level_name(b.level));
    memset(&in, 0, sizeof in);
    in.history = h;
    in.today = in.from = g->today;
    in.weeks = 2;
    if (tendo_plan(&in, &p, &e))
        fail_msg("plan failed: %s", e.msg);
    /* §11.10, §11.11 on the plan too */
    check_break(g, &p, case_no);
    check_spike(g, &p, case_no);
    t = &p.days[0];
    if (!same_advice(a, &p.advice) || t->date != g->today ||
        (t->kind == TENDO_PLAN_RUN) != a->run_allowed ||
        (a->run_allowed && t->run_min != (int)a->max_minutes) ||
        (!a->run_allowed && a->ncross && t->kind != TENDO_PLAN_CROSS) ||
        (!a->run_allowed && !a->ncross && t->kind != TENDO_PLAN_REST) ||
        (a->ncross && (!t->cross_type || t->cross_min != a->cross[0].minutes ||
                       strcmp(t->cross_type, a->cross[0].type))) ||
        t->has_rehab != a->has_rehab ||
        (a->has_rehab && (t->rehab_sets != a->rehab_sets ||
                          t->rehab_reps != a->rehab_reps)))
        fail_msg("case %" PRIu64 ": the plan's first day is not today's "
                 "advice (%s %d min, advice %s %.0f)",
                 case_no, tendo_plan_kind_name(t->kind), t->run_min,
                 tendo_level_name(a->level), a->max_minutes);
}

/* the advice for the generated history's today; with `truth`, checked
 * against the same day in a run of days and in the plan */
static void advise_as(const struct gen *g, struct tendo_advice *a, int truth)
{
    struct tendo_error e = {0};
    struct tendo_history *h = gen_history(g);
    if (tendo_advise(h, g->today, a, &e))
        fail_msg("advise failed: %s", e.msg);
    if (truth)
        one_truth(g, h, a);
    tendo_history_free(h);
}

/* ---- the decisions, in one line each, hashed ---- */

static uint64_t hash = 0xcbf29ce484222325ull;
static FILE *dump_to;

static void line(const char *fmt, ...) TENDO_PRINTF(1, 2);
static void line(const char *fmt, ...)
{
    char buf[4096];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    for (int i = 0; i < n && i < (int)sizeof buf - 1; i++) {
        hash ^= (unsigned char)buf[i];
        hash *= 0x100000001b3ull;
    }
    if (dump_to)
        fputs(buf, dump_to);
}

static void record(const char *tag, const struct tendo_advice *a)
{
    line("%s L%d r%d %.6g %.6g %s %s s%d h%d x%d", tag, a->level,
         a->run_allowed, a->max_minutes, a->max_km,
         a->intensity ? a->intensity : "-", a->surface ? a->surface : "-",
         a->strides, a->hills, a->ncross);
    for (int i = 0; i < a->ncross; i++)
        line(" %s:%d", a->cross[i].type, a->cross[i].minutes);
    line(" R%d", a->has_rehab);
    if (a->has_rehab)
        line(" %s/%s/%s %dx%d %.6g %s %d/%d", a->rehab_exercise,
             a->rehab_surface, a->rehab_tempo, a->rehab_sets, a->rehab_reps,
             a->rehab_load_kg, a->rehab_progress, a->rehab_stage,
             a->rehab_nstages);
    else
        line(" %s", a->rehab_progress ? a->rehab_progress : "-");
    line(" T%.6g %.6g B%d %d c%d g%d F%d %d %d %.6g %d %d N%d",
         a->typical_min, a->typical_km, a->base_morning, a->base_stiffness,
         a->have_check, a->good_days, a->flare.step, a->flare.started,
         a->flare.step_since, a->flare.pre_typical_min, a->flare.base_morning,
         a->flare.progress, a->next_check);
    for (size_t i = 0; i < a->nreasons; i++)
        line(" |%s:%d:%s", a->reasons[i].code, a->reasons[i].level,
             a->reasons[i].text);
    line("\n");
}

/* a failing case: the last weeks of its diary and the advice */
static void explain(const struct gen *g, const struct tendo_advice *a)
{
    char ds[TENDO_DAY_STRLEN];
    printf("-- diary to %s (last 21 days):\n", tendo_day_format(g->today, ds));
    for (size_t i = 0; i < g->nchecks; i++) {
        const struct tendo_check *c = &g->checks[i];
        if (g->today - c->date < 21)
            printf("  %4d check m %d s %d during %d after %d hop %d flags "
                   "%x\n",
                   (int)(c->date - g->today), c->morning, c->stiffness_min,
                   c->during, c->after, c->hop_pain, c->flags);
    }
    for (size_t i = 0; i < g->nsessions; i++) {
        const struct tendo_session *s = &g->sessions[i];
        if (g->today - s->date < 21)
            printf("  %4d %s %.0f min pain %d\n", (int)(s->date - g->today),
                   s->type, s->minutes, s->pain_during);
    }
    printf("  advice %s cap %.0f typical %.1f flare %s since %d, reasons:",
           tendo_level_name(a->level), a->max_minutes, a->typical_min,
           tendo_flare_step_name(a->flare.step),
           (int)(a->flare.started - g->today));
    for (size_t i = 0; i < a->nreasons; i++)
        printf(" %s", a->reasons[i].code);
    printf("\n");
}

static double cap(const struct tendo_advice *a)
{
    return a->run_allowed ? a->max_minutes : 0;
}

static int clamp10(int v) { return v > 10 ? 10 : v; }

/* makes one of today's values worse; returns what it changed, or NULL */
static const char *worsen(struct gen *g)
{
    struct tendo_check *t, *y;
    int k = range(0, 6), by = range(1, 3);
    if (g->today_check < 0) {   /* a check appears: any values */
        return NULL;
    }
    t = &g->checks[g->today_check];
    y = g->yday_check >= 0 ? &g->checks[g->yday_check] : NULL;
    switch (k) {
    case 0:
        if (t->morning == TENDO_UNSET || t->morning == 10)
            return NULL;
        t->morning = clamp10(t->morning + by);
        return "morning";
    case 1:
        if (t->stiffness_min == TENDO_UNSET)
            return NULL;
        t->stiffness_min += by * range(1, 15);
        return "stiffness";
    case 2:
        t->during = clamp10((t->during == TENDO_UNSET ? 0 : t->during) + by);
        return "during today";
    case 3:
        t->after = clamp10((t->after == TENDO_UNSET ? 0 : t->after) + by);
        return "after today";
    case 4:
        if (!y)
            return NULL;
        y->during = clamp10((y->during == TENDO_UNSET ? 0 : y->during) + by);
        return "during yesterday";
    case 5:
        if (!y)
            return NULL;
        y->after = clamp10((y->after == TENDO_UNSET ? 0 : y->after) + by);
        return "after yesterday";
    default:
        t->flags |= 1u << range(0, 6);
        return "flag";
    }
}

static size_t longest_text;

/* what a reason must not say on a day without running */
static const char *const running_words[] = {
    "run less", "keep that load", "keep to your usual run", "reintroduce",
    "keep the load down", "caps start from", "add up to", NULL};

static const char *const diagnoses[] = {
    "tendinopathy", "tendinitis", "tendonitis", "tendinosis", "rupture",
    "torn", "tear ", "bursitis", "thrombosis", "dvt", "clot", "infection",
    "you have", "diagnos", NULL};

/* the flags cleared on `day` */
static unsigned cleared_on(const struct gen *g, tendo_day day)
{
    unsigned bits = 0;
    for (size_t i = 0; i < g->nclear; i++)
        if (g->clear[i].date == day)
            bits |= g->clear[i].flags;
    return bits;
}

static void check_one(const struct gen *g, const struct tendo_advice *a,
                      uint64_t n)
{
    const struct tendo_check *t =
        g->today_check >= 0 ? &g->checks[g->today_check] : NULL;
    const struct tendo_check *y =
        g->yday_check >= 0 ? &g->checks[g->yday_check] : NULL;
    enum tendo_level max = TENDO_LEVEL_PROGRESS;
    int ypain = TENDO_UNSET;

    if (!a->nreasons)
        fail_msg("case %" PRIu64 ": no reasons", n);
    for (size_t i = 0; i < a->nreasons; i++) {
        char low[sizeof a->reasons[0].text];
        size_t j;
        if (a->reasons[i].level > max)
            max = a->reasons[i].level;
        for (j = 0; a->reasons[i].text[j] && j < sizeof low - 1; j++)
            low[j] = (char)tolower((unsigned char)a->reasons[i].text[j]);
        low[j] = 0;
        for (int d = 0; diagnoses[d]; d++)   /* §11.6 */
            if (strstr(low, diagnoses[d]))
                fail_msg("case %" PRIu64 ": reason '%s' names '%s'", n,
                         a->reasons[i].text, diagnoses[d]);
    }
    if (max != a->level)
        fail_msg("case %" PRIu64 ": level is not the most restrictive "
                 "reason",
                 n);
    /* readable reasons: none cut short, the deciding one first, none whose
     * action contradicts the level */
    if (a->truncated)
        fail_msg("case %" PRIu64 ": a reason's text did not fit", n);
    for (size_t i = 0; i < a->nreasons; i++)
        if (strlen(a->reasons[i].text) > longest_text)
            longest_text = strlen(a->reasons[i].text);
    if (a->reasons[0].level != a->level)
        fail_msg("case %" PRIu64 ": the first reason (%s) is not the "
                 "day's level",
                 n, a->reasons[0].code);
    for (size_t i = 0;
         i < a->nreasons && a->level >= TENDO_LEVEL_CROSS_TRAIN; i++)
        for (int k = 0; running_words[k]; k++)
            if (strstr(a->reasons[i].text, running_words[k]))
                fail_msg("case %" PRIu64 ": %s, yet %s says '%s'", n,
                         tendo_level_name(a->level), a->reasons[i].code,
                         running_words[k]);
    /* §11.8 flags persist: a red flag recorded before today and not
     * cleared since keeps every day at see-clinician */
    for (unsigned b = 0; b < 7; b++) {
        unsigned bit = 1u << b;
        tendo_day last = TENDO_DAY_NONE;
        int cleared = 0;
        if (!(bit & TENDO_FLAG_RED))
            continue;
        for (size_t i = 0; i < g->nchecks; i++)
            if ((g->checks[i].flags & bit) && g->checks[i].date <= g->today &&
                (last == TENDO_DAY_NONE || g->checks[i].date > last))
                last = g->checks[i].date;
        if (last == TENDO_DAY_NONE)
            continue;
        for (size_t i = 0; i < g->nclear; i++)
            cleared |= (g->clear[i].flags & bit) && g->clear[i].date >= last &&
                       g->clear[i].date <= g->today;
        if (!cleared && a->level != TENDO_LEVEL_SEE_CLINICIAN)
            fail_msg("case %" PRIu64 ": flag %s open since %d gave %s", n,
                     tendo_flag_names[b], (int)last,
                     tendo_level_name(a->level));
        if (!cleared && (a->ncross && (bit & TENDO_FLAG_NO_EXERCISE)))
            fail_msg("case %" PRIu64 ": cross-training with %s open", n,
                     tendo_flag_names[b]);
    }
    /* §11.2 red flags win (unless a clinician saw the athlete today) */
    if (t && (t->flags & TENDO_FLAG_RED & ~cleared_on(g, g->today)) &&
        a->level != TENDO_LEVEL_SEE_CLINICIAN)
        fail_msg("case %" PRIu64 ": red flag gave %s", n,
                 tendo_level_name(a->level));
    if (a->level == TENDO_LEVEL_SEE_CLINICIAN && (a->run_allowed || a->has_rehab))
        fail_msg("case %" PRIu64 ": see-clinician with a run or rehab", n);
    /* §11.3 no progress above the safe zone */
    if (y)
        ypain = y->during > y->after ? y->during : y->after;
    for (size_t i = 0; i < g->nsessions; i++)
        if (g->sessions[i].date == g->today - 1 &&
            g->sessions[i].pain_during > ypain)
            ypain = g->sessions[i].pain_during;
    if (a->level == TENDO_LEVEL_PROGRESS &&
        ((t && t->morning != TENDO_UNSET && t->morning > 2) || ypain > 5))
        fail_msg("case %" PRIu64 ": progress above the safe zone", n);
    /* §11.10 no escalation while stiff, nor straight after a break */
    if (t && t->stiffness_min != TENDO_UNSET && t->stiffness_min > 15 &&
        (a->level == TENDO_LEVEL_PROGRESS ||
         (a->rehab_progress && !strcmp(a->rehab_progress, "advance"))))
        fail_msg("case %" PRIu64 ": stiffness %d min gave %s, rehab %s", n,
                 t->stiffness_min, tendo_level_name(a->level),
                 a->rehab_progress);
    {
        tendo_day last = TENDO_DAY_NONE;
        for (size_t i = 0; i < g->nsessions; i++)
            if (!strcmp(g->sessions[i].type, "run") &&
                g->sessions[i].date < g->today &&
                (last == TENDO_DAY_NONE || g->sessions[i].date > last))
                last = g->sessions[i].date;
        if (last != TENDO_DAY_NONE && g->today - last - 1 >= 14 &&
            a->level < TENDO_LEVEL_REDUCE)
            fail_msg("case %" PRIu64 ": %d days without a run gave %s", n,
                     (int)(g->today - last - 1), tendo_level_name(a->level));
    }
    /* §11.11 no single-session spike: the cap within 10 % of the longest
     * run of the 30 days before */
    if (a->run_allowed) {
        double longest = 0, longest_km = 0;
        for (size_t i = 0; i < g->nsessions; i++) {
            const struct tendo_session *s = &g->sessions[i];
            if (strcmp(s->type, "run") || s->date >= g->today ||
                s->date < g->today - 30)
                continue;
            longest = fmax(longest, s->minutes);
            if (!isnan(s->distance_m))
                longest_km = fmax(longest_km, s->distance_m / 1000);
        }
        if (longest > 0 && a->max_minutes > 1.1 * longest + 1e-9)
            fail_msg("case %" PRIu64 ": cap %.0f after a longest of %.1f", n,
                     a->max_minutes, longest);
        if (longest_km > 0 && !isnan(a->max_km) &&
            a->max_km > 1.1 * longest_km + 1e-9)
            fail_msg("case %" PRIu64 ": cap %.1f km after a longest of %.1f",
                     n, a->max_km, longest_km);
    }
    /* §11.7 missing data is conservative */
    if (!t && a->level == TENDO_LEVEL_PROGRESS)
        fail_msg("case %" PRIu64 ": progress without a check", n);
    /* §11.4 caps respect the ramp */
    if (a->run_allowed &&
        a->max_minutes > a->typical_min * (1 + g->ramp) + 1e-9)
        fail_msg("case %" PRIu64 ": cap %.1f above typical %.1f x %.2f", n,
                 a->max_minutes, a->typical_min, 1 + g->ramp);
    /* §11.5 re-entry is gradual */
    if (a->flare.step >= TENDO_FLARE_REENTER1 && a->run_allowed) {
        static const double pct[] = {0, 0, 0, 0.50, 0.70, 0.85};
        if (a->max_minutes > pct[a->flare.step] * a->flare.pre_typical_min +
                                 1e-9)
            fail_msg("case %" PRIu64 ": re-entry cap %.1f above the step",
                     n, a->max_minutes);
    }
    if (a->flare.step == TENDO_FLARE_PAUSE ||
        a->flare.step == TENDO_FLARE_REASSESS) {
        if (a->run_allowed)
            fail_msg("case %" PRIu64 ": running during a flare pause", n);
    }
    /* §7a the routine is gated like the stage: nothing for the leg with a
     * flag that rules exercise out, mobility only with any other red flag,
     * mobility and calf holds while a flare pauses, the calf complex held
     * on a stiff morning, never a warm-up without a run or loaded rehab */
    {
        unsigned blocks = 0;
        int held = 1;
        for (size_t i = 0; i < a->routine.nblocks; i++) {
            blocks |= 1u << a->routine.blocks[i].block;
            if (a->routine.blocks[i].block == TENDO_BLOCK_CALF)
                held = a->routine.blocks[i].held;
        }
        if (a->level == TENDO_LEVEL_SEE_CLINICIAN &&
            (blocks & ~(1u << TENDO_BLOCK_MOBILITY)))
            fail_msg("case %" PRIu64 ": see-clinician with routine blocks "
                     "%#x", n, blocks);
        if (a->ncross == 0 && a->level == TENDO_LEVEL_SEE_CLINICIAN &&
            blocks && !a->run_allowed && !a->has_rehab) {
            /* a flag ruling exercise out (no cross-training either): none */
            for (size_t i = 0; i < a->nflags; i++)
                if ((a->flags[i].flag & TENDO_FLAG_NO_EXERCISE) &&
                    (a->flags[i].cleared == TENDO_DAY_NONE ||
                     a->flags[i].cleared > a->date))
                    fail_msg("case %" PRIu64 ": a routine with %#x open", n,
                             a->flags[i].flag);
        }
        if ((a->flare.step == TENDO_FLARE_PAUSE ||
             a->flare.step == TENDO_FLARE_REASSESS) &&
            (blocks & (1u << TENDO_BLOCK_WARMUP | 1u << TENDO_BLOCK_CALF)))
            fail_msg("case %" PRIu64 ": warm-up or calf complex in a flare "
                     "pause", n);
        if ((blocks & (1u << TENDO_BLOCK_WARMUP)) && !a->run_allowed &&
            !a->has_rehab)
            fail_msg("case %" PRIu64 ": a warm-up with nothing to warm up "
                     "for", n);
        if (t && t->stiffness_min != TENDO_UNSET && t->stiffness_min > 15 &&
            (blocks & (1u << TENDO_BLOCK_CALF)) && !held)
            fail_msg("case %" PRIu64 ": the calf complex not held on a "
                     "%d-minute stiff morning", n, t->stiffness_min);
        if (t && t->stiffness_min != TENDO_UNSET && t->stiffness_min > 15 &&
            a->level != TENDO_LEVEL_SEE_CLINICIAN && !a->routine.gate[0] &&
            !(blocks & (1u << TENDO_BLOCK_EVENING)))
            fail_msg("case %" PRIu64 ": no evening mobility on a %d-minute "
                     "stiff morning", n, t->stiffness_min);
    }
}

/* the calf complex's dose level today, 0 when it is not on or held */
static int calf_level(const struct tendo_advice *a)
{
    for (size_t i = 0; i < a->routine.nblocks; i++)
        if (a->routine.blocks[i].block == TENDO_BLOCK_CALF)
            return a->routine.blocks[i].held ? 1 : a->routine.blocks[i].level;
    return 0;
}

static void invariants(void **state)
{
    static struct gen g, w;
    struct tendo_advice a, b;
    const char *env = getenv("TENDO_PROP_CASES"), *seed = getenv("TENDO_PROP_SEED");
    uint64_t cases = env ? strtoull(env, NULL, 10) : 100000, worse = 0,
             ndecisions = 0;
    unsigned hist[6] = {0}, steps[6] = {0};
    (void)state;
    if (getenv("TENDO_PROP_DUMP") && !(dump_to = fopen(getenv("TENDO_PROP_DUMP"), "w")))
        fail_msg("cannot write %s", getenv("TENDO_PROP_DUMP"));
    rng_state = seed ? strtoull(seed, NULL, 10) : 0x7e1d0ull;
    if (!rng_state)
        rng_state = 1;
    for (uint64_t n = 0; n < cases; n++) {
        const char *what;
        uint64_t at_seed = rng_state;
        char tag[32];
        generate(&g);
        case_no = n;
        advise_as(&g, &a, 1);
        check_one(&g, &a, n);
        snprintf(tag, sizeof tag, "%" PRIu64, n);
        record(tag, &a);
        ndecisions++;
        hist[a.level]++;
        steps[a.flare.step]++;
        w = g;
        if (!(what = worsen(&w)))
            continue;
        worse++;
        advise_as(&w, &b, 0);
        check_one(&w, &b, n);
        snprintf(tag, sizeof tag, "%" PRIu64 "'", n);
        record(tag, &b);
        ndecisions++;
        /* §11.1 monotone: worse never gives more load, nor a higher cap -
         * nor a heavier calf complex (§7a) */
        if (calf_level(&b) > calf_level(&a)) {
            explain(&g, &a);
            explain(&w, &b);
            fail_msg("case %" PRIu64 ": worse %s gave calf complex level %d "
                     "after %d", n, what, calf_level(&b), calf_level(&a));
        }
        if (b.level < a.level || cap(&b) > cap(&a) + 1e-9) {
            explain(&g, &a);
            explain(&w, &b);
            fail_msg("case %" PRIu64 " (seed %" PRIu64 "): worse %s gave %s "
                     "%.0f min after %s %.0f min",
                     n, at_seed, what, tendo_level_name(b.level), cap(&b),
                     tendo_level_name(a.level), cap(&a));
        }
    }
    printf("%" PRIu64 " cases, %" PRIu64 " monotonicity pairs; levels:", cases,
           worse);
    for (int i = 0; i < 6; i++)
        printf(" %s %u", tendo_level_name((enum tendo_level)i), hist[i]);
    printf("; flare steps:");
    for (int i = 0; i < 6; i++)
        printf(" %s %u", tendo_flare_step_name((enum tendo_flare_step)i),
               steps[i]);
    printf("\n%" PRIu64 " decisions, hash %016" PRIx64 "; the longest reason "
           "text %zu bytes\n",
           ndecisions, hash, longest_text);
    if (dump_to)
        fclose(dump_to);
    /* a generator that never reaches a level proves nothing about it */
    for (int i = 0; i < 6 && cases >= 10000; i++)
        if (hist[i] < cases / 1000)
            fail_msg("level %s reached only %u times",
                     tendo_level_name((enum tendo_level)i), hist[i]);
    for (int i = 0; i < 6 && cases >= 10000; i++)
        if (steps[i] < cases / 1000)
            fail_msg("flare step %s reached only %u times",
                     tendo_flare_step_name((enum tendo_flare_step)i),
                     steps[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(invariants)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
