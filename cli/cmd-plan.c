/*
 * cli/cmd-plan.c - `tendo plan`: the coming days from today's advice
 * (tendo/plan.h, docs/cli.md, plan), as a table, JSON or an iCalendar file.
 * Nothing is stored: the plan is recomputed from the latest check each
 * time, so tomorrow's plan follows today's symptoms.
 */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char cmd_plan_help[] =
    "usage: tendo plan [--weeks N] [--from D] [--ics FILE] [--fit DIR]\n"
    "                  [--json]\n\n"
    "The coming days, week by week: each day a run (easy, moderate or long,\n"
    "with a minutes and distance cap and strides yes/no), cross-training or\n"
    "rest, plus the day's rehab. It starts from today's advice (tendo today)\n"
    "and your own recent weeks, and assumes the symptoms settle: after a\n"
    "flare-up it shows the pause and the re-entry ladder, after a reduce day\n"
    "a week of reduced runs, then weeks that hold or build by the ramp\n"
    "setting, with every 4th loading week a deload at 70 %. The plan is\n"
    "recomputed from every new check; nothing is stored.\n\n"
    "  --weeks N    Monday weeks to plan, the first holding --from (1-12,\n"
    "               default 2)\n"
    "  --from D     first day shown (today up to 4 weeks ahead; default today)\n"
    "  --ics FILE   also write the days as an iCalendar file (one all-day\n"
    "               event a day; re-exporting updates the same events;\n"
    "               with the reminder_time setting also a daily morning\n"
    "               check with an alarm)\n"
    "  --fit DIR    also write each run, cross-training and rehab session\n"
    "               as a FIT workout file for a watch (DIR/2026-11-24-run.fit\n"
    "               ...): warm-up, the main block with a heart-rate or pace\n"
    "               target, strides, cool-down, adding up to the planned\n"
    "               minutes; -v names the days without one. Copy them to\n"
    "               the watch's GARMIN/NewFiles folder (docs/cli.md)\n\n"
    "Settings used (tendo config): runs_per_week, long_run_day, rest_day,\n"
    "goal_week, ramp, protocol, units.\n";

static const char *const wd[] = {"Mon", "Tue", "Wed", "Thu",
                                 "Fri", "Sat", "Sun"};

static double dist(const struct cli *c, double km)
{
    return isnan(km) ? NAN : cli_dist(c, km * 1000);
}

static void print_text(const struct cli *c, const struct tendo_plan *p)
{
    char ds[TENDO_DAY_STRLEN], s[160], r[120];
    size_t di = 0;
    printf("Plan from %s %s (today: %s). It assumes the symptoms settle and "
           "is\nre-planned from every check.\n",
           wd[tendo_day_weekday(p->from)], tendo_day_format(p->from, ds),
           tendo_level_name(p->advice.level));
    for (size_t wi = 0; wi < p->nweeks; wi++) {
        const struct tendo_plan_week *w = &p->weeks[wi];
        printf("\nWeek of %s  %s  %.0f min", tendo_day_format(w->start, ds),
               w->phase, w->run_min);
        if (!isnan(w->run_km))
            printf(" / %.1f %s", dist(c, w->run_km), cli_unit(c));
        if (w->done_min > 0)
            printf(" (%.0f min done)", w->done_min);
        printf("\n");
        for (; di < p->ndays && p->days[di].date < w->start + 7; di++) {
            const struct tendo_plan_day *d = &p->days[di];
            tendo_plan_day_summary(d, c->units, s, sizeof s);
            printf("  %s %s  %-34s", wd[tendo_day_weekday(d->date)],
                   tendo_day_format(d->date, ds) + 5, s);
            if (d->has_rehab) {
                char prev[120] = "";
                tendo_plan_day_rehab_text(d, r, sizeof r);
                if (di > 0 && p->days[di - 1].has_rehab)
                    tendo_plan_day_rehab_text(&p->days[di - 1], prev, sizeof prev);
                printf("  + rehab%s%s", strcmp(r, prev) ? ": " : "",
                       strcmp(r, prev) ? r : "");
            }
            printf("\n");
            if (d->note[0] && (di == 0 || strcmp(d->note, p->days[di - 1].note)))
                printf("             %s\n", d->note);
        }
    }
    printf("\ntendo supports your decisions; it does not diagnose.\n");
}

