/*
 * cli/cmd-today.c - `tendo today`: the day's advice with its reasons
 * (clinical.md §2-§6, docs/cli.md, today). Gathers the history, calls the pure
 * rules engine (tendo/rules.h), prints.
 */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char cmd_today_help[] =
    "usage: tendo today [--date D] [--fit FILE] [--json]\n\n"
    "What to do today and why: the level (progress, maintain, reduce,\n"
    "cross-train, pause, see-clinician), the run cap in your own numbers\n"
    "(minutes and distance from your typical run of the last 28 days),\n"
    "what to do instead, today's rehab dose, every rule that fired with its\n"
    "code (docs/reasons.md), and when to check next. Log the morning check\n"
    "first (tendo check): without it the advice stays conservative.\n"
    "--fit FILE also writes today's run (else cross-training, else rehab)\n"
    "as a FIT workout for a watch - the first day of 'tendo plan --fit'.\n"
    "tendo supports decisions; it does not diagnose.\n";

/* clinical.md §2: the red flags open (since when) and those cleared
 * lately, with what the clinician advised */
static void print_flags(const struct tendo_advice *a,
                        const struct tendo_history *h)
{
    char d[TENDO_DAY_STRLEN], d2[TENDO_DAY_STRLEN];
    for (size_t i = 0; i < a->nflags; i++) {
        const struct tendo_flag_episode *e = &a->flags[i];
        int b = 0;
        while ((1u << b) != e->flag)
            b++;
        if (e->cleared == TENDO_DAY_NONE || e->cleared > a->date) {
            printf("Red flag: %s since %s, open until a clinician has seen "
                   "you (tendo flags clear %s)\n",
                   tendo_flag_names[b], tendo_day_format(e->opened, d),
                   tendo_flag_names[b]);
            continue;
        }
        printf("Cleared:  %s (since %s) on %s", tendo_flag_names[b],
               tendo_day_format(e->opened, d), tendo_day_format(e->cleared, d2));
        if (e->clearance >= 0 && (size_t)e->clearance < h->nclearances &&
            h->clearances[e->clearance].note[0])
            printf(" - \"%s\"", h->clearances[e->clearance].note);
        putchar('\n');
    }
}

/* §7a the routine: a line of blocks; with -v each exercise and its dose */
static void print_routine(const struct cli *c, const struct tendo_routine *r)
{
    if (!r->nblocks) {
        printf("Routine:  none today (%s)\n", r->gate);
        return;
    }
    printf("Routine:  ");
    for (size_t i = 0; i < r->nblocks; i++) {
        const struct tendo_routine_block *b = &r->blocks[i];
        printf("%s%s %s%s", i ? "; " : "", tendo_block_name(b->block),
               b->when, b->held ? " (held)" : "");
    }
    printf("%s\n", c->verbose ? "" : " (-v: the exercises)");
    if (r->gate[0])
        printf("          %s\n", r->gate);
    if (!c->verbose)
        return;
    for (size_t i = 0; i < r->nblocks; i++) {
        const struct tendo_routine_block *b = &r->blocks[i];
        printf("  %s, %s:%s%s\n", tendo_block_name(b->block), b->when,
               b->note[0] ? " " : "", b->note);
        for (size_t k = 0; k < b->nitems; k++) {
            const struct tendo_block_item *x = &b->items[k];
            printf("    - %s: %d x ", x->what, x->sets);
            if (x->reps)
                printf("%d", x->reps);
            else
                printf("%d s", x->seconds);
            printf("%s\n", x->per_side ? " each side" : "");
        }
    }
}

