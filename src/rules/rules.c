/*
 * src/rules/rules.c - the daily advice (docs/clinical.md §2-§6). Pure:
 * see tendo/rules.h.
 *
 * The advice is a table of rules applied in order. Each rule is one small
 * function that says whether it fires on the day and, when it does, writes
 * its one plain sentence; the table gives its reason code, the level it
 * asks for and its section of docs/clinical.md. The day's level is the
 * most restrictive level asked for. Then the caps follow from the level
 * (§5, §6), one more rule may cut today's run (no runs on consecutive
 * days), cross-training fills the minutes cut, and the rehab programme
 * (rehab.c) gives the day's dose. Every threshold is a named constant of
 * tendo/clinical.h.
 *
 * The history (tendo/history.h) holds every day's figures, and the flare
 * state is replayed from its first day (flare.c); tendo_advise_days()
 * advises a run of days in that one pass.
 *
 * Monotonicity (clinical.md §11.1) shapes two choices: the baseline never
 * includes today, and the fluctuation range takes today's morning only
 * into its maximum (the minimum is over the checks before today), so a
 * higher morning today can never end a "fluctuating" hold.
 */
#include "tendo/rules.h"
#include "flare.h"
#include "rehab_int.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
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

/* everything the rules read about the day, worked out once */
struct day {
    struct rules_view v;
    tendo_day today;
    const struct tendo_history_day *t, *y;  /* today, yesterday */
    struct replay rp;           /* the flare state through today */
    int base, base_s;           /* baselines, UNSET when unknown */
    int b, bs;                  /* the same with their assumed values */
    int pain;                   /* session pain, today's and yesterday's */
    int m7, m7prev;             /* 7-day median mornings: now, a week ago */
    int in_reentry;
    int good;                   /* good days in a row up to today (max 7) */
    double T, pace;             /* typical run (min), pace (min/km) */
    double acwr, mono, ramp;
    struct tendo_advice *o;     /* the advice so far */
};

/* ---- the rules ---- */

typedef int (*rule_fn)(const struct day *d, int arg, char *text, size_t n);

struct rule {
    struct tendo_reason_info info;  /* code, level, section */
    rule_fn fires;
    int arg;
};

static const char *flag_text(unsigned bit)
{
    switch (bit) {
    case TENDO_FLAG_POP: return "a sudden snap or 'kicked in the heel' feeling";
    case TENDO_FLAG_CANNOT_RAISE: return "cannot do a single-leg heel raise";
    case TENDO_FLAG_SWELLING: return "new swelling, warmth or redness";
    case TENDO_FLAG_NIGHT: return "pain at rest or at night";
    case TENDO_FLAG_CALF: return "calf swelling, warmth or tenderness";
    case TENDO_FLAG_MORNING_HIGH:
        return "morning pain " TENDO_STR(TENDO_PAIN_HIGH_MIN) "/10 or more on "
               TENDO_STR(TENDO_MORNING_HIGH_DAYS) " days running";
    default: return "a recent fluoroquinolone antibiotic";
    }
}

static const char *flag_name(unsigned bit)
{
    int b = 0;
    while (bit > 1u)
        bit >>= 1, b++;
    return tendo_flag_names[b];
}

/* the episode of red flag `bit` open today, or NULL */
static const struct tendo_flag_episode *open_episode(const struct day *d,
                                                     unsigned bit)
{
    const struct tendo_history *h = d->v.h;
    for (size_t i = h->nepisodes; i-- > 0;) {
        const struct tendo_flag_episode *e = &h->episodes[i];
        if (e->flag == bit && e->opened <= d->today &&
            (e->cleared == TENDO_DAY_NONE || e->cleared > d->today))
            return e;
    }
    return NULL;
}

/* §2: a red flag open today: recorded today or before, not yet cleared */
static int red_flag(const struct day *d, int bit, char *text, size_t n)
{
    const struct tendo_flag_episode *e;
    char since[TENDO_DAY_STRLEN + 16] = "";
    const char *what = (unsigned)bit & TENDO_FLAG_NO_EXERCISE
                           ? "No running, no cross-training and no exercise "
                             "of that leg until a clinician has seen you"
                           : "No running and no loaded rehab until a "
                             "clinician has seen you";
    if (!(d->t->open_flags & (unsigned)bit) ||
        !(e = open_episode(d, (unsigned)bit)))
        return 0;
    if (e->opened < d->today) {
        char ds[TENDO_DAY_STRLEN];
        snprintf(since, sizeof since, " since %s",
                 tendo_day_format(e->opened, ds));
    }
    snprintf(text, n, "Red flag%s: %s. %s; then record it (tendo flags "
                      "clear %s)",
             since, flag_text((unsigned)bit), what, flag_name((unsigned)bit));
    return 1;
}

