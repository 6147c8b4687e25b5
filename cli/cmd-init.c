/*
 * cli/cmd-init.c - `tendo init`: create or migrate the database.
 */
#include "cli.h"

const char cmd_init_help[] =
    "usage: tendo init [--db PATH]\n\n"
    "Creates the database (and its folders), or migrates an older one to\n"
    "the current schema. Running it again changes nothing.\n";

const struct option cmd_init_opts[] = {GLOBAL_OPTS, {0, 0, 0, 0}};

int cmd_init(struct cli *c, int argc, char **argv)
{
    int opt, rc;
    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, cmd_init_opts, NULL)) != -1) {
        if (opt == 'h')
            return cli_help(c, "init");
        if (opt == '?' || opt == ':')
            return cli_bad_option(c, "init", argv, opt);
        if (cli_global(c, opt, optarg) < 0)
            return EXIT_USAGE;
    }
    if (optind < argc)
        return cli_usage(c, "init", "init takes no arguments");
    if ((rc = cli_open(c, 1)))
        return rc;
    if (c->json) {
        return cli_print_json(c, json_pack("{s:s,s:i}", "db", c->db_path,
                                           "schema",
                                           tendo_db_schema_version(c->db)));
    }
    if (!c->quiet)
        printf("database '%s' is ready (schema v%d)\n", c->db_path,
               tendo_db_schema_version(c->db));
    return EXIT_OK;
}