static void print_text(const struct cli *c, const struct tendo_advice *a,
                       const struct tendo_history *h)
{
    static const char *const headline[] = {
        "PROGRESS - a little more than usual is fine today",
        "MAINTAIN - keep to your usual",
        "REDUCE - run less and easier",
        "CROSS-TRAIN - no running today",
        "PAUSE - no running today",
        "SEE A CLINICIAN - no running until you have been seen"};
    char d[TENDO_DAY_STRLEN];
    printf("%s  %s\n\n", tendo_day_format(a->date, d), headline[a->level]);
    if (a->run_allowed) {
        printf("Run:      up to %.0f min", a->max_minutes);
        if (!isnan(a->max_km))
            printf(" / %.1f %s", cli_dist(c, a->max_km * 1000), cli_unit(c));
        printf(", %s, surface %s; strides %s, hills %s\n", a->intensity,
               a->surface, a->strides ? "ok" : "no", a->hills ? "ok" : "no");
        if (!isnan(a->cadence_spm))
            printf("          easy runs at about %.0f steps/min\n",
                   a->cadence_spm);
    } else {
        printf("Run:      none today\n");
    }
    if (a->ncross) {
        printf("Instead:  ");
        for (int i = 0; i < a->ncross; i++)
            printf("%s%s %d min", i ? " or " : "", a->cross[i].type,
                   a->cross[i].minutes);
        printf(a->level >= TENDO_LEVEL_PAUSE ? " (only if pain-free)\n"
                                             : "\n");
    }
    if (a->has_rehab) {
        printf("Rehab:    stage %d of %d, %s: %d x %d", a->rehab_stage,
               a->rehab_nstages, a->rehab_name, a->rehab_sets,
               a->rehab_reps);
        if (isnan(a->rehab_load_kg))
            printf(" at your repetition maximum");
        else if (a->rehab_load_kg > 0)
            printf(" with %.4g kg added", a->rehab_load_kg);
        printf(", tempo %s (%s)\n          %s\n", a->rehab_tempo,
               a->rehab_progress, a->rehab_how);
    }
    else
        printf("Rehab:    none loaded until you have been seen\n");
    print_routine(c, &a->routine);
    print_flags(a, h);
    if (a->flare.step != TENDO_FLARE_NONE)
        printf("Flare-up: step %s since %s (your usual run before it: "
               "%.0f min)\n",
               tendo_flare_step_name(a->flare.step),
               tendo_day_format(a->flare.started, d), a->flare.pre_typical_min);
    printf("\nWhy:\n");
    for (size_t i = 0; i < a->nreasons; i++)
        printf("  - %s [%s]\n", a->reasons[i].text, a->reasons[i].code);
    printf("\nNext check: %s%s\n", tendo_day_format(a->next_check, d),
           a->next_check == a->date ? " (now: tendo check)" : " morning");
    printf("tendo supports your decisions; it does not diagnose.\n");
}

enum { O_FIT = 1 };
const struct option cmd_today_opts[] = {
    {"fit", required_argument, NULL, O_FIT}, GLOBAL_OPTS, {0, 0, 0, 0}};

/* today's workout: the plan's first day, which is today's advice */
static int write_fit(struct cli *c, const struct tendo_history *h,
                     const char *path)
{
    struct tendo_plan_input in;
    struct tendo_plan *p = malloc(sizeof *p);
    struct tendo_error e = {0};
    int rc;
    if (!p)
        return cli_errorf(c, EXIT_INTERNAL, "out of memory");
    memset(&in, 0, sizeof in);
    in.history = h;
    in.today = c->date;
    in.from = c->date;
    in.weeks = 1;
    rc = tendo_plan(&in, p, &e) ? cli_error(c, &e)
                                : cli_write_workout_today(c, p, h, path);
    free(p);
    return rc;
}

int cmd_today(struct cli *c, int argc, char **argv)
{
    struct tendo_advice *a = NULL;
    struct tendo_history *h = NULL;
    const char *fit = NULL;
    int opt, rc;

    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, cmd_today_opts, NULL)) != -1) {
        if (opt == 'h')
            return cli_help(c, "today");
        if (opt == '?' || opt == ':')
            return cli_bad_option(c, "today", argv, opt);
        if (opt == O_FIT) {
            fit = optarg;
            continue;
        }
        if (cli_global(c, opt, optarg) < 0)
            return EXIT_USAGE;
    }
    if (optind < argc)
        return cli_usage(c, "today", "today takes no arguments");
    if ((rc = cli_open(c, 0)))
        return rc;
    if (!(a = malloc(sizeof *a)))
        return cli_errorf(c, EXIT_INTERNAL, "out of memory");
    if ((rc = cli_history(c, &h)) == 0) {
        struct tendo_error e = {0};
        if (tendo_advise(h, c->date, a, &e))
            rc = cli_error(c, &e);
        else if (fit && (rc = write_fit(c, h, fit)))
            ;
        else if (c->json)
            rc = cli_print_json(c, tendo_advice_json(a, h, c->units));
        else
            print_text(c, a, h);
        tendo_history_free(h);
    }
    free(a);
    return rc;
}
