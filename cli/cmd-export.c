/*
 * cli/cmd-export.c - `tendo export`: the diary CSV (docs/formats.md) or JSON
 * of everything. Files are written whole (temp file + rename) or not at all.
 */
#include "cli.h"

#include <string.h>

const char cmd_export_help[] =
    "usage: tendo export [--csv | --json] [-o FILE] [--from YYYY-MM-DD]\n"
    "                    [--to YYYY-MM-DD]\n\n"
    "Writes the diary CSV (the default; 'tendo import' reads it back) or,\n"
    "with --json, every record as one JSON document. --from/--to limit the\n"
    "CSV to a date range. Output goes to stdout, or to FILE.\n";

enum { O_CSV = 1, O_FROM, O_TO };

const struct option cmd_export_opts[] = {
    {"csv", no_argument, NULL, O_CSV},
    {"output", required_argument, NULL, 'o'},
    {"from", required_argument, NULL, O_FROM},
    {"to", required_argument, NULL, O_TO},
    GLOBAL_OPTS,
    {0, 0, 0, 0}};

int cmd_export(struct cli *c, int argc, char **argv)
{
    const char *out = NULL, *from_arg = NULL, *to_arg = NULL;
    struct tendo_error e = {0};
    struct tendo_buf b;
    tendo_day from = TENDO_DAY_MIN, to = INT32_MAX;
    int opt, rc, csv = 0;

    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, GLOBAL_SHORT "o:", cmd_export_opts, NULL)) !=
           -1) {
        switch (opt) {
        case 'h':
            return cli_help(c, "export");
        case '?':
        case ':':
            return cli_bad_option(c, "export", argv, opt);
        case O_CSV:
            csv = 1;
            break;
        case 'o':
            out = optarg;
            break;
        case O_FROM:
            from_arg = optarg;
            break;
        case O_TO:
            to_arg = optarg;
            break;
        default:
            if (cli_global(c, opt, optarg) < 0)
                return EXIT_USAGE;
        }
    }
    if (optind < argc)
        return cli_usage(c, "export", "export takes no arguments");
    if (csv && c->json)
        return cli_usage(c, "export", "--csv and --json contradict");
    if ((rc = cli_open(c, 0)))
        return rc;
    if (from_arg && tendo_parse_day(from_arg, strlen(from_arg), INT32_MAX - 2,
                                    "--from", &from, &e))
        return cli_error(c, &e);
    if (to_arg && tendo_parse_day(to_arg, strlen(to_arg), INT32_MAX - 2,
                                  "--to", &to, &e))
        return cli_error(c, &e);
    tendo_buf_init(&b, 0);
    rc = c->json ? tendo_export_json(c->db, &b, &e)
                 : tendo_diary_export(c->db, from, to, &b, &e);
    if (!rc && c->json)
        tendo_buf_putc(&b, '\n');
    if (rc || b.err) {
        tendo_buf_release(&b);
        return rc ? cli_error(c, &e)
                  : cli_errorf(c, EXIT_INTERNAL, "out of memory");
    }
    rc = cli_write_output(c, out, b.data, b.len);
    tendo_buf_release(&b);
    return rc;
}
