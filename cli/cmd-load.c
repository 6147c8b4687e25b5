/*
 * cli/cmd-load.c - `tendo load`: tendon load and training load, per week
 * or per day (clinical.md §9, docs/cli.md, load).
 */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char cmd_load_help[] =
    "usage: tendo load [--weeks N] [--days]\n\n"
    "Load for the N weeks (default 8) up to --date: a table of weeks, or of\n"
    "days with --days. Tendon load counts running (weighted for intensity\n"
    "and hills) and a little walking; training load counts every session\n"
    "(session RPE x minutes, else TRIMP from heart rate with the max_hr and\n"
    "rest_hr settings, else an estimate marked *). ACWR is the acute:chronic\n"
    "ratio of tendon load (7 days over the 28 before; EWMA beside it), empty\n"
    "until 35 days after the first day with data. CTL/ATL/TSB are fitness,\n"
    "fatigue and form.\n"
    "--json gives every figure for every day and week.\n";

static void cell(double v, int width, int decimals)
{
    if (isnan(v))
        printf("%*s", width, "-");
    else
        printf("%*.*f", width, decimals, v);
}

const struct option cmd_load_opts[] = {
    {"weeks", required_argument, NULL, 'w'},
    {"days", no_argument, NULL, 'D'},
    GLOBAL_OPTS,
    {0, 0, 0, 0}};

int cmd_load(struct cli *c, int argc, char **argv)
{
    struct tendo_error e = {0};
    struct tendo_history *h = NULL;
    struct tendo_load_day *days = NULL;
    struct tendo_load_week *weeks = NULL;
    size_t nweeks = 0;
    int opt, rc, nw = 8, by_day = 0;
    tendo_day from, to;
    double per;

    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, cmd_load_opts, NULL)) != -1) {
        if (opt == 'h')
            return cli_help(c, "load");
        if (opt == '?' || opt == ':')
            return cli_bad_option(c, "load", argv, opt);
        if (opt == 'w') {
            if (tendo_parse_int(optarg, strlen(optarg), 1, 520, "--weeks", &nw,
                                &e))
                return cli_error(c, &e);
        } else if (opt == 'D') {
            by_day = 1;
        } else if (cli_global(c, opt, optarg) < 0) {
            return EXIT_USAGE;
        }
    }
    if (optind < argc)
        return cli_usage(c, "load", "load takes no arguments");
    if ((rc = cli_open(c, 0)))
        return rc;
    to = c->date;
    from = tendo_day_week_start(to) - (nw - 1) * 7;
    if ((rc = cli_history(c, &h)))
        return rc;
    nweeks = (size_t)((tendo_day_week_start(to) - tendo_day_week_start(from)) /
                          7 +
                      1);
    days = calloc((size_t)(to - from + 1), sizeof *days);
    weeks = calloc(nweeks, sizeof *weeks);
    if (!days || !weeks) {
        rc = cli_errorf(c, EXIT_INTERNAL, "out of memory");
        goto out;
    }
    /* the history's figures: counted from the first day with data */
    for (tendo_day d = from; d <= to; d++)
        tendo_history_load_day(h, d, &days[d - from]);
    for (size_t k = 0; k < nweeks; k++)
        tendo_history_load_week(h, tendo_day_week_start(from) + (tendo_day)(7 * k),
                                &weeks[k]);
    per = c->units == TENDO_UNITS_MI ? TENDO_M_PER_MI : 1000.0;
    if (c->json) {
        rc = cli_print_json(c, tendo_load_json(h, from, to, c->units));
        goto out;
    }
    if (by_day) {
        printf("date        run min %6s  tendon training  ACWR  EWMA   CTL   "
               "ATL   TSB\n",
               cli_unit(c));
        for (tendo_day k = 0; k <= to - from; k++) {
            const struct tendo_load_day *x = &days[k];
            char d[TENDO_DAY_STRLEN];
            printf("%s ", tendo_day_format(x->date, d));
            cell(x->run_min, 8, 0);
            cell(x->run_m / per, 7, 1);
            cell(x->tendon_load, 8, 0);
            cell(x->training_load, 8, 0);
            putchar(x->training_load_estimated ? '*' : ' ');
            cell(x->acwr, 5, 2);
            cell(x->acwr_ewma, 6, 2);
            cell(x->ctl, 6, 0);
            cell(x->atl, 6, 0);
            cell(x->tsb, 6, 0);
            putchar('\n');
        }
    } else {
        printf("week of      run min %6s  tendon training ramp%%  monotony "
               "strain   spm  m/beat\n",
               cli_unit(c));
        for (size_t k = 0; k < nweeks; k++) {
            const struct tendo_load_week *x = &weeks[k];
            char d[TENDO_DAY_STRLEN];
            printf("%s ", tendo_day_format(x->week_start, d));
            cell(x->run_min, 8, 0);
            cell(x->run_m / per, 7, 1);
            cell(x->tendon_load, 8, 0);
            cell(x->training_load, 8, 0);
            cell(x->ramp_pct, 7, 0);
            cell(x->monotony, 9, 2);
            cell(x->strain, 7, 0);
            cell(x->cadence_spm, 6, 0);
            cell(x->efficiency, 8, 2);
            putchar('\n');
        }
        if (nweeks) {
            const struct tendo_load_day *t = &days[to - from];
            printf("today: ACWR %s", isnan(t->acwr) ? "- (under 35 days of "
                                                      "history)"
                                                    : "");
            if (!isnan(t->acwr))
                printf("%.2f (EWMA %.2f)", t->acwr, t->acwr_ewma);
            printf(", fitness %.0f, fatigue %.0f, form %+.0f\n", t->ctl,
                   t->atl, t->tsb);
        }
    }
    rc = EXIT_OK;
out:
    tendo_history_free(h);
    free(days);
    free(weeks);
    return rc;
}