/* the latest episode of a flag in `mask` cleared within `days` days up to
 * today, or NULL */
static const struct tendo_flag_episode *
cleared_within(const struct day *d, unsigned mask, int days)
{
    const struct tendo_history *h = d->v.h;
    const struct tendo_flag_episode *best = NULL;
    for (size_t i = 0; i < h->nepisodes; i++) {
        const struct tendo_flag_episode *e = &h->episodes[i];
        if ((e->flag & mask) && e->cleared != TENDO_DAY_NONE &&
            e->cleared <= d->today && d->today - e->cleared < days &&
            (!best || e->cleared > best->cleared))
            best = e;
    }
    return best;
}

/* §2: a clearance in the last days (informative) */
static int flag_cleared(const struct day *d, int arg, char *text, size_t n)
{
    const struct tendo_flag_episode *e =
        cleared_within(d, TENDO_FLAG_RED, TENDO_CLEARED_SHOW_DAYS);
    char ds[TENDO_DAY_STRLEN];
    (void)arg;
    if (!e)
        return 0;
    snprintf(text, n,
             "Red flag %s cleared on %s: a clinician has seen you, so the "
             "usual rules apply again",
             flag_name(e->flag), tendo_day_format(e->cleared, ds));
    return 1;
}

/* §2: no progression for a while after a fluoroquinolone flag's clearance */
static int fluoroquinolone_hold(const struct day *d, int arg, char *text,
                                size_t n)
{
    const struct tendo_flag_episode *e = cleared_within(
        d, TENDO_FLAG_FLUOROQUINOLONE, TENDO_FLUOROQUINOLONE_HOLD_DAYS);
    char from[TENDO_DAY_STRLEN], until[TENDO_DAY_STRLEN];
    (void)arg;
    if (!e)
        return 0;
    snprintf(text, n,
             "The fluoroquinolone flag was cleared on %s: no progression "
             "until %s (%d days), as the tendon stays at risk for months",
             tendo_day_format(e->cleared, from),
             tendo_day_format(e->cleared + TENDO_FLUOROQUINOLONE_HOLD_DAYS,
                              until),
             TENDO_FLUOROQUINOLONE_HOLD_DAYS);
    return 1;
}

/* §2: the 7-day median above the safe zone for weeks, not improving: not
 * a stop - the tolerated running and the rehab go on - but worth a
 * clinician's look */
static int book_clinician(const struct day *d, int arg, char *text, size_t n)
{
    int then;
    (void)arg;
    if (d->m7 == UNSET || d->m7 <= TENDO_PAIN_SAFE_MAX)
        return 0;
    for (tendo_day k = d->today - (TENDO_NOT_SETTLING_DAYS - 1); k < d->today;
         k++) {
        int v = rules_at(&d->v, k)->week_morning;
        if (v == UNSET || v <= TENDO_PAIN_SAFE_MAX)
            return 0;
    }
    then = rules_at(&d->v, d->today - TENDO_NOT_SETTLING_DAYS)->week_morning;
    if (then == UNSET || d->m7 < then)
        return 0;
    snprintf(text, n,
             "Morning pain (7-day median %d/10) has not improved in %d "
             "weeks: pain that does not settle deserves a professional look, "
             "so book a clinician; keep to the running you tolerate and the "
             "rehab meanwhile",
             d->m7, TENDO_NOT_SETTLING_DAYS / 7);
    return 1;
}

/* §4: the trigger of a flare that started today (arg: its index) */
static int flare_started(const struct day *d, int arg, char *text, size_t n)
{
    static const char *const why[] = {"sharp", "morning", "morning_up",
                                      "stiffness", "session"};
    if (!d->rp.why || strcmp(d->rp.why, why[arg]))
        return 0;
    switch (arg) {
    case 0:
        snprintf(text, n, "Sharper pain reported today: a flare-up, so "
                          "pause and reassess");
        break;
    case 1:
        snprintf(text, n, "Morning pain %d/10 (%d or more): a flare-up, so "
                          "pause",
                 d->t->morning, TENDO_PAIN_HIGH_MIN);
        break;
    case 2:
        snprintf(text, n, "Morning pain %d/10, %d or more above your usual "
                          "%d/10: a flare-up, so pause",
                 d->t->morning, TENDO_FLARE_MORNING_RISE, d->b);
        break;
    case 3:
        snprintf(text, n, "Morning stiffness %d min, double your usual %d "
                          "min: a flare-up, so pause",
                 d->t->stiffness, d->bs);
        break;
    default:
        snprintf(text, n, "Pain %d/10 during or after the last run (%d or "
                          "more): a flare-up, so pause",
                 d->pain, TENDO_FLARE_SESSION_PAIN);
        break;
    }
    return 1;
}

