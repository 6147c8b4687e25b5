/*
 * src/rules/rehab.c - the rehab stage decision and the stages over time
 * (clinical.md §7; the programmes' tables are in protocols.c). Pure: see
 * tendo/rehab.h.
 */
#include "tendo/rehab.h"
#include "tendo/clinical.h"
#include "rehab_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* the decisions' reason codes (docs/reasons.md), all informative */
enum { R_START, R_ADVANCE, R_BUILDING, R_RESPONSE, R_STIFFNESS, R_REENTRY,
       R_REGRESS, R_TOP, R_WEEK, R_UNRECORDED, R_FLOOR };
const struct tendo_reason_info rehab_reasons[] = {
    {"rehab_start", TENDO_LEVEL_PROGRESS, "§7"},
    {"rehab_advance", TENDO_LEVEL_PROGRESS, "§7"},
    {"rehab_hold_building", TENDO_LEVEL_PROGRESS, "§7"},
    {"rehab_hold_response", TENDO_LEVEL_PROGRESS, "§7"},
    {"rehab_hold_stiffness", TENDO_LEVEL_PROGRESS, "§3.1, §7"},
    {"rehab_hold_reentry", TENDO_LEVEL_PROGRESS, "§4, §7"},
    {"rehab_regress_flare", TENDO_LEVEL_PROGRESS, "§4, §7"},
    {"rehab_top", TENDO_LEVEL_PROGRESS, "§7"},
    {"rehab_hold_week", TENDO_LEVEL_PROGRESS, "§7"},
    {"rehab_hold_pain_unrecorded", TENDO_LEVEL_PROGRESS, "§7"},
    {"rehab_floor_level", TENDO_LEVEL_PROGRESS, "§7"},
};
const size_t rehab_nreasons = sizeof rehab_reasons / sizeof *rehab_reasons;

/* §7: a session counts toward advancing when its pain was recorded and
 * within the stage's limit, and the next morning was not above baseline
 * (2/10 while the baseline is not known); 1 it counts, 0 it does not
 * (pain not recorded), -1 it went badly */
static int tolerated(const struct tendo_history *h,
                     const struct tendo_rehab_stage *st,
                     const struct tendo_rehab *r)
{
    const struct tendo_history_day *next = tendo_history_day(h, r->date + 1);
    if (r->pain != TENDO_UNSET && r->pain > st->max_pain)
        return -1;
    /* with the baseline not known: within the safe zone */
    if (next && next->morning != TENDO_UNSET &&
        next->morning > (next->base_morning == TENDO_UNSET
                             ? TENDO_PAIN_SAFE_MAX
                             : next->base_morning))
        return -1;
    if (!next || next->morning == TENDO_UNSET)
        return 0;   /* not judged yet */
    return r->pain != TENDO_UNSET;
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
 * only other sessions ends it, §7); how many were tolerated with their
 * pain recorded, how many lack it, whether any went badly, and the day
 * the first of them was done. */
struct at_stage {
    const int *ladder;          /* the day's ladder */
    int nladder;
    int cur, step;              /* place on the ladder, load step */
    int count, unrecorded, all_ok;
    tendo_day first;
};

static int at(const struct tendo_history *h, const struct at_stage *a,
              size_t k)
{
    return h->rehab_stage[k] == a->ladder[a->cur] + 1 &&
           h->rehab_step[k] == a->step;
}

static void sessions_at_stage(const struct tendo_history *h,
                              const struct tendo_rehab_stage *st,
                              tendo_day until, struct at_stage *a)
{
    tendo_day stop = until - TENDO_REHAB_WINDOW_DAYS;
    a->count = a->unrecorded = 0;
    a->all_ok = 1;
    a->first = until;
    for (tendo_day day = until - 1; day > stop; day--) {
        const struct tendo_history_day *d = tendo_history_day(h, day);
        int match = 0;
        if (!d)
            break;
        for (size_t k = d->rehab0; k < d->rehab0 + d->nrehab; k++)
            match |= at(h, a, k);
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
            int ok;
            if (!at(h, a, k))
                continue;
            if (day < a->first)
                a->first = day;
            ok = tolerated(h, &st[a->ladder[a->cur]], &h->rehab[k]);
            a->count += ok > 0;
            a->unrecorded += h->rehab[k].pain == TENDO_UNSET;
            a->all_ok &= ok >= 0;
        }
    }
}

/* §3.1 rule 5, §7: never escalate while stiff */
static int stiff(const struct tendo_history_day *t)
{
    return t && t->stiffness != TENDO_UNSET &&
           (t->stiffness > TENDO_STIFF_HOLD_MIN ||
            t->stiffness > (t->base_stiffness == TENDO_UNSET
                                ? TENDO_BASELINE_UNKNOWN_STIFF
                                : t->base_stiffness));
}

/* enough tolerated sessions: the next load step or stage, at most one a
 * week (§7) */
