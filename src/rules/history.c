/*
 * src/rules/history.c - the diary laid out day by day (tendo/history.h).
 *
 * Built in a few linear passes: copy and sort the records, index them by
 * day, fold each day's symptoms and runs, then the figures that look back
 * (baselines over 28 days, the 7-day morning median, the typical run of the
 * 28 days before, kept in a sorted sliding window), the load metrics of
 * analytics/load.c over the whole span, and the rehab stage of every logged
 * session. Everything after is array reads.
 */
#include "tendo/history.h"
#include "tendo/clinical.h"
#include "tendo/rehab.h"
#include "core/alloc.h"
#include "history_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define UNSET TENDO_UNSET

/* everything one allocation each; freed together */
struct hist_impl {
    struct tendo_history pub;
    struct tendo_history_day *days;
    struct tendo_load_day *load;
    struct tendo_load_week *weeks;
    struct tendo_session *sessions;
    struct tendo_check *checks;
    struct tendo_rehab *rehab;
    int *stage, *step;
    struct tendo_wellness *wellness;
    struct tendo_assessment *assessments;
    struct tendo_shoe *shoes;
    struct tendo_clearance *clearances;
    struct tendo_routine_log *routine;
    struct tendo_flag_episode *episodes;
};

void tendo_history_free(struct tendo_history *pub)
{
    struct hist_impl *h = (struct hist_impl *)pub;
    if (!h)
        return;
    tendo_free(h->days);
    tendo_free(h->load);
    tendo_free(h->weeks);
    tendo_free(h->sessions);
    tendo_free(h->checks);
    tendo_free(h->rehab);
    tendo_free(h->stage);
    tendo_free(h->step);
    tendo_free(h->wellness);
    tendo_free(h->assessments);
    tendo_free(h->shoes);
    tendo_free(h->clearances);
    tendo_free(h->routine);
    tendo_free(h->episodes);
    tendo_free(h);
}

/* ---- copying and sorting: by day, then in the order given ---- */

struct key {
    tendo_day date;
    size_t i;
};

static int cmp_key(const void *a, const void *b)
{
    const struct key *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    return (x->i > y->i) - (x->i < y->i);
}

static int ok_day(tendo_day d, tendo_day last)
{
    return d != TENDO_DAY_NONE && d >= TENDO_DAY_MIN && d <= last;
}

/* The records of `src` (n of `size` bytes, the day at `off`) with a day
 * up to `last`, in a new array sorted by day; with `one_a_day`, of several
 * for one day the last given is kept. With `own`, `src` was allocated by
 * the caller for the history: it is taken as it is when it is in order
 * already (as the store gives them), else freed. */
static void *sorted_copy(const void *src, size_t n, size_t size, size_t off,
                         tendo_day last, int one_a_day, int own, size_t *nout)
{
    const char *s = src;
    struct key *k;
    char *out;
    size_t m = 0;
    *nout = 0;
    if (own) {
        int in_order = 1;
        tendo_day prev = TENDO_DAY_MIN - 1;
        for (size_t i = 0; i < n && in_order; i++) {
            tendo_day d;
            memcpy(&d, s + i * size + off, sizeof d);
            in_order = ok_day(d, last) &&
                       (one_a_day ? d > prev : d >= prev);
            prev = d;
        }
        if (in_order && n) {
            *nout = n;
            return (void *)src;
        }
    }
    if (!(k = tendo_malloc((n ? n : 1) * sizeof *k))) {
        if (own)
            tendo_free((void *)src);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        tendo_day d;
        memcpy(&d, s + i * size + off, sizeof d);
        if (ok_day(d, last))
            k[m++] = (struct key){d, i};
    }
    for (size_t i = 1; i < m; i++)   /* the store gives them in order */
        if (k[i].date < k[i - 1].date) {
            qsort(k, m, sizeof *k, cmp_key);
            break;
        }
    if (!(out = tendo_malloc((m ? m : 1) * size))) {
        tendo_free(k);
        if (own)
            tendo_free((void *)src);
        return NULL;
    }
    for (size_t i = 0; i < m; i++) {
        if (one_a_day && *nout && k[i].date == k[i - 1].date)
            (*nout)--;  /* the later one replaces it */
        memcpy(out + *nout * size, s + k[i].i * size, size);
        (*nout)++;
    }
    tendo_free(k);
    if (own)
        tendo_free((void *)src);
    return out;
}