static void flare_day(const struct day *d, char *ds)
{
    tendo_day_format(d->rp.f.started, ds);
}

/* §4: the pause step */
static int flare_pause(const struct day *d, int arg, char *text, size_t n)
{
    char ds[TENDO_DAY_STRLEN];
    (void)arg;
    if (d->rp.f.step != TENDO_FLARE_PAUSE)
        return 0;
    flare_day(d, ds);
    snprintf(text, n,
             "Flare-up since %s: no running for 24-48 h; pain-free "
             "cross-training keeps your fitness",
             ds);
    return 1;
}

/* §4, §8: the reassess step and the return-to-running gates */
static int flare_reassess(const struct day *d, int arg, char *text, size_t n)
{
    char ds[TENDO_DAY_STRLEN];
    double lsi;
    (void)arg;
    if (d->rp.f.step != TENDO_FLARE_REASSESS)
        return 0;
    flare_day(d, ds);
    lsi = flare_lsi(&d->v, d->rp.f.started, d->today);
    snprintf(text, n,
             "Reassessing after the flare-up of %s: running resumes after %d "
             "mornings at most %d/10 (%d so far), morning %d/10 or less, hop "
             "pain %d/10 or less (tendo check --hop-pain) and a heel-raise "
             "LSI of %d %% or more if tested (tendo assess heel-raise)%s%s",
             ds, TENDO_REASSESS_MORNINGS, d->b + TENDO_MORNING_NOISE,
             d->rp.f.progress, TENDO_RTR_MORNING_MAX, TENDO_HOP_PAIN_MAX,
             TENDO_RTR_LSI_MIN,
             lsi < TENDO_RTR_LSI_MIN ? "; the last test was below " : "",
             lsi < TENDO_RTR_LSI_MIN ? TENDO_STR(TENDO_RTR_LSI_MIN) " %" : "");
    return 1;
}

/* §4: a re-entry step */
static int reentry_step(const struct day *d, int arg, char *text, size_t n)
{
    char ds[TENDO_DAY_STRLEN];
    (void)arg;
    if (!d->in_reentry)
        return 0;
    flare_day(d, ds);
    snprintf(text, n,
             "Re-entry step %d of 3 after the flare-up of %s: runs of %d%% of "
             "your usual, easy, flat or soft, not on consecutive days (%d of "
             "%d runs tolerated so far)",
             d->rp.f.step - TENDO_FLARE_REENTER1 + 1, ds,
             (int)lround(flare_reentry_share(d->rp.f.step) * 100),
             d->rp.f.progress, TENDO_REENTRY_RUNS);
    return 1;
}

/* §4: the ladder finished a few days ago */
static int reentry_done(const struct day *d, int arg, char *text, size_t n)
{
    (void)arg;
    if (d->rp.f.step != TENDO_FLARE_NONE || d->rp.done == TENDO_DAY_NONE ||
        d->today - d->rp.done >= TENDO_REENTRY_DONE_DAYS)
        return 0;
    snprintf(text, n, "Re-entry finished: back at your usual run; "
                      "progression resumes after a week");
    return 1;
}

/* §3.2, §5: morning pain in the high-risk zone */
static int morning_high(const struct day *d, int arg, char *text, size_t n)
{
    (void)arg;
    if (d->t->morning == UNSET || d->t->morning < TENDO_PAIN_HIGH_MIN)
        return 0;
    snprintf(text, n, "Morning pain %d/10 is in the high-risk zone (%d-10)",
             d->t->morning, TENDO_PAIN_HIGH_MIN);
    return 1;
}

/* §3.2: pain during or after the last run, by zone (arg: 2 very high,
 * 1 high, 0 acceptable) */