static void advance(const struct tendo_rehab_input *in,
                    const struct tendo_rehab_stage *st, struct at_stage *a,
                    struct tendo_rehab_plan *o)
{
    const struct tendo_rehab_stage *s = &st[a->ladder[a->cur]];
    if (in->today - a->first < TENDO_REHAB_STAGE_DAYS) {
        char text[200];
        snprintf(text, sizeof text,
                 "Enough tolerated sessions, but this stage began %d days "
                 "ago: at most one step a week, so it advances in %d",
                 (int)(in->today - a->first),
                 (int)(a->first + TENDO_REHAB_STAGE_DAYS - in->today));
        set(o, "hold", R_WEEK, text);
    } else if (s->load_step > 0 && a->step < TENDO_REHAB_MAX_STEPS) {
        a->step++;
        set(o, "advance", R_ADVANCE,
            "The last sessions were tolerated: add the next load step");
    } else if (a->cur + 1 < a->nladder) {
        a->cur++;
        a->step = 0;
        set(o, "advance", R_ADVANCE,
            "The last sessions were tolerated: on to the next stage");
    } else {
        set(o, "hold", R_TOP, "The last stage of the protocol: keep it up");
    }
}

/* §7: regress in a flare, hold in re-entry, while stiff or after a bad
 * response, at the top; advance after enough tolerated sessions with
 * their pain recorded */
static void decide(const struct tendo_rehab_input *in,
                   const struct tendo_rehab_stage *st, struct at_stage *a,
                   struct tendo_rehab_plan *o)
{
    const struct tendo_history_day *t = tendo_history_day(in->history,
                                                          in->today);
    const struct tendo_rehab_stage *s = &st[a->ladder[a->cur]];
    char text[200];
    if (in->flare_open) {
        if (s->load_step > 0 && a->step > 0)
            a->step--;
        else if (a->cur > 0)
            a->cur--;
        set(o, "regress", R_REGRESS,
            "A flare-up is open: one stage back, no added load beyond it, "
            "until running resumes");
    } else if (in->reentry) {
        set(o, "hold", R_REENTRY,
            "Re-entering running after a flare-up: hold the rehab stage");
    } else if (stiff(t)) {
        set(o, "hold", R_STIFFNESS,
            t->stiffness > TENDO_STIFF_HOLD_MIN
                ? "Morning stiffness over " TENDO_STR(
                      TENDO_STIFF_HOLD_MIN) " min: never escalate while stiff"
                : "Morning stiffness above your usual: never escalate while "
                  "stiff");
    } else if (!a->all_ok) {
        set(o, "hold", R_RESPONSE,
            "A recent session went above the pain limit or was followed by "
            "a worse morning: hold the stage");
    } else if (a->cur + 1 == a->nladder && s->load_step <= 0) {
        set(o, "hold", R_TOP, "The last stage of the protocol: keep it up");
    } else if (a->count >= s->sessions_to_advance) {
        advance(in, st, a, o);
    } else if (a->unrecorded) {
        snprintf(text, sizeof text,
                 "%d of %d sessions at this stage count so far; %d more "
                 "have no pain recorded - log it (tendo rehab --pain N) so "
                 "they count",
                 a->count, s->sessions_to_advance, a->unrecorded);
        set(o, "hold", R_UNRECORDED, text);
    } else {
        snprintf(text, sizeof text,
                 "%d of %d tolerated sessions at this stage before it "
                 "advances",
                 a->count, s->sessions_to_advance);
        set(o, "hold", R_BUILDING, text);
    }
}

static int place(const int *ladder, int n, int index)
{
    for (int i = 0; i < n; i++)
        if (ladder[i] == index)
            return i;
    return -1;
}

int tendo_rehab_prescribe(const struct tendo_rehab_input *in,
                          struct tendo_rehab_plan *o, struct tendo_error *err)
{
    const struct tendo_history *h;
    const struct tendo_rehab_stage *st;
    const struct tendo_history_day *d, *t;
    struct at_stage a;
    size_t n, nl;
    long last;
    tendo_day until;
    const char *proto;

    if (!in || !o || !(h = in->history) || in->today == TENDO_DAY_NONE ||
        in->today > h->last)
        return tendo_fail(err, TENDO_EUSAGE,
                          "tendo_rehab_prescribe: bad arguments");
    proto = h->athlete.protocol;
    if (!(st = tendo_rehab_protocol(proto, &n)))
        return tendo_fail(err, TENDO_EUSAGE, "unknown rehab protocol '%s'",
                          proto);
    memset(o, 0, sizeof *o);
    memset(&a, 0, sizeof a);
    t = tendo_history_day(h, in->today);
    o->insertional = t && t->insertional;
    a.ladder = tendo_rehab_ladder(proto, o->insertional, &nl);
    a.nladder = (int)nl;
    o->nstages = (int)nl;
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
        int idx = h->rehab_stage[last] - 1, cur = place(a.ladder, a.nladder,
                                                        idx);
        a.step = h->rehab_step[last];
        if (cur < 0) {
            /* not on the day's ladder: its floor-level (or full-range)
             * counterpart, same load step where it has steps */
            cur = place(a.ladder, a.nladder, tendo_rehab_twin(proto, idx));
            a.cur = cur < 0 ? 0 : cur;
            if (st[a.ladder[a.cur]].load_step <= 0)
                a.step = 0;
            set(o, "hold", R_FLOOR,
                o->insertional
                    ? "Insertional pain: no drops below floor level - the "
                      "stage moves to its version on flat ground"
                    : "The pain is no longer insertional: back to the "
                      "full-range version of the stage");
        } else {
            a.cur = cur;
            sessions_at_stage(h, st, until, &a);
            o->done_at_stage = a.count;
            decide(in, st, &a, o);
        }
    }
    o->index = a.ladder[a.cur];
    o->stage = &st[o->index];
    o->stage_no = a.cur + 1;
    o->step = a.step;
    o->load_kg = isnan(o->stage->load_kg)
                     ? NAN
                     : o->stage->load_kg + a.step * o->stage->load_step;
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
