/*
 * src/rules/rehab.c - the rehab programmes as tables and the stage
 * decision (clinical.md §7). Pure: see tendo/rehab.h.
 */
#include "tendo/rehab.h"
#include "tendo/clinical.h"
#include "rehab_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define RM NAN  /* a repetition-maximum load: the athlete picks the weight */

/* clinical.md §7: the seed's stages; advance after 3 sessions with pain <= 3
 * whose next mornings were not above baseline; loaded steps of 2.5 kg */
static const struct tendo_rehab_stage seed[] = {
    {"two-leg heel raises on the floor", "heel-raise", "flat", 3, 10, 0, 0,
     "2-1-2", 3, 3, 7,
     "rise on both feet, lower slowly on both"},
    {"single-leg heel drops on the floor", "heel-drop", "flat", 3, 10, 0, 0,
     "3-1-1", 3, 3, 7,
     "lower on the sore leg over 3 s, pause 1 s, rise with help from the "
     "other leg"},
    {"single-leg heel drops off a step, full range", "heel-drop", "step", 3,
     12, 0, 0, "3-1-1", 3, 3, 7,
     "from a step edge, lower below the step over 3 s, pause, rise on both"},
    {"single-leg heel drops on a decline", "heel-drop", "decline", 3, 12, 0,
     0, "3-1-1", 3, 3, 7,
     "on a slope facing downhill, lower over 3 s, pause, rise on both"},
    {"heel drops off a step with added load", "heel-drop", "step", 3, 10,
     2.5, 2.5, "3-1-1", 3, 3, 4,
     "as off the step, with weight in a backpack; +2.5 kg per step"},
};

/* Alfredson et al. 1998: 3 x 15 straight- and bent-knee drops twice daily;
 * add load (+5 kg) when the exercise becomes pain-free */
static const struct tendo_rehab_stage alfredson[] = {
    {"eccentric drops off a step, straight and bent knee", "heel-drop",
     "step", 3, 15, 0, 0, "3-0-0", 3, 0, 7,
     "3 x 15 with the knee straight and 3 x 15 bent, twice a day; some pain "
     "is allowed; rise on the other leg"},
    {"eccentric drops off a step with a loaded backpack", "heel-drop",
     "step", 3, 15, 5, 5, "3-0-0", 3, 0, 7,
     "the same with weight in a backpack, twice a day; +5 kg when "
     "pain-free again"},
};

/* Beyer et al. 2015: 3 sessions a week, seated, standing and leg-press
 * calf raises, 3 s up and 3 s down, heavier as the reps go down */
static const struct tendo_rehab_stage hsr[] = {
    {"heavy slow resistance, week 1: 3 x 15RM", "seated-raise", "flat", 3,
     15, RM, 0, "3-0-3", 3, 5, 3,
     "seated, standing and leg-press calf raises, a weight you can lift 15 "
     "times, 3 times a week"},
    {"heavy slow resistance, weeks 2-3: 3 x 12RM", "seated-raise", "flat", 3,
     12, RM, 0, "3-0-3", 6, 5, 3, "the three raises at your 12-repetition maximum"},
    {"heavy slow resistance, weeks 4-5: 4 x 10RM", "seated-raise", "flat", 4,
     10, RM, 0, "3-0-3", 6, 5, 3, "the three raises at your 10-repetition maximum"},
    {"heavy slow resistance, weeks 6-8: 4 x 8RM", "seated-raise", "flat", 4,
     8, RM, 0, "3-0-3", 9, 5, 3, "the three raises at your 8-repetition maximum"},
    {"heavy slow resistance, weeks 9-12: 4 x 6RM", "seated-raise", "flat", 4,
     6, RM, 0, "3-0-3", 12, 5, 3, "the three raises at your 6-repetition maximum"},
};

/* Silbernagel et al. 2007: four phases; advance when the phase is done with
 * pain <= 5 that settles by the next morning */
