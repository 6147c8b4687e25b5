/*
 * cli/cmd-report.c - `tendo report [-o FILE] [--weeks N]`: the offline HTML
 * report (tendo/report.h). Gathers the history, the load figures and the
 * shoes, and writes one self-contained file (atomically with -o).
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

const char cmd_report_help[] =
    "usage: tendo report [-o FILE] [--weeks N] [--title TEXT]\n\n"
    "One self-contained HTML page for the athlete, coach or physio (inline\n"
    "CSS and SVG charts, nothing fetched, prints well): a clinician summary\n"
    "(today's level and rehab stage, the last 4 weeks in numbers, flare-ups,\n"
    "red flags, what changed), weekly load with morning pain, the\n"
    "acute:chronic ratio, fitness/fatigue/form, morning pain and stiffness,\n"
    "pain during and after runs, cadence and efficiency, shoes.\n\n"
    "  -o FILE       write there (atomically); default standard output\n"
    "  --weeks N     weeks shown, ending with --date's week (1-520, default\n"
    "                12)\n"
    "  --title TEXT  a name for the page, e.g. the athlete's\n";

enum { O_WEEKS = 1, O_TITLE };
const struct option cmd_report_opts[] = {
    {"weeks", required_argument, NULL, O_WEEKS},
    {"title", required_argument, NULL, O_TITLE},
    {"output", required_argument, NULL, 'o'},
    GLOBAL_OPTS,
    {0, 0, 0, 0}};

int cmd_report(struct cli *c, int argc, char **argv)
{
    struct tendo_error e = {0};
    struct tendo_report_input in;
    struct tendo_history *h = NULL;
    struct tendo_buf b;
    const char *out = NULL, *title = NULL;
    char title_buf[201];
    int opt, rc, nw = 12;
    tendo_day from, to;

    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, GLOBAL_SHORT "o:", cmd_report_opts, NULL)) !=
           -1) {
        switch (opt) {
        case 'h':
            return cli_help(c, "report");
        case '?':
        case ':':
            return cli_bad_option(c, "report", argv, opt);
        case O_WEEKS:
            if (tendo_parse_int(optarg, strlen(optarg), 1, 520, "--weeks", &nw,
                                &e))
                return cli_error(c, &e);
            break;
        case O_TITLE: /* one line of valid UTF-8, no control characters */
            if (tendo_parse_name(optarg, strlen(optarg), sizeof title_buf - 1,
                                 "--title", title_buf, &e))
                return cli_error(c, &e);
            title = title_buf;
            break;
        case 'o':
            out = optarg;
            break;
        default:
            if (cli_global(c, opt, optarg) < 0)
                return EXIT_USAGE;
        }
    }
    if (optind < argc)
        return cli_usage(c, "report", "report takes no arguments");
    if ((rc = cli_open(c, 0)))
        return rc;
    to = c->date;
    from = tendo_day_week_start(to) - (nw - 1) * 7;
    if ((rc = cli_history(c, &h)))
        return rc;
    memset(&in, 0, sizeof in);
    in.title = title;
    in.units = c->units;
    in.history = h;
    in.from = from;
    in.to = to;
    tendo_buf_init(&b, 0);
    if (tendo_report_html(&b, &in, &e))
        rc = cli_error(c, &e);
    else
        rc = cli_write_output(c, out, b.data, b.len);
    tendo_buf_release(&b);
    if (!rc && out && strcmp(out, "-") && !c->quiet)
        fprintf(stderr, "tendo: wrote the report to %s\n", out);
    tendo_history_free(h);
    return rc;
}
