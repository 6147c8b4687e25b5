/*
 * src/rules/reasons.c - the rules of the daily advice as a table
 * (docs/clinical.md §2-§6; the driver is rules.c, the shared types
 * advice.h). Each rule is one small function: does it fire on the day,
 * and its one plain sentence. The table gives its reason code, the level
 * it asks for, its section, and optionally its own cap and what it rules
 * out. Every threshold is a named constant of tendo/clinical.h.
 *
 * Monotonicity (clinical.md §11.1) shapes some choices: the baseline never
 * includes today, and the fluctuation range takes today's morning only
 * into its maximum (the minimum is over the checks before today), so a
 * higher morning today can never end a "fluctuating" hold.
 */
#include "advice.h"

#include <math.h>
#include <string.h>

#define UNSET TENDO_UNSET

/* ---- §2 red flags ---- */

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
    if (!text)
        return 1;
    if (e->opened < d->today) {
        char ds[TENDO_DAY_STRLEN];
        snprintf(since, sizeof since, " since %s",
                 tendo_day_format(e->opened, ds));
    }
    SAY("Red flag%s: %s. %s; then record it (tendo flags clear %s)", since,
        flag_text((unsigned)bit), what, flag_name((unsigned)bit));
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
    SAY("Red flag %s cleared on %s: a clinician has seen you, so the usual "
        "rules apply again",
        flag_name(e->flag), tendo_day_format(e->cleared, ds));
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
    SAY("The fluoroquinolone flag was cleared on %s: no progression until %s "
        "(%d days), as the tendon stays at risk for months",
        tendo_day_format(e->cleared, from),
        tendo_day_format(e->cleared + TENDO_FLUOROQUINOLONE_HOLD_DAYS, until),
        TENDO_FLUOROQUINOLONE_HOLD_DAYS);
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
    SAY("Morning pain (7-day median %d/10) has not improved in %d weeks: pain "
        "that does not settle deserves a professional look, so book a "
        "clinician; keep to the running you tolerate and the rehab meanwhile",
        d->m7, TENDO_NOT_SETTLING_DAYS / 7);
}

/* ---- §4 flare-ups ---- */

/* §4: the trigger of a flare that started (or restarted) today (arg: its
 * index) */
static int flare_started(const struct day *d, int arg, char *text, size_t n)
{
    static const char *const why[] = {"sharp",     "morning", "morning_up",
                                      "stiffness", "session", "settled_up"};
    if (!d->rp.why || strcmp(d->rp.why, why[arg]))
        return 0;
    switch (arg) {
    case 0:
        SAY("Sharper pain reported today: a flare-up, so pause and "
            "reassess");
    case 1:
        SAY("Morning pain %d/10 (%d or more): a flare-up, so pause",
            d->t->morning, TENDO_PAIN_HIGH_MIN);
    case 2:
        SAY("Morning pain %d/10, %d or more above your usual %d/10: a "
            "flare-up, so pause",
            d->t->morning, TENDO_FLARE_MORNING_RISE, d->b);
    case 3:
        SAY("Morning stiffness %d min, double your usual %d min: a flare-up, "
            "so pause",
            d->t->stiffness, d->bs);
    case 4:
        SAY("Pain %d/10 during or after yesterday's run (%d or more): a "
            "flare-up, so pause",
            d->pain, TENDO_FLARE_SESSION_PAIN);
    default:
        SAY("Morning pain %d/10, %d or more above the %d/10 it had settled "
            "at: the flare-up is back, so pause again",
            d->t->morning, TENDO_FLARE_MORNING_RISE, d->rp.settled_was);
    }
}

static const char *flare_day(const struct day *d, char *ds)
{
    return tendo_day_format(d->rp.f.started, ds);
}

/* §4: the pause step */
static int flare_pause(const struct day *d, int arg, char *text, size_t n)
{
    char ds[TENDO_DAY_STRLEN];
    (void)arg;
    if (d->rp.f.step != TENDO_FLARE_PAUSE)
        return 0;
    SAY("Flare-up since %s: no running for 24-48 h; pain-free cross-training "
        "keeps your fitness",
        flare_day(d, ds));
}

/* §8: what the heel-raise gate still asks, or "" */
static void heel_raise_wait(const struct day *d, char *out, size_t n)
{
    struct tendo_heel_raise_gate g;
    flare_heel_raise(&d->v, d->rp.f.started, d->today, &g);
    if (g.pass)
        snprintf(out, n, "%s", "");
    else if (g.absolute)
        snprintf(out, n,
                 ". The last heel-raise test had %.0f raises on the weaker "
                 "side; with both sides sore the count must reach %.0f, so "
                 "running waits for a new test",
                 g.value, g.need);
    else
        snprintf(out, n,
                 ". The last heel-raise test's LSI was %.0f %%, below %.0f "
                 "%%, so running waits for a new test",
                 g.value, g.need);
}

