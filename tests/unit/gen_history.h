/*
 * tests/unit/gen_history.h - random athlete histories for the property
 * tests (rules_props, plan): runs and cross-training at a typical length,
 * checks with gaps, session pain, flags, sleep, rehab at a protocol's
 * stages. Deterministic from rng_state. Header-only (static functions),
 * included by one test file each.
 */
#ifndef TENDO_TEST_GEN_HISTORY_H
#define TENDO_TEST_GEN_HISTORY_H

#define MAXDAYS 90

static uint64_t rng_state;

static uint32_t rnd(void)   /* xorshift64* */
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545F4914F6CDD1DULL) >> 32);
}

static int range(int lo, int hi) { return lo + (int)(rnd() % (uint32_t)(hi - lo + 1)); }
static int chance(int pct) { return range(1, 100) <= pct; }

struct gen {
    tendo_day today;
    struct tendo_check checks[MAXDAYS + 1];
    size_t nchecks;
    struct tendo_session sessions[2 * MAXDAYS];
    size_t nsessions;
    struct tendo_wellness wellness[MAXDAYS + 1];
    size_t nwellness;
    struct tendo_rehab rehab[MAXDAYS + 1];
    size_t nrehab;
    struct tendo_clearance clear[MAXDAYS + 1];
    size_t nclear;
    /* routine blocks done (§7a): from the day alone, not the random
     * stream, so the other figures stay as they were */
    struct tendo_routine_log routine[5 * (MAXDAYS + 1)];
    size_t nroutine;
    const char *protocol;
    double ramp;
    int today_check;   /* index of today's check, -1 if none */
    int yday_check;    /* index of yesterday's check, -1 if none */
};

static void generate(struct gen *g)
{
    int days = range(35, MAXDAYS), every = range(1, 3), typical = range(15, 80);
    /* how symptomatic this athlete tends to be: many calm ones */
    int level = chance(45) ? 0 : range(1, 4);
    int checks = level ? 85 : 97;
    memset(g, 0, sizeof *g);
    g->today = D("2026-11-24") - range(0, 400);
    g->ramp = range(0, 30) / 100.0;
    g->today_check = g->yday_check = -1;
    {
        static const char *const protos[] = {"seed", "alfredson", "hsr",
                                             "silbernagel"};
        size_t ns;
        const struct tendo_rehab_stage *st;
        int at = 0;
        g->protocol = protos[range(0, 3)];
        st = tendo_rehab_protocol(g->protocol, &ns);
        for (int d = -days; d < 0; d++) {
            struct tendo_rehab *r;
            if (!chance(60))
                continue;
            if (chance(8) && at + 1 < (int)ns)
                at++;
            r = &g->rehab[g->nrehab++];
            tendo_rehab_init(r);
            r->date = g->today + d;
            strcpy(r->exercise, st[at].exercise);
            strcpy(r->surface, st[at].surface);
            r->sets = st[at].sets;
            r->reps = st[at].reps;
            r->load_kg = isnan(st[at].load_kg) ? 40 : st[at].load_kg;
            if (chance(50))
                r->pain = range(0, 6);
        }
    }
    /* some athletes take a break from running (clinical.md §6), some have
     * stiffness creeping up (§3.1) */
    int has_brk = chance(12), brk_to = -range(0, 20),
        brk_from = has_brk ? brk_to - range(10, 40) : 1;
    int creep = chance(10) ? range(1, 3) : 0;
    for (int d = -days; d <= 0; d++) {
        tendo_day day = g->today + d;
        int off = d >= brk_from && d <= brk_to;
        if (d < 0 && !off && (d % every == 0 || chance(10))) {
            struct tendo_session *s = &g->sessions[g->nsessions++];
            tendo_session_init(s);
            s->date = day;
            strcpy(s->type, chance(85) ? "run" : "bike");
            s->minutes = typical * range(50, 150) / 100.0;
            if (chance(80))
                s->distance_m = s->minutes / (range(45, 70) / 10.0) * 1000;
            if (chance(50))
                s->rpe = range(2, 8);
            if (chance(40))
                s->pain_during = range(0, level ? level + 3 : 2);
        }
        if (chance(d == 0 ? 80 : checks)) {
            struct tendo_check *c = &g->checks[g->nchecks];
            tendo_check_init(c);
            c->date = day;
            c->morning = chance(95) ? range(0, level ? level + 2 : 1) : TENDO_UNSET;
            c->stiffness_min = chance(90) ? range(level ? 0 : 5, 10 + level * 8)
                                          : TENDO_UNSET;
            if (creep && c->stiffness_min != TENDO_UNSET)
                c->stiffness_min += creep * (days + d) / 3;
            if (chance(50))
                c->during = range(0, level ? level + 3 : 2);
            if (chance(50))
                c->after = range(0, level ? level + 3 : 2);
            if (chance(10))
                c->hop_pain = range(0, 6);
            if (chance(level ? 1 : 0)) {
                c->flags = 1u << range(0, 6);
                /* most red flags get seen to within days (clinical.md
                 * §2: they stay open until a clearance) */
                if (d < 0 && (c->flags & TENDO_FLAG_RED) && chance(85)) {
                    struct tendo_clearance *x = &g->clear[g->nclear++];
                    tendo_clearance_init(x);
                    x->flags = c->flags;
                    x->date = day + range(0, 10);
                    if (x->date > g->today)
                        x->date = g->today;
                }
            }
            if (d == 0)
                g->today_check = (int)g->nchecks;
            if (d == -1)
                g->yday_check = (int)g->nchecks;
            g->nchecks++;
        }
        if (chance(60)) {
            struct tendo_wellness *w = &g->wellness[g->nwellness++];
            tendo_wellness_init(w);
            w->date = day;
            w->sleep_h = range(40, 95) / 10.0;
        }
        {
            uint32_t hsh = (uint32_t)day * 2654435761u;
            for (int b = 0; b < 5; b++)
                if ((hsh >> (8 + 3 * b)) & 1 && (hsh >> 28) & 1) {
                    struct tendo_routine_log *x = &g->routine[g->nroutine++];
                    tendo_routine_log_init(x);
                    x->date = day;
                    snprintf(x->block, sizeof x->block, "%s",
                             tendo_routine_blocks[b]);
                }
        }
    }
}

/* the generated history as a tendo_history (settings: protocol, ramp and
 * the plan settings given) */
static inline struct tendo_history *gen_history_with(const struct gen *g,
                                              const struct tendo_athlete *ath)
{
    struct tendo_history_input in;
    struct tendo_history *h;
    struct tendo_error e = {0};
    memset(&in, 0, sizeof in);
    in.last = g->today;
    in.athlete = ath;
    in.checks = g->checks;
    in.nchecks = g->nchecks;
    in.sessions = g->sessions;
    in.nsessions = g->nsessions;
    in.wellness = g->wellness;
    in.nwellness = g->nwellness;
    in.rehab = g->rehab;
    in.nrehab = g->nrehab;
    in.clearances = g->clear;
    in.nclearances = g->nclear;
    in.routine = g->routine;
    in.nroutine = g->nroutine;
    if (tendo_history_build(&in, &h, &e))
        fail_msg("history failed: %s", e.msg);
    return h;
}

static inline struct tendo_history *gen_history(const struct gen *g)
{
    struct tendo_athlete ath;
    tendo_athlete_init(&ath);
    snprintf(ath.protocol, sizeof ath.protocol, "%s", g->protocol);
    ath.ramp = g->ramp;
    return gen_history_with(g, &ath);
}

#endif