static int session_pain(const struct day *d, int arg, char *text, size_t n)
{
    int p = d->pain;
    if (p == UNSET)
        return 0;
    if (arg == 2 && p >= TENDO_FLARE_SESSION_PAIN) {
        snprintf(text, n, "Pain %d/10 during or after the last run: too "
                          "much, load must come down",
                 p);
        return 1;
    }
    if (arg == 1 && p >= TENDO_PAIN_HIGH_MIN &&
        p < TENDO_FLARE_SESSION_PAIN) {
        snprintf(text, n, "Pain %d/10 during or after the last run: replace "
                          "the next run with cross-training",
                 p);
        return 1;
    }
    if (arg == 0 && p > TENDO_PAIN_SAFE_MAX &&
        p <= TENDO_PAIN_ACCEPTABLE_MAX) {
        snprintf(text, n, "Pain %d/10 during or after the last run: "
                          "acceptable (%d-%d), no progression until it is %d "
                          "or less",
                 p, TENDO_PAIN_SAFE_MAX + 1, TENDO_PAIN_ACCEPTABLE_MAX,
                 TENDO_PAIN_SAFE_MAX);
        return 1;
    }
    return 0;
}

/* §5: morning pain in the acceptable zone */
static int morning_acceptable(const struct day *d, int arg, char *text,
                              size_t n)
{
    int m = d->t->morning;
    (void)arg;
    if (m == UNSET || m <= TENDO_PAIN_SAFE_MAX ||
        m > TENDO_PAIN_ACCEPTABLE_MAX)
        return 0;
    snprintf(text, n, "Morning pain %d/10 is in the acceptable zone (%d-%d): "
                      "run less and easier until it settles",
             m, TENDO_PAIN_SAFE_MAX + 1, TENDO_PAIN_ACCEPTABLE_MAX);
    return 1;
}

/* §3.1 rule 3, §5: a morning up on the usual */
static int morning_up(const struct day *d, int arg, char *text, size_t n)
{
    int m = d->t->morning;
    (void)arg;
    if (m == UNSET || m < TENDO_MORNING_UP_MIN ||
        m < d->b + TENDO_MORNING_UP_RISE)
        return 0;
    snprintf(text, n, "Morning pain %d/10, up from %d/10: yesterday's load "
                      "was a little too much",
             m, d->b);
    return 1;
}

/* §3.1 rule 3: stiffness well above the usual */
static int stiffness_up(const struct day *d, int arg, char *text, size_t n)
{
    (void)arg;
    if (!rules_stiff_up(d->t->stiffness, d->bs))
        return 0;
    snprintf(text, n, "Morning stiffness %d min, well above your usual %d min",
             d->t->stiffness, d->bs);
    return 1;
}

/* §5: stiffness above the usual, short of that */
static int stiffness_above(const struct day *d, int arg, char *text, size_t n)
{
    (void)arg;
    if (d->t->stiffness == UNSET || d->t->stiffness <= d->bs ||
        rules_stiff_up(d->t->stiffness, d->bs))
        return 0;
    snprintf(text, n, "Morning stiffness %d min, above your usual %d min: "
                      "hold the load",
             d->t->stiffness, d->bs);
    return 1;
}

/* §3.2: the range of the last checked mornings (today only towards the
 * top), and whether the last days were symptom-free; 1 when the range
 * spans TENDO_FLUCT_RANGE over enough checks */
static int fluctuation(const struct day *d, int *lo, int *hi, int *free)
{
    int n = 0;
    *lo = 11;
    *hi = d->t->morning != UNSET ? d->t->morning : -1;
    for (tendo_day k = d->today - 1;
         k >= d->today - TENDO_FLUCT_DAYS && n < TENDO_FLUCT_CHECKS - 1; k--) {
        const struct tendo_history_day *x = rules_at(&d->v, k);
        if (x->morning == UNSET)
            continue;
        n++;
        *lo = x->morning < *lo ? x->morning : *lo;
        *hi = rules_imax(*hi, x->morning);
    }
    *free = 1;
    for (tendo_day k = d->today; k > d->today - TENDO_SYMPTOM_FREE_DAYS; k--) {
        const struct tendo_history_day *x = rules_at(&d->v, k);
        if (x->morning == UNSET || x->morning > TENDO_PAIN_SAFE_MAX ||
            x->morning > rules_base(x->base_morning))
            *free = 0;
    }
    return n >= TENDO_FLUCT_CHECKS - 1 && *hi - *lo >= TENDO_FLUCT_RANGE;
}

static int fluctuating(const struct day *d, int arg, char *text, size_t n)
{
    int lo, hi, free;
    (void)arg;
    if (!fluctuation(d, &lo, &hi, &free) || free)
        return 0;
    snprintf(text, n, "Morning pain has swung between %d and %d/10 over the "
                      "last %d checks: reduce until %d symptom-free days in "
                      "a row",
             lo, hi, TENDO_FLUCT_CHECKS, TENDO_SYMPTOM_FREE_DAYS);
    return 1;
}

