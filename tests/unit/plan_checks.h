/*
 * tests/unit/plan_checks.h - invariants of a plan over a generated history
 * (clinical.md §11.10, §11.11), shared by unit:plan and unit:rules_props
 * (header-only, after gen_history.h).
 */
#ifndef TENDO_TEST_PLAN_CHECKS_H
#define TENDO_TEST_PLAN_CHECKS_H

#include <inttypes.h>

/* the running minutes of `day`: logged before today, planned from today
 * (today's own logged run counts instead of its cap) */
static double run_on_day(const struct gen *g, const struct tendo_plan *p,
                         tendo_day day)
{
    double m = 0;
    if (day < g->today) {
        for (size_t i = 0; i < g->nsessions; i++)
            if (g->sessions[i].date == day &&
                !strcmp(g->sessions[i].type, "run"))
                m += g->sessions[i].minutes;
        return m;
    }
    for (size_t i = 0; i < p->ndays; i++)
        if (p->days[i].date == day)
            return p->days[i].done_min > 0
                       ? p->days[i].done_min
                       : p->days[i].kind == TENDO_PLAN_RUN ? p->days[i].run_min
                                                           : 0;
    return 0;
}

/* §11.10: after 14 days or more without a run, the first week back (7
 * days from its first run, logged or planned) is at most 70 % (50 % after
 * 28 days) of the 7 days ending on the last run before the break */
static void check_break(const struct gen *g, const struct tendo_plan *p,
                        uint64_t n)
{
    tendo_day last = TENDO_DAY_NONE, back = TENDO_DAY_NONE;
    tendo_day end = p->ndays ? p->days[p->ndays - 1].date : g->today;
    double pre = 0, week = 0, logged = 0, share;
    if (!p->ndays || p->days[0].date != g->today)
        return;     /* the days between today and `from` are not shown */
    /* the first run day from 6 days before today whose gap before it is
     * 14 days or more */
    for (tendo_day d = g->today - 60; d <= end && back == TENDO_DAY_NONE;
         d++) {
        if (run_on_day(g, p, d) <= 0)
            continue;
        if (last != TENDO_DAY_NONE && d - last - 1 >= 14 &&
            d >= g->today - 6)
            back = d;
        else
            last = d;
    }
    if (back == TENDO_DAY_NONE || last >= g->today)
        return;     /* no break, or a pause the plan itself made */
    for (tendo_day d = last - 6; d <= last; d++)
        pre += run_on_day(g, p, d);
    for (tendo_day d = back; d <= back + 6 && d <= end; d++) {
        week += run_on_day(g, p, d);
        if (d < g->today)
            logged += run_on_day(g, p, d);
    }
    share = back - last - 1 >= 28 ? 0.5 : 0.7;
    /* what the athlete already ran is theirs; the plan adds within what is
     * left */
    if (week - logged > fmax(0, share * pre - logged) + 1)
        fail_msg("case %" PRIu64 ": %.0f min in the first week back after %d "
                 "days off (%.0f logged), %.0f allowed",
                 n, week, (int)(back - last - 1), logged, share * pre);
}

/* §11.11: no planned run longer than 1.1 x the longest run (minutes) of
 * the 30 days before it, logged or planned */
static void check_spike(const struct gen *g, const struct tendo_plan *p,
                        uint64_t n)
{
    for (size_t i = 0; i < p->ndays; i++) {
        const struct tendo_plan_day *x = &p->days[i];
        double longest = 0;
        if (x->kind != TENDO_PLAN_RUN)
            continue;
        for (size_t k = 0; k < g->nsessions; k++) {
            const struct tendo_session *s = &g->sessions[k];
            if (!strcmp(s->type, "run") && s->date < x->date &&
                s->date >= x->date - 30 && !isnan(s->minutes))
                longest = fmax(longest, s->minutes);
        }
        for (size_t k = 0; k < i; k++)
            if (p->days[k].kind == TENDO_PLAN_RUN &&
                p->days[k].date >= x->date - 30)
                longest = fmax(longest, p->days[k].run_min);
        if (longest > 0 && x->run_min > 1.1 * longest + 1e-9)
            fail_msg("case %" PRIu64 ": a %d-minute run after a longest of "
                     "%.0f in 30 days",
                     n, x->run_min, longest);
    }
}

#endif
