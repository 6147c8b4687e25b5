/*
 * src/rules/plan.c - the week planner (clinical.md §4, §6). Pure: see
 * tendo/plan.h; the model is written out in docs/plan.md.
 *
 * Two passes over the days from today to the last Sunday:
 *  1. phases: today's advice decides what the first days are (a flare's
 *     ladder, reduce days, hold) and when progression may start; the ladder
 *     runs are placed here, one day at a time, because when a step ends
 *     depends on when its runs fall;
 *  2. weeks: each Monday week gets a target (hold, build = + ramp, deload
 *     = 70 %) and its remaining "normal" days get run days (spread, long run
 *     on its day, one moderate day away from it) and minutes.
 */
#include "tendo/plan.h"
#include "tendo/clinical.h"
#include "flare.h"
#include "routine.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define SIM_MAX (TENDO_PLAN_DAYS_MAX + 5 * 7)  /* from may be today + 28 */
#define HIST_WEEKS 6        /* weeks of history the plan looks back on */
#define LONG_SHARE (TENDO_LONG_SHARE_PCT / 100.0)   /* clinical.md §6 */
#define DELOAD (TENDO_DELOAD_PCT / 100.0)           /* clinical.md §6 */
#define BUILT (TENDO_BUILT_PCT / 100.0)
#define REDUCE (TENDO_REDUCE_PCT / 100.0)           /* clinical.md §5 */

enum phase {
    PH_NORMAL = 0,          /* hold / build / deload, decided per week */
    PH_REDUCE,
    PH_CROSS,
    PH_PAUSE,
    PH_REASSESS,
    PH_REENTRY,
    PH_CLINICIAN
};

struct day {
    enum phase phase;
    int fixed;              /* decided in pass 1 (or logged) */
    int run;                /* 1: a run is planned (or was logged today) */
    int hard;               /* moderate or long */
    int logged;             /* today's run is already in the diary */
    double count_min;       /* the minutes it adds to its week */
    struct tendo_plan_day out;
};

struct sim {
    const struct tendo_plan_input *in;
    struct tendo_plan *p;
    const struct tendo_advice *a;
    tendo_day today, end;
    int n;                  /* days simulated: today .. end */
    double T, pace;         /* typical run minutes; min/km */
    int rpw, long_day, rest_day;
    double goal;            /* weekly minutes, NAN none */
    const char *cross;      /* cross-training type */
    int ran_yday, hard_yday;
    double hist[HIST_WEEKS];      /* running minutes of the weeks before
                                     today's week, [0] the last one */
    double done_min, done_km;     /* this week, days before today */
    int done_runs;
    double today_min, today_km;   /* logged today */
    int today_runs;
    tendo_day first_week;         /* the first week shown */
    double ref;                   /* the reference week's minutes */
    double prefl;                 /* the week before a flare, NAN */
    tendo_day after, green;       /* pass 1: planned normally from, built
                                     from */
    tendo_day amber_until;        /* runs kept apart before this day */
    int loading;                  /* build weeks in a row */
    tendo_day calm_from;          /* weeks from this one on rise at most
                                     the ramp on the week before (after a
                                     flare's ladder, §4) */
    double brk_left;              /* §6: minutes left in the first week
                                     back after a break, NAN outside */
    tendo_day brk_until;          /* its last day (NONE: from the first
                                     run) */
    struct day d[SIM_MAX];
};

static const char *const kind_names[] = {"rest", "run", "cross-train"};

const char *tendo_plan_kind_name(enum tendo_plan_kind k)
{
    return (unsigned)k <= TENDO_PLAN_CROSS ? kind_names[k] : "?";
}

static struct day *at(struct sim *s, tendo_day day)
{
    return day >= s->today && day - s->today < s->n ? &s->d[day - s->today]
                                                    : NULL;
}

static int ran_on(struct sim *s, tendo_day day)
{
    struct day *x = at(s, day);
    if (x)
        return x->run;
    return day == s->today - 1 ? s->ran_yday : 0;
}

static int hard_on(struct sim *s, tendo_day day)
{
    struct day *x = at(s, day);
    if (x)
        return x->hard;
    return day == s->today - 1 ? s->hard_yday : 0;
}

static int weekday(tendo_day d)
{
    return tendo_day_weekday(d);
}

static double km_of(const struct sim *s, double minutes)
{
    return isnan(s->pace) ? NAN : floor(minutes / s->pace * 10) / 10;
}

/* ---- history ---- */