static int symptom_free(const struct day *d, int arg, char *text, size_t n)
{
    int lo, hi, free;
    (void)arg;
    if (!fluctuation(d, &lo, &hi, &free) || !free)
        return 0;
    snprintf(text, n, "%d symptom-free days after a fluctuating spell: "
                      "reintroduce a slightly higher volume",
             TENDO_SYMPTOM_FREE_DAYS);
    return 1;
}

/* §3.1 rule 4: this week's median morning above last week's */
static int weekly_trend(const struct day *d, int arg, char *text, size_t n)
{
    (void)arg;
    if (d->m7 == UNSET || d->m7prev == UNSET || d->m7 <= d->m7prev)
        return 0;
    snprintf(text, n, "Morning pain this week (median %d/10) is above last "
                      "week's (%d/10): hold progression, cut the week's "
                      "volume ~20%%",
             d->m7, d->m7prev);
    return 1;
}

/* §5, §9: the acute:chronic ratio (arg 1: a spike, 0: elevated) */
static int acwr(const struct day *d, int arg, char *text, size_t n)
{
    if (isnan(d->acwr) || d->acwr <= TENDO_ACWR_HOLD)
        return 0;
    if (arg && d->acwr > TENDO_ACWR_SPIKE) {
        snprintf(text, n, "Acute:chronic tendon load %.2f is above %.1f: the "
                          "last week was a jump",
                 d->acwr, TENDO_ACWR_SPIKE);
        return 1;
    }
    if (!arg && d->acwr <= TENDO_ACWR_SPIKE) {
        snprintf(text, n, "Acute:chronic tendon load %.2f is %.1f-%.1f: hold "
                          "the load",
                 d->acwr, TENDO_ACWR_HOLD, TENDO_ACWR_SPIKE);
        return 1;
    }
    return 0;
}

static int monotony(const struct day *d, int arg, char *text, size_t n)
{
    (void)arg;
    if (isnan(d->mono) || d->mono <= TENDO_MONOTONY_MAX)
        return 0;
    snprintf(text, n, "Training monotony %.1f is above %g: vary hard and "
                      "easy days before adding load",
             d->mono, (double)TENDO_MONOTONY_MAX);
    return 1;
}

/* §10: short sleep two nights running */
static int short_sleep(const struct day *d, int arg, char *text, size_t n)
{
    (void)arg;
    if (isnan(d->t->sleep_h) || d->t->sleep_h >= TENDO_SLEEP_MIN_H ||
        isnan(d->y->sleep_h) || d->y->sleep_h >= TENDO_SLEEP_MIN_H)
        return 0;
    snprintf(text, n, "Under %d h of sleep two nights running: hold "
                      "progression",
             TENDO_SLEEP_MIN_H);
    return 1;
}

/* §1: too few checks to know the usual morning (informative) */
static int baseline_unknown(const struct day *d, int arg, char *text, size_t n)
{
    (void)arg;
    if (d->base != UNSET)
        return 0;
    snprintf(text, n, "Fewer than %d recent checks: your usual morning is not "
                      "known yet, so %d/10 and %d min are assumed",
             TENDO_BASELINE_MIN_CHECKS, TENDO_BASELINE_UNKNOWN_MORNING,
             TENDO_BASELINE_UNKNOWN_STIFF);
    return 1;
}

/* §5: no runs to take the caps from */
static int no_recent_runs(const struct day *d, int arg, char *text, size_t n)
{
    (void)arg;
    if (!isnan(d->T))
        return 0;
    snprintf(text, n, "No runs in the last %d days: caps start from a "
                      "%d-minute easy run",
             TENDO_TYPICAL_DAYS, TENDO_NO_RUNS_MIN);
    return 1;
}

static int no_check(const struct day *d)
{
    return !d->t->check || d->t->morning == UNSET;
}

/* §11.7: no check today is conservative */
static int no_check_today(const struct day *d, int arg, char *text, size_t n)
{
    (void)arg;
    if (!no_check(d))
        return 0;
    snprintf(text, n, "No morning check today: log one (tendo check) for "
                      "advice that fits; until then, stay conservative");
    return 1;
}