/* §4, §8: the reassess step and the return-to-running gates */
static int flare_reassess(const struct day *d, int arg, char *text, size_t n)
{
    char ds[TENDO_DAY_STRLEN], wait[200];
    (void)arg;
    if (d->rp.f.step != TENDO_FLARE_REASSESS)
        return 0;
    if (!text)
        return 1;
    heel_raise_wait(d, wait, sizeof wait);
    SAY("Reassessing after the flare-up of %s: running resumes after %d "
        "mornings at most %d/10 (%d so far, the last %d/10 or less), or once "
        "%d mornings have settled within %d point (%d/10 or less, not "
        "rising); hop pain must be %d/10 or less (tendo check --hop-pain) and "
        "a heel-raise test, if done, passed (LSI %d %% or more; both sides "
        "sore: %d raises)%s",
        flare_day(d, ds), TENDO_REASSESS_MORNINGS, d->b + TENDO_MORNING_NOISE,
        d->rp.f.progress, TENDO_RTR_MORNING_MAX, TENDO_SETTLED_MORNINGS,
        TENDO_SETTLED_RANGE, TENDO_PAIN_ACCEPTABLE_MAX, TENDO_HOP_PAIN_MAX,
        TENDO_RTR_LSI_MIN, tendo_heel_raise_norm(d->v.h->athlete.age), wait);
}

/* §4: a re-entry step */
static int reentry_step(const struct day *d, int arg, char *text, size_t n)
{
    char ds[TENDO_DAY_STRLEN], level[80] = "";
    (void)arg;
    if (!d->in_reentry)
        return 0;
    if (!text)
        return 1;
    if (d->rp.f.settled_stable)
        snprintf(level, sizeof level,
                 "; mornings are judged against the %d/10 they settled at",
                 d->rp.f.settled);
    SAY("Re-entry step %d of 3 after the flare-up of %s: runs of %d%% of "
        "your usual, easy, flat or soft, not on consecutive days (%d of %d "
        "runs tolerated so far)%s",
        d->rp.f.step - TENDO_FLARE_REENTER1 + 1, flare_day(d, ds),
        (int)lround(flare_reentry_share(d->rp.f.step) * 100),
        d->rp.f.progress, TENDO_REENTRY_RUNS, level);
}

/* §4: the ladder finished a few days ago */
static int reentry_done(const struct day *d, int arg, char *text, size_t n)
{
    (void)arg;
    if (d->rp.f.step != TENDO_FLARE_NONE || d->rp.done == TENDO_DAY_NONE ||
        d->today - d->rp.done >= TENDO_REENTRY_DONE_DAYS)
        return 0;
    SAY("Re-entry finished: back towards your usual run; progression resumes "
        "after a week");
}

/* ---- §8 assessments ---- */

/* §8: a VISA-A fall of 10 points or more since the previous score holds
 * progression until a new score is back within 10 of the one before it */
static int visa_a_drop(const struct day *d, int arg, char *text, size_t n)
{
    const struct tendo_history *h = d->v.h;
    const struct tendo_assessment *prev = NULL, *ref = NULL, *last = NULL;
    int held = 0;
    char ds[TENDO_DAY_STRLEN];
    (void)arg;
    for (size_t i = 0; i < h->nassessments; i++) {
        const struct tendo_assessment *a = &h->assessments[i];
        if (a->date > d->today)
            break;
        if (strcmp(a->kind, "visa-a") || isnan(a->score))
            continue;
        if (held) {
            if (a->score > ref->score - TENDO_VISA_DROP)
                held = 0;
        } else if (prev && a->score <= prev->score - TENDO_VISA_DROP) {
            held = 1;
            ref = prev;
        }
        prev = last = a;
    }
    if (!held)
        return 0;
    SAY("VISA-A %.0f on %s, %.0f points below the %.0f before it: hold "
        "progression until a new score is back within %d points (tendo "
        "assess visa-a)",
        last->score, tendo_day_format(last->date, ds),
        ref->score - last->score, ref->score, TENDO_VISA_DROP);
}

/* ---- §3, §5 symptoms ---- */

/* §3.2, §5: morning pain in the high-risk zone */
static int morning_high(const struct day *d, int arg, char *text, size_t n)
{
    (void)arg;
    if (d->t->morning == UNSET || d->t->morning < TENDO_PAIN_HIGH_MIN)
        return 0;
    SAY("Morning pain %d/10 is in the high-risk zone (%d-10)", d->t->morning,
        TENDO_PAIN_HIGH_MIN);
}

/* §3.2: pain during or after yesterday's run, by zone (arg: 2 very high,
 * 1 high, 0 acceptable) */
