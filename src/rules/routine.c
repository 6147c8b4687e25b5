/*
 * rules/routine.c - §7a: the routine around the rehab stage (tendo/rules.h,
 * docs/clinical.md §7a). The day's blocks - warm-up, mobility, the evening
 * mobility, the calf complex and balance, the isometric holds of a flare -
 * each with its dose, gated like the stage: nothing for the leg while a
 * suspected rupture or clot is open, mobility only (pain-free) with the
 * other red flags, mobility and calf holds while a flare-up pauses, the
 * calf complex held and an evening block added on a stiff morning, and
 * stretches only to neutral with pain at the insertion. Pure.
 */
#include "rules/advice.h"
#include "rules/routine.h"

#include <string.h>

static const char *const block_names[TENDO_BLOCK_COUNT] = {
    "warm-up", "mobility", "evening-mobility", "calf-complex", "isometric"};

const char *tendo_block_name(int block)
{
    return block >= 0 && block < TENDO_BLOCK_COUNT ? block_names[block] : "";
}

int tendo_block_of(const char *name)
{
    for (int i = 0; i < TENDO_BLOCK_COUNT; i++)
        if (strcmp(block_names[i], name) == 0)
            return i;
    return -1;
}

/* the doses (docs/clinical.md §7a), in the project's own words */
static const struct tendo_block_item warmup[] = {
    {"ankle circles, slow and controlled, each way", 1, 10, 0, 1},
    {"against a light band: point the foot down, then pull it up", 2, 15, 0,
     1},
    {"easy calf raises on both legs", 1, 15, 0, 0},
    {"brisk walk or a very easy jog", 1, 0, 240, 0},
};
static const struct tendo_block_item mobility[] = {
    {"knee to the wall, heel down (ankle bend)", 2, 10, 0, 1},
    {"calf stretch, knee straight", 2, 0, 30, 1},
    {"calf stretch, knee bent", 2, 0, 30, 1},
};
static const struct tendo_block_item evening[] = {
    {"ankle circles, gently, each way", 1, 10, 0, 1},
    {"knee to the wall, heel down", 1, 10, 0, 1},
    {"calf stretch, knee straight, then bent", 1, 0, 30, 1},
};
static const struct tendo_block_item calf[] = {
    {"seated calf raises, knee bent (the soleus)", 3, 15, 0, 1},
    {"against a band: push the foot down slowly", 3, 15, 0, 1},
    {"balance on one leg", 3, 0, 30, 1},
};
static const struct tendo_block_item isometric[] = {
    {"calf hold: rise a little on both feet and hold", 5, 0, 30, 0},
};

/* the athlete's doses (the settings) over the defaults above */
static void dose(struct tendo_routine_block *b, const struct tendo_athlete *a)
{
    for (size_t i = 0; i < b->nitems; i++) {
        struct tendo_block_item *x = &b->items[i];
        switch (b->block) {
        case TENDO_BLOCK_WARMUP:
            if (x->seconds)
                x->seconds = a->warmup_walk_min * 60;
            break;
        case TENDO_BLOCK_MOBILITY:
            x->sets = a->mobility_sets;
            break;
        case TENDO_BLOCK_CALF:
            x->sets = a->calf_sets + (b->held ? 0 : b->level - 1);
            if (x->reps)
                x->reps = a->calf_reps;
            break;
        case TENDO_BLOCK_ISOMETRIC:
            x->seconds = a->hold_seconds;
            break;
        default:
            break;
        }
    }
}

static struct tendo_routine_block *add(struct tendo_routine *r, int block,
                                       const char *when,
                                       const struct tendo_block_item *items,
                                       size_t n)
{
    struct tendo_routine_block *b = &r->blocks[r->nblocks++];
    memset(b, 0, sizeof *b);
    b->block = block;
    b->when = when;
    b->level = 1;
    b->note = "";
    b->nitems = n;
    memcpy(b->items, items, n * sizeof *items);
    return b;
}

#define ADD(r, block, when, items)                                          \
    add(r, block, when, items, sizeof items / sizeof *items)

int rules_calf_day(tendo_day day, int hard_before)
{
    int wd = tendo_day_weekday(day);   /* 0 = Monday */
    return (wd == 1 || wd == 3 || wd == 5) && !hard_before;
}

/* in the order of the day: warm-up, mobility, evening, calf, holds */
static void in_order(struct tendo_routine *r)
{
    for (size_t i = 1; i < r->nblocks; i++)
        for (size_t k = i; k > 0 && r->blocks[k - 1].block > r->blocks[k].block;
             k--) {
            struct tendo_routine_block t = r->blocks[k];
            r->blocks[k] = r->blocks[k - 1];
            r->blocks[k - 1] = t;
        }
}