/* §5: progress only after good days in a row (arg 1: enough of them) */
static int good_days(const struct day *d, int arg, char *text, size_t n)
{
    if (d->o->level != TENDO_LEVEL_PROGRESS)
        return 0;
    if (!arg && d->good < TENDO_GOOD_DAYS) {
        snprintf(text, n, "%d of %d good days in a row: progression comes "
                          "after %d",
                 d->good, TENDO_GOOD_DAYS, TENDO_GOOD_DAYS);
        return 1;
    }
    if (arg && d->good >= TENDO_GOOD_DAYS) {
        snprintf(text, n, "%d good days in a row, load within limits: add up "
                          "to %d%% to your usual run",
                 TENDO_GOOD_DAYS, (int)lround(d->ramp * 100));
        return 1;
    }
    return 0;
}

/* §6: after a run yesterday, no run today while symptoms are up (it takes
 * the day's level and cuts today's run) */
static int no_consecutive_days(const struct day *d, int arg, char *text,
                               size_t n)
{
    (void)arg;
    if (!d->o->run_allowed || !d->y->runs ||
        !(d->o->level == TENDO_LEVEL_REDUCE ||
          (d->t->morning != UNSET && d->t->morning > TENDO_PAIN_SAFE_MAX) ||
          (d->pain != UNSET && d->pain > TENDO_PAIN_SAFE_MAX)))
        return 0;
    snprintf(text, n, "You ran yesterday: while symptoms are up, no runs on "
                      "consecutive days - cross-train today");
    return 1;
}

#define SEE TENDO_LEVEL_SEE_CLINICIAN
#define PAUSE TENDO_LEVEL_PAUSE
#define CROSS TENDO_LEVEL_CROSS_TRAIN
#define REDUCE TENDO_LEVEL_REDUCE
#define MAINTAIN TENDO_LEVEL_MAINTAIN
#define PROGRESS TENDO_LEVEL_PROGRESS

/* in the order they are applied (and their reasons listed) */
static const struct rule rules[] = {
    {{"red_flag_pop", SEE, "§2"}, red_flag, TENDO_FLAG_POP},
    {{"red_flag_cannot_raise", SEE, "§2"}, red_flag, TENDO_FLAG_CANNOT_RAISE},
    {{"red_flag_swelling", SEE, "§2"}, red_flag, TENDO_FLAG_SWELLING},
    {{"red_flag_night", SEE, "§2"}, red_flag, TENDO_FLAG_NIGHT},
    {{"red_flag_calf", SEE, "§2"}, red_flag, TENDO_FLAG_CALF},
    {{"red_flag_fluoroquinolone", SEE, "§2"}, red_flag,
     TENDO_FLAG_FLUOROQUINOLONE},
    {{"morning_high_3_days", SEE, "§2"}, red_flag, TENDO_FLAG_MORNING_HIGH},
    {{"book_clinician", MAINTAIN, "§2"}, book_clinician, 0},
    {{"flag_cleared", PROGRESS, "§2"}, flag_cleared, 0},
    {{"fluoroquinolone_hold", MAINTAIN, "§2"}, fluoroquinolone_hold, 0},
    {{"flare_sharp", PAUSE, "§4"}, flare_started, 0},
    {{"flare_morning_high", PAUSE, "§4"}, flare_started, 1},
    {{"flare_morning_up", PAUSE, "§4"}, flare_started, 2},
    {{"flare_stiffness", PAUSE, "§4"}, flare_started, 3},
    {{"flare_session_pain", PAUSE, "§4"}, flare_started, 4},
    {{"flare_pause", PAUSE, "§4"}, flare_pause, 0},
    {{"flare_reassess", PAUSE, "§4, §8"}, flare_reassess, 0},
    {{"reentry_step", REDUCE, "§4"}, reentry_step, 0},
    {{"reentry_done", MAINTAIN, "§4"}, reentry_done, 0},
    {{"morning_pain_high", PAUSE, "§3.2, §5"}, morning_high, 0},
    {{"session_pain_very_high", PAUSE, "§3.2, §5"}, session_pain, 2},
    {{"session_pain_high", CROSS, "§3.2, §5"}, session_pain, 1},
    {{"session_pain_acceptable", MAINTAIN, "§3.1"}, session_pain, 0},
    {{"morning_pain_acceptable", REDUCE, "§5"}, morning_acceptable, 0},
    {{"morning_pain_up", REDUCE, "§3.1, §5"}, morning_up, 0},
    {{"stiffness_up", REDUCE, "§3.1"}, stiffness_up, 0},
    {{"stiffness_above_usual", MAINTAIN, "§5"}, stiffness_above, 0},
    {{"fluctuating", REDUCE, "§3.2"}, fluctuating, 0},
    {{"symptom_free_reintroduce", MAINTAIN, "§3.2"}, symptom_free, 0},
    {{"weekly_trend_up", REDUCE, "§3.1"}, weekly_trend, 0},
    {{"acwr_high", REDUCE, "§5, §9"}, acwr, 1},
    {{"acwr_elevated", MAINTAIN, "§5, §9"}, acwr, 0},
    {{"monotony_high", MAINTAIN, "§5, §9"}, monotony, 0},
    {{"short_sleep", MAINTAIN, "§10"}, short_sleep, 0},
    {{"baseline_unknown", PROGRESS, "§1"}, baseline_unknown, 0},
    {{"no_recent_runs", MAINTAIN, "§5"}, no_recent_runs, 0},
    {{"no_check_today", MAINTAIN, "§11"}, no_check_today, 0},
    {{"building_good_days", MAINTAIN, "§5"}, good_days, 0},
    {{"good_days", PROGRESS, "§5, §6"}, good_days, 1},
};
#define NRULES (sizeof rules / sizeof *rules)