static int session_pain(const struct day *d, int arg, char *text, size_t n)
{
    int p = d->pain;
    if (p == UNSET)
        return 0;
    if (arg == 2 && p >= TENDO_FLARE_SESSION_PAIN)
        SAY("Pain %d/10 during or after yesterday's run: too much, load must "
            "come down",
            p);
    if (arg == 1 && p >= TENDO_PAIN_HIGH_MIN && p < TENDO_FLARE_SESSION_PAIN)
        SAY("Pain %d/10 during or after yesterday's run" ACT
            ": replace the next run with cross-training",
            p);
    if (arg == 0 && p > TENDO_PAIN_SAFE_MAX && p <= TENDO_PAIN_ACCEPTABLE_MAX)
        SAY("Pain %d/10 during or after yesterday's run: acceptable (%d-%d), "
            "no progression until it is %d or less",
            p, TENDO_PAIN_SAFE_MAX + 1, TENDO_PAIN_ACCEPTABLE_MAX,
            TENDO_PAIN_SAFE_MAX);
    return 0;
}

static int in_acceptable(int m)
{
    return m != UNSET && m > TENDO_PAIN_SAFE_MAX &&
           m <= TENDO_PAIN_ACCEPTABLE_MAX;
}

int rules_stable_zone(const struct day *d)
{
    int lo = 11, hi = -1, checks = 0;
    if (!in_acceptable(d->t->morning) ||
        (d->m7 != UNSET && d->m7prev != UNSET && d->m7 > d->m7prev))
        return 0;
    for (tendo_day k = d->today - (TENDO_STABLE_DAYS - 1); k <= d->today;
         k++) {
        const struct tendo_history_day *x = rules_at(&d->v, k);
        if (x->morning != UNSET) {
            if (!in_acceptable(x->morning))
                return 0;
            checks++;
            /* today's morning only towards the top of the range (§11.1) */
            if (k < d->today)
                lo = x->morning < lo ? x->morning : lo;
            hi = x->morning > hi ? x->morning : hi;
        }
        /* the runs of the day before were accepted (§3.1 rules 1-3) */
        if (rules_at(&d->v, k - 1)->runs &&
            (rules_at(&d->v, k - 1)->pain > TENDO_PAIN_ACCEPTABLE_MAX ||
             rules_stiff_up(x->stiffness, rules_base_stiff(x->base_stiffness))))
            return 0;
    }
    return checks >= TENDO_STABLE_CHECKS && hi - lo <= TENDO_STABLE_RANGE;
}

/* §5: morning pain in the acceptable zone, not yet stable */
static int morning_acceptable(const struct day *d, int arg, char *text,
                              size_t n)
{
    int m = d->t->morning;
    (void)arg;
    if (!in_acceptable(m) || rules_stable_zone(d))
        return 0;
    SAY("Morning pain %d/10 is in the acceptable zone (%d-%d)" ACT
        ": run less and easier until it settles",
        m, TENDO_PAIN_SAFE_MAX + 1, TENDO_PAIN_ACCEPTABLE_MAX);
}

/* §5: a stable acceptable zone: keep the tolerated load */
static int acceptable_stable(const struct day *d, int arg, char *text,
                             size_t n)
{
    (void)arg;
    if (!rules_stable_zone(d))
        return 0;
    SAY("Morning pain %d/10 has been steady in the acceptable zone for a week "
        "and your runs were tolerated" ACT ": keep that load, easy, without "
        "progressing",
        d->t->morning);
}

/* §3.1 rule 3, §5: a morning up on the usual (within a stable zone the
 * point up and down is its range, not a rise) */
static int morning_up(const struct day *d, int arg, char *text, size_t n)
{
    int m = d->t->morning;
    int yd = d->y->morning;
    (void)arg;
    if (m == UNSET || m < TENDO_MORNING_UP_MIN ||
        m < d->b + TENDO_MORNING_UP_RISE || rules_stable_zone(d))
        return 0;
    if (yd != UNSET && m < yd)
        SAY("Morning pain %d/10, down from %d/10 yesterday but still above "
            "your usual %d/10" ACT ": keep the load down while it settles",
            m, yd, d->b);
    SAY("Morning pain %d/10, up from %d/10" ACT ": yesterday's load was a "
        "little too much",
        m, d->b);
}

/* §3.1 rule 3: stiffness well above the usual */
static int stiffness_up(const struct day *d, int arg, char *text, size_t n)
{
    (void)arg;
    if (!rules_stiff_up(d->t->stiffness, d->bs))
        return 0;
    SAY("Morning stiffness %d min, well above your usual %d min",
        d->t->stiffness, d->bs);
}

/* §5: stiffness above the usual, short of that */
static int stiffness_above(const struct day *d, int arg, char *text, size_t n)
{
    (void)arg;
    if (d->t->stiffness == UNSET || d->t->stiffness <= d->bs ||
        rules_stiff_up(d->t->stiffness, d->bs))
        return 0;
    SAY("Morning stiffness %d min, above your usual %d min" ACT
        ": hold the load",
        d->t->stiffness, d->bs);
}