static int imax(int a, int b)
{
    return a > b ? a : b;
}

static int is_run(const struct tendo_session *s)
{
    return !strcmp(s->type, "run") && !isnan(s->minutes) && s->minutes > 0;
}

/* ---- the figures that look back ---- */

/* sorts v (n at most 7) and returns its middle, the mean of the two
 * middles rounded up for even n */
static int median(int *v, int n)
{
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
            int t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2] + 1) / 2;
}

/* clinical.md §1: the median of the previous 7 checked values within 28
 * days before day i; UNSET with fewer than 3 */
static int baseline(const struct tendo_history_day *d, size_t i, int stiff)
{
    int v[TENDO_BASELINE_CHECKS], n = 0;
    for (size_t k = 1; k <= TENDO_BASELINE_DAYS && k <= i &&
                       n < TENDO_BASELINE_CHECKS;
         k++) {
        int x = stiff ? d[i - k].stiffness : d[i - k].morning;
        if (x != UNSET)
            v[n++] = x;
    }
    return n < TENDO_BASELINE_MIN_CHECKS ? UNSET : median(v, n);
}

/* §3.1 rule 4: the median morning (or stiffness) of the 7 days ending on
 * day i */
static int week_median(const struct tendo_history_day *d, size_t i,
                       int stiff)
{
    int v[TENDO_TREND_DAYS], n = 0;
    for (size_t k = 0; k < TENDO_TREND_DAYS && k <= i; k++) {
        int x = stiff ? d[i - k].stiffness : d[i - k].morning;
        if (x != UNSET)
            v[n++] = x;
    }
    return n < TENDO_BASELINE_MIN_CHECKS ? UNSET : median(v, n);
}

/* a sorted multiset of doubles: the runs of a sliding 28-day window */
struct window {
    double *v;
    size_t n, cap;
};

static int win_add(struct window *w, double x)
{
    size_t i;
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 64;
        double *v = tendo_realloc(w->v, cap * sizeof *v);
        if (!v)
            return -1;
        w->v = v;
        w->cap = cap;
    }
    for (i = w->n; i > 0 && w->v[i - 1] > x; i--)
        w->v[i] = w->v[i - 1];
    w->v[i] = x;
    w->n++;
    return 0;
}

static void win_remove(struct window *w, double x)
{
    for (size_t i = 0; i < w->n; i++)
        if (w->v[i] == x) {
            memmove(w->v + i, w->v + i + 1, (w->n - i - 1) * sizeof *w->v);
            w->n--;
            return;
        }
}

static double win_median(const struct window *w)
{
    size_t n = w->n;
    if (!n)
        return NAN;
    return n % 2 ? w->v[n / 2] : (w->v[n / 2 - 1] + w->v[n / 2]) / 2;
}

static double pace_of(const struct tendo_session *s)
{
    return !isnan(s->distance_m) && s->distance_m > 0
               ? s->minutes / (s->distance_m / 1000.0)
               : NAN;
}

/* moves the day's runs into (add) or out of the windows */
static int slide(struct window *mins, struct window *paces,
                 const struct tendo_history *h,
                 const struct tendo_history_day *x, int add)
{
    for (size_t k = x->session0; k < x->session0 + x->nsessions; k++) {
        const struct tendo_session *s = &h->sessions[k];
        double p = pace_of(s);
        if (!is_run(s))
            continue;
        if (!add) {
            win_remove(mins, s->minutes);
            if (!isnan(p))
                win_remove(paces, p);
        } else if (win_add(mins, s->minutes) ||
                   (!isnan(p) && win_add(paces, p))) {
            return -1;
        }
    }
    return 0;
}

/* §3.1 rule 4: the stiffness median of days i-41 .. i-14 for every day,
 * in a sorted sliding window */
