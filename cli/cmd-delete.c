/*
 * cli/cmd-delete.c - `tendo delete KIND ID` / `tendo delete KIND --date D`:
 * removes records (store/delete.c), after asking on a terminal or with
 * --yes. Each deletion leaves a marker that the JSON export keeps; a shoe
 * with runs is retired instead; an imported session keeps its ledger entry
 * (so a folder import does not bring it back; `import --force FILE` does).
 * One transaction: everything named is deleted, or nothing.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char cmd_delete_help[] =
    "usage: tendo delete KIND ID [--yes]\n"
    "       tendo delete KIND --date YYYY-MM-DD [--yes]\n\n"
    "Deletes a record. KIND: session, rehab, assessment, clearance, routine\n"
    "(a block done: tendo rehab --done) (by id,\n"
    "as 'tendo list' shows it, or every one of a day with --date), check and\n"
    "wellness (one per day: --date), shoe (by name or id; a shoe with runs\n"
    "is retired instead, so its runs keep it).\n"
    "On a terminal tendo lists what it would delete and asks; otherwise\n"
    "--yes is needed. The red flags of a deleted check stay on record as a\n"
    "correction. A deleted imported session stays in the import ledger, so\n"
    "importing the watch folder again does not bring it back ('tendo import\n"
    "--force FILE' does). Every deletion is recorded (kind, id, day, when)\n"
    "and kept by 'tendo export --json'. To undo, restore a backup made\n"
    "before ('tendo backup FILE'). --json prints what was deleted.\n";

enum { O_YES = 1 };

struct shown {
    struct cli *c;
    json_t *arr;
};

static int show(const struct tendo_deletion *d, void *ctx)
{
    struct shown *s = ctx;
    char day[TENDO_DAY_STRLEN] = "";
    if (d->date != TENDO_DAY_NONE)
        tendo_day_format(d->date, day);
    if (s->arr) {
        json_t *o = tendo_deletion_json(d);
        return o ? json_array_append_new(s->arr, o) : -1;
    }
    if (d->id)
        fprintf(stderr, "  %s #%lld%s%s: %s%s\n", tendo_record_kinds[d->kind],
                (long long)d->id, day[0] ? " of " : "", day, d->what,
                d->retire ? " - has runs: it will be retired, not deleted"
                          : "");
    else
        fprintf(stderr, "  %s of %s: %s\n", tendo_record_kinds[d->kind], day,
                d->what);
    return 0;
}

static int report(const struct tendo_deletion *d, void *ctx)
{
    struct shown *s = ctx;
    char day[TENDO_DAY_STRLEN] = "";
    if (s->arr)
        return show(d, ctx);
    if (s->c->quiet)
        return 0;
    if (d->date != TENDO_DAY_NONE)
        tendo_day_format(d->date, day);
    if (d->retire)
        printf("retired %s #%lld: %s (a shoe with runs is retired, not "
               "deleted)\n",
               tendo_record_kinds[d->kind], (long long)d->id, d->what);
    else if (d->id)
        printf("deleted %s #%lld (%s): %s\n", tendo_record_kinds[d->kind],
               (long long)d->id, day[0] ? day : "-", d->what);
    else
        printf("deleted %s of %s: %s\n", tendo_record_kinds[d->kind], day,
               d->what);
    return 0;
}

/* "80" or "#80" */
static int parse_id(struct cli *c, const char *arg, int64_t *id)
{
    char *end;
    long long v;
    if (*arg == '#')
        arg++;
    v = strtoll(arg, &end, 10);
    if (!*arg || *end || v <= 0 || arg[0] == '+' || arg[0] == '-')
        return cli_usage(c, "delete", "the id must be a positive number");
    *id = v;
    return 0;
}

static int confirm(struct cli *c, int kind, int64_t id, tendo_day day,
                   size_t n)
{
    char answer[16];
    struct shown s = {c, NULL};
    struct tendo_error e = {0};
    if (!isatty(STDIN_FILENO))
        return cli_errorf(c, EXIT_USAGE,
                          "not deleting without --yes (standard input is "
                          "not a terminal)");
    fprintf(stderr, "%s:\n", n == 1 ? "This record" : "These records");
    if (tendo_delete_find(c->db, kind, id, day, show, &s, NULL, &e))
        return cli_error(c, &e);
    if (cli_ask(n == 1 ? "Delete it? [y/N]" : "Delete them? [y/N]", answer,
                sizeof answer) <= 0 ||
        (strcmp(answer, "y") && strcmp(answer, "yes"))) {
        fprintf(stderr, "nothing deleted\n");
        return -1;
    }
    return 0;
}