/* §3.1 rule 5: never escalate while stiff */
static int stiffness_hold(const struct day *d, int arg, char *text, size_t n)
{
    (void)arg;
    if (d->t->stiffness == UNSET || d->t->stiffness <= TENDO_STIFF_HOLD_MIN)
        return 0;
    SAY("Morning stiffness %d min (more than %d): never escalate while stiff - "
        "no progression and no rehab advance",
        d->t->stiffness, TENDO_STIFF_HOLD_MIN);
}

/* §3.1 rule 4: this week's median stiffness above last week's */
static int weekly_stiffness(const struct day *d, int arg, char *text, size_t n)
{
    (void)arg;
    if (d->s7 == UNSET || d->s7prev == UNSET ||
        d->s7 <= d->s7prev + TENDO_STIFF_WEEK_RISE)
        return 0;
    SAY("Morning stiffness this week (median %d min) is above last week's "
        "(%d min)" ACT ": hold progression, cut the week's volume ~20%%",
        d->s7, d->s7prev);
}

/* §3.1 rule 4: stiffness that creeps up slowly */
static int stiffness_creep(const struct day *d, int arg, char *text, size_t n)
{
    int ref;
    (void)arg;
    if (d->s7 == UNSET || (ref = d->t->creep_stiffness) == UNSET ||
        d->s7 <= ref + TENDO_STIFF_WEEK_RISE ||
        (d->s7 < TENDO_CREEP_FACTOR * ref && d->s7 < ref + TENDO_CREEP_MIN))
        return 0;
    SAY("Morning stiffness has crept up: %d min (7-day median) against %d min "
        "in the month before the last two weeks" ACT " - reduce until it "
        "comes back down",
        d->s7, ref);
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
    SAY("Morning pain has swung between %d and %d/10 over the last %d checks"
        ACT ": reduce until %d symptom-free days in a row",
        lo, hi, TENDO_FLUCT_CHECKS, TENDO_SYMPTOM_FREE_DAYS);
}

static int symptom_free(const struct day *d, int arg, char *text, size_t n)
{
    int lo, hi, free;
    (void)arg;
    if (!fluctuation(d, &lo, &hi, &free) || !free)
        return 0;
    SAY("%d symptom-free days after a fluctuating spell" ACT
        ": reintroduce a slightly higher volume",
        TENDO_SYMPTOM_FREE_DAYS);
}

/* §3.1 rule 4: this week's median morning above last week's */
static int weekly_trend(const struct day *d, int arg, char *text, size_t n)
{
    (void)arg;
    if (d->m7 == UNSET || d->m7prev == UNSET || d->m7 <= d->m7prev)
        return 0;
    SAY("Morning pain this week (median %d/10) is above last week's (%d/10)"
        ACT ": hold progression, cut the week's volume ~20%%",
        d->m7, d->m7prev);
}

/* ---- §6 a break, §9 load ---- */

/* §6: no running for two weeks or more, and the first week back */
static int return_after_break(const struct day *d, int arg, char *text,
                              size_t n)
{
    const struct brk *b = &d->brk;
    char ds[TENDO_DAY_STRLEN];
    (void)arg;
    if (b->state == BRK_OFF)
        SAY("No run for %d days: the first week back is at most %d%% of your "
            "last full week (%.0f min in all), easy and flat, no hills or "
            "strides",
            b->days, (int)lround(b->share * 100),
            floor(b->share * b->W_pre + 1e-9));
    if (b->state == BRK_WEEK1)
        SAY("Back from %d days without running since %s: this week at most "
            "%.0f min in all (%.0f run so far), easy and flat, no hills or "
            "strides",
            b->days, tendo_day_format(b->back, ds),
            floor(b->share * b->W_pre + 1e-9),
            b->used);
    return 0;
}

/* the run a break allows today: the share of the run before it, within
 * what is left of the first week's minutes (none when that is less than
 * the shortest run worth doing) */
static double break_cap(const struct day *d)
{
    const struct brk *b = &d->brk;
    double c = b->share * b->T_pre, left = b->share * b->W_pre - b->used;
    return left < TENDO_PLAN_RUN_MIN ? 0 : fmin(c, left);
}

/* §6: the second week back */
static int return_building(const struct day *d, int arg, char *text,
                           size_t n)
{
    (void)arg;
    if (d->brk.state != BRK_WEEK2)
        return 0;
    SAY("Second week back after a break: your usual run is now that of the "
        "weeks back; no progression until %d weeks of running are "
        "re-established",
        TENDO_RETURN_DAYS / 7);
}

/* §5, §9: the acute:chronic ratio (arg 1: a spike, 0: elevated); load
 * alone never cuts below the typical run */
