/*
 * cli/cmd-log.c - `tendo log TYPE [options]`: a session entered by hand.
 */
#include "cli.h"

#include <math.h>
#include <string.h>

const char cmd_log_help[] =
    "usage: tendo log TYPE [--minutes N] [--km N | --mi N] [--rpe 0-10]\n"
    "                 [--surface S] [--shoe NAME | --no-shoe] [--pain 0-10]\n"
    "                 [--pain-after 0-10] [--notes TEXT] [--date YYYY-MM-DD]\n\n"
    "Logs a session on --date (default today). TYPE is one of: run, pool-run,\n"
    "bike, swim, walk, elliptical, strength, other. A session needs minutes\n"
    "or a distance. --rpe is the session RPE (CR-10: 0 rest ... 10 maximal);\n"
    "--pain the worst Achilles pain during it (0-10), --pain-after the worst\n"
    "after it, that evening; the next morning's check judges both (they count\n"
    "from the next day's advice). Runs without --shoe\n"
    "get the default shoe (tendo shoe default NAME). Surfaces: road, track,\n"
    "trail, grass, gravel, sand, treadmill, indoor, mixed.\n";

const struct option cmd_log_opts[] = {
    SESSION_OPTS, {"no-shoe", no_argument, NULL, OPT_NO_SHOE},
    GLOBAL_OPTS, {0, 0, 0, 0}};

int cmd_log(struct cli *c, int argc, char **argv)
{
    struct cli_session_edit ed;
    struct tendo_session s;
    struct tendo_error e = {0};
    int opt, rc, no_shoe = 0, i;

    memset(&ed, 0, sizeof ed);
    tendo_session_init(&ed.s);
    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, GLOBAL_SHORT SESSION_SHORT, cmd_log_opts,
                              NULL)) != -1) {
        if (opt == 'h')
            return cli_help(c, "log");
        if (opt == '?' || opt == ':')
            return cli_bad_option(c, "log", argv, opt);
        if (opt == OPT_NO_SHOE) {
            no_shoe = 1;
            continue;
        }
        rc = cli_session_opt(c, opt, optarg, &ed);
        if (rc > 0)
            return rc;
        if (rc < 0 && cli_global(c, opt, optarg) < 0)
            return EXIT_USAGE;
    }
    if (optind != argc - 1)
        return cli_usage(c, "log",
                         optind >= argc ? "log needs a TYPE (run, bike, ...)"
                                        : "log takes one TYPE");
    if (tendo_parse_enum(argv[optind], strlen(argv[optind]),
                         tendo_session_types, "type", &i, &e))
        return cli_error(c, &e);
    if (!ed.set_minutes && !ed.set_distance)
        return cli_usage(c, "log", "log needs --minutes or a distance (--km, "
                                   "--mi)");
    if (no_shoe && ed.set_shoe)
        return cli_usage(c, "log", "--shoe and --no-shoe contradict");

    tendo_session_init(&s);
    snprintf(s.type, sizeof s.type, "%s", tendo_session_types[i]);
    snprintf(s.source, sizeof s.source, "manual");
    cli_session_apply(&ed, &s);

    if ((rc = cli_open(c, 1)))
        return rc;
    s.date = c->date;
    if ((rc = tendo_db_begin(c->db, &e)) ||
        (rc = tendo_session_log(c->db, &s, no_shoe, c->today, &e)) ||
        (rc = tendo_db_commit(c->db, &e))) {
        tendo_db_rollback(c->db);
        return cli_error(c, &e);
    }
    if (c->json)
        return cli_print_json(c, tendo_session_json(&s, c->units));
    if (!c->quiet) {
        printf("logged ");
        cli_session_print(c, &s, stdout);
    }
    return EXIT_OK;
}
