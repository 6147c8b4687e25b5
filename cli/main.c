/*
 * cli/main.c - `tendo [GLOBAL OPTIONS] COMMAND [ARGS]`: global options, the
 * command table and dispatch. Each command lives in cli/cmd-NAME.c.
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Words the library enumerates (session types, record kinds, settings)
 * are filled in by `completion` from the library itself (NULL here). */
static const struct cmd commands[] = {
    {"init", "create or migrate the database", cmd_init, cmd_init_help, cmd_init_opts, NULL, 0},
    {"config", "show or change settings", cmd_config, cmd_config_help, cmd_config_opts, NULL, 0},
    {"import", "import FIT, GPX, TCX (and .gz), Strava exports, diary CSV, JSON backups, folders", cmd_import, cmd_import_help, cmd_import_opts, NULL, 1},
    {"inspect", "decode activity files without storing them", cmd_inspect, cmd_inspect_help, cmd_inspect_opts, NULL, 1},
    {"log", "log a session by hand", cmd_log, cmd_log_help, cmd_log_opts, NULL, 0},
    {"edit", "change a stored session", cmd_edit, cmd_edit_help, cmd_edit_opts, NULL, 0},
    {"check", "the daily symptom check", cmd_check, cmd_check_help, cmd_check_opts, NULL, 0},
    {"flags", "open red flags since when; clear one after seeing a clinician", cmd_flags, cmd_flags_help, cmd_flags_opts, "clear", 0},
    {"rehab", "today's rehab prescription; log a session; --history", cmd_rehab, cmd_rehab_help, cmd_rehab_opts, NULL, 0},
    {"wellness", "log sleep and wellness", cmd_wellness, cmd_wellness_help, cmd_wellness_opts, NULL, 0},
    {"shoe", "shoes: add, list, retire, default", cmd_shoe, cmd_shoe_help, cmd_shoe_opts, "add list retire default", 0},
    {"list", "sessions, checks, rehab and wellness in a date range", cmd_list, cmd_list_help, cmd_list_opts, NULL, 0},
    {"today", "what to do today, and why", cmd_today, cmd_today_help, cmd_today_opts, NULL, 0},
    {"plan", "the coming days and weeks; --ics writes a calendar", cmd_plan, cmd_plan_help, cmd_plan_opts, NULL, 0},
    {"report", "an offline HTML report with charts for the coach or physio", cmd_report, cmd_report_help, cmd_report_opts, NULL, 0},
    {"assess", "VISA-A, heel-raise test, dorsiflexion; their trends", cmd_assess, cmd_assess_help, cmd_assess_opts, NULL, 0},
    {"load", "tendon load and training load, per week or per day", cmd_load, cmd_load_help, cmd_load_opts, NULL, 0},
    {"export", "write the diary CSV, or a JSON backup of everything", cmd_export, cmd_export_help, cmd_export_opts, NULL, 0},
    {"delete", "delete a record (it can be restored from a backup)", cmd_delete, cmd_delete_help, cmd_delete_opts, NULL, 0},
    {"backup", "a consistent copy of the database, while it is in use", cmd_backup, cmd_backup_help, cmd_backup_opts, NULL, 1},
    {"serve", "today's advice in the browser (a local web server)", cmd_serve, cmd_serve_help, cmd_serve_opts, NULL, 0},
    {"help", "the commands, or one command's help", cmd_help, cmd_help_help, cmd_help_opts, NULL, 0},
    {"completion", "print the bash completion script", cmd_completion, cmd_completion_help, cmd_completion_opts, "bash", 0},
};

const struct cmd *cli_commands(size_t *n)
{
    *n = sizeof commands / sizeof *commands;
    return commands;
}

const struct cmd *cli_command(const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(name, commands[i].name) == 0)
            return &commands[i];
    return NULL;
}

int cli_help(struct cli *c, const char *name)
{
    const struct cmd *cmd = cli_command(name);
    (void)c;
    if (cmd) {
        fputs(cmd->help, stdout);
        if (strcmp(name, "config") == 0)
            cmd_config_help_more();
    }
    return EXIT_OK;
}

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
            "\n'tendo help COMMAND' (or 'tendo COMMAND --help') describes a "
            "command;\n'man tendo' has everything.\n"
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
            return cli_flush(EXIT_OK);
        }
        if (opt == 'V') {
            printf("tendo %s\n", tendo_version());
            return cli_flush(EXIT_OK);
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
            c.cmd = commands[i].name;
            rc = commands[i].run(&c, argc - optind, argv + optind);
            cli_close(&c);
            return cli_flush(rc);
        }
    }
    fprintf(stderr, "tendo: unknown command '%s' (see 'tendo help')\n",
            argv[optind]);
    return EXIT_USAGE;
}

/* `tendo help [COMMAND]` */
int cmd_help(struct cli *c, int argc, char **argv)
{
    int opt;
    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, cmd_help_opts, NULL)) !=
           -1) {
        if (opt == 'h')
            return cli_help(c, "help");
        if (opt == '?' || opt == ':')
            return cli_bad_option(c, "help", argv, opt);
        if (cli_global(c, opt, optarg) < 0)
            return EXIT_USAGE;
    }
    if (optind >= argc) {
        usage(stdout);
        return EXIT_OK;
    }
    if (optind + 1 < argc)
        return cli_usage(c, "help", "help takes one COMMAND");
    if (!cli_command(argv[optind]))
        return cli_errorf(c, EXIT_USAGE, "no command '%s' (see 'tendo help')",
                          argv[optind]);
    return cli_help(c, argv[optind]);
}

const char cmd_help_help[] =
    "usage: tendo help [COMMAND]\n\n"
    "Without COMMAND: the commands, each in a line. With one: its help,\n"
    "the same as 'tendo COMMAND --help'. 'man tendo' has everything.\n";
const struct option cmd_help_opts[] = {GLOBAL_OPTS, {0, 0, 0, 0}};