static int acwr(const struct day *d, int arg, char *text, size_t n)
{
    if (isnan(d->acwr) || d->acwr <= TENDO_ACWR_HOLD)
        return 0;
    if (arg && d->acwr > TENDO_ACWR_SPIKE)
        SAY("Acute:chronic tendon load %.2f is above %.1f: the last week was a "
            "jump" ACT " - keep to your usual run, easy, no strides, hills or "
            "long run",
            d->acwr, TENDO_ACWR_SPIKE);
    if (!arg && d->acwr <= TENDO_ACWR_SPIKE)
        SAY("Acute:chronic tendon load %.2f is %.1f-%.1f" ACT
            ": hold the load",
            d->acwr, TENDO_ACWR_HOLD, TENDO_ACWR_SPIKE);
    return 0;
}

static int monotony(const struct day *d, int arg, char *text, size_t n)
{
    (void)arg;
    if (isnan(d->mono) || d->mono <= TENDO_MONOTONY_MAX)
        return 0;
    SAY("Training monotony %.1f is above %g: vary hard and easy days before "
        "adding load",
        d->mono, (double)TENDO_MONOTONY_MAX);
}

/* §10: short sleep two nights running */
static int short_sleep(const struct day *d, int arg, char *text, size_t n)
{
    (void)arg;
    if (isnan(d->t->sleep_h) || d->t->sleep_h >= TENDO_SLEEP_MIN_H ||
        isnan(d->y->sleep_h) || d->y->sleep_h >= TENDO_SLEEP_MIN_H)
        return 0;
    SAY("Under %d h of sleep two nights running: hold progression",
        TENDO_SLEEP_MIN_H);
}

/* ---- what the advice rests on ---- */

/* §1: too few checks to know the usual morning (informative) */
static int baseline_unknown(const struct day *d, int arg, char *text, size_t n)
{
    (void)arg;
    if (d->base != UNSET)
        return 0;
    SAY("Fewer than %d recent checks: your usual morning is not known yet, so "
        "%d/10 and %d min are assumed",
        TENDO_BASELINE_MIN_CHECKS, TENDO_BASELINE_UNKNOWN_MORNING,
        TENDO_BASELINE_UNKNOWN_STIFF);
}

/* §5: no runs to take the caps from */
static int no_recent_runs(const struct day *d, int arg, char *text, size_t n)
{
    (void)arg;
    if (!isnan(d->T_median) || d->brk.state != BRK_NONE)
        return 0;
    SAY("No runs in the last %d days" ACT
        ": caps start from a %d-minute easy run",
        TENDO_TYPICAL_DAYS, TENDO_NO_RUNS_MIN);
}

/* §5: yesterday's run went over yesterday's cap (informative) */
static int over_cap(const struct day *d, int arg, char *text, size_t n)
{
    const struct carry *c = d->c;
    (void)arg;
    if (!c->have || !d->y->runs)
        return 0;
    if (isnan(c->cap))
        SAY("Yesterday's run (%.0f min) came on a day advised without "
            "running: this morning's check says whether it was too much",
            d->y->run_min);
    if (d->y->run_min > c->cap + 0.5)
        SAY("Yesterday's run was %.0f min, over its cap of %.0f min: this "
            "morning's check says whether it was too much",
            d->y->run_min, c->cap);
    return 0;
}

int rules_no_check(const struct day *d)
{
    return !d->t->check || d->t->morning == UNSET;
}

/* §11.7: no check today is conservative (arg 1: after a day at reduce or
 * below, stay there) */
static int no_check_today(const struct day *d, int arg, char *text, size_t n)
{
    int low = d->c->have && d->c->level >= TENDO_LEVEL_REDUCE;
    if (!rules_no_check(d) || low != arg)
        return 0;
    if (arg)
        SAY("No morning check today, and yesterday's advice was to %s: stay "
            "at reduced load until you log one (tendo check)",
            d->c->level == TENDO_LEVEL_REDUCE ? "reduce" : "run no more");
    SAY("No morning check today: log one (tendo check) for advice that fits; "
        "until then, stay conservative");
}

/* §5: progress only after good days in a row (arg 1: enough of them) */
static int good_days(const struct day *d, int arg, char *text, size_t n)
{
    if (d->o->level != TENDO_LEVEL_PROGRESS)
        return 0;
    if (!arg && d->good < TENDO_GOOD_DAYS)
        SAY("%d of %d good days in a row: progression comes after %d",
            d->good, TENDO_GOOD_DAYS, TENDO_GOOD_DAYS);
    if (arg && d->good >= TENDO_GOOD_DAYS)
        SAY("%d good days in a row, load within limits: add up to %d%% to "
            "your usual run",
            TENDO_GOOD_DAYS, (int)lround(d->ramp * 100));
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
    SAY("You ran yesterday: while symptoms are up, no runs on consecutive "
        "days - cross-train today");
}

/* ---- after the caps ---- */

