/*
 * src/rules/advice.h - what the advice's two halves share (private to
 * src/rules/): the rules, as a table (reasons.c), and the driver that
 * works out each day's figures, applies the table, sets the caps and
 * replays the days (rules.c).
 *
 * A rule is a small function that says whether it fires on the day and,
 * when it does and a text is wanted, writes one plain sentence. The table
 * gives its reason code, the level it asks for and its section of
 * docs/clinical.md, and optionally a cap of its own (minutes; the day's
 * cap is the smallest that applies) and what it rules out (strides and
 * hills, the long run).
 */
#ifndef TENDO_RULES_ADVICE_H
#define TENDO_RULES_ADVICE_H

#include "tendo/rules.h"
#include "flare.h"

#include <stdio.h>

/* §6: a break from running and the return after it */
enum break_state {
    BRK_NONE = 0,
    BRK_OFF,        /* no run for TENDO_BREAK_DAYS or more before today */
    BRK_WEEK1,      /* the first week back */
    BRK_WEEK2       /* the second: no progression yet */
};

struct brk {
    enum break_state state;
    tendo_day last;         /* the last run before the break */
    tendo_day back;         /* the first run after it (WEEK1, WEEK2) */
    int days;               /* days without a run */
    double share;           /* of the last full week allowed in the first */
    double T_pre;           /* the typical run before the break */
    double W_pre;           /* running minutes of the 7 days ending on
                               `last` */
    double used;            /* minutes run since `back`, before today */
    double T_back;          /* median of the runs since `back` (NAN none) */
};

/* what one day's advice leaves for the next (the days are advised in
 * order from the history's first) */
struct carry {
    int have;                   /* the day before was advised */
    enum tendo_level level;     /* its level */
    double cap;                 /* its run cap, NAN without a run */
    tendo_day episode;          /* first day of the current spell at reduce
                                   or below, TENDO_DAY_NONE */
    double episode_T;           /* the typical run that day (caps never
                                   compound, §5) */
};

/* everything the rules read about the day, worked out once */
struct day {
    struct rules_view v;
    tendo_day today;
    const struct tendo_history_day *t, *y;  /* today, yesterday */
    struct replay rp;           /* the flare state through today */
    const struct carry *c;      /* what the day before left */
    int base, base_s;           /* baselines, UNSET when unknown */
    int b, bs;                  /* the same with their assumed values */
    int pain;                   /* yesterday's session pain */
    int m7, m7prev;             /* 7-day median mornings: now, a week ago */
    int s7, s7prev;             /* the same for stiffness */
    int in_reentry;
    int good;                   /* good days in a row up to today (max 7) */
    struct brk brk;
    double T_median;            /* the 28-day typical run, NAN none */
    double T, pace;             /* typical run (min), pace (min/km) */
    double acwr, mono, ramp;
    double longest_min, longest_m;  /* §6: the longest run of the 30 days
                                       before (0 none) */
    double cap;                 /* the run cap, once the level set it */
    struct tendo_advice *o;     /* the advice so far */
};

/* at most this many rules in the table */
#define RULES_MAX 64

/* what a rule rules out on the day it fires */
enum { M_EASY = 1,      /* easy, flat or soft, no strides or hills */
       M_NO_LONG = 2 }; /* no long run */

/* fires: 1 when the rule applies to the day; with `text` it also writes
 * the rule's sentence there (n bytes). */
typedef int (*rule_fn)(const struct day *d, int arg, char *text, size_t n);
/* a rule's own cap in minutes (NAN: none) */
typedef double (*cap_fn)(const struct day *d);

struct rule {
    struct tendo_reason_info info;  /* code, level, section */
    rule_fn fires;
    int arg;
    cap_fn cap;
    unsigned mods;
};

/* the rules, in the order they are applied (reasons.c) */
extern const struct rule rules_table[];
extern const size_t rules_count;
/* applied in order once the caps are set (d->cap): they may cut today's
 * run (their cap function gives the new cap) or add a cue */
extern const struct rule rules_after_caps[];
extern const size_t rules_after_count;
enum { AFTER_SPIKE, AFTER_CONSECUTIVE, AFTER_CADENCE, AFTER_WARMUP };

/* where a rule's fact ends and its action begins: the action is dropped
 * when a more restrictive rule wins the day (it would contradict it) */
#define ACT "\x1f"

/* a rule's sentence: return 1, writing it when a text is wanted (2 when it
 * did not fit: a bug the tests look for, tendo_advice.truncated) */
#define SAY(...) \
    return text ? rules_fits(snprintf(text, n, __VA_ARGS__), n) : 1

static inline int rules_fits(int len, size_t n)
{
    return len >= 0 && (size_t)len < n ? 1 : 2;
}

/* §6: the run the single-session spike allows today, minutes (NAN none) */
double rules_spike_min(const struct day *d);

/* shared figures (reasons.c) */
int rules_no_check(const struct day *d);
/* §5: is the acceptable zone stable (mornings 3-5 for a week within one
 * point, not rising, the runs in it accepted)? */
int rules_stable_zone(const struct day *d);

/* §5: a good day - a check within the safe zone and the usual, no flag,
 * the session pain before it within the safe zone (rules/rules.c) */
int rules_good_day(const struct rules_view *v, tendo_day day);

/* §7a: the day's routine blocks into o->routine (rules/routine.c) */
void rules_routine(const struct day *d, struct tendo_advice *o);

#endif