static const struct tendo_rehab_stage silbernagel[] = {
    {"phase 1: heel raises on the floor", "heel-raise", "flat", 3, 10, 0, 0,
     "2-0-2", 7, 5, 7,
     "two-leg, one-leg and eccentric heel raises on the floor, daily"},
    {"phase 2: heel raises on a step and quick rebounds", "single-leg-raise",
     "step", 3, 15, 0, 0, "2-0-2", 14, 5, 7,
     "one-leg raises on a step edge 3 x 15 plus quick-rebound raises 3 x 20"},
    {"phase 3: loaded raises and plyometrics", "heel-drop", "step", 3, 15, 5,
     0, "2-0-2", 21, 5, 7,
     "loaded one-leg and eccentric raises 3 x 15 plus hopping drills"},
    {"phase 4: maintenance", "single-leg-raise", "flat", 3, 15, 0, 0,
     "2-0-2", 0, 5, 3, "one-leg raises 3 x 15, 2-3 times a week"},
};

static const struct {
    const char *name;
    const struct tendo_rehab_stage *stages;
    size_t n;
} protocols[] = {
    {"seed", seed, sizeof seed / sizeof *seed},
    {"alfredson", alfredson, sizeof alfredson / sizeof *alfredson},
    {"hsr", hsr, sizeof hsr / sizeof *hsr},
    {"silbernagel", silbernagel, sizeof silbernagel / sizeof *silbernagel},
};

const struct tendo_rehab_stage *tendo_rehab_protocol(const char *name,
                                                     size_t *n)
{
    if (!name || !*name)
        name = "seed";
    for (size_t i = 0; i < sizeof protocols / sizeof *protocols; i++)
        if (!strcmp(protocols[i].name, name))
            return *n = protocols[i].n, protocols[i].stages;
    *n = 0;
    return NULL;
}

/* the decisions' reason codes (docs/reasons.md), all informative */
enum { R_START, R_ADVANCE, R_BUILDING, R_RESPONSE, R_STIFFNESS, R_REENTRY,
       R_REGRESS, R_TOP };
const struct tendo_reason_info rehab_reasons[] = {
    {"rehab_start", TENDO_LEVEL_PROGRESS, "§7"},
    {"rehab_advance", TENDO_LEVEL_PROGRESS, "§7"},
    {"rehab_hold_building", TENDO_LEVEL_PROGRESS, "§7"},
    {"rehab_hold_response", TENDO_LEVEL_PROGRESS, "§7"},
    {"rehab_hold_stiffness", TENDO_LEVEL_PROGRESS, "§3.1, §7"},
    {"rehab_hold_reentry", TENDO_LEVEL_PROGRESS, "§4, §7"},
    {"rehab_regress_flare", TENDO_LEVEL_PROGRESS, "§4, §7"},
    {"rehab_top", TENDO_LEVEL_PROGRESS, "§7"},
};
const size_t rehab_nreasons = sizeof rehab_reasons / sizeof *rehab_reasons;

/* the stage (0-based) and load step a logged session belongs to; -1 if its
 * exercise is not in the protocol */
static int stage_of(const struct tendo_rehab_stage *st, size_t n,
                    const struct tendo_rehab *r, int *step)
{
    int best = -1, score = 0;
    double load = isnan(r->load_kg) ? 0 : r->load_kg;
    *step = 0;
    for (size_t i = 0; i < n; i++) {
        int s = 0;
        int loaded = st[i].load_kg > 0 || st[i].load_step > 0;
        if (strcmp(st[i].exercise, r->exercise))
            continue;
        s = 4;
        if (!strcmp(st[i].surface, r->surface[0] ? r->surface : "flat"))
            s += 2;
        if (st[i].sets == r->sets && st[i].reps == r->reps)
            s += 1;
        if (!isnan(st[i].load_kg) && loaded == (load > 0))
            s += 2;
        if (s > score) {
            score = s;
            best = (int)i;
        }
    }
    if (best >= 0 && st[best].load_step > 0) {
        double k = floor((load - st[best].load_kg) / st[best].load_step + 0.5);
        *step = k < 0 ? 0 : k > TENDO_REHAB_MAX_STEPS ? TENDO_REHAB_MAX_STEPS
                                                   : (int)k;
    }
    return best;
}