static void creep_window(struct hist_impl *H)
{
    struct tendo_history *h = &H->pub;
    int w[TENDO_CREEP_REF_DAYS];
    int n = 0;
    for (size_t i = 0; i < h->ndays; i++) {
        struct tendo_history_day *x = &H->days[i];
        /* day i - RECENT - REF leaves, day i - RECENT enters */
        if (i >= TENDO_CREEP_RECENT_DAYS + TENDO_CREEP_REF_DAYS) {
            int v = H->days[i - TENDO_CREEP_RECENT_DAYS - TENDO_CREEP_REF_DAYS]
                        .stiffness;
            for (int j = 0; v != UNSET && j < n; j++)
                if (w[j] == v) {
                    memmove(w + j, w + j + 1, (size_t)(n - j - 1) * sizeof *w);
                    n--;
                    break;
                }
        }
        if (i >= TENDO_CREEP_RECENT_DAYS) {
            int v = H->days[i - TENDO_CREEP_RECENT_DAYS].stiffness, j;
            if (v != UNSET) {
                for (j = n++; j > 0 && w[j - 1] > v; j--)
                    w[j] = w[j - 1];
                w[j] = v;
            }
        }
        x->creep_stiffness =
            n < TENDO_BASELINE_CHECKS ? UNSET
            : n % 2                   ? w[n / 2]
                                      : (w[n / 2 - 1] + w[n / 2] + 1) / 2;
    }
}

static int typical_runs(struct hist_impl *H)
{
    struct tendo_history *h = &H->pub;
    struct window mins = {0}, paces = {0};
    int rc = 0;
    for (size_t i = 0; i < h->ndays && !rc; i++) {
        /* the window is the 28 days before day i (§5) */
        if (i >= 1)
            rc = slide(&mins, &paces, h, &H->days[i - 1], 1);
        if (i >= TENDO_TYPICAL_DAYS + 1)
            slide(&mins, &paces, h, &H->days[i - TENDO_TYPICAL_DAYS - 1], 0);
        H->days[i].typical_min = win_median(&mins);
        H->days[i].typical_pace = win_median(&paces);
    }
    tendo_free(mins.v);
    tendo_free(paces.v);
    return rc;
}

/* ---- building ---- */

static void lay_out_days(struct hist_impl *H)
{
    struct tendo_history *h = &H->pub;
    size_t si = 0, ri = 0, ci = 0, wi = 0;
    for (size_t i = 0; i < h->ndays; i++) {
        struct tendo_history_day *x = &H->days[i];
        tendo_day d = h->first + (tendo_day)i;
        memset(x, 0, sizeof *x);
        if (i > 0) {    /* side and location carry forward */
            memcpy(x->side, H->days[i - 1].side, sizeof x->side);
            x->insertional = H->days[i - 1].insertional;
        }
        x->date = d;
        x->morning = x->stiffness = x->hop_pain = x->pain = UNSET;
        x->pain_during = x->pain_after = UNSET;
        x->sleep_h = NAN;
        x->last_rehab = -1;
        if (ci < h->nchecks && h->checks[ci].date == d) {
            const struct tendo_check *c = &h->checks[ci++];
            x->check = c;
            x->morning = c->morning;
            x->stiffness = c->stiffness_min;
            x->hop_pain = c->hop_pain;
            x->flags = c->flags & TENDO_FLAG_ALL;
            if (c->side[0])
                memcpy(x->side, c->side, sizeof x->side);
            if (c->location[0])
                x->insertional = !strcmp(c->location, "insertion");
            x->pain_during = c->during;
            x->pain_after = c->after;
        }
        if (wi < h->nwellness && h->wellness[wi].date == d) {
            x->wellness = &h->wellness[wi++];
            x->sleep_h = x->wellness->sleep_h;
        }
        x->session0 = si;
        for (; si < h->nsessions && h->sessions[si].date == d; si++) {
            const struct tendo_session *s = &h->sessions[si];
            x->pain_during = imax(x->pain_during, s->pain_during);
            x->pain_after = imax(x->pain_after, s->pain_after);
            if (!is_run(s))
                continue;
            x->runs++;
            x->run_min += s->minutes;
            if (s->minutes > x->longest_min)
                x->longest_min = s->minutes;
            if (!isnan(s->distance_m) && s->distance_m > x->longest_m)
                x->longest_m = s->distance_m;
            if (s->rpe != UNSET && s->rpe >= TENDO_RPE_MODERATE)
                x->hard_runs++;
        }
        x->nsessions = si - x->session0;
        x->pain = imax(x->pain_during, x->pain_after);
        x->rehab0 = ri;
        for (; ri < h->nrehab && h->rehab[ri].date == d; ri++)
            ;
        x->nrehab = ri - x->rehab0;
    }
    for (size_t i = 0; i < h->ndays; i++) {
        struct tendo_history_day *x = &H->days[i];
        x->base_morning = baseline(H->days, i, 0);
        x->base_stiffness = baseline(H->days, i, 1);
        /* §6: the longest run of the 30 days before (a short scan; the
         * advice reads it every day) */
        for (size_t k = i > TENDO_SPIKE_DAYS ? i - TENDO_SPIKE_DAYS : 0;
             k < i; k++) {
            if (H->days[k].longest_min > x->longest30_min)
                x->longest30_min = H->days[k].longest_min;
            if (H->days[k].longest_m > x->longest30_m)
                x->longest30_m = H->days[k].longest_m;
        }
        x->week_morning = week_median(H->days, i, 0);
        x->week_stiffness = week_median(H->days, i, 1);
        x->prev_run = i == 0 ? TENDO_DAY_NONE
                      : H->days[i - 1].runs ? H->days[i - 1].date
                                            : H->days[i - 1].prev_run;
    }
}