/* applied once the caps are set: it cuts today's run */
static const struct rule after_caps =
    {{"no_consecutive_days", TENDO_LEVEL_OF_DAY, "§6"}, no_consecutive_days,
     0};

const struct tendo_reason_info *tendo_reason_info(size_t i)
{
    if (i < NRULES)
        return &rules[i].info;
    if (i == NRULES)
        return &after_caps.info;
    i -= NRULES + 1;
    return i < rehab_nreasons ? &rehab_reasons[i] : NULL;
}

/* ---- the driver ---- */

/* a reason's text, cut at its size (texts of a protocol's stage names can
 * be long) */
static void textf(char *out, size_t n, const char *fmt, ...)
    TENDO_PRINTF(3, 4);
static void textf(char *out, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out, n, fmt, ap);
    va_end(ap);
}

static void add_reason(struct tendo_advice *o, const char *code,
                       enum tendo_level level, const char *text)
{
    struct tendo_reason *r;
    if (o->nreasons == TENDO_REASONS_MAX)
        return;
    r = &o->reasons[o->nreasons++];
    r->code = code;
    r->level = level;
    snprintf(r->text, sizeof r->text, "%s", text);
    if (level > o->level)
        o->level = level;
}

static int apply(struct day *d, const struct rule *r)
{
    char text[sizeof d->o->reasons[0].text];
    if (!r->fires(d, r->arg, text, sizeof text))
        return 0;
    add_reason(d->o, r->info.code,
               r->info.level == TENDO_LEVEL_OF_DAY
                   ? d->o->level
                   : (enum tendo_level)r->info.level,
               text);
    return 1;
}

/* §5: a good day: a check, morning in the safe zone and not above the
 * usual, no flag, session pain in the safe zone */
static int good_day(const struct rules_view *v, tendo_day day)
{
    const struct tendo_history_day *x = rules_at(v, day);
    if (!x->check || x->morning == UNSET || x->morning > TENDO_PAIN_SAFE_MAX ||
        (x->base_morning != UNSET && x->morning > x->base_morning) ||
        (x->flags & TENDO_FLAG_ALL))
        return 0;
    return x->pain == UNSET || x->pain <= TENDO_PAIN_SAFE_MAX;
}

/* the day's figures, once */
static void day_setup(struct day *d, const struct rules_view *v,
                      const struct replay *rp, struct tendo_advice *o)
{
    struct tendo_load_day ld;
    double ramp = v->h->athlete.ramp;
    memset(d, 0, sizeof *d);
    d->v = *v;
    d->today = v->today;
    d->rp = *rp;
    d->o = o;
    d->t = rules_at(v, d->today);
    d->y = rules_at(v, d->today - 1);
    d->base = d->t->base_morning;
    d->base_s = d->t->base_stiffness;
    d->b = rules_base(d->base);
    d->bs = rules_base_stiff(d->base_s);
    d->pain = rules_recent_pain(v, d->today);
    d->m7 = d->t->week_morning;
    d->m7prev = rules_at(v, d->today - TENDO_TREND_DAYS)->week_morning;
    d->in_reentry = rp->f.step >= TENDO_FLARE_REENTER1;
    while (d->good < TENDO_GOOD_DAYS && good_day(v, d->today - d->good))
        d->good++;
    /* §6: the ramp setting, within 0 .. TENDO_RAMP_MAX */
    ramp = isnan(ramp) || ramp < 0 ? TENDO_RAMP_DEFAULT / 100.0 : ramp;
    d->ramp = ramp > TENDO_RAMP_MAX / 100.0 ? TENDO_RAMP_MAX / 100.0 : ramp;
    /* §5 the typical run; §4 the ladder is of the pre-flare run, and it
     * stays the usual one for a while after the ladder */
    d->T = d->t->typical_min;
    d->pace = d->t->typical_pace;
    if (rp->f.step != TENDO_FLARE_NONE && !isnan(rp->f.pre_typical_min))
        d->T = rp->f.pre_typical_min;
    else if (rp->done != TENDO_DAY_NONE &&
             d->today - rp->done < TENDO_REENTRY_HOLD_DAYS &&
             !isnan(rp->done_pre) && (isnan(d->T) || rp->done_pre > d->T))
        d->T = rp->done_pre;
    tendo_history_load_day(v->h, d->today, &ld);
    d->acwr = ld.acwr;
    d->mono = ld.monotony;
}