double rules_spike_min(const struct day *d)
{
    double m = NAN;
    if (d->longest_min > 0)
        m = d->longest_min * TENDO_SPIKE_PCT / 100.0;
    if (d->longest_m > 0 && !isnan(d->pace))
        m = fmin(isnan(m) ? INFINITY : m,
                 d->longest_m / 1000 * TENDO_SPIKE_PCT / 100.0 * d->pace);
    return m;
}

/* §6: no run longer than 10 % more than the longest of the 30 days before
 * (it binds when it is below the level's cap) */
static int spike_cap(const struct day *d, int arg, char *text, size_t n)
{
    double m = rules_spike_min(d);
    char km[32] = "";
    (void)arg;
    if (isnan(m) || isnan(d->cap) || floor(m + 1e-9) >= floor(d->cap + 1e-9))
        return 0;
    if (d->longest_m > 0)
        snprintf(km, sizeof km, " / %.1f km", d->longest_m / 1000);
    SAY("Your longest run of the last %d days was %.0f min%s: no single run "
        "more than %d%% longer, so today at most %.0f min",
        TENDO_SPIKE_DAYS, d->longest_min, km, TENDO_SPIKE_PCT - 100,
        floor(m + 1e-9));
}

static double spike_after(const struct day *d)
{
    return rules_spike_min(d);
}

/* symptoms out of the safe zone: morning or yesterday's session pain above
 * 2, or stiffness above the usual */
static int symptoms_up(const struct day *d)
{
    return (d->t->morning != UNSET && d->t->morning > TENDO_PAIN_SAFE_MAX) ||
           (d->pain != UNSET && d->pain > TENDO_PAIN_SAFE_MAX) ||
           (d->t->stiffness != UNSET && d->t->stiffness > d->bs);
}