static void rehab_stages(struct hist_impl *H)
{
    struct tendo_history *h = &H->pub;
    long last = -1;
    for (size_t i = 0; i < h->nrehab; i++) {
        const struct tendo_history_day *d =
            tendo_history_day(h, h->rehab[i].date);
        H->stage[i] = tendo_rehab_stage_of(h->athlete.protocol,
                                           d && d->insertional, &h->rehab[i],
                                           &H->step[i]);
    }
    for (size_t i = 0, r = 0; i < h->ndays; i++) {
        struct tendo_history_day *x = &H->days[i];
        for (; r < x->rehab0 + x->nrehab; r++)
            if (H->stage[r] > 0)
                last = (long)r;
        x->last_rehab = last;
    }
}

/* ---- red flags (clinical.md §2) ---- */

/* the flags the mornings open: morning pain in the high-risk zone on
 * TENDO_MORNING_HIGH_DAYS days running, counted after its last clearance */
static unsigned morning_flags(const struct tendo_history_day *x, int *streak)
{
    if (x->morning == UNSET || x->morning < TENDO_PAIN_HIGH_MIN) {
        *streak = 0;
        return 0;
    }
    return ++*streak >= TENDO_MORNING_HIGH_DAYS ? TENDO_FLAG_MORNING_HIGH : 0;
}

/* Each red flag is open from the first day it is recorded (or the
 * mornings open it) to the day a clearance names it; a clearance counts
 * from its own day (the clinician saw the athlete that day). One pass
 * over the days: the episodes, and each day's open flags. */
static int flag_episodes(struct hist_impl *H)
{
    struct tendo_history *h = &H->pub;
    long open[TENDO_FLAG_BITS];
    size_t ci = 0, n = 0, cap = 0;
    int streak = 0;
    for (int b = 0; b < TENDO_FLAG_BITS; b++)
        open[b] = -1;
    while (ci < h->nclearances && h->clearances[ci].date < h->first)
        ci++;
    for (size_t i = 0; i < h->ndays; i++) {
        struct tendo_history_day *x = &H->days[i];
        unsigned rec = (x->flags & TENDO_FLAG_RED) | morning_flags(x, &streak);
        for (int b = 0; b < TENDO_FLAG_BITS; b++) {
            struct tendo_flag_episode *e;
            if (!(rec & (1u << b)) || open[b] >= 0)
                continue;
            if (n == cap) {
                size_t c2 = cap ? cap * 2 : 8;
                void *v = tendo_realloc(H->episodes, c2 * sizeof *e);
                if (!v)
                    return -1;
                H->episodes = v;
                cap = c2;
            }
            e = &H->episodes[n];
            e->flag = 1u << b;
            e->opened = x->date;
            e->cleared = TENDO_DAY_NONE;
            e->clearance = -1;
            open[b] = (long)n++;
        }
        for (; ci < h->nclearances && h->clearances[ci].date == x->date;
             ci++)
            for (int b = 0; b < TENDO_FLAG_BITS; b++) {
                if (!(h->clearances[ci].flags & (1u << b)))
                    continue;
                if (1u << b == TENDO_FLAG_MORNING_HIGH)
                    streak = 0;
                if (open[b] < 0)
                    continue;
                H->episodes[open[b]].cleared = x->date;
                H->episodes[open[b]].clearance = (long)ci;
                open[b] = -1;
            }
        for (int b = 0; b < TENDO_FLAG_BITS; b++)
            if (open[b] >= 0)
                x->open_flags |= 1u << b;
    }
    h->episodes = H->episodes;
    h->nepisodes = n;
    return 0;
}