/* §5, §6: the caps the level allows; NAN when no run */
static double caps(struct day *d)
{
    struct tendo_advice *o = d->o;
    double T = d->T, reduce = TENDO_REDUCE_PCT / 100.0;
    o->intensity = "easy";
    o->surface = "soft or flat";
    switch (o->level) {
    case TENDO_LEVEL_PROGRESS:
        o->intensity = "any";
        o->surface = "any";
        o->strides = o->hills = 1;
        return T * (1 + d->ramp);
    case TENDO_LEVEL_MAINTAIN:
        o->intensity = "moderate";
        o->surface = "any";
        o->strides = 1;
        return T;
    case TENDO_LEVEL_REDUCE: {
        /* a re-entry step's share, cut again when another rule reduces */
        int other = 0;
        for (size_t i = 0; i < o->nreasons; i++)
            other |= o->reasons[i].level == TENDO_LEVEL_REDUCE &&
                     strcmp(o->reasons[i].code, "reentry_step");
        if (d->in_reentry)
            return flare_reentry_share(d->rp.f.step) * T *
                   (other ? reduce : 1.0);
        return reduce * T;
    }
    default:
        return NAN;
    }
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
    o->rehab_name = st->name;
    o->rehab_how = st->how;
    rp.text[0] = (char)tolower((unsigned char)rp.text[0]);
    textf(text, sizeof text, "Rehab stage %d of %d (%s): %s", rp.stage_no,
          rp.nstages, st->name, rp.text);
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

/* the advice for v->today, with the flare state `rp` replayed through it */
static int advise_day(const struct rules_view *v, const struct replay *rp,
                      struct tendo_advice *o, struct tendo_error *err)
{
    struct day d;
    double cap;
    memset(o, 0, sizeof *o);
    day_setup(&d, v, rp, o);
    o->date = d.today;
    o->level = TENDO_LEVEL_PROGRESS;
    o->flare = rp->f;
    o->next_check = no_check(&d) ? d.today : d.today + 1;
    o->have_check = d.t->check != NULL;
    o->base_morning = d.base;
    o->base_stiffness = d.base_s;
    o->good_days = d.good;
    flags_of_day(&d, o);
    for (size_t i = 0; i < NRULES; i++)
        apply(&d, &rules[i]);
    if (isnan(d.T))
        d.T = TENDO_NO_RUNS_MIN;
    o->typical_min = d.T;
    o->typical_km = isnan(d.pace) ? NAN : d.T / d.pace;
    cap = caps(&d);
    o->run_allowed = !isnan(cap);
    if (apply(&d, &after_caps))
        o->run_allowed = 0;
    if (o->run_allowed) {
        o->max_minutes = floor(cap);
        o->max_km = isnan(d.pace) ? NAN : floor(cap / d.pace * 10) / 10;
    } else {
        o->max_minutes = o->max_km = NAN;
        o->strides = o->hills = 0;
    }
    cross_training(&d, o, d.T);
    return rehab(&d, err);
}

int tendo_advise_days(const struct tendo_history *h, tendo_day from,
                      tendo_day to, tendo_advice_fn fn, void *ctx,
                      struct tendo_error *err)
{
    struct rules_view v;
    struct replay rp;
    struct tendo_advice a;
    int rc;
    if (!h || !fn || from > to || from < TENDO_DAY_MIN || to > h->last)
        return tendo_fail(err, TENDO_EUSAGE,
                          "tendo_advise: a day outside the history");
    v.h = h;
    flare_init(&rp);
    /* days before the first day with data are advised on an empty diary */
    for (tendo_day day = from < h->first ? from : h->first; day <= to;
         day++) {
        v.today = day;
        flare_step(&v, &rp, day);
        if (day < from)
            continue;
        if ((rc = advise_day(&v, &rp, &a, err)))
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
