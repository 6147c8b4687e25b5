/*
 * src/rules/plan.c - the week planner (domain.md §4, §6). Pure: see
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

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define SIM_MAX (TENDO_PLAN_DAYS_MAX + 5 * 7)  /* from may be today + 28 */
#define HIST_WEEKS 6
#define MIN_RUN 15          /* shortest planned easy run, minutes */
#define LONG_SHARE 0.30     /* domain.md §6 */
#define DELOAD 0.70         /* domain.md §6 */
#define BUILT 1.02          /* a week above 102 % of the one before built */

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
    double v[4];
    int n = 0;
    for (int k = from; k < from + 4 && k < HIST_WEEKS; k++)
        if (s->hist[k] > 0)
            v[n++] = s->hist[k];
    if (!n)
        return NAN;
    /* four values at most: insertion sort */
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
    while (k < 3 && s->hist[k + 1] > 0 && s->hist[k] > BUILT * s->hist[k + 1])
        k++;
    return k;
}

/* ---- rehab ---- */

static int rehab_days_per_week(const struct sim *s)
{
    size_t n;
    const struct tendo_rehab_stage *st =
        tendo_rehab_protocol(s->in->history->athlete.protocol, &n);
    int k = s->a->rehab_stage;
    if (!st || k < 1 || (size_t)k > n)
        return 7;
    return st[k - 1].per_week;
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
    x->out.cross_min = minutes < 20 ? 20 : minutes;
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
    x->out.kind = TENDO_PLAN_RUN;
    x->out.run_min = minutes;
    x->out.run_km = km_of(s, minutes);
    x->out.intensity = intensity;
    x->out.surface = surface;
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
    static const double pct[] = {0.50, 0.70, 0.85};
    const struct tendo_advice *a = s->a;
    tendo_day day = s->today, reenter;
    int step, left;

    if (a->flare.step == TENDO_FLARE_REASSESS)
        reenter = s->today + (a->flare.progress >= 2 ? 1 : 2 - a->flare.progress);
    else if (a->flare.step >= TENDO_FLARE_REENTER1)
        reenter = s->today;
    else
        reenter = s->today + 3;  /* pause today, reassess 2 mornings */
    for (; day < reenter && day <= s->end; day++) {
        struct day *x = at(s, day);
        x->fixed = 1;
        x->phase = day == s->today && a->flare.step != TENDO_FLARE_REASSESS
                       ? PH_PAUSE
                       : PH_REASSESS;
        make_off(s, x, day, (int)lround(s->T));
        if (x->phase == PH_PAUSE)
            set_note(x, "flare-up: no running; pain-free cross-training "
                        "(pool running, cycling) keeps your fitness");
        else
            set_note(x, "reassess: running resumes after 2 mornings at "
                        "most %d/10 (morning 2/10 or less)",
                     (a->flare.base_morning == TENDO_UNSET
                          ? 0
                          : a->flare.base_morning) + 1);
    }
    step = a->flare.step >= TENDO_FLARE_REENTER1
               ? (int)(a->flare.step - TENDO_FLARE_REENTER1)
               : 0;
    left = a->flare.step >= TENDO_FLARE_REENTER1 ? 2 - a->flare.progress : 2;
    if (left < 1)
        left = 1;
    for (; day <= s->end; day++) {
        struct day *x = at(s, day);
        int cap = (int)floor(pct[step] * s->T);
        double room = ref - minutes_in_week(s, day);
        x->fixed = 1;
        x->phase = PH_REENTRY;
        if (room < cap)
            cap = room >= 0.5 * cap ? (int)floor(room) : 0;
        if (day == s->today && s->today_runs) {
            make_run(s, x, (int)lround(s->today_min), "easy", "soft or flat");
            x->logged = 1;
        } else if (spaced_ok(s, day) && runs_in_week(s, day) < s->rpw &&
                   cap > 0) {
            if (day == s->today && !isnan(a->max_minutes) &&
                a->max_minutes < cap)
                cap = (int)a->max_minutes;
            make_run(s, x, cap, "easy", "soft or flat");
        } else {
            make_off(s, x, day, (int)lround(s->T));
        }
        set_note(x, "re-entry step %d of 3: runs of %d %% of your usual, "
                    "easy, flat or soft, never on consecutive days",
                 step + 1, (int)lround(pct[step] * 100));
        if (x->run && --left == 0) {
            left = 2;
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
        if (at(s, k)->run)
            m += at(s, k)->out.run_min;
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
 * (70 % of the reference week: at least the ~20 % cut of domain.md §3.2
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
        x->fixed = 1;
        x->phase = PH_REDUCE;
        if (day == s->today && s->today_runs) {
            make_run(s, x, (int)lround(s->today_min), "easy", "soft or flat");
            x->logged = 1;
        } else if (spaced_ok(s, day) && left > 0 && m >= 10) {
            if (day == s->today && !isnan(s->a->max_minutes))
                m = fmin(m, s->a->max_minutes);
            make_run(s, x, (int)floor(m), "easy", "soft or flat");
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
    /* as many runs as the reference week fills with runs of MIN_RUN
     * minutes or more (the long run taking its share from 4 runs up) */
    for (; r > 1; r--) {
        lng = r >= 4 && s->long_day >= 0;
        if ((base - (lng ? LONG_SHARE * base : 0)) / (r - lng) >= MIN_RUN)
            break;
    }
    if (r == 1 && W < 10)
        r = 0;
    sh->runs = r;
    sh->long_min = 0;
    if (r >= 4 && s->long_day >= 0)
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

/* Plans the normal days of the week starting `ws`; `kind` is "build",
 * "hold" or "deload". */
static void plan_week(struct sim *s, tendo_day ws, const char *kind,
                      const struct week_shape *sh, tendo_day amber_until)
{
    tendo_day cand[7];
    int nc = 0, runs_done = 0, best_k = 0;
    double used = 0;
    unsigned best = 0;
    long best_score = -1;
    int has_long_day = 0;
    const struct tendo_advice *a = s->a;

    /* what the week already holds: logged runs, fixed days */
    if (ws <= s->today - 1) {
        used += s->done_min;
        runs_done += s->done_runs;
    }
    for (tendo_day day = ws; day < ws + 7; day++) {
        struct day *x = at(s, day);
        if (!x)
            continue;
        if (x->fixed) {
            if (x->run)
                used += x->out.run_min, runs_done++;
            continue;
        }
        if (day == s->today && s->today_runs) {
            x->fixed = x->logged = 1;
            make_run(s, x, (int)lround(s->today_min), "easy", "any");
            x->out.intensity = "easy";
            used += x->out.run_min;
            runs_done++;
            continue;
        }
        x->out.phase = kind;
        if (weekday(day) == s->rest_day)
            continue;
        if (day == s->today && !a->run_allowed)
            continue;
        if (weekday(day) == s->long_day)
            has_long_day = 1;
        cand[nc++] = day;
    }

    int want = sh->runs - runs_done;
    double left = sh->W - used;
    if (want > nc)
        want = nc;
    if (left < 10)
        want = 0;
    /* keep each run at least 10 minutes */
    while (want > 0 && left / want < 10)
        want--;

    int long_i, nplain;
    double long_m, each;
retry:
    best_score = -1;
    best = 0;
    best_k = 0;
    /* choose the run days: every subset of the candidates of the size
     * wanted (at most 2^7), the fewest back-to-back days, the long-run day
     * in, none adjacent while amber */
    for (int k = want; k > 0 && best_score < 0; k--) {
        for (unsigned m = 0; m < (1u << nc); m++) {
            long score = 0;
            int ok = 1;
            if (popcount(m) != k)
                continue;
            for (int i = 0; i < nc && ok; i++) {
                if (!(m & (1u << i)))
                    continue;
                tendo_day day = cand[i];
                int prev = (i > 0 && (m & (1u << (i - 1))) &&
                            cand[i - 1] == day - 1) ||
                           ran_on(s, day - 1);
                if (prev && day < amber_until)
                    ok = 0;
                if (prev)
                    score += 100;
                if (hard_on(s, day - 1))
                    score += 10;
                if (sh->long_min && has_long_day &&
                    weekday(day) == s->long_day)
                    score -= 1000;
            }
            if (!ok)
                continue;
            score += 2000;   /* keep it non-negative */
            if (best_score < 0 || score < best_score) {
                best_score = score;
                best = m;
                best_k = k;
            }
        }
    }
    if (best_score < 0)
        best_k = 0, best = 0;

    /* minutes: the shape's long and easy runs, scaled down together when
     * the week has less room left; fewer runs when they would be under
     * 10 minutes */
    long_i = -1;
    nplain = best_k;
    long_m = 0;
    for (int i = 0; i < nc; i++)
        if ((best & (1u << i)) && sh->long_min &&
            weekday(cand[i]) == s->long_day && cand[i] >= amber_until &&
            !hard_on(s, cand[i] - 1) &&
            !(cand[i] == s->today && !strcmp(a->intensity, "easy")))
            long_i = i;
    if (long_i >= 0)
        nplain--;
    {
        double full = (long_i >= 0 ? sh->long_min : 0) + nplain * sh->easy_min;
        double f = full > left ? left / full : 1;
        long_m = long_i >= 0 ? sh->long_min * f : 0;
        if (long_i >= 0 && cand[long_i] == s->today && !isnan(a->max_minutes))
            long_m = fmin(long_m, a->max_minutes);
        each = nplain ? fmin(sh->easy_min * f, (left - long_m) / nplain) : 0;
    }
    if (nplain && each < 10 && best_k > 1) {
        want = best_k - 1;
        goto retry;
    }

    /* one moderate day: at least 3 runs, not in a deload or amber week,
     * never next to another hard day */
    int mod_i = -1;
    if (best_k >= 3 && strcmp(kind, "deload")) {
        int best_gap = -1;
        for (int i = 0; i < nc; i++) {
            tendo_day day = cand[i];
            int gap = 7;
            if (!(best & (1u << i)) || i == long_i || day < amber_until)
                continue;
            if (day == s->today && !strcmp(a->intensity, "easy"))
                continue;
            if (hard_on(s, day - 1))
                continue;
            if (at(s, day + 1) && at(s, day + 1)->fixed &&
                at(s, day + 1)->hard)
                continue;
            if (long_i >= 0) {
                gap = day > cand[long_i] ? day - cand[long_i]
                                         : cand[long_i] - day;
                if (gap < 2)
                    continue;
            }
            if (gap > best_gap)
                best_gap = gap, mod_i = i;
        }
    }

    /* write the days */
    int strides_done = 0;
    for (int i = 0; i < nc; i++) {
        tendo_day day = cand[i];
        struct day *x = at(s, day);
        double m;
        if (!(best & (1u << i)))
            continue;
        m = i == long_i ? long_m : each;
        if (day == s->today && !isnan(a->max_minutes))
            m = fmin(m, a->max_minutes);
        if (m < 10)
            continue;   /* too short to be worth it: an off day */
        make_run(s, x, (int)floor(m),
                 i == long_i ? "long" : i == mod_i ? "moderate" : "easy",
                 "any");
    }
    /* strides: one easy run a week, not the day before a hard one, and
     * only when today's advice allows them on today */
    for (int i = 0; i < nc && !strides_done; i++) {
        tendo_day day = cand[i];
        struct day *x = at(s, day);
        struct day *nx = at(s, day + 1);
        if (!x->run || x->hard || day < amber_until)
            continue;
        if (day == s->today && !a->strides)
            continue;
        if (nx && nx->hard)
            continue;
        x->out.strides = 1;
        strides_done = 1;
    }
    /* the days off */
    for (tendo_day day = ws; day < ws + 7; day++) {
        struct day *x = at(s, day);
        if (!x || x->fixed || x->run)
            continue;
        x->phase = PH_NORMAL;
        make_off(s, x, day, (int)lround(sh->easy_min > 0 ? sh->easy_min
                                                          : s->T));
    }
    for (tendo_day day = ws; day < ws + 7; day++) {
        struct day *x = at(s, day);
        if (!x || x->fixed)
            continue;
        if (x->run && !strcmp(x->out.intensity, "long"))
            set_note(x, "long run: at most 30 %% of the week, moderate "
                        "pace");
        else if (!strcmp(kind, "deload"))
            set_note(x, "deload week: about 70 %% of the week before");
        else if (!strcmp(kind, "build"))
            set_note(x, "build week: up to %d %% more than the week before",
                     (int)lround(s->in->history->athlete.ramp * 100));
        else
            set_note(x, "hold week: the same volume until the symptoms "
                        "have been quiet for 7 days");
    }
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

int tendo_plan(const struct tendo_plan_input *in, struct tendo_plan *out,
               struct tendo_error *err)
{
    struct sim S, *s = &S;
    struct tendo_advice *a;
    const struct tendo_athlete *ath;
    tendo_day first_week, green, after;
    double ref, prefl;
    int loading, per_week;

    if (!in || !out)
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

    memset(out, 0, sizeof *out);
    memset(s, 0, sizeof *s);
    a = &out->advice;
    if (tendo_advise(in->history, in->today, a, err))
        return err ? err->code : TENDO_EUSAGE;

    s->in = in;
    s->p = out;
    s->a = a;
    s->today = in->today;
    first_week = tendo_day_week_start(in->from);
    s->end = first_week + 7 * in->weeks - 1;
    s->n = (int)(s->end - s->today + 1);
    s->T = a->typical_min;
    s->pace = a->typical_km > 0 && !isnan(a->typical_km) && !isnan(s->T)
                  ? s->T / a->typical_km
                  : NAN;
    s->rpw = ath->runs_per_week > 6 ? 6 : ath->runs_per_week;
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
    read_history(s);

    out->from = in->from;
    out->pace = s->pace;
    out->runs_per_week = s->rpw;
    out->long_run_day = s->long_day;
    out->rest_day = s->rest_day;
    out->base_week_min = s->hist[0];

    /* the reference week the plan holds or builds on */
    ref = s->hist[0];
    {
        double med = median_weeks(s, 0);
        if (a->level == TENDO_LEVEL_REDUCE || a->level == TENDO_LEVEL_CROSS_TRAIN)
            ref = !isnan(med) && med < ref ? med : ref;
        if (!(ref > 0))
            ref = !isnan(med) ? med : 0.5 * s->rpw * s->T;
    }
    prefl = NAN;
    if (a->flare.step != TENDO_FLARE_NONE &&
        a->flare.started != TENDO_DAY_NONE) {
        /* the weeks before the one the flare began in */
        tendo_day fw = tendo_day_week_start(a->flare.started);
        int k = (int)((tendo_day_week_start(s->today) - fw) / 7);
        prefl = k < HIST_WEEKS ? median_weeks(s, k) : NAN;
        if (isnan(prefl))
            prefl = s->rpw * s->T;
    }

    /* pass 1 */
    after = s->today;
    green = s->today;
    switch (a->level) {
    case TENDO_LEVEL_SEE_CLINICIAN:
        for (int i = 0; i < s->n; i++) {
            struct day *x = &s->d[i];
            x->fixed = 1;
            x->phase = PH_CLINICIAN;
            make_rest(x);
            set_note(x, "see a clinician before loading the tendon again; "
                        "no plan until then");
        }
        after = s->end + 1;
        green = s->end + 1;
        break;
    case TENDO_LEVEL_PAUSE:
        after = ladder(s, isnan(prefl) ? ref : prefl);
        green = after + 7;
        if (!isnan(prefl))
            ref = prefl;
        break;
    case TENDO_LEVEL_CROSS_TRAIN: {
        struct day *x = &s->d[0];
        x->fixed = 1;
        x->phase = PH_CROSS;
        if (s->today_runs) {
            make_run(s, x, (int)lround(s->today_min), "easy", "any");
            x->logged = 1;
        } else
            make_cross(s, x, a->ncross ? a->cross[0].minutes
                                       : (int)lround(s->T));
        set_note(x, "no running today: the same minutes as cross-training");
        reduce_days(s, s->today + 1, s->today + 6, 0.7 * s->T, ref);
        after = s->today + 7;
        green = after;
        break;
    }
    case TENDO_LEVEL_REDUCE:
        if (a->flare.step >= TENDO_FLARE_REENTER1) {
            after = ladder(s, isnan(prefl) ? ref : prefl);
            green = after + 7;
            if (!isnan(prefl))
                ref = prefl;
        } else {
            reduce_days(s, s->today, s->today + 6,
                        isnan(a->max_minutes) ? 0.7 * s->T : a->max_minutes,
                        ref);
            after = s->today + 7;
            green = after;
        }
        break;
    case TENDO_LEVEL_MAINTAIN:
        green = s->today + (a->good_days >= 6 ? 1 : 7 - a->good_days);
        break;
    default:
        green = s->today;
        break;
    }

    /* amber: symptoms above the safe zone today keep runs apart for a
     * week (domain.md §6) */
    tendo_day amber_until = s->today;
    {
        int amber = a->level >= TENDO_LEVEL_REDUCE;
        for (size_t i = 0; i < a->nreasons; i++)
            amber |= !strcmp(a->reasons[i].code, "session_pain_acceptable") ||
                     !strcmp(a->reasons[i].code, "stiffness_above_usual") ||
                     !strcmp(a->reasons[i].code, "no_consecutive_days");
        if (amber)
            amber_until = s->today + 7;
        /* the last re-entry run is judged the next morning: no run on
         * the day after it either */
        if (a->flare.step != TENDO_FLARE_NONE && after > amber_until &&
            after <= s->end)
            amber_until = after + 1;
    }

    /* pass 2: week by week */
    loading = loading_weeks(s);
    per_week = rehab_days_per_week(s);
    for (tendo_day ws = tendo_day_week_start(s->today); ws <= s->end;
         ws += 7) {
        int normal = 0, disrupted = 0;
        const char *kind;
        struct week_shape sh;
        double W, total = 0, km = 0;
        int km_known = 1;
        for (tendo_day day = ws; day < ws + 7; day++) {
            struct day *x = at(s, day);
            if (!x)
                continue;
            if (x->fixed)
                disrupted = 1;
            else
                normal = 1;
        }
        if (disrupted)
            loading = 0;
        if (normal && loading >= 3) {
            kind = "deload";
            W = DELOAD * ref;
        } else if (normal && !disrupted &&
                   (ws >= green || (green == s->today &&
                                    a->level == TENDO_LEVEL_PROGRESS))) {
            /* progression: the weeks after 7 good days (and today's week
             * when today already says progress) */
            kind = "build";
            W = ref * (1 + ath->ramp);
            if (!isnan(s->goal))
                W = ref >= s->goal ? ref : fmin(W, s->goal);
        } else {
            kind = "hold";
            W = ref;
        }
        if (!isnan(s->goal) && strcmp(kind, "build") && W > s->goal &&
            ref < s->goal)
            W = s->goal;
        shape_week(s, W, ref, &sh);
        if (normal)
            plan_week(s, ws, kind, &sh, amber_until);

        /* the week's figures */
        struct tendo_plan_week *w = NULL;
        if (ws >= first_week && out->nweeks < TENDO_PLAN_WEEKS_MAX)
            w = &out->weeks[out->nweeks++];
        if (ws <= s->today - 1) {
            total += s->done_min;
            km += s->done_km;
        }
        for (tendo_day day = ws; day < ws + 7; day++) {
            struct day *x = at(s, day);
            if (!x || !x->run)
                continue;
            total += x->out.run_min;
            if (x->logged)
                km += s->today_km;
            else if (isnan(x->out.run_km))
                km_known = 0;
            else
                km += x->out.run_km;
        }
        if (w) {
            const char *ph = normal ? kind : "hold";
            int first = 1;
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
        }
        if (normal && !disrupted) {
            if (!strcmp(kind, "deload"))
                loading = 0;
            else if (!strcmp(kind, "build"))
                loading++;
            if (strcmp(kind, "deload") && total > ref)
                ref = total;
        }
    }

    /* rehab, phases and the output days */
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
        if (x->out.kind != TENDO_PLAN_CROSS)
            x->out.cross_type = NULL;
        if (a->has_rehab && rehab_on(s, day, per_week)) {
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
        if (x->logged)
            set_note(x, "already logged today");
        if (day >= in->from && out->ndays < TENDO_PLAN_DAYS_MAX)
            out->days[out->ndays++] = x->out;
    }
    return TENDO_OK;
}