int tendo_rehab_stage_of(const char *protocol, const struct tendo_rehab *r,
                         int *step)
{
    size_t n;
    const struct tendo_rehab_stage *st = tendo_rehab_protocol(protocol, &n);
    *step = 0;
    return st ? stage_of(st, n, r, step) + 1 : 0;
}

/* §7: a session counts toward advancing when its pain was within the
 * stage's limit and the next morning was not above baseline (2/10 while
 * the baseline is not known) */
static int tolerated(const struct tendo_history *h,
                     const struct tendo_rehab_stage *st,
                     const struct tendo_rehab *r)
{
    const struct tendo_history_day *next = tendo_history_day(h, r->date + 1);
    if (r->pain != TENDO_UNSET && r->pain > st->max_pain)
        return 0;
    /* with the baseline not known: within the safe zone */
    return next && next->morning != TENDO_UNSET &&
           next->morning <= (next->base_morning == TENDO_UNSET
                                 ? TENDO_PAIN_SAFE_MAX
                                 : next->base_morning);
}

static void set(struct tendo_rehab_plan *o, const char *decision, int code,
                const char *text)
{
    o->decision = decision;
    o->code = rehab_reasons[code].code;
    snprintf(o->text, sizeof o->text, "%s", text);
}

/* The sessions at the current stage and step: the run of days with such
 * sessions, newest first, within the window before `until` (a day with
 * only other sessions ends it, §7); how many, and whether each was
 * tolerated. */
struct at_stage {
    int cur, step;              /* 0-based stage, load step */
    int count, all_ok;
};

static void sessions_at_stage(const struct tendo_history *h,
                              const struct tendo_rehab_stage *st,
                              tendo_day until, struct at_stage *a)
{
    tendo_day stop = until - TENDO_REHAB_WINDOW_DAYS;
    a->count = 0;
    a->all_ok = 1;
    for (tendo_day day = until - 1; day > stop; day--) {
        const struct tendo_history_day *d = tendo_history_day(h, day);
        int match = 0;
        if (!d)
            break;
        for (size_t k = d->rehab0; k < d->rehab0 + d->nrehab; k++)
            match |= h->rehab_stage[k] == a->cur + 1 &&
                     h->rehab_step[k] == a->step;
        if (d->nrehab && !match) {
            stop = day;
            break;
        }
    }
    for (tendo_day day = stop + 1; day < until; day++) {
        const struct tendo_history_day *d = tendo_history_day(h, day);
        if (!d)
            continue;
        for (size_t k = d->rehab0; k < d->rehab0 + d->nrehab; k++) {
            if (h->rehab_stage[k] != a->cur + 1 || h->rehab_step[k] != a->step)
                continue;
            a->count++;
            a->all_ok &= tolerated(h, &st[a->cur], &h->rehab[k]);
        }
    }
}

/* §7: regress in a flare, hold in re-entry, while stiff or after a bad
 * response, at the top; advance after enough tolerated sessions */
static void decide(const struct tendo_rehab_input *in,
                   const struct tendo_rehab_stage *st, size_t n,
                   struct at_stage *a, struct tendo_rehab_plan *o)
{
    const struct tendo_history_day *t = tendo_history_day(in->history,
                                                          in->today);
    int cur = a->cur;
    if (in->flare_open) {
        if (st[cur].load_step > 0 && a->step > 0)
            a->step--;
        else if (cur > 0)
            a->cur--;
        set(o, "regress", R_REGRESS,
            "A flare-up is open: one stage back, no added load beyond it, "
            "until running resumes");
    } else if (in->reentry) {
        set(o, "hold", R_REENTRY,
            "Re-entering running after a flare-up: hold the rehab stage");
    } else if (t && t->stiffness != TENDO_UNSET &&
               t->stiffness > (t->base_stiffness == TENDO_UNSET
                                   ? TENDO_BASELINE_UNKNOWN_STIFF
                                   : t->base_stiffness)) {
        set(o, "hold", R_STIFFNESS,
            "Morning stiffness above your usual: never escalate while "
            "stiff");
    } else if (!a->all_ok) {
        set(o, "hold", R_RESPONSE,
            "A recent session went above the pain limit or was followed by "
            "a worse morning: hold the stage");
    } else if ((size_t)cur + 1 == n && st[cur].load_step <= 0) {
        set(o, "hold", R_TOP, "The last stage of the protocol: keep it up");
    } else if (a->count >= st[cur].sessions_to_advance) {
        if (st[cur].load_step > 0 && a->step < TENDO_REHAB_MAX_STEPS) {
            a->step++;
            set(o, "advance", R_ADVANCE,
                "The last sessions were tolerated: add the next load step");
        } else if ((size_t)cur + 1 < n) {
            a->cur++;
            a->step = 0;
            set(o, "advance", R_ADVANCE,
                "The last sessions were tolerated: on to the next stage");
        } else {
            set(o, "hold", R_TOP,
                "The last stage of the protocol: keep it up");
        }
    } else {
        char text[200];
        snprintf(text, sizeof text,
                 "%d of %d tolerated sessions at this stage before it "
                 "advances",
                 a->count, st[cur].sessions_to_advance);
        set(o, "hold", R_BUILDING, text);
    }
}