static int write_ics(struct cli *c, const struct tendo_plan *p,
                     const struct tendo_history *h, const char *path)
{
    struct tendo_buf b;
    struct tendo_error e = {0};
    int rc;
    tendo_buf_init(&b, 0);
    if (tendo_plan_ics(&b, p, c->units, c->date, h->athlete.reminder_min,
                       c->now_utc, &e))
        rc = cli_error(c, &e);
    else
        rc = cli_write_output(c, path, b.data, b.len);
    tendo_buf_release(&b);
    if (!rc && !c->quiet && path && strcmp(path, "-"))
        fprintf(stderr, "tendo: wrote %zu days to %s\n", p->ndays, path);
    return rc;
}

enum { O_WEEKS = 1, O_FROM, O_ICS, O_FIT };
const struct option cmd_plan_opts[] = {
    {"weeks", required_argument, NULL, O_WEEKS},
    {"from", required_argument, NULL, O_FROM},
    {"ics", required_argument, NULL, O_ICS},
    {"fit", required_argument, NULL, O_FIT},
    GLOBAL_OPTS,
    {0, 0, 0, 0}};

int cmd_plan(struct cli *c, int argc, char **argv)
{
    const char *weeks_arg = NULL, *from_arg = NULL, *ics = NULL, *fit = NULL;
    struct tendo_error e = {0};
    struct tendo_plan_input in;
    struct tendo_plan *p = NULL;
    struct tendo_history *h = NULL;
    int opt, rc, weeks = 2;

    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, cmd_plan_opts, NULL)) != -1) {
        switch (opt) {
        case 'h':
            return cli_help(c, "plan");
        case '?':
        case ':':
            return cli_bad_option(c, "plan", argv, opt);
        case O_WEEKS:
            weeks_arg = optarg;
            break;
        case O_FROM:
            from_arg = optarg;
            break;
        case O_ICS:
            ics = optarg;
            break;
        case O_FIT:
            fit = optarg;
            break;
        default:
            if (cli_global(c, opt, optarg) < 0)
                return EXIT_USAGE;
        }
    }
    if (optind < argc)
        return cli_usage(c, "plan", "plan takes no arguments");
    if (weeks_arg && tendo_parse_int(weeks_arg, strlen(weeks_arg), 1,
                                     TENDO_PLAN_WEEKS_MAX, "--weeks", &weeks,
                                     &e))
        return cli_error(c, &e);
    if ((rc = cli_open(c, 0)))
        return rc;

    memset(&in, 0, sizeof in);
    in.weeks = weeks;
    in.from = c->date;
    if (from_arg) {
        if (tendo_parse_day(from_arg, strlen(from_arg), INT32_MAX - 2,
                            "--from", &in.from, &e))
            return cli_error(c, &e);
        if (in.from < c->date || in.from > c->date + 28)
            return cli_errorf(c, EXIT_USAGE,
                              "--from: %s is not between today and 4 weeks "
                              "ahead",
                              from_arg);
    }
    /* the settings (runs_per_week, long_run_day, rest_day, goal_week)
     * come with the history */
    if ((rc = cli_history(c, &h)))
        return rc;
    in.history = h;
    in.today = c->date;
    if (!(p = malloc(sizeof *p))) {
        rc = cli_errorf(c, EXIT_INTERNAL, "out of memory");
    } else if (tendo_plan(&in, p, &e)) {
        rc = cli_error(c, &e);
    } else {
        if (ics)
            rc = write_ics(c, p, h, ics);
        if (!rc && fit)
            rc = cli_write_workouts(c, p, h, fit);
        if (!rc && !(ics && !strcmp(ics, "-"))) {
            if (c->json)
                rc = cli_print_json(c, tendo_plan_json(p, c->units));
            else
                print_text(c, p);
        }
    }
    free(p);
    tendo_history_free(h);
    return rc;
}
