/*
 * cli/cmd-today.c - `tendo today`: the day's advice with its reasons
 * (clinical.md §2-§6, product.md §5.2). Gathers the history, calls the pure
 * rules engine (tendo/rules.h), prints.
 */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: tendo today [--date D] [--json]\n\n"
    "What to do today and why: the level (progress, maintain, reduce,\n"
    "cross-train, pause, see-clinician), the run cap in your own numbers\n"
    "(minutes and distance from your typical run of the last 28 days),\n"
    "what to do instead, today's rehab dose, every rule that fired with its\n"
    "code (docs/reasons.md), and when to check next. Log the morning check\n"
    "first (tendo check): without it the advice stays conservative.\n"
    "tendo supports decisions; it does not diagnose.\n";

static json_t *to_json(const struct cli *c, const struct tendo_advice *a)
{
    char d[TENDO_DAY_STRLEN];
    json_t *o = json_object(), *run = json_object(), *xs = json_array(),
           *rs = json_array(), *fl = json_object();
    json_object_set_new(o, "date", json_string(tendo_day_format(a->date, d)));
    json_object_set_new(o, "level", json_string(tendo_level_name(a->level)));
    json_object_set_new(run, "allowed", json_boolean(a->run_allowed));
    json_object_set_new(run, "max_minutes", cli_json_num(a->max_minutes, 1));
    json_object_set_new(run, "max_km", cli_json_num(a->max_km, 10));
    if (c->units == TENDO_UNITS_MI)
        json_object_set_new(run, "max_mi",
                            cli_json_num(a->max_km * 1000 / TENDO_M_PER_MI, 10));
    json_object_set_new(run, "intensity", a->run_allowed
                                              ? json_string(a->intensity)
                                              : json_null());
    json_object_set_new(run, "surface", a->run_allowed
                                            ? json_string(a->surface)
                                            : json_null());
    json_object_set_new(run, "strides", json_boolean(a->strides));
    json_object_set_new(run, "hills", json_boolean(a->hills));
    json_object_set_new(o, "run", run);
    for (int i = 0; i < a->ncross; i++) {
        json_t *x = json_object();
        json_object_set_new(x, "type", json_string(a->cross[i].type));
        json_object_set_new(x, "minutes", json_integer(a->cross[i].minutes));
        json_array_append_new(xs, x);
    }
    json_object_set_new(o, "cross_training", xs);
    if (a->has_rehab) {
        json_t *r = cli_rehab_json(a->rehab_exercise, a->rehab_surface,
                                   a->rehab_sets, a->rehab_reps,
                                   a->rehab_load_kg, a->rehab_tempo);
        json_object_set_new(r, "progress", json_string(a->rehab_progress));
        json_object_set_new(r, "stage", json_integer(a->rehab_stage));
        json_object_set_new(r, "stages", json_integer(a->rehab_nstages));
        json_object_set_new(r, "name", json_string(a->rehab_name));
        json_object_set_new(o, "rehab", r);
    } else {
        json_object_set_new(o, "rehab", json_null());
    }
    for (size_t i = 0; i < a->nreasons; i++) {
        json_t *x = json_object();
        json_object_set_new(x, "code", json_string(a->reasons[i].code));
        json_object_set_new(x, "level",
                            json_string(tendo_level_name(a->reasons[i].level)));
        json_object_set_new(x, "text", json_string(a->reasons[i].text));
        json_array_append_new(rs, x);
    }
    json_object_set_new(o, "reasons", rs);
    json_object_set_new(o, "next_check",
                        json_string(tendo_day_format(a->next_check, d)));
    /* the figures behind it */
    json_object_set_new(o, "typical_run_min", cli_json_num(a->typical_min, 1));
    json_object_set_new(o, "typical_run_km", cli_json_num(a->typical_km, 10));
    json_object_set_new(o, "baseline_morning",
                        a->base_morning == TENDO_UNSET
                            ? json_null()
                            : json_integer(a->base_morning));
    json_object_set_new(o, "baseline_stiffness_min",
                        a->base_stiffness == TENDO_UNSET
                            ? json_null()
                            : json_integer(a->base_stiffness));
    json_object_set_new(o, "good_days", json_integer(a->good_days));
    json_object_set_new(fl, "step",
                        json_string(tendo_flare_step_name(a->flare.step)));
    json_object_set_new(fl, "since",
                        a->flare.step == TENDO_FLARE_NONE
                            ? json_null()
                            : json_string(tendo_day_format(a->flare.started, d)));
    json_object_set_new(o, "flare", fl);
    return o;
}

static void print_text(const struct cli *c, const struct tendo_advice *a)
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

int cmd_today(struct cli *c, int argc, char **argv)
{
    static const struct option opts[] = {GLOBAL_OPTS, {0, 0, 0, 0}};
    struct tendo_advice *a = NULL;
    int opt, rc;

    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, opts, NULL)) != -1) {
        if (opt == 'h')
            return fputs(help, stdout), EXIT_OK;
        if (opt == '?' || opt == ':')
            return cli_bad_option(c, "today", argv, opt);
        if (cli_global(c, opt, optarg) < 0)
            return EXIT_USAGE;
    }
    if (optind < argc)
        return cli_usage(c, "today", "today takes no arguments");
    if ((rc = cli_open(c, 0)))
        return rc;
    if (!(a = malloc(sizeof *a)))
        return cli_errorf(c, EXIT_INTERNAL, "out of memory");
    if ((rc = cli_advise(c, a)) == 0) {
        if (c->json)
            rc = cli_print_json(c, to_json(c, a));
        else
            print_text(c, a);
    }
    free(a);
    return rc;
}
