/*
 * tendo/clinical.h - every threshold of the rules, named once, with where
 * it comes from. The rules (src/rules/), the load metrics
 * (src/analytics/load.c), the plan, the reason texts and the report's chart
 * bands all use these names, so a threshold changes in one place; the
 * table in docs/clinical.md is checked against this file by a test
 * (unit:reasons), and tools/mutate-thresholds moves each one a step (the
 * `step` in its comment) to prove a test notices.
 *
 * Sections (§) are those of docs/clinical.md, which says each rule in the
 * project's own words with its sources. Percentages are whole numbers;
 * pain is on the 0-10 scale; stiffness and runs in minutes.
 */
#ifndef TENDO_CLINICAL_H
#define TENDO_CLINICAL_H

/* a constant as text, for messages: TENDO_STR(TENDO_RTR_LSI_MIN) */
#define TENDO_STR_(x) #x
#define TENDO_STR(x) TENDO_STR_(x)

/* ---- §1 scales and the daily check ---------------------------------- */

/* pain zones of the pain-monitoring model (Thomee 1997; Silbernagel et
 * al. 2007): safe 0-2, acceptable 3-5, high risk 6-10 */
#define TENDO_PAIN_SAFE_MAX 2               /* step 1 */
#define TENDO_PAIN_ACCEPTABLE_MAX 5         /* step 1 */
#define TENDO_PAIN_HIGH_MIN (TENDO_PAIN_ACCEPTABLE_MAX + 1)
/* the baseline: the median of the last 7 checked values within 28 days
 * before the day; fewer than 3 and it is unknown (seed protocol) */
#define TENDO_BASELINE_CHECKS 7             /* step 1 */
#define TENDO_BASELINE_DAYS 28              /* step 1 */
#define TENDO_BASELINE_MIN_CHECKS 3         /* step 1 */
/* what an unknown baseline is taken as: 0/10 and 10 min (seed) */
#define TENDO_BASELINE_UNKNOWN_MORNING 0    /* step 1 */
#define TENDO_BASELINE_UNKNOWN_STIFF 10     /* step 1 */
/* the weekly trend compares 7-day medians (Silbernagel 2007, rule 4) */
#define TENDO_TREND_DAYS 7                  /* step 1 */

/* ---- §2 red flags and when to see a clinician ------------------------ */

/* morning pain in the high-risk zone this many days running opens the
 * red flag morning-high */
#define TENDO_MORNING_HIGH_DAYS 3           /* step 1 */
/* a clearance is shown this many days (its day included) */
#define TENDO_CLEARED_SHOW_DAYS 7           /* step 1 */
/* after a fluoroquinolone flag's clearance, no progression for this many
 * days (FDA 2008; Alves et al. 2019: ruptures up to months after) */
#define TENDO_FLUOROQUINOLONE_HOLD_DAYS 30  /* step 1 */
/* no improvement of the 7-day median morning pain over this many days
 * above the safe zone */
#define TENDO_NOT_SETTLING_DAYS 21          /* step 1 */

/* ---- §3 the pain-monitoring model (Silbernagel et al. 2007) ---------- */

/* rule 3: the next morning may be this much above the baseline (noise) */
#define TENDO_MORNING_NOISE 1               /* step 1 */
/* rule 3: stiffness well above usual: more than the baseline x 1.5 and
 * more than the baseline + 10 min */
#define TENDO_STIFF_UP_FACTOR 1.5           /* step 0.5 */
#define TENDO_STIFF_UP_MIN 10               /* step 1 */
/* rule 4, stiffness: this week's median above last week's by more than
 * this many minutes (stiffness is a rough estimate: smaller rises are
 * noise); and the slow creep - the 7-day median at least 1.5 x, or 10 min
 * above, its median over the 28 days before the last 14 (and by more than
 * the noise) */
#define TENDO_STIFF_WEEK_RISE 5             /* step 1 */
#define TENDO_CREEP_FACTOR 1.5              /* step 0.5 */
#define TENDO_CREEP_MIN 10                  /* step 1 */
#define TENDO_CREEP_RECENT_DAYS 14          /* step 1 */
#define TENDO_CREEP_REF_DAYS 28             /* step 1 */
/* rule 5, never escalate while stiff: stiffness above this many minutes
 * holds progression and rehab advances, whatever the baseline */
#define TENDO_STIFF_HOLD_MIN 15             /* step 1 */
/* fluctuating mornings: the last 5 checks (within 28 days) spanning 3
 * points or more; 3 symptom-free days end it (seed) */
