/*
 * cli/cmd-edit.c - `tendo edit ID [options]`: change a stored session.
 */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char cmd_edit_help[] =
    "usage: tendo edit ID [--rpe 0-10] [--pain 0-10] [--pain-after 0-10]\n"
    "                     [--surface S] [--shoe NAME] [--notes TEXT]\n"
    "                     [--minutes N] [--km N | --mi N] [--type TYPE]\n"
    "                     [--clear rpe|pain|pain-after|surface|shoe|notes|\n"
    "                      distance]\n\n"
    "Adds or changes fields of session ID (see 'tendo list'). --clear\n"
    "removes a value (repeatable). Prints the session as it is now.\n";

static const char *const clearable[] = {"rpe",   "pain",     "surface",
                                        "shoe",  "notes",    "distance",
                                        "pain-after", NULL};

const struct option cmd_edit_opts[] = {
    SESSION_OPTS, {"type", required_argument, NULL, 't'},
    {"clear", required_argument, NULL, OPT_CLEAR}, GLOBAL_OPTS,
    {0, 0, 0, 0}};

int cmd_edit(struct cli *c, int argc, char **argv)
{
    struct cli_session_edit ed;
    struct tendo_session s;
    struct tendo_error e = {0};
    unsigned clear = 0;
    int opt, rc, i, changes;
    long long id;
    char *end;

    memset(&ed, 0, sizeof ed);
    tendo_session_init(&ed.s);
    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, GLOBAL_SHORT SESSION_SHORT "t:",
                              cmd_edit_opts, NULL)) != -1) {
        if (opt == 'h')
            return cli_help(c, "edit");
        if (opt == '?' || opt == ':')
            return cli_bad_option(c, "edit", argv, opt);
        if (opt == OPT_CLEAR) {
            if (tendo_parse_enum(optarg, strlen(optarg), clearable, "--clear",
                                 &i, &e))
                return cli_error(c, &e), EXIT_USAGE;
            clear |= 1u << i;
            continue;
        }
        rc = cli_session_opt(c, opt, optarg, &ed);
        if (rc > 0)
            return rc;
        if (rc < 0 && cli_global(c, opt, optarg) < 0)
            return EXIT_USAGE;
    }
    if (optind != argc - 1)
        return cli_usage(c, "edit", "edit needs one session ID");
    id = strtoll(argv[optind], &end, 10);
    if (*end || id <= 0)
        return cli_errorf(c, EXIT_DATA, "session id '%s' is not a number",
                          argv[optind]);
    changes = ed.set_minutes + ed.set_distance + ed.set_rpe + ed.set_surface +
              ed.set_shoe + ed.set_pain + ed.set_pain_after + ed.set_notes +
              ed.set_type;
    if (!changes && !clear)
        return cli_usage(c, "edit", "edit needs something to change");
    {
        /* --clear X and --X V for the same field contradict */
        const int set[] = {ed.set_rpe,   ed.set_pain,  ed.set_surface,
                           ed.set_shoe,  ed.set_notes, ed.set_distance,
                           ed.set_pain_after};
        for (size_t k = 0; k < sizeof set / sizeof *set; k++)
            if ((clear & (1u << k)) && set[k]) {
                char msg[100];
                snprintf(msg, sizeof msg, "--clear %s and a new %s "
                         "contradict", clearable[k], clearable[k]);
                return cli_usage(c, "edit", msg);
            }
    }

    if ((rc = cli_open(c, CLI_WRITE)))
        return rc;
    if ((rc = tendo_session_get(c->db, id, &s, &e)))
        return cli_error(c, &e);
    cli_session_apply(&ed, &s);
    if (clear & 1u)
        s.rpe = TENDO_UNSET;
    if (clear & 2u)
        s.pain_during = TENDO_UNSET;
    if (clear & 4u)
        s.surface[0] = '\0';
    if (clear & 8u) {
        s.shoe[0] = '\0';
        s.shoe_id = 0;
    }
    if (clear & 16u)
        s.notes[0] = '\0';
    if (clear & 32u)
        s.distance_m = NAN;
    if (clear & 64u)
        s.pain_after = TENDO_UNSET;
    if ((rc = tendo_db_begin(c->db, &e)) ||
        (rc = tendo_session_update(c->db, &s, c->today, &e)) ||
        (rc = tendo_db_commit(c->db, &e))) {
        tendo_db_rollback(c->db);
        return cli_error(c, &e);
    }
    if ((rc = tendo_session_get(c->db, id, &s, &e)))
        return cli_error(c, &e);
    if (c->json)
        return cli_print_json(c, tendo_session_json(&s, c->units));
    if (!c->quiet) {
        printf("updated ");
        cli_session_print(c, &s, stdout);
    }
    return EXIT_OK;
}
