/*
 * tools/gen-diary.c - generates the demo diary CSV: twelve weeks of a
 * recreational runner (four runs a week, a bike session, daily heel drops)
 * whose Achilles flares up in week 7 after a too-steep build in week 6,
 * then pauses, cross-trains and re-enters gradually (clinical.md §4).
 *
 * usage: tendo-gen-diary [--end YYYY-MM-DD] [--weeks N] [--seed N]
 *                        [--watch-from YYYY-MM-DD]
 * From --watch-from on, runs are left out of the diary (a watch records
 * them; see tendo-gen-fit): their pain goes into the day's check instead.
 * Writes CSV (docs/formats.md) to stdout. Deterministic for a given seed and
 * end day, so tests can rely on it.
 */
#include "tendo/tendo.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static double rnd(void) /* xorshift64*: uniform in [0, 1) */
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (double)((rng_state * 0x2545f4914f6cdd1dull) >> 11) / 9007199254740992.0;
}

static int irand(int lo, int hi)
{
    return lo + (int)(rnd() * (hi - lo + 1));
}

static void field_int(int v)
{
    if (v >= 0)
        printf("%d", v);
    putchar(',');
}

static void field_real(double v, int decimals)
{
    if (!isnan(v))
        printf("%.*f", decimals, v);
    putchar(',');
}

struct day_plan {
    const char *type;   /* NULL: no session */
    double minutes;
    double pace;        /* min per km, 0 for no distance */
    int rpe;
    const char *surface;
    const char *shoe;
};