#define TENDO_FLUCT_CHECKS 5                /* step 1 */
#define TENDO_FLUCT_DAYS 28                 /* step 1 */
#define TENDO_FLUCT_RANGE 3                 /* step 1 */
#define TENDO_SYMPTOM_FREE_DAYS 3           /* step 1 */

/* ---- §4 flare-ups ---------------------------------------------------- */

/* triggers: morning out of the safe zone and this much above the
 * baseline; stiffness this many times the baseline and at least this
 * long; pain during or after a run at least this high */
#define TENDO_FLARE_MORNING_RISE 2          /* step 1 */
#define TENDO_FLARE_STIFF_FACTOR 2          /* step 1 */
#define TENDO_FLARE_STIFF_MIN 30            /* step 1 */
#define TENDO_FLARE_SESSION_PAIN 7          /* step 1 */
/* pause: at least a day, until the morning is back within the noise
 * (the replay moves a flare at most one step a day, so 0 changes nothing:
 * an equivalent mutant) */
#define TENDO_PAUSE_MIN_DAYS 1              /* step 1, equivalent down */
/* reassess: this many mornings within the noise, hop pain at most 2 */
#define TENDO_REASSESS_MORNINGS 2           /* step 1 */
#define TENDO_HOP_PAIN_MAX 2                /* step 1 */
/* §8 return-to-running gates: morning at most 2, heel-raise limb
 * symmetry at least 80 % when tested since the flare began */
#define TENDO_RTR_MORNING_MAX 2             /* step 1 */
#define TENDO_RTR_LSI_MIN 80                /* step 5 */
/* "reduce, don't remove": mornings that settle at a stable level (0-5:
 * this many checked mornings within this range, not rising) end the
 * pause and reassess steps too, at that level */
#define TENDO_SETTLED_MORNINGS 5            /* step 1 */
#define TENDO_SETTLED_RANGE 1               /* step 1 */
/* re-entry: runs of 50, 70, 85 % of the pre-flare typical run, this many
 * accepted runs a step */
#define TENDO_REENTRY1_PCT 50               /* step 5 */
#define TENDO_REENTRY2_PCT 70               /* step 5 */
#define TENDO_REENTRY3_PCT 85               /* step 5 */
#define TENDO_REENTRY_RUNS 2                /* step 1 */
/* after the ladder: "re-entry finished" this many days; the pre-flare run
 * stays the usual one for this many days */
#define TENDO_REENTRY_DONE_DAYS 7           /* step 1 */
#define TENDO_REENTRY_HOLD_DAYS 28          /* step 1 */

/* ---- §5 levels and caps ---------------------------------------------- */

/* the typical run: median minutes of the runs of this many days before */
#define TENDO_TYPICAL_DAYS 28               /* step 1 */
/* with no runs in that time, caps start from a run this long */
#define TENDO_NO_RUNS_MIN 20                /* step 1 */
/* a morning at 2 or more and 1 or more above the usual: yesterday's load
 * was a little too much (reduce) */
#define TENDO_MORNING_UP_MIN 2              /* step 1 */
#define TENDO_MORNING_UP_RISE 1             /* step 1 */
/* a stable acceptable zone: mornings 3-5 on at least this many checks of
 * the last 7 days, within this range, not rising: keep the tolerated load
 * (maintain) */
#define TENDO_STABLE_DAYS 7                 /* step 1 */
#define TENDO_STABLE_CHECKS 5               /* step 1 */
#define TENDO_STABLE_RANGE 1                /* step 1 */
/* reduce: at most this share of the typical run */
#define TENDO_REDUCE_PCT 70                 /* step 5 */
/* progress after this many good days in a row */
#define TENDO_GOOD_DAYS 7                   /* step 1 */
/* acute:chronic tendon load (Gabbett 2016): under 0.8 under-loaded (chart
 * band), above 1.3 hold, above 1.5 a spike */
#define TENDO_ACWR_LOW 0.8                  /* step 0.1 */
#define TENDO_ACWR_HOLD 1.3                 /* step 0.1 */
#define TENDO_ACWR_SPIKE 1.5                /* step 0.1 */
/* training monotony above 2 (Foster 1998) */
#define TENDO_MONOTONY_MAX 2                /* step 0.5 */
/* sleep under 6 h two nights running holds progression */
#define TENDO_SLEEP_MIN_H 6                 /* step 1 */
/* cross-training is offered for the minutes cut from 10 up */
#define TENDO_CROSS_MIN 10                  /* step 1 */

/* ---- §6 progression and the week ------------------------------------- */

/* weekly ramp of running minutes: the default and the largest allowed
 * (Nielsen et al. 2014; Buist et al. 2008) */