static tendo_day first_day(const struct tendo_history *h)
{
    tendo_day f = h->last;
    if (h->nsessions && h->sessions[0].date < f)
        f = h->sessions[0].date;
    if (h->nchecks && h->checks[0].date < f)
        f = h->checks[0].date;
    if (h->nrehab && h->rehab[0].date < f)
        f = h->rehab[0].date;
    if (h->nwellness && h->wellness[0].date < f)
        f = h->wellness[0].date;
    if (h->nassessments && h->assessments[0].date < f)
        f = h->assessments[0].date;
    return f;
}

int history_build(const struct tendo_history_input *in, int own,
                  struct tendo_history **out, struct tendo_error *err)
{
    struct hist_impl *H;
    struct tendo_history *h;
    size_t nstages = 0;

    if (out)
        *out = NULL;
    if (!in || !out || in->last == TENDO_DAY_NONE || in->last < TENDO_DAY_MIN ||
        (in->nsessions && !in->sessions) || (in->nchecks && !in->checks) ||
        (in->nrehab && !in->rehab) || (in->nwellness && !in->wellness) ||
        (in->nassessments && !in->assessments) || (in->nshoes && !in->shoes) ||
        (in->nclearances && !in->clearances) ||
        (in->nroutine && !in->routine))
        return tendo_fail(err, TENDO_EUSAGE, "tendo_history_build: bad "
                                             "arguments");
    if (!(H = tendo_calloc(1, sizeof *H))) {
        if (own)
            history_input_free(in);
        return tendo_fail(err, TENDO_ENOMEM, "out of memory");
    }
    h = &H->pub;
    if (in->athlete)
        h->athlete = *in->athlete;
    else
        tendo_athlete_init(&h->athlete);
    if (!tendo_rehab_protocol(h->athlete.protocol, &nstages)) {
        tendo_fail(err, TENDO_EUSAGE, "unknown rehab protocol '%s'",
                   h->athlete.protocol);
        if (own)
            history_input_free(in);
        tendo_history_free(h);
        return TENDO_EUSAGE;
    }
    h->load_params.max_hr = h->athlete.max_hr;
    h->load_params.rest_hr = h->athlete.rest_hr;
    h->load_params.female = h->athlete.female;
    h->last = in->last;
#define COPY(field, type, one)                                                \
    H->field = sorted_copy(in->field, in->n##field, sizeof(type),             \
                           offsetof(type, date), in->last, one, own,          \
                           &h->n##field)
    COPY(sessions, struct tendo_session, 0);
    COPY(checks, struct tendo_check, 1);
    COPY(rehab, struct tendo_rehab, 0);
    COPY(wellness, struct tendo_wellness, 1);
    COPY(assessments, struct tendo_assessment, 0);
    COPY(clearances, struct tendo_clearance, 0);
    COPY(routine, struct tendo_routine_log, 0);
#undef COPY
    if (own && in->nshoes) {
        H->shoes = (struct tendo_shoe *)in->shoes;
    } else {
        H->shoes = tendo_malloc((in->nshoes ? in->nshoes : 1) *
                                sizeof *H->shoes);
        if (H->shoes && in->nshoes)
            memcpy(H->shoes, in->shoes, in->nshoes * sizeof *H->shoes);
        if (own)
            tendo_free((void *)in->shoes);
    }
    if (!H->sessions || !H->checks || !H->rehab || !H->wellness ||
        !H->assessments || !H->shoes || !H->clearances || !H->routine)
        goto nomem;
    h->nshoes = in->nshoes;
    h->sessions = H->sessions;
    h->checks = H->checks;
    h->rehab = H->rehab;
    h->wellness = H->wellness;
    h->assessments = H->assessments;
    h->shoes = H->shoes;
    h->clearances = H->clearances;
    h->routine = H->routine;

    h->first = first_day(h);
    h->ndays = (size_t)(h->last - h->first) + 1;
    H->days = tendo_calloc(h->ndays, sizeof *H->days);
    H->load = tendo_calloc(h->ndays, sizeof *H->load);
    H->weeks = tendo_calloc(h->ndays / 7 + 2, sizeof *H->weeks);
    H->stage = tendo_calloc(h->nrehab ? h->nrehab : 1, sizeof *H->stage);
    H->step = tendo_calloc(h->nrehab ? h->nrehab : 1, sizeof *H->step);
    if (!H->days || !H->load || !H->weeks || !H->stage || !H->step)
        goto nomem;
    h->days = H->days;
    h->load = H->load;
    h->weeks = H->weeks;
    h->rehab_stage = H->stage;
    h->rehab_step = H->step;

    lay_out_days(H);
    creep_window(H);
    rehab_stages(H);
    if (typical_runs(H) || flag_episodes(H))
        goto nomem;
    if (tendo_load_compute(h->sessions, h->nsessions, h->first, h->first,
                           h->last, &h->load_params, H->load, H->weeks,
                           &h->nweeks, err)) {
        tendo_history_free(h);
        return err ? err->code : TENDO_EUSAGE;
    }
    *out = h;
    return TENDO_OK;
nomem:
    tendo_history_free(h);
    return tendo_fail(err, TENDO_ENOMEM, "out of memory");
}

const struct tendo_history_day *tendo_history_day(const struct tendo_history *h,
                                                  tendo_day d)
{
    return h && d >= h->first && d <= h->last ? &h->days[d - h->first]
                                              : NULL;
}

void tendo_history_load_day(const struct tendo_history *h, tendo_day d,
                            struct tendo_load_day *o)
{
    if (h && d >= h->first && d <= h->last) {
        *o = h->load[d - h->first];
        return;
    }
    memset(o, 0, sizeof *o);
    o->date = d;
    o->acwr = o->acwr_ewma = o->monotony = NAN;
}

void tendo_history_load_week(const struct tendo_history *h, tendo_day ws,
                             struct tendo_load_week *o)
{
    if (h && h->nweeks && ws >= h->weeks[0].week_start &&
        ws <= h->weeks[h->nweeks - 1].week_start) {
        *o = h->weeks[(ws - h->weeks[0].week_start) / 7];
        return;
    }
    memset(o, 0, sizeof *o);
    o->week_start = ws;
    o->ramp_pct = o->monotony = o->strain = o->cadence_spm = o->efficiency =
        NAN;
}

double tendo_history_lsi(const struct tendo_history *h, tendo_day from,
                         tendo_day to)
{
    double v = NAN;
    for (size_t i = 0; h && i < h->nassessments; i++) {
        const struct tendo_assessment *a = &h->assessments[i];
        if (a->date > to)
            break;
        if (a->date >= from && !strcmp(a->kind, "heel-raise") &&
            !isnan(a->score))
            v = a->score;
    }
    return v;
}

void history_input_free(const struct tendo_history_input *in)
{
    tendo_free((void *)in->sessions);
    tendo_free((void *)in->checks);
    tendo_free((void *)in->rehab);
    tendo_free((void *)in->wellness);
    tendo_free((void *)in->assessments);
    tendo_free((void *)in->shoes);
    tendo_free((void *)in->clearances);
    tendo_free((void *)in->routine);
}

int tendo_history_build(const struct tendo_history_input *in,
                        struct tendo_history **out, struct tendo_error *err)
{
    return history_build(in, 0, out, err);
}