int tendo_rehab_prescribe(const struct tendo_rehab_input *in,
                          struct tendo_rehab_plan *o, struct tendo_error *err)
{
    const struct tendo_history *h;
    const struct tendo_rehab_stage *st;
    const struct tendo_history_day *d;
    struct at_stage a = {0, 0, 0, 1};
    size_t n;
    long last;
    tendo_day until;

    if (!in || !o || !(h = in->history) || in->today == TENDO_DAY_NONE ||
        in->today > h->last)
        return tendo_fail(err, TENDO_EUSAGE,
                          "tendo_rehab_prescribe: bad arguments");
    if (!(st = tendo_rehab_protocol(h->athlete.protocol, &n)))
        return tendo_fail(err, TENDO_EUSAGE, "unknown rehab protocol '%s'",
                          h->athlete.protocol);
    memset(o, 0, sizeof *o);
    o->nstages = (int)n;
    /* the latest session before today (before the flare, in one) that
     * belongs to the protocol */
    until = in->today;
    if (in->flare_open && in->flare_started != TENDO_DAY_NONE &&
        in->flare_started < until)
        until = in->flare_started;
    d = tendo_history_day(h, until - 1);
    last = d ? d->last_rehab : -1;
    if (last < 0) {
        set(o, "hold", R_START,
            "No rehab logged yet in this protocol: start at stage 1");
    } else {
        a.cur = h->rehab_stage[last] - 1;
        a.step = h->rehab_step[last];
        sessions_at_stage(h, st, until, &a);
        o->done_at_stage = a.count;
        decide(in, st, n, &a, o);
    }
    o->stage = &st[a.cur];
    o->stage_no = a.cur + 1;
    o->step = a.step;
    o->load_kg = isnan(st[a.cur].load_kg)
                     ? NAN
                     : st[a.cur].load_kg + a.step * st[a.cur].load_step;
    return 0;
}

size_t tendo_rehab_runs(const struct tendo_history *h, tendo_day from,
                        tendo_day to, struct tendo_rehab_run *out, size_t cap)
{
    size_t n = 0;
    struct tendo_rehab_run cur;
    int open = 0;
    for (size_t i = 0; h && i < h->nrehab; i++) {
        const struct tendo_rehab *r = &h->rehab[i];
        int stage = h->rehab_stage[i], step = h->rehab_step[i];
        double load = isnan(r->load_kg) ? 0 : r->load_kg;
        if (r->date < from || r->date > to)
            continue;
        if (open && (stage != cur.stage || step != cur.step ||
                     (!stage && load != cur.load_kg))) {
            if (n < cap)
                out[n] = cur;
            n++;
            open = 0;
        }
        if (!open) {
            cur.stage = stage;
            cur.step = step;
            cur.from = r->date;
            cur.max_pain = -1;
            cur.load_kg = load;
            cur.sessions = 0;
            open = 1;
        }
        cur.sessions++;
        cur.to = r->date;
        if (r->pain != TENDO_UNSET && r->pain > cur.max_pain)
            cur.max_pain = r->pain;
    }
    if (open) {
        if (n < cap)
            out[n] = cur;
        n++;
    }
    return n;
}