static int run(struct cli *c, int kind, int64_t id, tendo_day day, int yes)
{
    struct tendo_error e = {0};
    struct shown s = {c, c->json ? json_array() : NULL};
    char d[TENDO_DAY_STRLEN];
    size_t n = 0;
    int rc;

    if (tendo_db_begin(c->db, &e))
        return cli_error(c, &e);
    if (tendo_delete_find(c->db, kind, id, day, NULL, NULL, &n, &e)) {
        rc = cli_error(c, &e);
        goto fail;
    }
    if (!n) {
        rc = id ? cli_errorf(c, EXIT_DATA, "no %s #%lld",
                             tendo_record_kinds[kind], (long long)id)
                : cli_errorf(c, EXIT_DATA, "no %s on %s",
                             tendo_record_kinds[kind],
                             tendo_day_format(day, d));
        goto fail;
    }
    if (!yes && (rc = confirm(c, kind, id, day, n)) != 0) {
        rc = rc < 0 ? EXIT_OK : rc;
        goto fail;
    }
    if (tendo_delete(c->db, kind, id, day, c->now_utc, c->today, report, &s,
                     NULL, &e) ||
        tendo_db_commit(c->db, &e)) {
        rc = cli_error(c, &e);
        goto fail;
    }
    if (s.arr)
        return cli_print_json(c, json_pack("{s:o}", "deleted", s.arr));
    return EXIT_OK;
fail:
    tendo_db_rollback(c->db);
    json_decref(s.arr);
    return rc;
}

const struct option cmd_delete_opts[] = {
    {"yes", no_argument, NULL, O_YES},
    GLOBAL_OPTS,
    {0, 0, 0, 0}};

int cmd_delete(struct cli *c, int argc, char **argv)
{
    struct tendo_error e = {0};
    int opt, rc, kind, yes = 0;
    int64_t id = 0;
    tendo_day day = TENDO_DAY_NONE;
    const char *shoe = NULL;

    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, GLOBAL_SHORT "y", cmd_delete_opts, NULL)) !=
           -1) {
        switch (opt) {
        case 'h':
            return cli_help(c, "delete");
        case '?':
        case ':':
            return cli_bad_option(c, "delete", argv, opt);
        case 'y':
        case O_YES:
            yes = 1;
            break;
        default:
            if (cli_global(c, opt, optarg) < 0)
                return EXIT_USAGE;
        }
    }
    if (optind >= argc)
        return cli_usage(c, "delete", "delete needs a KIND (session, check, "
                                      "rehab, wellness, assessment, shoe, "
                                      "clearance, routine)");
    if (tendo_parse_enum(argv[optind], strlen(argv[optind]),
                         tendo_record_kinds, "KIND", &kind, &e))
        return cli_usage(c, "delete", e.msg);
    if (optind + 2 < argc)
        return cli_usage(c, "delete", "delete takes one KIND and one ID");
    if (optind + 1 < argc) {
        const char *arg = argv[optind + 1];
        if (kind == TENDO_KIND_SHOE && strspn(arg, "#0123456789") != strlen(arg))
            shoe = arg; /* a shoe by its name */
        else if ((rc = parse_id(c, arg, &id)))
            return rc;
    }
    if (shoe && c->date_arg)
        return cli_usage(c, "delete", "a shoe has no day: name it alone");
    if (shoe) {
        if ((rc = cli_open(c, CLI_WRITE)))
            return rc;
        if (tendo_shoe_id(c->db, shoe, &id, NULL, &e))
            return cli_error(c, &e);
        return run(c, kind, id, day, yes);
    }
    if (!id && !c->date_arg)
        return cli_usage(c, "delete",
                         tendo_record_kind_per_day(kind)
                             ? "name the day with --date YYYY-MM-DD"
                             : "name the record by its ID, or its day with "
                               "--date");
    if (id && c->date_arg)
        return cli_usage(c, "delete", "give an ID or --date, not both");
    if (id && tendo_record_kind_per_day(kind))
        return cli_usage(c, "delete", "checks and wellness are one per day: "
                                      "name the day with --date");
    if (!id && kind == TENDO_KIND_SHOE)
        return cli_usage(c, "delete", "name the shoe (by its name or id)");
    if ((rc = cli_open(c, CLI_WRITE)))
        return rc;
    if (c->date_arg)
        day = c->date;
    return run(c, kind, id, day, yes);
}
