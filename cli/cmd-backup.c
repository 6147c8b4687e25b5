/*
 * cli/cmd-backup.c - `tendo backup FILE`: a consistent copy of the live
 * database (tendo_db_backup: SQLite's online backup), safe while other
 * tendo commands run. The copy is a tendo database: use it with --db, or
 * put it in the database's place to restore.
 */
#include "cli.h"

#include <sys/stat.h>

const char cmd_backup_help[] =
    "usage: tendo backup FILE\n\n"
    "Writes a consistent copy of the database to FILE (SQLite's online\n"
    "backup: other tendo commands may run meanwhile). FILE is replaced\n"
    "whole, or left as it was if anything fails. The copy is a tendo\n"
    "database: read it with 'tendo --db FILE ...'; to restore, put it in\n"
    "the database's place (see 'tendo --help' for where that is). For a\n"
    "copy that any tool can read, 'tendo export --json' writes every\n"
    "record as JSON, and 'tendo import FILE.json' restores it.\n";

const struct option cmd_backup_opts[] = {GLOBAL_OPTS, {0, 0, 0, 0}};

int cmd_backup(struct cli *c, int argc, char **argv)
{
    struct tendo_error e = {0};
    struct stat st;
    int opt, rc;

    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, cmd_backup_opts, NULL)) != -1) {
        if (opt == 'h')
            return cli_help(c, "backup");
        if (opt == '?' || opt == ':')
            return cli_bad_option(c, "backup", argv, opt);
        if (cli_global(c, opt, optarg) < 0)
            return EXIT_USAGE;
    }
    if (optind + 1 != argc)
        return cli_usage(c, "backup", "backup takes one FILE");
    if ((rc = cli_open(c, 0)))
        return rc;
    if (tendo_db_backup(c->db, argv[optind], &e))
        return cli_error(c, &e);
    if (stat(argv[optind], &st) != 0)
        st.st_size = 0;
    if (c->json)
        return cli_print_json(c, json_pack("{s:s,s:I,s:i}", "file",
                                           argv[optind], "bytes",
                                           (json_int_t)st.st_size, "schema",
                                           tendo_db_schema_version(c->db)));
    if (!c->quiet)
        printf("backed up %s to %s (%lld KiB)\n", tendo_db_path(c->db),
               argv[optind], (long long)(st.st_size + 1023) / 1024);
    return EXIT_OK;
}