#define TENDO_RAMP_DEFAULT 10               /* step 5 */
#define TENDO_RAMP_MAX 30                   /* step 5 */
/* return after a break: after this many days without running the first
 * week back is at most 70 % of the last full week before (50 % after 28
 * days), easy; no progression until 2 weeks of running are back */
#define TENDO_BREAK_DAYS 14                 /* step 1 */
#define TENDO_BREAK_LONG_DAYS 28            /* step 1 */
#define TENDO_BREAK_PCT 70                  /* step 5 */
#define TENDO_BREAK_LONG_PCT 50             /* step 5 */
#define TENDO_RETURN_DAYS 14                /* step 1 */
/* the single-session spike: no run longer than 110 % of the longest of
 * the 30 days before (distance; minutes where it is unknown): one session
 * more than 10 % longer raised overuse injuries in 5,205 runners
 * (Frandsen et al. 2025) */
#define TENDO_SPIKE_PCT 110                 /* step 5 */
#define TENDO_SPIKE_DAYS 30                 /* step 1 */
/* the long run: at most this share of the week, from this many runs
 * (with 3 runs a 30 % long run is shorter than the other two, so the plan
 * drops it anyway: 3 is an equivalent mutant) */
#define TENDO_LONG_SHARE_PCT 30             /* step 5 */
#define TENDO_LONG_RUN_FROM 4               /* step 1, equivalent down */
/* a deload week at this share of the week before, after this many build
 * weeks; a week counts as a build week when it rose above 102 % */
#define TENDO_DELOAD_PCT 70                 /* step 5 */
#define TENDO_BUILD_WEEKS 3                 /* step 1 */
#define TENDO_BUILT_PCT 102                 /* step 1 */
/* the plan's shortest easy run, the shortest run at all, the shortest
 * cross-training session; symptoms above the safe zone keep runs apart
 * this many days; a reduce spell lasts a week */
#define TENDO_PLAN_EASY_MIN 15              /* step 1 */
#define TENDO_PLAN_RUN_MIN 10               /* step 1 */
#define TENDO_PLAN_CROSS_MIN 20             /* step 1 */
#define TENDO_AMBER_DAYS 7                  /* step 1 */
#define TENDO_REDUCE_DAYS 7                 /* step 1 */
/* one moderate day a week from this many runs */
#define TENDO_PLAN_MODERATE_FROM 3          /* step 1 */
/* the plan keeps one day a week free */
#define TENDO_PLAN_RUNS_MAX 6               /* step 1 */
/* the reference week a plan holds or builds on: the median of up to 4
 * weeks; without any, half the runs a week at the typical run */
#define TENDO_PLAN_REF_WEEKS 4              /* step 1 */
#define TENDO_PLAN_NO_WEEK_PCT 50           /* step 10 */
/* a re-entry run cut to fit the week is kept down to half its length */
#define TENDO_PLAN_SHORTEN_PCT 50           /* step 10 */

/* ---- §7 rehab --------------------------------------------------------- */

/* sessions of this many days before count towards a stage */
#define TENDO_REHAB_WINDOW_DAYS 120         /* step 1 */
/* at most one stage (or load step) a week: a stage is kept this many days
 * from its first session before it advances */
#define TENDO_REHAB_STAGE_DAYS 7            /* step 1 */
/* at most this many load steps in an open-ended stage */
#define TENDO_REHAB_MAX_STEPS 16            /* step 1 */

/* §7a the routine around the stage: the calf complex gains a set (and a
 * harder balance task) after 14 good days in a row, again after 28 */
#define TENDO_BLOCK_PROGRESS_DAYS 14        /* step 1 */
/* the warm-up check: pain after (above the safe zone) 2 or more of the
 * last 7 runs that were shorter than the usual, with the warm-up logged on
 * fewer than half of those run days -> "recheck the warm-up" */
#define TENDO_WARMUP_CHECK_RUNS 7           /* step 1 */
#define TENDO_WARMUP_CHECK_PAINFUL 2        /* step 1 */

/* ---- §8 assessments --------------------------------------------------- */

/* the heel-raise test's limb symmetry goal of the programme (the gate to
 * run again is TENDO_RTR_LSI_MIN) */
#define TENDO_LSI_GOAL 90                   /* step 5 */
/* with both sides symptomatic the count instead: 25 raises, the usual
 * return-to-running benchmark; about 19 from 60 years (Hebert-Losier et
 * al. 2009, 2017) */
#define TENDO_HEEL_RAISE_NORM 25            /* step 1 */
#define TENDO_HEEL_RAISE_NORM_OLDER 19      /* step 1 */
#define TENDO_HEEL_RAISE_OLDER_AGE 60       /* step 1 */
/* VISA-A: a fall of this many points since the previous score holds
 * progression until a new score is back within it (clinical.md §8) */
