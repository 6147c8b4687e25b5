/*
 * cli/cmd-wellness.c - `tendo wellness`: sleep and how the body feels.
 * One record per day; values given again replace the day's.
 */
#include "cli.h"

#include <math.h>
#include <string.h>

const char cmd_wellness_help[] =
    "usage: tendo wellness [--sleep HOURS] [--sleep-quality 1-5]\n"
    "                      [--stress 1-5] [--fatigue 1-5] [--soreness 1-5]\n\n"
    "Records the day's wellness (--date, default today). Sleep quality runs\n"
    "from 1 (poor) to 5 (excellent); stress, fatigue and soreness from\n"
    "1 (none) to 5 (very high). Fewer than 6 h of sleep on two nights\n"
    "running holds progression (clinical.md §10).\n";

enum { O_SLEEP = 1, O_QUAL, O_STRESS, O_FATIGUE, O_SORE };

const struct option cmd_wellness_opts[] = {
    {"sleep", required_argument, NULL, O_SLEEP},
    {"sleep-quality", required_argument, NULL, O_QUAL},
    {"stress", required_argument, NULL, O_STRESS},
    {"fatigue", required_argument, NULL, O_FATIGUE},
    {"soreness", required_argument, NULL, O_SORE},
    GLOBAL_OPTS,
    {0, 0, 0, 0}};

int cmd_wellness(struct cli *c, int argc, char **argv)
{
    struct tendo_wellness in, w;
    struct tendo_error e = {0};
    int opt, rc, found;

    tendo_wellness_init(&in);
    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, cmd_wellness_opts, NULL)) != -1) {
        size_t n = optarg ? strlen(optarg) : 0;
        rc = 0;
        switch (opt) {
        case 'h':
            return cli_help(c, "wellness");
        case '?':
        case ':':
            return cli_bad_option(c, "wellness", argv, opt);
        case O_SLEEP:
            rc = tendo_parse_real(optarg, n, 0, 24, "--sleep", &in.sleep_h, &e);
            break;
        case O_QUAL:
            rc = tendo_parse_int(optarg, n, 1, 5, "--sleep-quality",
                                 &in.sleep_quality, &e);
            break;
        case O_STRESS:
            rc = tendo_parse_int(optarg, n, 1, 5, "--stress", &in.stress, &e);
            break;
        case O_FATIGUE:
            rc = tendo_parse_int(optarg, n, 1, 5, "--fatigue", &in.fatigue,
                                 &e);
            break;
        case O_SORE:
            rc = tendo_parse_int(optarg, n, 1, 5, "--soreness", &in.soreness,
                                 &e);
            break;
        default:
            if (cli_global(c, opt, optarg) < 0)
                return EXIT_USAGE;
            continue;
        }
        if (rc)
            return cli_error(c, &e);
    }
    if (optind < argc)
        return cli_usage(c, "wellness", "wellness takes no arguments");
    if (tendo_wellness_is_empty(&in))
        return cli_usage(c, "wellness",
                         "wellness needs at least one value (see --help)");
    if ((rc = cli_open(c, 1)))
        return rc;
    if ((rc = tendo_wellness_get(c->db, c->date, &w, &found, &e)))
        return cli_error(c, &e);
    if (!isnan(in.sleep_h))
        w.sleep_h = in.sleep_h;
    if (in.sleep_quality != TENDO_UNSET)
        w.sleep_quality = in.sleep_quality;
    if (in.stress != TENDO_UNSET)
        w.stress = in.stress;
    if (in.fatigue != TENDO_UNSET)
        w.fatigue = in.fatigue;
    if (in.soreness != TENDO_UNSET)
        w.soreness = in.soreness;
    if ((rc = tendo_db_begin(c->db, &e)) ||
        (rc = tendo_wellness_put(c->db, &w, c->today, &e)) ||
        (rc = tendo_db_commit(c->db, &e))) {
        tendo_db_rollback(c->db);
        return cli_error(c, &e);
    }
    if (c->json)
        return cli_print_json(c, tendo_wellness_json(&w));
    if (!c->quiet) {
        char d[TENDO_DAY_STRLEN];
        printf("wellness %s %s:", tendo_day_format(w.date, d),
               found ? "updated" : "recorded");
        if (!isnan(w.sleep_h))
            printf(" sleep %g h", w.sleep_h);
        if (w.sleep_quality != TENDO_UNSET)
            printf(", quality %d/5", w.sleep_quality);
        if (w.stress != TENDO_UNSET)
            printf(", stress %d/5", w.stress);
        if (w.fatigue != TENDO_UNSET)
            printf(", fatigue %d/5", w.fatigue);
        if (w.soreness != TENDO_UNSET)
            printf(", soreness %d/5", w.soreness);
        putchar('\n');
    }
    return EXIT_OK;
}