static void routine_blocks(const struct day *d, struct tendo_advice *o);

void rules_routine(const struct day *d, struct tendo_advice *o)
{
    routine_blocks(d, o);
    for (size_t i = 0; i < o->routine.nblocks; i++)
        dose(&o->routine.blocks[i], &d->v.h->athlete);
    in_order(&o->routine);
}

static void routine_blocks(const struct day *d, struct tendo_advice *o)
{
    struct tendo_routine *r = &o->routine;
    unsigned open = d->t->open_flags;
    int flare = d->rp.f.step == TENDO_FLARE_PAUSE ||
                d->rp.f.step == TENDO_FLARE_REASSESS;
    int stiff = d->t->stiffness != TENDO_UNSET &&
                (d->t->stiffness > TENDO_STIFF_HOLD_MIN ||
                 d->t->stiffness > d->bs);
    int insertional = d->t->insertional;
    struct tendo_routine_block *b;
    memset(r, 0, sizeof *r);
    r->gate = "";
    if (open & TENDO_FLAG_NO_EXERCISE) {
        r->gate = "a red flag rules out exercising the leg until a clinician "
                  "has seen you";
        return;
    }
    b = ADD(r, TENDO_BLOCK_MOBILITY, "today", mobility);
    if (insertional)
        b->note = "on flat ground and only to neutral: no stretching over "
                  "a step edge (it presses on the insertion)";
    if (open & TENDO_FLAG_RED) {
        b->note = insertional ? "pain-free only; on flat ground, to neutral"
                              : "pain-free only";
        r->gate = "an open red flag: mobility only, pain-free, until a "
                  "clinician has seen you";
        return;
    }
    if (stiff) {
        b = ADD(r, TENDO_BLOCK_EVENING, "this evening", evening);
        if (insertional)
            b->note = "to neutral only";
    }
    if (flare) {
        ADD(r, TENDO_BLOCK_ISOMETRIC, "today", isometric)->note =
            "a gentle load while running pauses (not a painkiller: the "
            "evidence for relief is weak)";
        r->gate = "a flare-up: mobility and calf holds; warm-up and the calf "
                  "complex come back with running";
        return;
    }
    if (o->run_allowed || (o->has_rehab && !(o->rehab_load_kg == 0)))
        ADD(r, TENDO_BLOCK_WARMUP,
            o->run_allowed ? "before the run and the rehab"
                           : "before the rehab",
            warmup);
    if (rules_calf_day(d->today, d->y->hard_runs > 0)) {
        b = ADD(r, TENDO_BLOCK_CALF, "today", calf);
        if (stiff) {
            b->held = 1;
            b->note = "held at its dose while the mornings are stiff";
        } else {
            /* +1 set (and harder balance) after 2 and 4 weeks of good
             * days in a row: no symptom rise */
            int good = 0;
            while (good < 2 * TENDO_BLOCK_PROGRESS_DAYS &&
                   rules_good_day(&d->v, d->today - good))
                good++;
            b->level = good >= 2 * TENDO_BLOCK_PROGRESS_DAYS ? 3
                       : good >= TENDO_BLOCK_PROGRESS_DAYS   ? 2
                                                             : 1;
            /* the sets gained are added to the dose (dose()) */
            b->note = b->level == 3   ? "balance on a cushion, eyes closed"
                      : b->level == 2 ? "balance with eyes closed"
                                      : "";
        }
    }
}

struct days_ctx {
    tendo_day from;
    unsigned char *due;
};

static int on_day(const struct tendo_advice *a, void *p)
{
    struct days_ctx *x = p;
    unsigned char bits = 0;
    for (size_t i = 0; i < a->routine.nblocks; i++)
        bits |= (unsigned char)(1u << a->routine.blocks[i].block);
    x->due[a->date - x->from] = bits;
    return 0;
}

int tendo_routine_days(const struct tendo_history *h, tendo_day from,
                       tendo_day to, unsigned char *due, unsigned char *done,
                       struct tendo_error *err)
{
    struct days_ctx x = {from, due};
    if (to < from)
        return tendo_fail(err, TENDO_EUSAGE, "tendo_routine_days: to < from");
    memset(due, 0, (size_t)(to - from + 1));
    memset(done, 0, (size_t)(to - from + 1));
    for (size_t i = 0; i < h->nroutine; i++) {
        int b = tendo_block_of(h->routine[i].block);
        if (b >= 0 && h->routine[i].date >= from && h->routine[i].date <= to)
            done[h->routine[i].date - from] |= (unsigned char)(1u << b);
    }
    return tendo_advise_days(h, from, to, on_day, &x, err);
}