/* §9: the median cadence of the easy runs of the 28 days before, NAN */
static double easy_cadence(const struct day *d)
{
    const struct tendo_history *h = d->v.h;
    double v[64];
    int n = 0;
    for (tendo_day k = d->today - TENDO_CADENCE_DAYS; k < d->today; k++) {
        const struct tendo_history_day *x = rules_at(&d->v, k);
        for (size_t i = x->session0;
             x->runs && i < x->session0 + x->nsessions && n < 64; i++) {
            const struct tendo_session *s = &h->sessions[i];
            int j;
            if (strcmp(s->type, "run") || isnan(s->cadence_spm) ||
                s->cadence_spm <= 0 ||
                (s->rpe != UNSET && s->rpe >= TENDO_RPE_MODERATE))
                continue;
            for (j = n++; j > 0 && v[j - 1] > s->cadence_spm; j--)
                v[j] = v[j - 1];
            v[j] = s->cadence_spm;
        }
    }
    return !n ? NAN : n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* §9: with symptoms up and a run today, a 5 % higher step rate on easy
 * runs (the foot strike stays: a fore-foot strike loads the Achilles
 * more) */
static int cadence_cue(const struct day *d, int arg, char *text, size_t n)
{
    double c;
    (void)arg;
    if (!d->o->run_allowed || !symptoms_up(d) || isnan(c = easy_cadence(d)))
        return 0;
    d->o->cadence_spm = floor(c * (100 + TENDO_CADENCE_CUE_PCT) / 100.0 + 0.5);
    SAY("Try a %d%% quicker step on easy runs: about %.0f steps/min (your easy "
        "runs: %.0f) - shorter steps load the Achilles less each; keep your "
        "usual foot strike",
        TENDO_CADENCE_CUE_PCT, d->o->cadence_spm, c);
}

/* §7a: pain after shorter runs while the warm-up is skipped: "recheck
 * your warm-up and after-run routines" (informative) */
static int warmup_check(const struct day *d, int arg, char *text, size_t n)
{
    const struct tendo_history *h = d->v.h;
    int runs = 0, painful = 0, warmed = 0;
    (void)arg;
    for (tendo_day k = d->today - 1;
         runs < TENDO_WARMUP_CHECK_RUNS && k >= h->first && k > d->today - 60;
         k--) {
        const struct tendo_history_day *x = rules_at(&d->v, k);
        if (!x->runs)
            continue;
        runs++;
        if (!isnan(x->typical_min) && x->run_min < x->typical_min &&
            x->pain_after != TENDO_UNSET &&
            x->pain_after > TENDO_PAIN_SAFE_MAX)
            painful++;
        for (size_t i = 0; i < h->nroutine; i++)
            if (h->routine[i].date == k &&
                !strcmp(h->routine[i].block, "warm-up"))
                warmed++;
    }
    if (painful < TENDO_WARMUP_CHECK_PAINFUL || warmed * 2 >= runs)
        return 0;
    SAY("Pain after %d of your last %d runs that were shorter than usual, "
        "with the warm-up logged on %d of those %d days: recheck your warm-up "
        "(tendo -v today) and after-run routine, and log them (tendo rehab "
        "--done)",
        painful, runs, warmed, runs);
}

/* the shoe of the latest run before today, NULL none */
static const struct tendo_shoe *shoe_of(const struct tendo_history *h,
                                        int64_t id)
{
    for (size_t i = 0; id && i < h->nshoes; i++)
        if (h->shoes[i].id == id)
            return &h->shoes[i];
    return NULL;
}

/* §10: the last run was in a shoe with 4 mm or more less drop than the
 * usual (the other shoes' runs of the 28 days before, weighted by
 * distance, else minutes), while symptoms are active */
static int shoe_drop(const struct day *d, int arg, char *text, size_t n)
{
    const struct tendo_history *h = d->v.h;
    const struct tendo_session *last = NULL;
    const struct tendo_shoe *now;
    double sum = 0, w = 0, usual;
    (void)arg;
    if (!symptoms_up(d))
        return 0;
    for (tendo_day k = d->today - 1;
         !last && k >= d->today - TENDO_SHOE_DROP_DAYS; k--) {
        const struct tendo_history_day *x = rules_at(&d->v, k);
        for (size_t i = x->session0; x->runs && i < x->session0 + x->nsessions;
             i++)
            if (!strcmp(h->sessions[i].type, "run"))
                last = &h->sessions[i];
    }
    if (!last || !(now = shoe_of(h, last->shoe_id)) || isnan(now->drop_mm))
        return 0;
    for (tendo_day k = d->today - TENDO_SHOE_DROP_DAYS; k < d->today; k++) {
        const struct tendo_history_day *x = rules_at(&d->v, k);
        for (size_t i = x->session0; x->runs && i < x->session0 + x->nsessions;
             i++) {
            const struct tendo_session *s = &h->sessions[i];
            const struct tendo_shoe *sh = shoe_of(h, s->shoe_id);
            double wt = !isnan(s->distance_m) && s->distance_m > 0
                            ? s->distance_m / 1000
                            : isnan(s->minutes) ? 0 : s->minutes / 6;
            if (strcmp(s->type, "run") || !sh || sh == now ||
                isnan(sh->drop_mm))
                continue;
            sum += wt * sh->drop_mm;
            w += wt;
        }
    }
    if (w <= 0 || now->drop_mm > (usual = sum / w) - TENDO_SHOE_DROP_MM)
        return 0;
    SAY("Your last run was in %s (%.0f mm drop), %.0f mm lower than your "
        "usual %.0f mm, while symptoms are up: a lower drop loads the Achilles "
        "more - keep to your usual shoes until they settle",
        now->name, now->drop_mm, usual - now->drop_mm, usual);
}

/* ---- the table ---- */

#define SEE TENDO_LEVEL_SEE_CLINICIAN
#define PAUSE TENDO_LEVEL_PAUSE
#define CROSS TENDO_LEVEL_CROSS_TRAIN
#define REDUCE TENDO_LEVEL_REDUCE
#define MAINTAIN TENDO_LEVEL_MAINTAIN
#define PROGRESS TENDO_LEVEL_PROGRESS

/* in the order they are applied (and their reasons listed) */
const struct rule rules_table[] = {
    {{"red_flag_pop", SEE, "§2"}, red_flag, TENDO_FLAG_POP, NULL, 0},
    {{"red_flag_cannot_raise", SEE, "§2"}, red_flag, TENDO_FLAG_CANNOT_RAISE,
     NULL, 0},
    {{"red_flag_swelling", SEE, "§2"}, red_flag, TENDO_FLAG_SWELLING, NULL, 0},
    {{"red_flag_night", SEE, "§2"}, red_flag, TENDO_FLAG_NIGHT, NULL, 0},
    {{"red_flag_calf", SEE, "§2"}, red_flag, TENDO_FLAG_CALF, NULL, 0},
    {{"red_flag_fluoroquinolone", SEE, "§2"}, red_flag,
     TENDO_FLAG_FLUOROQUINOLONE, NULL, 0},
    {{"morning_high_3_days", SEE, "§2"}, red_flag, TENDO_FLAG_MORNING_HIGH,
     NULL, 0},
    {{"book_clinician", MAINTAIN, "§2"}, book_clinician, 0, NULL, 0},
    {{"flag_cleared", PROGRESS, "§2"}, flag_cleared, 0, NULL, 0},
    {{"fluoroquinolone_hold", MAINTAIN, "§2"}, fluoroquinolone_hold, 0, NULL,
     0},
    {{"flare_sharp", PAUSE, "§4"}, flare_started, 0, NULL, 0},
    {{"flare_morning_high", PAUSE, "§4"}, flare_started, 1, NULL, 0},
    {{"flare_morning_up", PAUSE, "§4"}, flare_started, 2, NULL, 0},
    {{"flare_stiffness", PAUSE, "§4"}, flare_started, 3, NULL, 0},
    {{"flare_session_pain", PAUSE, "§4"}, flare_started, 4, NULL, 0},
    {{"flare_settled_up", PAUSE, "§4"}, flare_started, 5, NULL, 0},
    {{"flare_pause", PAUSE, "§4"}, flare_pause, 0, NULL, 0},
    {{"flare_reassess", PAUSE, "§4, §8"}, flare_reassess, 0, NULL, 0},
    {{"reentry_step", REDUCE, "§4"}, reentry_step, 0, NULL, 0},
    {{"reentry_done", MAINTAIN, "§4"}, reentry_done, 0, NULL, 0},
    {{"morning_pain_high", PAUSE, "§3.2, §5"}, morning_high, 0, NULL, 0},
    {{"session_pain_very_high", PAUSE, "§3.2, §5"}, session_pain, 2, NULL, 0},
    {{"session_pain_high", CROSS, "§3.2, §5"}, session_pain, 1, NULL, 0},
    {{"session_pain_acceptable", MAINTAIN, "§3.1"}, session_pain, 0, NULL, 0},
    {{"morning_pain_acceptable", REDUCE, "§5"}, morning_acceptable, 0, NULL,
     0},
    {{"acceptable_stable", MAINTAIN, "§5"}, acceptable_stable, 0, NULL,
     M_EASY},
    {{"morning_pain_up", REDUCE, "§3.1, §5"}, morning_up, 0, NULL, 0},
    {{"stiffness_up", REDUCE, "§3.1"}, stiffness_up, 0, NULL, 0},
    {{"stiffness_above_usual", MAINTAIN, "§5"}, stiffness_above, 0, NULL, 0},
    {{"stiffness_hold", MAINTAIN, "§3.1"}, stiffness_hold, 0, NULL, 0},
    {{"weekly_stiffness_up", REDUCE, "§3.1"}, weekly_stiffness, 0, NULL, 0},
    {{"stiffness_creep", REDUCE, "§3.1"}, stiffness_creep, 0, NULL, 0},
    {{"fluctuating", REDUCE, "§3.2"}, fluctuating, 0, NULL, 0},
    {{"symptom_free_reintroduce", MAINTAIN, "§3.2"}, symptom_free, 0, NULL,
     0},
    {{"weekly_trend_up", REDUCE, "§3.1"}, weekly_trend, 0, NULL, 0},
    {{"return_after_break", REDUCE, "§6"}, return_after_break, 0, break_cap,
     M_EASY},
    {{"return_building", MAINTAIN, "§6"}, return_building, 0, NULL, 0},
    {{"visa_a_drop", MAINTAIN, "§8"}, visa_a_drop, 0, NULL, 0},
    {{"acwr_high", MAINTAIN, "§5, §9"}, acwr, 1, NULL, M_EASY | M_NO_LONG},
    {{"acwr_elevated", MAINTAIN, "§5, §9"}, acwr, 0, NULL, 0},
    {{"shoe_drop", PROGRESS, "§10"}, shoe_drop, 0, NULL, 0},
    {{"monotony_high", MAINTAIN, "§5, §9"}, monotony, 0, NULL, 0},
    {{"short_sleep", MAINTAIN, "§10"}, short_sleep, 0, NULL, 0},
    {{"baseline_unknown", PROGRESS, "§1"}, baseline_unknown, 0, NULL, 0},
    {{"no_recent_runs", MAINTAIN, "§5"}, no_recent_runs, 0, NULL, 0},
    {{"over_cap", PROGRESS, "§5"}, over_cap, 0, NULL, 0},
    {{"no_check_today", MAINTAIN, "§11"}, no_check_today, 0, NULL, 0},
    {{"no_check_after_reduce", REDUCE, "§11"}, no_check_today, 1, NULL, 0},
    {{"building_good_days", MAINTAIN, "§5"}, good_days, 0, NULL, 0},
    {{"good_days", PROGRESS, "§5, §6"}, good_days, 1, NULL, 0},
};
const size_t rules_count = sizeof rules_table / sizeof *rules_table;
_Static_assert(sizeof rules_table / sizeof *rules_table <= RULES_MAX,
               "more rules than RULES_MAX");

const struct rule rules_after_caps[] = {
    {{"spike_cap", TENDO_LEVEL_OF_DAY, "§6"}, spike_cap, 0, spike_after, 0},
    {{"no_consecutive_days", TENDO_LEVEL_OF_DAY, "§6"}, no_consecutive_days,
     0, NULL, 0},
    {{"cadence_cue", PROGRESS, "§9"}, cadence_cue, 0, NULL, 0},
    {{"warmup_check", PROGRESS, "§7a"}, warmup_check, 0, NULL, 0},
};
const size_t rules_after_count =
    sizeof rules_after_caps / sizeof *rules_after_caps;