int main(int argc, char **argv)
{
    tendo_day end = TENDO_DAY_NONE, start, flare, watch_from = INT32_MAX;
    int weeks = 12;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--end") == 0 && i + 1 < argc) {
            if (tendo_day_parse(argv[i + 1], strlen(argv[i + 1]), &end)) {
                fprintf(stderr, "gen-diary: --end '%s' is not YYYY-MM-DD\n",
                        argv[i + 1]);
                return 1;
            }
            i++;
        } else if (strcmp(argv[i], "--watch-from") == 0 && i + 1 < argc) {
            if (tendo_day_parse(argv[i + 1], strlen(argv[i + 1]), &watch_from)) {
                fprintf(stderr, "gen-diary: --watch-from '%s' is not a date\n",
                        argv[i + 1]);
                return 1;
            }
            i++;
        } else if (strcmp(argv[i], "--weeks") == 0 && i + 1 < argc) {
            weeks = atoi(argv[++i]);
            if (weeks < 8 || weeks > 1040) {
                fprintf(stderr, "gen-diary: --weeks must be 8-1040\n");
                return 1;
            }
        } else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
            rng_state ^= strtoull(argv[++i], NULL, 10) * 0x9e3779b97f4a7c15ull;
        } else {
            fprintf(stderr,
                    "usage: tendo-gen-diary [--end YYYY-MM-DD] [--weeks N] "
                    "[--seed N] [--watch-from YYYY-MM-DD]\n");
            return 1;
        }
    }
    if (end == TENDO_DAY_NONE)
        end = (tendo_day)(time(NULL) / 86400);
    /* start on a Monday so weeks line up */
    start = tendo_day_week_start(end - weeks * 7 + 1);
    if (start + weeks * 7 - 1 > end)
        start += 7;
    flare = start + (weeks - 6) * 7 + 3; /* Thursday of week 7 of 12 */
    (void)flare;

    puts(tendo_diary_header);
    double base = 150; /* weekly running minutes in week 1 */
    int flare_week = weeks - 6, baseline = 1;
    for (tendo_day d = start; d <= end; d++) {
        int week = (int)((d - start) / 7), dow = tendo_day_weekday(d);
        int since_flare = (int)(d - (start + flare_week * 7 + 3));
        /* long histories repeat 12-week blocks; the last 12 weeks build
         * 5 % a week up to the flare, with a 30 % jump the week before it;
         * after re-entry the runner resumes at the pre-flare level */
        int phase = week < weeks - 12 ? week % 12 : week - (weeks - 12);
        int pre = flare_week - (weeks - 12) - 2; /* the last normal week */
        double wk_min = base * pow(1.05, phase);
        if (week == flare_week - 1)
            wk_min = base * pow(1.05, pre) * 1.3;
        else if (week >= flare_week)
            wk_min = base * pow(1.05, pre + (since_flare >= 28));
        struct day_plan p = {NULL, 0, 0, 0, NULL, NULL};
        int morning, stiff, after = -1, during = -1;
        char ds[TENDO_DAY_STRLEN];

        /* the running week: Tue easy, Thu moderate, Sat long, Sun easy */
        if (dow == 1)
            p = (struct day_plan){"run", wk_min * 0.22, 5.9, 3, "road",
                                  week % 2 ? "Pegasus 40" : "Ghost 15"};
        else if (dow == 2)
            p = (struct day_plan){"bike", 45, 0, 3, NULL, NULL};
        else if (dow == 3)
            p = (struct day_plan){"run", wk_min * 0.26, 5.2, 5, "track",
                                  "Pegasus 40"};
        else if (dow == 5)
            p = (struct day_plan){"run", wk_min * 0.34, 6.1, 6, "trail",
                                  "Speedgoat 5"};
        else if (dow == 6)
            p = (struct day_plan){"run", wk_min * 0.18, 6.0, 2, "grass",
                                  "Ghost 15"};

        morning = baseline + (rnd() < 0.2);
        stiff = 5 + irand(0, 5);
        if (since_flare >= -3 && since_flare < 0) {
            morning = 3; /* the niggle builds */
            stiff = 15;
        }
        if (since_flare >= 0 && since_flare < 28) {
            /* flare, pause, reassess, re-enter (clinical.md §4) */
            double ladder = since_flare == 0   ? 1
                            : since_flare < 4  ? 0
                            : since_flare < 10 ? 0.5
                            : since_flare < 17 ? 0.7
                            : since_flare < 24 ? 0.85
                                               : 1.0;
            if (since_flare == 0) {
                morning = 3; /* the niggle of the days before */
                stiff = 15;
            } else if (since_flare < 4) {
                /* the next morning: a flare (clinical.md §4), then settling */
                morning = 6 - since_flare;
                stiff = 45 - since_flare * 10;
            } else {
                morning = since_flare < 14 ? 2 : 1 + (rnd() < 0.3);
                stiff = since_flare < 14 ? 12 : 5 + irand(0, 5);
            }
            if (since_flare == 0) {
                /* the run that flared it: cut short at 8 km */
                p.minutes = 45;
            } else if (p.type && strcmp(p.type, "run") == 0) {
                if (ladder == 0) {
                    p = (struct day_plan){"pool-run", 40, 0, 4, NULL, NULL};
                } else {
                    /* the ladder's share of the pre-flare typical run */
                    p.minutes = base * pow(1.05, pre) * 0.25 * ladder;
                    p.rpe = 3;
                    p.surface = "grass";
                    p.pace = 6.2;
                    /* re-entry runs on non-consecutive days */
                    if (dow == 3 && since_flare < 17)
                        p = (struct day_plan){"bike", 40, 0, 4, NULL, NULL};
                    if (dow == 6 && since_flare < 24)
                        p = (struct day_plan){"walk", 30, 11.5, 2, "road",
                                              NULL};
                }
            }
            if (since_flare == 0) {
                during = 6;
                after = 6;
            }
        }
        printf("%s,", tendo_day_format(d, ds));
        if (p.type && strcmp(p.type, "run") == 0 && d >= watch_from) {
            /* the watch has this run; the diary keeps the pain */
            if (during < 0)
                during = morning > 2 ? 3 : irand(0, 2);
            p.type = NULL;
        }
        if (p.type) {
            double minutes = round(p.minutes + irand(-2, 2));
            double km = p.pace > 0 ? minutes / (p.pace + (rnd() - 0.5) * 0.3)
                                   : NAN;
            if (strcmp(p.type, "bike") == 0)
                km = minutes / 60.0 * (24 + rnd() * 4);
            if (strcmp(p.type, "pool-run") == 0)
                km = NAN;
            printf("%s,", p.type);
            field_real(minutes, 0);
            field_real(km, 2);
            field_int(p.rpe + irand(0, 1));
            printf("%s,%s,", p.surface ? p.surface : "", p.shoe ? p.shoe : "");
            if (during < 0 && strcmp(p.type, "run") == 0)
                during = morning > 2 ? 3 : irand(0, 2);
        } else {
            printf(",,,,,,");
        }
        field_int(during);
        field_int(after >= 0 ? after : (p.type ? irand(0, 2) : -1));
        field_int(morning);
        field_int(stiff);
        field_real(6.2 + rnd() * 2.2, 1);
        /* heel drops six days a week; 3x10 -> 3x12 -> 3x15 -> +5 kg */
        if (dow != 6) {
            int reps = week < 3 ? 10 : week < 6 ? 12 : 15;
            double load = week >= weeks - 3 ? 5 : 0;
            if (since_flare >= 0 && since_flare < 7)
                reps = 10, load = 0; /* hold: no added load in a flare */
            printf("3,%d,", reps);
            field_real(load, 1);
            /* off a step, the session's pain recorded (docs/clinical.md
             * §7: rehab advances only on sessions whose pain is known) */
            printf("heel-drop,step,3-1-1,");
            field_int(morning > 2 ? 3 : (int)(d % 3)); /* no draw */
        } else {
            printf(",,,,,,,");
        }
        if (since_flare == 0 && p.type)
            printf("\"sharp twinge at 8 km, stopped, walked home\"");
        else if (p.type && strcmp(p.type, "run") == 0 && dow == 5 &&
                 !(since_flare >= 0 && since_flare < 28))
            printf("long run");
        putchar('\n');
    }
    return 0;
}