#define TENDO_VISA_DROP 10                  /* step 1 */

/* knee-to-wall: a side difference over 2 cm is worth noting; within it
 * the ankle bend has come back to the other side's */
#define TENDO_DORSI_DIFF_CM 2               /* step 0.5 */

/* ---- §9 load ---------------------------------------------------------- */

/* tendon load factors: easy 1.0, moderate 1.2, hard or hilly 1.5;
 * walking and other 0.3 */
#define TENDO_TENDON_MODERATE 1.2           /* step 0.1 */
#define TENDO_TENDON_HARD 1.5               /* step 0.1 */
#define TENDO_TENDON_WALK 0.3               /* step 0.1 */
/* session RPE (CR-10) bands: moderate from 5, hard from 7 */
#define TENDO_RPE_MODERATE 5                /* step 1 */
#define TENDO_RPE_HARD 7                    /* step 1 */
/* a run climbing at least 15 m per km (over 500 m) is hilly */
#define TENDO_HILL_M_PER_KM 15              /* step 1 */
#define TENDO_HILL_MIN_M 500                /* step 100 */
/* acute:chronic windows (7 + 28 days, uncoupled; Lolli et al. 2019) */
#define TENDO_ACWR_ACUTE_DAYS 7             /* step 1 */
#define TENDO_ACWR_CHRONIC_DAYS 28          /* step 1 */
/* training monotony over 7 days, rest days 0 (Foster 1998) */
#define TENDO_MONOTONY_DAYS 7               /* step 1 */
/* fitness and fatigue time constants (Banister) */
#define TENDO_CTL_DAYS 42                   /* step 1 */
#define TENDO_ATL_DAYS 7                    /* step 1 */
/* TRIMP weighting (Banister): men 0.64 e^(1.92 x), women 0.86 e^(1.67 x);
 * the heart-rate fraction capped at 1.2 */
#define TENDO_TRIMP_MEN_A 0.64              /* step 0.01 */
#define TENDO_TRIMP_MEN_B 1.92              /* step 0.01 */
#define TENDO_TRIMP_WOMEN_A 0.86            /* step 0.01 */
#define TENDO_TRIMP_WOMEN_B 1.67            /* step 0.01 */
#define TENDO_TRIMP_HR_MAX 1.2              /* step 0.1 */
/* the RPE assumed when a session has none and no heart rate: run 4,
 * walk 2, strength 5, anything else 3 (flagged as estimated) */
#define TENDO_EST_RPE_RUN 4                 /* step 1 */
#define TENDO_EST_RPE_WALK 2                /* step 1 */
#define TENDO_EST_RPE_STRENGTH 5            /* step 1 */
#define TENDO_EST_RPE_OTHER 3               /* step 1 */

/* the cadence cue: while symptoms are above the safe zone, easy runs at a
 * 5 % higher step rate (Heiderscheit et al. 2011), from the median cadence
 * of the easy runs (session RPE 4 or less, or none) of the 28 days before */
#define TENDO_CADENCE_CUE_PCT 5             /* step 1 */
#define TENDO_CADENCE_DAYS 28               /* step 1 */

/* the targets of a planned run on the watch (tendo/workout.h): easy and
 * long at 50-70 % of the heart-rate reserve, moderate 70-80 % (Karvonen
 * et al. 1957); without both heart rates a pace band from the median pace
 * of the easy runs of the 28 days before (at least 3): easy from 15 %
 * slower than it up to it, moderate from it up to 8 % faster */
#define TENDO_WKT_EASY_HRR_LO 50            /* step 5 */
#define TENDO_WKT_EASY_HRR_HI 70            /* step 5 */
#define TENDO_WKT_MODERATE_HRR_HI 80        /* step 5 */
#define TENDO_WKT_EASY_SLOWER_PCT 15        /* step 5 */
#define TENDO_WKT_MODERATE_FASTER_PCT 8     /* step 2 */
#define TENDO_WKT_PACE_DAYS 28              /* step 1 */
#define TENDO_WKT_PACE_RUNS 3               /* step 1 */

/* ---- §10 shoes and wellness ------------------------------------------ */

/* a shoe with at least this many mm less drop than the usual (the
 * distance-weighted drop of the other shoes' runs of the 28 days before)
 * while symptoms are active */
#define TENDO_SHOE_DROP_MM 4                /* step 1 */
#define TENDO_SHOE_DROP_DAYS 28             /* step 1 */

#endif
