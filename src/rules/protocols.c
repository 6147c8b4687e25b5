/*
 * src/rules/protocols.c - the rehab programmes as stage tables and which
 * stage a logged session belongs to (tendo/rehab.h; clinical.md §7). Pure
 * data and look-ups: the history works out each session's stage with
 * them, the stage decision (rehab.c) reads that.
 */
#include "tendo/rehab.h"
#include "tendo/clinical.h"

#include <math.h>
#include <string.h>

#define RM NAN  /* a repetition-maximum load: the athlete picks the weight */

/* clinical.md §7: the seed's stages; advance after 3 sessions with pain <= 3
 * whose next mornings were not above baseline; loaded steps of 2.5 kg. The
 * last stage is for insertional pain only: drops stay at floor level
 * (Jonsson et al. 2008), loaded progressively instead of off a step. */
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
    {"single-leg heel drops on the floor with added load", "heel-drop",
     "flat", 3, 10, 2.5, 2.5, "3-1-1", 3, 3, 4,
     "on flat ground, never below it, with weight in a backpack; +2.5 kg "
     "per step"},
};
static const int seed_mid[] = {0, 1, 2, 3, 4}, seed_ins[] = {0, 1, 5};
static const int seed_twin[] = {0, 1, 1, 1, 5, 4};

/* Alfredson et al. 1998: 3 x 15 straight- and bent-knee drops twice daily;
 * add load (+5 kg) when the exercise becomes pain-free. With insertional
 * pain the drops stop at floor level (Jonsson et al. 2008). */
static const struct tendo_rehab_stage alfredson[] = {
    {"eccentric drops off a step, straight and bent knee", "heel-drop",
     "step", 3, 15, 0, 0, "3-0-0", 3, 0, 7,
     "3 x 15 with the knee straight and 3 x 15 bent, twice a day; some pain "
     "is allowed; rise on the other leg"},
    {"eccentric drops off a step with a loaded backpack", "heel-drop",
     "step", 3, 15, 5, 5, "3-0-0", 3, 0, 7,
     "the same with weight in a backpack, twice a day; +5 kg when "
     "pain-free again"},
    {"eccentric drops to floor level, straight and bent knee", "heel-drop",
     "flat", 3, 15, 0, 0, "3-0-0", 3, 0, 7,
     "3 x 15 with the knee straight and 3 x 15 bent, twice a day, on flat "
     "ground - the heel never below the forefoot; some pain is allowed"},
    {"eccentric drops to floor level with a loaded backpack", "heel-drop",
     "flat", 3, 15, 5, 5, "3-0-0", 3, 0, 7,
     "the same on flat ground with weight in a backpack; +5 kg when "
     "pain-free again"},
};
static const int alfredson_mid[] = {0, 1}, alfredson_ins[] = {2, 3};
static const int alfredson_twin[] = {2, 3, 0, 1};

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
/* with insertional pain the same stages, no dorsiflexion past neutral */
static const int hsr_all[] = {0, 1, 2, 3, 4};
static const int hsr_twin[] = {0, 1, 2, 3, 4};

/* Silbernagel et al. 2007: four phases; advance when the phase is done with
 * pain <= 5 that settles by the next morning. With insertional pain phases
 * 2 and 3 stay on the floor. */
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
    {"phase 2: heel raises on the floor and quick rebounds",
     "single-leg-raise", "flat", 3, 15, 0, 0, "2-0-2", 14, 5, 7,
     "one-leg raises on flat ground 3 x 15 plus quick-rebound raises 3 x 20"},
    {"phase 3: loaded raises on the floor and plyometrics", "heel-drop",
     "flat", 3, 15, 5, 0, "2-0-2", 21, 5, 7,
     "loaded one-leg and eccentric raises 3 x 15 on flat ground, never "
     "below it, plus hopping drills"},
};
static const int silbernagel_mid[] = {0, 1, 2, 3},
                 silbernagel_ins[] = {0, 4, 5, 3};
static const int silbernagel_twin[] = {0, 4, 5, 3, 1, 2};

#define N(a) (sizeof a / sizeof *a)
static const struct {
    const char *name;
    const struct tendo_rehab_stage *stages;
    size_t n;
    const int *mid, *ins;       /* the ladders: midportion (and unsure) */
    size_t nmid, nins;          /* and insertional pain */
    const int *twin;            /* each stage's floor-level (or full-range)
                                   counterpart in the other ladder */
} protocols[] = {
    {"seed", seed, N(seed), seed_mid, seed_ins, N(seed_mid), N(seed_ins),
     seed_twin},
    {"alfredson", alfredson, N(alfredson), alfredson_mid, alfredson_ins,
     N(alfredson_mid), N(alfredson_ins), alfredson_twin},
    {"hsr", hsr, N(hsr), hsr_all, hsr_all, N(hsr_all), N(hsr_all), hsr_twin},
    {"silbernagel", silbernagel, N(silbernagel), silbernagel_mid,
     silbernagel_ins, N(silbernagel_mid), N(silbernagel_ins),
     silbernagel_twin},
};

static int find(const char *name)
{
    if (!name || !*name)
        name = "seed";
    for (size_t i = 0; i < N(protocols); i++)
        if (!strcmp(protocols[i].name, name))
            return (int)i;
    return -1;
}

const struct tendo_rehab_stage *tendo_rehab_protocol(const char *name,
                                                     size_t *n)
{
    int i = find(name);
    *n = i < 0 ? 0 : protocols[i].n;
    return i < 0 ? NULL : protocols[i].stages;
}

const int *tendo_rehab_ladder(const char *name, int insertional, size_t *n)
{
    int i = find(name);
    if (i < 0)
        return *n = 0, (const int *)NULL;
    *n = insertional ? protocols[i].nins : protocols[i].nmid;
    return insertional ? protocols[i].ins : protocols[i].mid;
}

int tendo_rehab_twin(const char *name, int index)
{
    int i = find(name);
    if (i < 0 || index < 0 || (size_t)index >= protocols[i].n)
        return index;
    return protocols[i].twin[index];
}

/* the stage (0-based) and load step a logged session belongs to; -1 if its
 * exercise is not in the protocol. A session without a surface matches
 * none by it; of stages that fit it equally, one on the day's ladder
 * (`ladder`, n_ladder) wins, then the first. */
static int stage_of(const struct tendo_rehab_stage *st, size_t n,
                    const int *ladder, size_t nl,
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
        s = 8;
        if (r->surface[0] && !strcmp(st[i].surface, r->surface))
            s += 4;
        if (st[i].sets == r->sets && st[i].reps == r->reps)
            s += 2;
        if (!isnan(st[i].load_kg) && loaded == (load > 0))
            s += 4;
        for (size_t k = 0; k < nl; k++)
            s += ladder[k] == (int)i;
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

int tendo_rehab_stage_of(const char *protocol, int insertional,
                         const struct tendo_rehab *r, int *step)
{
    size_t n, nl;
    const struct tendo_rehab_stage *st = tendo_rehab_protocol(protocol, &n);
    const int *ladder = tendo_rehab_ladder(protocol, insertional, &nl);
    *step = 0;
    return st ? stage_of(st, n, ladder, nl, r, step) + 1 : 0;
}
