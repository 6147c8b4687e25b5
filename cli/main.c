/*
 * cli/main.c - `tendo [GLOBAL OPTIONS] COMMAND [ARGS]`: global options, the
 * command table and dispatch. Each command lives in cli/cmd-NAME.c.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const struct cmd commands[] = {
    {"init", "create or migrate the database", cmd_init},
    {"config", "show or change settings", cmd_config},
    {"import", "import FIT, GPX, TCX (and .gz), Strava exports, diary CSV, folders", cmd_import},
    {"inspect", "decode activity files without storing them", cmd_inspect},
    {"log", "log a session by hand", cmd_log},
    {"edit", "change a stored session", cmd_edit},
    {"check", "the daily symptom check", cmd_check},
    {"flags", "open red flags since when; clear one after seeing a clinician", cmd_flags},
    {"rehab", "today's rehab prescription; log a session; --history", cmd_rehab},
    {"wellness", "log sleep and wellness", cmd_wellness},
    {"shoe", "shoes: add, list, retire, default", cmd_shoe},
    {"list", "sessions, checks, rehab and wellness in a date range", cmd_list},
    {"today", "what to do today, and why", cmd_today},
    {"plan", "the coming days and weeks; --ics writes a calendar", cmd_plan},
    {"report", "an offline HTML report with charts for the coach or physio", cmd_report},
    {"assess", "VISA-A, heel-raise test, dorsiflexion; their trends", cmd_assess},
    {"load", "tendon load and training load, per week or per day", cmd_load},
    {"export", "write the diary CSV or JSON of everything", cmd_export},
    {"delete", "delete a record (it can be restored from a backup)", cmd_delete},
    {"backup", "a consistent copy of the database, while it is in use", cmd_backup},
};

static void usage(FILE *f)
{
    fprintf(f,
            "usage: tendo [--db PATH] [--json] [--units km|mi] "
            "[--date YYYY-MM-DD] [-q|-v] COMMAND [ARGS]\n\n"
            "Training load and Achilles-rehab advice for runners.\n\n"
            "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f,
            "\n'tendo COMMAND --help' describes a command; 'man tendo' has "
            "everything.\n"
            "Database: --db, else $TENDO_DB, else "
            "$XDG_DATA_HOME/tendo/tendo.db, else "
            "~/.local/share/tendo/tendo.db.\n");
}

static void default_db(struct cli *c)
{
    const char *env = getenv("TENDO_DB"), *xdg = getenv("XDG_DATA_HOME"),
               *home = getenv("HOME");
    if (env && *env)
        snprintf(c->db_path, sizeof c->db_path, "%s", env);
    else if (xdg && *xdg)
        snprintf(c->db_path, sizeof c->db_path, "%s/tendo/tendo.db", xdg);
    else
        snprintf(c->db_path, sizeof c->db_path, "%s/.local/share/tendo/tendo.db",
                 home && *home ? home : ".");
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        GLOBAL_OPTS,
        {"version", no_argument, NULL, 'V'},
        {0, 0, 0, 0},
    };
    struct cli c;
    int opt, rc;

    memset(&c, 0, sizeof c);
    c.prog = "tendo";
    default_db(&c);
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "+:hqvV", opts, NULL)) !=
           -1) {
        if (opt == 'h') {
            usage(stdout);
            return EXIT_OK;
        }
        if (opt == 'V') {
            printf("tendo %s\n", tendo_version());
            return EXIT_OK;
        }
        if (opt == '?' || opt == ':')
            return cli_bad_option(&c, NULL, argv, opt);
        if ((rc = cli_global(&c, opt, optarg)) != 0)
            return EXIT_USAGE;
    }
    if (optind >= argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        if (strcmp(argv[optind], commands[i].name) == 0) {
            rc = commands[i].run(&c, argc - optind, argv + optind);
            cli_close(&c);
            return rc;
        }
    }
    fprintf(stderr, "tendo: unknown command '%s' (see 'tendo --help')\n",
            argv[optind]);
    return EXIT_USAGE;
}