static void read_history(struct sim *s)
{
    const struct tendo_history *h = s->in->history;
    tendo_day ws = tendo_day_week_start(s->today);
    tendo_day from = ws - 7 * HIST_WEEKS;
    for (tendo_day d = from > h->first ? from : h->first; d <= s->today;
         d++) {
        const struct tendo_history_day *x = tendo_history_day(h, d);
        double km = h->load[d - h->first].run_m / 1000;
        if (!x->runs)
            continue;
        if (d == s->today) {
            s->today_min += x->run_min;
            s->today_km += km;
            s->today_runs += x->runs;
        } else if (d >= ws) {
            s->done_min += x->run_min;
            s->done_km += km;
            s->done_runs += x->runs;
        } else {
            s->hist[(ws - 1 - d) / 7] += x->run_min;
        }
        if (d == s->today - 1) {
            s->ran_yday = 1;
            s->hard_yday = x->hard_runs > 0;
        }
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* the median of the non-zero weekly totals among hist[from .. from+3] */
static double median_weeks(const struct sim *s, int from)
{
    double v[TENDO_PLAN_REF_WEEKS];
    int n = 0;
    for (int k = from; k < from + TENDO_PLAN_REF_WEEKS && k < HIST_WEEKS; k++)
        if (s->hist[k] > 0)
            v[n++] = s->hist[k];
    if (!n)
        return NAN;
    /* a few values at most: insertion sort */
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && cmp_double(&v[j - 1], &v[j]) > 0; j--) {
            double t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* build weeks in a row before today's week (0-3): weeks whose running
 * rose on the week before; steady weeks are not counted */
static int loading_weeks(const struct sim *s)
{
    int k = 0;
    while (k < TENDO_BUILD_WEEKS && s->hist[k + 1] > 0 &&
           s->hist[k] > BUILT * s->hist[k + 1])
        k++;
    return k;
}

/* ---- rehab ---- */

static int rehab_days_per_week(const struct sim *s)
{
    return s->a->rehab_per_week > 0 ? s->a->rehab_per_week : 7;
}

static int rehab_on(const struct sim *s, tendo_day day, int per_week)
{
    if (per_week >= 7)
        return 1;
    if (per_week >= 4)
        return (day - s->today) % 2 == 0;
    /* three a week: Monday, Wednesday, Friday */
    return weekday(day) == 0 || weekday(day) == 2 || weekday(day) == 4;
}

/* ---- day writers ---- */

static void set_note(struct day *x, const char *fmt, ...) TENDO_PRINTF(2, 3);
static void set_note(struct day *x, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(x->out.note, sizeof x->out.note, fmt, ap);
    va_end(ap);
}

static void make_cross(struct sim *s, struct day *x, int minutes)
{
    x->out.kind = TENDO_PLAN_CROSS;
    x->out.cross_type = s->cross;
    x->out.cross_min =
        minutes < TENDO_PLAN_CROSS_MIN ? TENDO_PLAN_CROSS_MIN : minutes;
}

static void make_rest(struct day *x)
{
    x->out.kind = TENDO_PLAN_REST;
}

static void make_run(struct sim *s, struct day *x, int minutes,
                     const char *intensity, const char *surface)
{
    x->run = 1;
    x->hard = strcmp(intensity, "easy") != 0;
    x->count_min = minutes;
    x->out.kind = TENDO_PLAN_RUN;
    x->out.run_min = minutes;
    x->out.run_km = km_of(s, minutes);
    x->out.intensity = intensity;
    x->out.surface = surface;
}

/* §6: the run the single-session spike allows on `day`: 10 % more than
 * the longest run of the 30 days before it, logged or planned (minutes,
 * and distance at the pace); INFINITY with no run in them */
static double spike_limit(struct sim *s, tendo_day day)
{
    const struct tendo_history *h = s->in->history;
    double lm = 0, lkm = 0, lim = INFINITY;
    for (tendo_day k = day - TENDO_SPIKE_DAYS; k < day; k++) {
        const struct day *p = at(s, k);
        /* logged runs (today's too) by their longest, planned ones by
         * their length */
        const struct tendo_history_day *x =
            k < s->today || (p && p->logged) ? tendo_history_day(h, k) : NULL;
        if (x) {
            lm = fmax(lm, x->longest_min);
            lkm = fmax(lkm, x->longest_m / 1000);
        } else if (p && p->run) {
            lm = fmax(lm, p->out.run_min);
            if (!isnan(p->out.run_km))
                lkm = fmax(lkm, p->out.run_km);
        }
    }
    if (lm > 0)
        lim = lm * TENDO_SPIKE_PCT / 100.0;
    if (lkm > 0 && !isnan(s->pace))
        lim = fmin(lim, lkm * TENDO_SPIKE_PCT / 100.0 * s->pace);
    return lim;
}

static void make_off(struct sim *s, struct day *x, tendo_day day,
                     int minutes);

/* the last day before `day` with a run, logged or planned */
static tendo_day last_run_before(struct sim *s, tendo_day day)
{
    const struct tendo_history_day *t;
    for (tendo_day k = day - 1; k >= s->today; k--)
        if (at(s, k) && at(s, k)->run)
            return k;
    t = tendo_history_day(s->in->history, s->today);
    return t ? t->prev_run : TENDO_DAY_NONE;
}

/* §6: a run on `day` after 14 days or more without one - a break the
 * athlete took, or one the plan made (a flare's pause) - starts a first
 * week back of at most 70 % (50 % after 28 days) of the 7 days ending on
 * the last run before it */
static void break_check(struct sim *s, tendo_day day)
{
    tendo_day last;
    double pre = 0;
    if (!isnan(s->brk_left) && s->brk_until != TENDO_DAY_NONE &&
        day <= s->brk_until)
        return;     /* a first week back is on */
    s->brk_left = NAN;
    s->brk_until = TENDO_DAY_NONE;
    last = last_run_before(s, day);
    if (last == TENDO_DAY_NONE || day - last - 1 < TENDO_BREAK_DAYS)
        return;
    for (tendo_day k = last - 6; k <= last; k++) {
        const struct tendo_history_day *x = tendo_history_day(s->in->history,
                                                              k);
        if (k < s->today)
            pre += x ? x->run_min : 0;
        else
            pre += at(s, k)->count_min;
    }
    s->brk_left = (day - last - 1 >= TENDO_BREAK_LONG_DAYS ? TENDO_BREAK_LONG_PCT
                                                          : TENDO_BREAK_PCT) /
                  100.0 * pre;
}

/* a planned run: as make_run, within the single-session spike (§6); an
 * off day when that leaves too short a run (re-entry runs may be short) */
static void plan_run(struct sim *s, struct day *x, int minutes,
                     const char *intensity, const char *surface)
{
    int shortest = x->phase == PH_REENTRY ? 1 : TENDO_PLAN_RUN_MIN;
    tendo_day day = s->today + (tendo_day)(x - s->d);
    double lim = spike_limit(s, day);
    int in_brk;
    break_check(s, day);
    in_brk = !isnan(s->brk_left) &&
             (s->brk_until == TENDO_DAY_NONE || day <= s->brk_until);
    if (in_brk)     /* §6: the first week back's minutes */
        lim = fmin(lim, s->brk_left);
    if (minutes > lim)
        minutes = (int)floor(lim + 1e-9);
    if (minutes < shortest) {
        make_off(s, x, day, (int)lround(s->T));
        return;
    }
    make_run(s, x, minutes, intensity, surface);
    if (in_brk) {
        s->brk_left -= minutes;
        if (s->brk_until == TENDO_DAY_NONE)
            s->brk_until = day + 6;
    }
}

/* an off day: rest on the rest day, else cross-training */
static void make_off(struct sim *s, struct day *x, tendo_day day, int minutes)
{
    if (weekday(day) == s->rest_day)
        make_rest(x);
    else
        make_cross(s, x, minutes);
}

/* ---- pass 1: the phases today's advice implies ---- */

/* may a run go on `day` in a phase where runs must not be consecutive? */
static int spaced_ok(struct sim *s, tendo_day day)
{
    if (weekday(day) == s->rest_day || ran_on(s, day - 1))
        return 0;
    return day != s->today || s->a->run_allowed;
}

static int runs_in_week(struct sim *s, tendo_day day)
{
    tendo_day ws = tendo_day_week_start(day);
    int n = ws <= s->today - 1 ? s->done_runs : 0;
    for (tendo_day k = ws > s->today ? ws : s->today; k < day; k++)
        n += at(s, k)->run;
    return n;
}

static double minutes_in_week(struct sim *s, tendo_day day);

/* the flare ladder; returns the day after which re-entry is done. No
 * week goes above the reference week `ref`. */
static tendo_day ladder(struct sim *s, double ref)
{
    const struct tendo_advice *a = s->a;
    tendo_day day = s->today, reenter;
    int step, left;

    if (a->flare.step == TENDO_FLARE_REASSESS)
        reenter = s->today + (a->flare.progress >= TENDO_REASSESS_MORNINGS
                                  ? 1
                                  : TENDO_REASSESS_MORNINGS -
                                        a->flare.progress);
    else if (a->flare.step >= TENDO_FLARE_REENTER1)
        reenter = s->today;
    else
        reenter = s->today + 1 + TENDO_REASSESS_MORNINGS;  /* pause today,
                                                             then reassess */
    for (; day < reenter && day <= s->end; day++) {
        struct day *x = at(s, day);
        if (x->fixed)
            continue;       /* today: its advice */
        x->fixed = 1;
        x->phase = PH_REASSESS;
        make_off(s, x, day, (int)lround(s->T));
        if (x->phase == PH_PAUSE)
            set_note(x, "flare-up: no running; pain-free cross-training "
                        "(pool running, cycling) keeps your fitness");
        else
            set_note(x, "reassess: running resumes after %d mornings at "
                        "most %d/10 (morning %d/10 or less)",
                     TENDO_REASSESS_MORNINGS,
                     rules_base(a->flare.base_morning) + TENDO_MORNING_NOISE,
                     TENDO_RTR_MORNING_MAX);
    }
    step = a->flare.step >= TENDO_FLARE_REENTER1
               ? (int)(a->flare.step - TENDO_FLARE_REENTER1)
               : 0;
    left = a->flare.step >= TENDO_FLARE_REENTER1
               ? TENDO_REENTRY_RUNS - a->flare.progress
               : TENDO_REENTRY_RUNS;
    if (left < 1)
        left = 1;
    for (; day <= s->end; day++) {
        struct day *x = at(s, day);
        double share = flare_reentry_share(TENDO_FLARE_REENTER1 + step);
        int cap = (int)floor(share * s->T);
        double room = ref - minutes_in_week(s, day);
        if (!x->fixed) {    /* today is its advice; its run counts */
            x->fixed = 1;
            x->phase = PH_REENTRY;
            if (room < cap)
                cap = room >= TENDO_PLAN_SHORTEN_PCT / 100.0 * cap
                          ? (int)floor(room)
                          : 0;
            if (spaced_ok(s, day) && runs_in_week(s, day) < s->rpw &&
                cap > 0)
                plan_run(s, x, cap, "easy", "soft or flat");
            else
                make_off(s, x, day, (int)lround(s->T));
            set_note(x, "re-entry step %d of 3: runs of %d %% of your "
                        "usual, easy, flat or soft, never on consecutive "
                        "days",
                     step + 1, (int)lround(share * 100));
        }
        if (x->run && --left == 0) {
            left = TENDO_REENTRY_RUNS;
            if (++step == 3)
                return day + 1;   /* accepted the next morning */
        }
    }
    return s->end + 1;
}

/* reduce days: today's caps, runs never on consecutive days */
/* minutes run (logged or planned) in the week of `day`, before it */
static double minutes_in_week(struct sim *s, tendo_day day)
{
    tendo_day ws = tendo_day_week_start(day);
    double m = ws <= s->today - 1 ? s->done_min : 0;
    for (tendo_day k = ws > s->today ? ws : s->today; k < day; k++)
        m += at(s, k)->count_min;
    return m;
}

struct week_shape {
    double W;               /* target minutes for the whole week */
    int runs;               /* runs the whole week would hold */
    int long_min;           /* 0: no long run */
    double easy_min;        /* each other run */
};
static void shape_week(struct sim *s, double W, double base,
                       struct week_shape *sh);

/* reduce days: today's caps, runs never on consecutive days and no longer
 * than a deload week's easy run; the week at most a deload week's volume
 * (70 % of the reference week: at least the ~20 % cut of clinical.md §3.2
 * rule 4), shared among the runs it has left */
static void reduce_days(struct sim *s, tendo_day from, tendo_day to,
                        double cap, double ref)
{
    struct week_shape sh;
    /* as many runs as last week had room for, so a reduce week's runs are
     * never longer than the runs a hold or deload week would have */
    shape_week(s, DELOAD * ref, fmax(ref, s->hist[0]), &sh);
    if (sh.runs && sh.easy_min < cap)
        cap = sh.easy_min;
    for (tendo_day day = from; day <= to && day <= s->end; day++) {
        struct day *x = at(s, day);
        int left = sh.runs - runs_in_week(s, day);
        double m = fmin(cap, (DELOAD * ref - minutes_in_week(s, day)) /
                                 (left > 0 ? left : 1));
        if (x->fixed)
            continue;       /* today: its advice */
        x->fixed = 1;
        x->phase = PH_REDUCE;
        if (spaced_ok(s, day) && left > 0 && m >= TENDO_PLAN_RUN_MIN) {
            plan_run(s, x, (int)floor(m), "easy", "soft or flat");
        } else {
            make_off(s, x, day, (int)lround(s->T));
        }
        set_note(x, "reduce: at most %d min, easy, flat or soft, no "
                    "strides or hills, no runs on consecutive days",
                 (int)floor(cap));
    }
}

/* ---- pass 2: one Monday week ---- */

/* The week's runs: how many comes from the reference week `base` (so a
 * build, hold or deload week keeps the same days and only the minutes
 * change), the long run is 30 % of W from 4 runs up, the others share the
 * rest. */
static void shape_week(struct sim *s, double W, double base,
                       struct week_shape *sh)
{
    int r = s->rpw, lng;
    sh->W = W;
    /* as many runs as the reference week fills with runs of
     * TENDO_PLAN_EASY_MIN minutes or more (the long run taking its share
     * from TENDO_LONG_RUN_FROM runs up) */
    for (; r > 1; r--) {
        lng = r >= TENDO_LONG_RUN_FROM && s->long_day >= 0;
        if ((base - (lng ? LONG_SHARE * base : 0)) / (r - lng) >=
            TENDO_PLAN_EASY_MIN)
            break;
    }
    if (r == 1 && W < TENDO_PLAN_RUN_MIN)
        r = 0;
    sh->runs = r;
    sh->long_min = 0;
    if (r >= TENDO_LONG_RUN_FROM && s->long_day >= 0)
        sh->long_min = (int)floor(LONG_SHARE * W);
    sh->easy_min = r ? (W - sh->long_min) / (r - (sh->long_min > 0)) : 0;
    if (sh->long_min && sh->long_min < sh->easy_min)
        sh->long_min = 0, sh->easy_min = W / r;
}

static int popcount(unsigned v)
{
    int n = 0;
    for (; v; v &= v - 1)
        n++;
    return n;
}

/* One week's planning: its free days, the runs chosen among them and
 * their minutes. */
struct week_plan {
    tendo_day ws;
    const char *kind;           /* "build", "hold" or "deload" */
    const struct week_shape *sh;
    tendo_day amber_until;      /* runs apart before this day */
    tendo_day cand[7];          /* the days a run may go on */
    int nc;
    int has_long_day;           /* the long-run day is a candidate */
    int runs_done;              /* logged or fixed runs already in it */
    double used;                /* their minutes */
    unsigned best;              /* the chosen days, bits of cand[] */
    int best_k;                 /* how many */
    int long_i, nplain, mod_i;  /* the long run, the others, the moderate */
    double long_m, each;        /* minutes of the long run and the others */
};

/* what the week already holds (logged runs, fixed days) and the free days
 * a run may go on */
static void week_candidates(struct sim *s, struct week_plan *w)
{
    const struct tendo_advice *a = s->a;
    if (w->ws <= s->today - 1) {
        w->used += s->done_min;
        w->runs_done += s->done_runs;
    }
    for (tendo_day day = w->ws; day < w->ws + 7; day++) {
        struct day *x = at(s, day);
        if (!x)
            continue;
        if (x->fixed) {
            w->used += x->count_min;
            w->runs_done += x->run;
            if (x->phase == PH_NORMAL)
                x->out.phase = w->kind;
            continue;
        }
        x->out.phase = w->kind;
        if (weekday(day) == s->rest_day)
            continue;
        if (day == s->today && !a->run_allowed)
            continue;
        if (weekday(day) == s->long_day)
            w->has_long_day = 1;
        w->cand[w->nc++] = day;
    }
}

/* a set of run days: lower is better, -1 when not allowed (back-to-back
 * while amber); back-to-back days and runs after a hard day cost, the
 * long-run day in helps */
static long days_score(struct sim *s, const struct week_plan *w, unsigned m)
{
    long score = 2000;   /* kept non-negative */
    for (int i = 0; i < w->nc; i++) {
        tendo_day day = w->cand[i];
        int prev;
        if (!(m & (1u << i)))
            continue;
        prev = (i > 0 && (m & (1u << (i - 1))) &&
                w->cand[i - 1] == day - 1) ||
               ran_on(s, day - 1);
        if (prev && day < w->amber_until)
            return -1;
        if (prev)
            score += 100;
        if (hard_on(s, day - 1))
            score += 10;
        if (w->sh->long_min && w->has_long_day &&
            weekday(day) == s->long_day)
            score -= 1000;
    }
    return score;
}

/* the run days: of every subset of the candidates of the size wanted (at
 * most 2^7), the best scored; fewer when none is allowed */
static void week_choose(struct sim *s, struct week_plan *w, int want)
{
    long best_score = -1;
    w->best = 0;
    w->best_k = 0;
    for (int k = want; k > 0 && best_score < 0; k--)
        for (unsigned m = 0; m < (1u << w->nc); m++) {
            long score;
            if (popcount(m) != k || (score = days_score(s, w, m)) < 0)
                continue;
            if (best_score < 0 || score < best_score) {
                best_score = score;
                w->best = m;
                w->best_k = k;
            }
        }
}

/* minutes: the shape's long and easy runs, scaled down together when the
 * week has less room left; 0 when the runs would be too short (one run
 * fewer, then) */
static int week_minutes(struct sim *s, struct week_plan *w, double left)
{
    const struct tendo_advice *a = s->a;
    const struct week_shape *sh = w->sh;
    double full, f;
    w->long_i = -1;
    w->nplain = w->best_k;
    for (int i = 0; i < w->nc; i++)
        if ((w->best & (1u << i)) && sh->long_min &&
            weekday(w->cand[i]) == s->long_day &&
            w->cand[i] >= w->amber_until && !hard_on(s, w->cand[i] - 1) &&
            !(w->cand[i] == s->today && !strcmp(a->intensity, "easy")))
            w->long_i = i;
    if (w->long_i >= 0)
        w->nplain--;
    full = (w->long_i >= 0 ? sh->long_min : 0) + w->nplain * sh->easy_min;
    f = full > left ? left / full : 1;
    w->long_m = w->long_i >= 0 ? sh->long_min * f : 0;
    if (w->long_i >= 0 && w->cand[w->long_i] == s->today &&
        !isnan(a->max_minutes))
        w->long_m = fmin(w->long_m, a->max_minutes);
    w->each = w->nplain ? fmin(sh->easy_min * f,
                               (left - w->long_m) / w->nplain)
                        : 0;
    return !(w->nplain && w->each < TENDO_PLAN_RUN_MIN && w->best_k > 1);
}

/* one moderate day: enough runs, not in a deload or amber week, never
 * next to another hard day, as far from the long run as it can be */
static void week_moderate(struct sim *s, struct week_plan *w)
{
    const struct tendo_advice *a = s->a;
    int best_gap = -1;
    w->mod_i = -1;
    if (w->best_k < TENDO_PLAN_MODERATE_FROM || !strcmp(w->kind, "deload"))
        return;
    for (int i = 0; i < w->nc; i++) {
        tendo_day day = w->cand[i];
        int gap = 7;
        if (!(w->best & (1u << i)) || i == w->long_i || day < w->amber_until)
            continue;
        if (day == s->today && !strcmp(a->intensity, "easy"))
            continue;
        if (hard_on(s, day - 1))
            continue;
        if (at(s, day + 1) && at(s, day + 1)->fixed && at(s, day + 1)->hard)
            continue;
        if (w->long_i >= 0) {
            gap = day > w->cand[w->long_i] ? day - w->cand[w->long_i]
                                           : w->cand[w->long_i] - day;
            if (gap < 2)
                continue;
        }
        if (gap > best_gap)
            best_gap = gap, w->mod_i = i;
    }
}

/* the runs, and strides on one easy run a week (not the day before a
 * hard one, and on today only when today's advice allows them) */
static void week_write(struct sim *s, const struct week_plan *w)
{
    const struct tendo_advice *a = s->a;
    for (int i = 0; i < w->nc; i++) {
        tendo_day day = w->cand[i];
        double m;
        if (!(w->best & (1u << i)))
            continue;
        m = i == w->long_i ? w->long_m : w->each;
        if (day == s->today && !isnan(a->max_minutes))
            m = fmin(m, a->max_minutes);
        if (m < TENDO_PLAN_RUN_MIN)
            continue;   /* too short to be worth it: an off day */
        plan_run(s, at(s, day), (int)floor(m),
                 i == w->long_i ? "long" : i == w->mod_i ? "moderate" : "easy",
                 "any");
    }
    for (int i = 0; i < w->nc; i++) {
        tendo_day day = w->cand[i];
        struct day *x = at(s, day), *nx = at(s, day + 1);
        if (!x->run || x->hard || day < w->amber_until)
            continue;
        if (day == s->today && !a->strides)
            continue;
        if (nx && nx->hard)
            continue;
        x->out.strides = 1;
        break;
    }
}

/* the days off, and every free day's note */
static void week_notes(struct sim *s, const struct week_plan *w)
{
    const struct week_shape *sh = w->sh;
    for (tendo_day day = w->ws; day < w->ws + 7; day++) {
        struct day *x = at(s, day);
        if (!x || x->fixed || x->run)
            continue;
        x->phase = PH_NORMAL;
        make_off(s, x, day, (int)lround(sh->easy_min > 0 ? sh->easy_min
                                                          : s->T));
    }
    for (tendo_day day = w->ws; day < w->ws + 7; day++) {
        struct day *x = at(s, day);
        if (!x || x->fixed)
            continue;
        if (x->run && !strcmp(x->out.intensity, "long"))
            set_note(x, "long run: at most %d %% of the week, moderate pace",
                     TENDO_LONG_SHARE_PCT);
        else if (!strcmp(w->kind, "deload"))
            set_note(x, "deload week: about %d %% of the week before",
                     TENDO_DELOAD_PCT);
        else if (!strcmp(w->kind, "build"))
            set_note(x, "build week: up to %d %% more than the week before",
                     (int)lround(s->in->history->athlete.ramp * 100));
        else
            set_note(x, "hold week: the same volume until the symptoms "
                        "have been quiet for %d days",
                     TENDO_GOOD_DAYS);
    }
}

/* Plans the normal days of the week starting `ws`; `kind` is "build",
 * "hold" or "deload". */
static void plan_week(struct sim *s, tendo_day ws, const char *kind,
                      const struct week_shape *sh, tendo_day amber_until)
{
    struct week_plan w;
    int want;
    double left;
    memset(&w, 0, sizeof w);
    w.ws = ws;
    w.kind = kind;
    w.sh = sh;
    w.amber_until = amber_until;
    week_candidates(s, &w);
    want = sh->runs - w.runs_done;
    left = sh->W - w.used;
    if (want > w.nc)
        want = w.nc;
    if (left < TENDO_PLAN_RUN_MIN)
        want = 0;
    /* keep each run at least TENDO_PLAN_RUN_MIN minutes */
    while (want > 0 && left / want < TENDO_PLAN_RUN_MIN)
        want--;
    for (;;) {
        week_choose(s, &w, want);
        if (week_minutes(s, &w, left))
            break;
        want = w.best_k - 1;
    }
    week_moderate(s, &w);
    week_write(s, &w);
    week_notes(s, &w);
}

static const char *phase_name(const struct day *x)
{
    switch (x->phase) {
    case PH_REDUCE: return "reduce";
    case PH_CROSS: return "cross-train";
    case PH_PAUSE: return "pause";
    case PH_REASSESS: return "reassess";
    case PH_REENTRY: return "re-entry";
    case PH_CLINICIAN: return "see-clinician";
    default: return x->out.phase ? x->out.phase : "hold";
    }
}

/* restrictiveness of a day phase name, for the week's label */
static int phase_rank(const char *p)
{
    static const char *const order[] = {"build", "hold", "deload", "reduce",
                                        "re-entry", "cross-train",
                                        "reassess", "pause",
                                        "see-clinician"};
    for (int i = 0; i < 9; i++)
        if (!strcmp(p, order[i]))
            return i;
    return 0;
}

static int plan_check(const struct tendo_plan_input *in,
                      struct tendo_error *err)
{
    const struct tendo_athlete *ath;
    if (!in)
        return tendo_fail(err, TENDO_EUSAGE, "tendo_plan: no input");
    if (in->weeks < 1 || in->weeks > TENDO_PLAN_WEEKS_MAX)
        return tendo_fail(err, TENDO_EUSAGE,
                          "weeks: %d is out of range (1-%d)", in->weeks,
                          TENDO_PLAN_WEEKS_MAX);
    if (!in->history || in->today < in->history->first ||
        in->today > in->history->last)
        return tendo_fail(err, TENDO_EUSAGE,
                          "tendo_plan: the day is outside the history");
    ath = &in->history->athlete;
    if (in->from < in->today || in->from > in->today + 28)
        return tendo_fail(err, TENDO_EUSAGE,
                          "from: the plan starts between today and 4 weeks "
                          "ahead");
    if (ath->runs_per_week < 1 || ath->runs_per_week > 14 ||
        ath->long_run_day < -1 || ath->long_run_day > 6 ||
        ath->rest_day < -1 || ath->rest_day > 6)
        return tendo_fail(err, TENDO_EUSAGE, "tendo_plan: bad settings");
    return TENDO_OK;
}

/* the simulation from today's advice and the athlete's settings */
static void plan_setup(struct sim *s, const struct tendo_plan_input *in,
                       struct tendo_plan *out)
{
    const struct tendo_athlete *ath = &in->history->athlete;
    const struct tendo_advice *a = &out->advice;
    s->in = in;
    s->p = out;
    s->a = a;
    s->today = in->today;
    s->first_week = tendo_day_week_start(in->from);
    s->end = s->first_week + 7 * in->weeks - 1;
    s->n = (int)(s->end - s->today + 1);
    s->T = a->typical_min;
    s->pace = a->typical_km > 0 && !isnan(a->typical_km) && !isnan(s->T)
                  ? s->T / a->typical_km
                  : NAN;
    s->rpw = ath->runs_per_week > TENDO_PLAN_RUNS_MAX ? TENDO_PLAN_RUNS_MAX
                                                      : ath->runs_per_week;
    s->long_day = ath->long_run_day;
    s->rest_day = ath->rest_day >= 0 ? ath->rest_day
                  : ath->long_run_day >= 0 ? (ath->long_run_day + 1) % 7
                                          : 0;
    if (s->rest_day == s->long_day)
        s->long_day = -1;   /* the rest day wins */
    s->goal = ath->goal_min;
    if (!isnan(ath->goal_km) && !isnan(s->pace)) {
        double g = ath->goal_km * s->pace;
        s->goal = isnan(s->goal) ? g : fmin(s->goal, g);
    }
    s->cross = a->ncross ? a->cross[0].type : "bike";
    s->brk_left = a->break_left_min;
    s->brk_until = a->break_until;
    s->calm_from = TENDO_DAY_NONE;
    read_history(s);
    out->from = in->from;
    out->pace = s->pace;
    out->runs_per_week = s->rpw;
    out->long_run_day = s->long_day;
    out->rest_day = s->rest_day;
    out->base_week_min = s->hist[0];
}

/* the reference week the plan holds or builds on (the last one, or when
 * symptoms are up the median of the last few if lower), and the one
 * before a flare */
static void plan_reference(struct sim *s)
{
    const struct tendo_advice *a = s->a;
    double med = median_weeks(s, 0);
    s->ref = s->hist[0];
    if (a->level == TENDO_LEVEL_REDUCE || a->level == TENDO_LEVEL_CROSS_TRAIN)
        s->ref = !isnan(med) && med < s->ref ? med : s->ref;
    if (!(s->ref > 0))
        s->ref = !isnan(med) ? med
                             : TENDO_PLAN_NO_WEEK_PCT / 100.0 * s->rpw * s->T;
    s->prefl = NAN;
    if (a->flare.step != TENDO_FLARE_NONE &&
        a->flare.started != TENDO_DAY_NONE) {
        /* the weeks before the one the flare began in */
        tendo_day fw = tendo_day_week_start(a->flare.started);
        int k = (int)((tendo_day_week_start(s->today) - fw) / 7);
        s->prefl = k < HIST_WEEKS ? median_weeks(s, k) : NAN;
        if (isnan(s->prefl))
            s->prefl = s->rpw * s->T;
    }
}

/* the flare ladder from the pause or a re-entry step on; the pre-flare
 * week is the reference after it */
static void phase_ladder(struct sim *s)
{
    s->after = ladder(s, isnan(s->prefl) ? s->ref : s->prefl);
    s->green = s->after + TENDO_GOOD_DAYS;
    /* §4: the ramp applies from the re-entry weeks on */
    s->calm_from = tendo_day_week_start(s->after);
    if (!isnan(s->prefl))
        s->ref = s->prefl;
}

static enum phase level_phase(const struct tendo_advice *a)
{
    switch (a->level) {
    case TENDO_LEVEL_SEE_CLINICIAN: return PH_CLINICIAN;
    case TENDO_LEVEL_PAUSE:
        return a->flare.step == TENDO_FLARE_REASSESS ? PH_REASSESS : PH_PAUSE;
    case TENDO_LEVEL_CROSS_TRAIN: return PH_CROSS;
    case TENDO_LEVEL_REDUCE:
        return a->flare.step >= TENDO_FLARE_REENTER1 ? PH_REENTRY : PH_REDUCE;
    default: return PH_NORMAL;
    }
}

/* One truth (clinical.md §5): the plan's first day is today's advice,
 * unchanged - its kind, cap, intensity, cross-training and rehab (and, in
 * the JSON, its level and reasons); runs logged today are shown against
 * it and count in the week. The rest day and the week's shape apply from
 * tomorrow. */
static void plan_today(struct sim *s)
{
    const struct tendo_advice *a = s->a;
    struct day *x = &s->d[0];
    char done[80] = "";
    x->fixed = 1;
    x->phase = level_phase(a);
    x->out.phase = "hold";  /* a normal week's kind, when it has one */
    if (a->run_allowed) {
        /* the advice's intensity is a bound: today's run is an easy one
         * (strides only on easy days, §6), the week's moderate day and
         * long run come later */
        make_run(s, x, (int)a->max_minutes, "easy", a->surface);
        x->out.run_km = a->max_km;
        x->out.strides = a->strides;
    } else if (a->ncross) {
        make_cross(s, x, a->cross[0].minutes);
        x->out.cross_min = a->cross[0].minutes;
    } else {
        make_rest(x);
    }
    if (a->ncross) {
        x->out.cross_type = a->cross[0].type;
        x->out.cross_min = a->cross[0].minutes;
    }
    x->out.done_min = s->today_min;
    if (s->today_runs) {
        /* the logged runs count in the week instead of the cap */
        x->run = x->logged = 1;
        x->count_min = s->today_min;
        snprintf(done, sizeof done, "; done: %.0f min%s", s->today_min,
                 a->run_allowed && s->today_min > a->max_minutes + 0.5
                     ? ", over the cap"
                     : !a->run_allowed ? ", on a day without running" : "");
    }
    set_note(x, "today's advice: %s (tendo today says why)%s",
             tendo_level_name(a->level), done);
    if (!isnan(s->brk_left)) {
        double used = s->today_runs ? s->today_min : x->count_min;
        s->brk_left -= used;
        if (s->brk_until == TENDO_DAY_NONE && x->run)
            s->brk_until = s->today + 6;
    }
}

/* §6: after a break no progression until two weeks of running are back,
 * and from the first week back the weeks rise at most the ramp */
static void plan_break(struct sim *s)
{
    const struct tendo_advice *a = s->a;
    int week2 = 0;
    tendo_day back_end;
    for (size_t i = 0; i < a->nreasons; i++)
        week2 |= !strcmp(a->reasons[i].code, "return_building");
    if (isnan(a->break_left_min) && !week2)
        return;
    back_end = week2 ? s->today + 6
               : s->brk_until != TENDO_DAY_NONE ? s->brk_until + 7
                                                 : s->today + 13;
    if (s->green <= back_end)
        s->green = back_end + 1;
    s->calm_from = tendo_day_week_start(s->today);
}

/* pass 1: what today's advice implies for the first days: `after` is the
 * first day planned normally, `green` the first a week may build from */
static void plan_phases(struct sim *s)
{
    const struct tendo_advice *a = s->a;
    s->after = s->green = s->today;
    switch (a->level) {
    case TENDO_LEVEL_SEE_CLINICIAN:
        for (int i = 1; i < s->n; i++) {
            struct day *x = &s->d[i];
            x->fixed = 1;
            x->phase = PH_CLINICIAN;
            make_rest(x);
            set_note(x, "see a clinician before loading the tendon again; "
                        "no plan until then");
        }
        s->after = s->green = s->end + 1;
        break;
    case TENDO_LEVEL_PAUSE:
        phase_ladder(s);
        break;
    case TENDO_LEVEL_CROSS_TRAIN:
        reduce_days(s, s->today + 1, s->today + TENDO_REDUCE_DAYS - 1,
                    REDUCE * s->T, s->ref);
        s->after = s->green = s->today + TENDO_REDUCE_DAYS;
        break;
    case TENDO_LEVEL_REDUCE:
        if (a->flare.step >= TENDO_FLARE_REENTER1) {
            phase_ladder(s);
            break;
        }
        reduce_days(s, s->today, s->today + TENDO_REDUCE_DAYS - 1,
                    isnan(a->max_minutes) ? REDUCE * s->T : a->max_minutes,
                    s->ref);
        s->after = s->green = s->today + TENDO_REDUCE_DAYS;
        break;
    case TENDO_LEVEL_MAINTAIN:
        s->green = s->today + (a->good_days >= TENDO_GOOD_DAYS - 1
                                   ? 1
                                   : TENDO_GOOD_DAYS - a->good_days);
        break;
    default:
        break;
    }
    plan_break(s);
}

/* amber: symptoms above the safe zone today keep runs apart for a week
 * (clinical.md §6); the last re-entry run is judged the next morning, so
 * no run on the day after it either */
static void plan_amber(struct sim *s)
{
    const struct tendo_advice *a = s->a;
    int amber = a->level >= TENDO_LEVEL_REDUCE;
    for (size_t i = 0; i < a->nreasons; i++)
        amber |= !strcmp(a->reasons[i].code, "session_pain_acceptable") ||
                 !strcmp(a->reasons[i].code, "stiffness_above_usual") ||
                 !strcmp(a->reasons[i].code, "no_consecutive_days");
    s->amber_until = amber ? s->today + TENDO_AMBER_DAYS : s->today;
    if (a->flare.step != TENDO_FLARE_NONE && s->after > s->amber_until &&
        s->after <= s->end)
        s->amber_until = s->after + 1;
}

/* a week's kind and target: deload after the build weeks, build once the
 * good days are in (today's week too when today says progress), else
 * hold; never above the goal */
static const char *week_kind(struct sim *s, tendo_day ws, int normal,
                             int disrupted, double *W)
{
    const char *kind;
    double ref = s->ref;
    if (normal && s->loading >= TENDO_BUILD_WEEKS) {
        kind = "deload";
        *W = DELOAD * ref;
    } else if (normal && !disrupted &&
               (ws >= s->green || (s->green == s->today &&
                                   s->a->level == TENDO_LEVEL_PROGRESS))) {
        kind = "build";
        *W = ref * (1 + s->in->history->athlete.ramp);
        if (!isnan(s->goal))
            *W = ref >= s->goal ? ref : fmin(*W, s->goal);
    } else {
        kind = "hold";
        *W = ref;
    }
    if (!isnan(s->goal) && strcmp(kind, "build") && *W > s->goal &&
        ref < s->goal)
        *W = s->goal;
    return kind;
}

/* the week's figures: running done and planned, its most restrictive
 * phase; returns the week's running minutes */
static double week_figures(struct sim *s, tendo_day ws, int normal,
                           const char *kind, double W)
{
    struct tendo_plan_week *w = NULL;
    double total = 0, km = 0;
    int km_known = 1, first = 1;
    const char *ph = normal ? kind : "hold";
    if (ws <= s->today - 1) {
        total += s->done_min;
        km += s->done_km;
    }
    for (tendo_day day = ws; day < ws + 7; day++) {
        struct day *x = at(s, day);
        if (!x || !x->count_min)
            continue;
        total += x->count_min;
        if (x->logged)
            km += s->today_km;
        else if (isnan(x->out.run_km))
            km_known = 0;
        else
            km += x->out.run_km;
    }
    if (ws < s->first_week || s->p->nweeks >= TENDO_PLAN_WEEKS_MAX)
        return total;
    w = &s->p->weeks[s->p->nweeks++];
    w->start = ws;
    w->deload = normal && !strcmp(kind, "deload");
    w->done_min = ws <= s->today - 1 ? s->done_min : 0;
    w->run_min = total;
    w->run_km = km_known ? km : NAN;
    w->target_min = normal ? W : NAN;
    for (tendo_day day = ws; day < ws + 7; day++) {
        struct day *x = at(s, day);
        const char *p;
        if (!x)
            continue;
        p = phase_name(x);
        if (first || phase_rank(p) > phase_rank(ph))
            ph = p;
        first = 0;
    }
    w->phase = ph;
    return total;
}

/* pass 2: week by week, the free days of each */
static void plan_weeks(struct sim *s)
{
    double prev = s->hist[0];   /* the week before's running */
    s->loading = loading_weeks(s);
    for (tendo_day ws = tendo_day_week_start(s->today); ws <= s->end;
         ws += 7) {
        int normal = 0, disrupted = 0;
        const char *kind;
        struct week_shape sh;
        double W, total;
        for (tendo_day day = ws; day < ws + 7; day++) {
            struct day *x = at(s, day);
            /* today, when its advice is a normal day, does not disrupt */
            if (x && x->fixed && x->phase != PH_NORMAL)
                disrupted = 1;
            else if (x && !x->fixed)
                normal = 1;
        }
        if (disrupted)
            s->loading = 0;
        kind = week_kind(s, ws, normal, disrupted, &W);
        /* §4, §6: after a flare's ladder or a break, each week at most the
         * ramp above the one before */
        if (s->calm_from != TENDO_DAY_NONE && ws >= s->calm_from && prev > 0)
            W = fmin(W, prev * (1 + s->in->history->athlete.ramp));
        shape_week(s, W, s->ref, &sh);
        if (normal)
            plan_week(s, ws, kind, &sh, s->amber_until);
        total = week_figures(s, ws, normal, kind, W);
        prev = total;
        if (normal && !disrupted) {
            if (!strcmp(kind, "deload"))
                s->loading = 0;
            else if (!strcmp(kind, "build"))
                s->loading++;
            if (strcmp(kind, "deload") && total > s->ref)
                s->ref = total;
        }
    }
}

/* §7a: a planned day's routine blocks. The first day's are today's
 * advice's; later days assume the symptoms settle: mobility daily, the
 * warm-up before a run or loaded rehab, the calf complex on Tuesday,
 * Thursday and Saturday but not after a moderate or long run; a
 * flare-up's pause keeps mobility and calf holds; a red flag keeps today's
 * gate (it stays open until cleared). */
static int hard_run(const struct day *x)
{
    return x->out.kind == TENDO_PLAN_RUN && x->out.intensity &&
           strcmp(x->out.intensity, "easy") != 0;
}

static unsigned routine_of(const struct sim *s, int i)
{
    const struct day *x = &s->d[i];
    unsigned m = 0;
    int hard1 = i > 0 && hard_run(&s->d[i - 1]);
    if (i == 0 || !strcmp(x->out.phase, "see-clinician")) {
        for (size_t k = 0; k < s->a->routine.nblocks; k++)
            m |= 1u << s->a->routine.blocks[k].block;
        return i == 0 ? m : m & ~(1u << TENDO_BLOCK_EVENING);
    }
    if (!strcmp(x->out.phase, "pause") || !strcmp(x->out.phase, "reassess"))
        return 1u << TENDO_BLOCK_MOBILITY | 1u << TENDO_BLOCK_ISOMETRIC;
    m = 1u << TENDO_BLOCK_MOBILITY;
    if (x->out.kind == TENDO_PLAN_RUN ||
        (x->out.has_rehab && !(x->out.rehab_load_kg == 0)))
        m |= 1u << TENDO_BLOCK_WARMUP;
    if (rules_calf_day(s->today + i, hard1))
        m |= 1u << TENDO_BLOCK_CALF;
    return m;
}

/* rehab, phases and the output days */
static void plan_output(struct sim *s)
{
    const struct tendo_advice *a = s->a;
    struct tendo_plan *out = s->p;
    int per_week = rehab_days_per_week(s);
    for (int i = 0; i < s->n; i++) {
        struct day *x = &s->d[i];
        tendo_day day = s->today + i;
        x->out.date = day;
        x->out.phase = phase_name(x);
        if (x->out.kind != TENDO_PLAN_RUN) {
            x->out.intensity = NULL;
            x->out.surface = NULL;
            x->out.run_km = NAN;
        }
        if (x->out.kind != TENDO_PLAN_CROSS && day != s->today)
            x->out.cross_type = NULL;
        if (a->has_rehab &&
            (day == s->today || rehab_on(s, day, per_week))) {
            x->out.has_rehab = 1;
            snprintf(x->out.rehab_exercise, sizeof x->out.rehab_exercise,
                     "%s", a->rehab_exercise);
            snprintf(x->out.rehab_surface, sizeof x->out.rehab_surface, "%s",
                     a->rehab_surface);
            snprintf(x->out.rehab_tempo, sizeof x->out.rehab_tempo, "%s",
                     a->rehab_tempo);
            x->out.rehab_sets = a->rehab_sets;
            x->out.rehab_reps = a->rehab_reps;
            x->out.rehab_load_kg = a->rehab_load_kg;
        }

        x->out.routine = routine_of(s, i);
        if (day >= s->in->from && out->ndays < TENDO_PLAN_DAYS_MAX)
            out->days[out->ndays++] = x->out;
    }
}

int tendo_plan(const struct tendo_plan_input *in, struct tendo_plan *out,
               struct tendo_error *err)
{
    struct sim S, *s = &S;
    int rc;
    if (!out)
        return tendo_fail(err, TENDO_EUSAGE, "tendo_plan: no output");
    if ((rc = plan_check(in, err)))
        return rc;
    memset(out, 0, sizeof *out);
    memset(s, 0, sizeof *s);
    if (tendo_advise(in->history, in->today, &out->advice, err))
        return err ? err->code : TENDO_EUSAGE;
    plan_setup(s, in, out);
    plan_reference(s);
    plan_today(s);
    plan_phases(s);
    plan_amber(s);
    plan_weeks(s);
    plan_output(s);
    return TENDO_OK;
}
