/*
 * cli/cmd-flags.c - `tendo flags`: the red flags open on a day and since
 * when, and `tendo flags clear` to record that a clinician has seen the
 * athlete (clinical.md §2, docs/cli.md). Until then every day is
 * see-clinician. The episodes come from the library's history
 * (tendo/history.h), so `flags`, `today`, `list` and the report agree.
 */
#include "cli.h"

#include <string.h>

const char cmd_flags_help[] =
    "usage: tendo flags [--date D] [--json]\n"
    "       tendo flags clear FLAG|all [--note TEXT] [--date D]\n\n"
    "Without arguments: the red flags open on the day (--date, default\n"
    "today), each since the day it was first recorded, and those cleared.\n"
    "A red flag stays open until you record that a clinician has seen you:\n"
    "until then every day's advice is to see a clinician, with no running\n"
    "(and with pop, cannot-raise or calf no exercise of that leg at all).\n"
    "A check the next day without the flag does not clear it.\n\n"
    "clear FLAG  records the clearance of one open flag on the day (--date):\n"
    "            pop, cannot-raise, swelling, night, calf, fluoroquinolone,\n"
    "            morning-high (opened by 3 mornings at 6/10 or more); all:\n"
    "            every flag open on that day. --note keeps what the\n"
    "            clinician advised. After a fluoroquinolone clearance there\n"
    "            is no progression for 30 days (docs/clinical.md §2).\n"
    "A flag entered by mistake is not cleared but corrected: enter the\n"
    "day's check again without it (tendo check --date D --flags ...).\n";

enum { O_NOTE = 1 };

static const char *flag_name(unsigned bit)
{
    int b = 0;
    while (bit > 1u)
        bit >>= 1, b++;
    return tendo_flag_names[b];
}

static void print_flags(const struct tendo_history *h, tendo_day day)
{
    char d1[TENDO_DAY_STRLEN], d2[TENDO_DAY_STRLEN];
    int open = 0, cleared = 0;
    for (size_t i = 0; i < h->nepisodes; i++) {
        const struct tendo_flag_episode *e = &h->episodes[i];
        if (e->opened > day || (e->cleared != TENDO_DAY_NONE &&
                                e->cleared <= day))
            continue;
        if (!open++)
            printf("Open red flags on %s (see a clinician; then: tendo flags "
                   "clear FLAG):\n",
                   tendo_day_format(day, d1));
        printf("  %-16s since %s (%ld day%s)\n", flag_name(e->flag),
               tendo_day_format(e->opened, d2), (long)(day - e->opened + 1),
               day - e->opened ? "s" : "");
    }
    if (!open)
        printf("No red flag is open on %s.\n", tendo_day_format(day, d1));
    for (size_t i = 0; i < h->nepisodes; i++) {
        const struct tendo_flag_episode *e = &h->episodes[i];
        const char *note;
        if (e->cleared == TENDO_DAY_NONE || e->cleared > day)
            continue;
        if (!cleared++)
            printf("Cleared:\n");
        note = h->clearances[e->clearance].note;
        printf("  %-16s %s, cleared %s%s%s%s\n", flag_name(e->flag),
               tendo_day_format(e->opened, d1),
               tendo_day_format(e->cleared, d2), note[0] ? " - \"" : "",
               note, note[0] ? "\"" : "");
    }
}

/* the flags to clear: one name, or every open one */
static int which(struct cli *c, const char *arg, unsigned open,
                 unsigned *bits)
{
    char d[TENDO_DAY_STRLEN];
    *bits = 0;
    if (!strcmp(arg, "all")) {
        if (!open)
            return cli_errorf(c, EXIT_DATA, "no red flag is open on %s",
                              tendo_day_format(c->date, d));
        *bits = open;
        return 0;
    }
    for (int b = 0; tendo_flag_names[b]; b++)
        if (!strcmp(arg, tendo_flag_names[b]))
            *bits = 1u << b;
    if (!*bits || !(*bits & TENDO_FLAG_RED))
        return cli_errorf(c, EXIT_USAGE,
                          "flags clear: '%s' is not a red flag (pop, "
                          "cannot-raise, swelling, night, calf, "
                          "fluoroquinolone, morning-high, or all)",
                          arg);
    if (!(*bits & open)) {
        char list[200] = "";
        size_t k = 0;
        for (int b = 0; b < TENDO_FLAG_BITS; b++)
            if (open & (1u << b))
                k += (size_t)snprintf(list + k, k < sizeof list
                                                    ? sizeof list - k
                                                    : 0,
                                      "%s%s", k ? ", " : "",
                                      tendo_flag_names[b]);
        return cli_errorf(c, EXIT_DATA, "%s is not open on %s (open: %s)",
                          arg, tendo_day_format(c->date, d),
                          k ? list : "none");
    }
    return 0;
}

static int clear(struct cli *c, const char *arg, const char *note)
{
    struct tendo_error e = {0};
    struct tendo_history *h = NULL;
    const struct tendo_history_day *day;
    struct tendo_clearance cl;
    unsigned open;
    int rc;
    char d[TENDO_DAY_STRLEN];

    tendo_clearance_init(&cl);
    if (note && (rc = tendo_parse_text(note, strlen(note), TENDO_NOTES_MAX,
                                       "--note", cl.note, &e)))
        return cli_error(c, &e);
    if ((rc = cli_open(c, 1)))
        return rc;
    cl.date = c->date;
    /* read what is open and write the clearance in one transaction */
    if (tendo_db_begin(c->db, &e))
        return cli_error(c, &e);
    if ((rc = cli_history(c, &h)))
        goto out;
    day = tendo_history_day(h, c->date);
    open = day ? day->open_flags : 0;
    if ((rc = which(c, arg, open, &cl.flags)))
        goto out;
    if (tendo_clearance_add(c->db, &cl, c->today, &e) ||
        tendo_db_commit(c->db, &e)) {
        rc = cli_error(c, &e);
        goto out;
    }
    tendo_history_free(h);
    h = NULL;
    if (c->json) {
        json_t *o = json_object(), *fl = json_array();
        for (int b = 0; b < TENDO_FLAG_BITS; b++)
            if (cl.flags & (1u << b))
                json_array_append_new(fl, json_string(tendo_flag_names[b]));
        json_object_set_new(o, "id", json_integer(cl.id));
        json_object_set_new(o, "date",
                            json_string(tendo_day_format(cl.date, d)));
        json_object_set_new(o, "cleared", fl);
        json_object_set_new(o, "note", json_string(cl.note));
        return cli_print_json(c, o);
    }
    if (!c->quiet) {
        printf("cleared on %s:", tendo_day_format(cl.date, d));
        for (int b = 0; b < TENDO_FLAG_BITS; b++)
            if (cl.flags & (1u << b))
                printf(" %s", tendo_flag_names[b]);
        printf("%s%s%s\n", cl.note[0] ? " - \"" : "", cl.note,
               cl.note[0] ? "\"" : "");
        if (cl.flags & TENDO_FLAG_FLUOROQUINOLONE)
            printf("no progression for 30 days after a fluoroquinolone "
                   "(docs/clinical.md §2)\n");
    }
    return EXIT_OK;
out:
    tendo_db_rollback(c->db);
    tendo_history_free(h);
    return rc;
}

const struct option cmd_flags_opts[] = {
    {"note", required_argument, NULL, O_NOTE},
    GLOBAL_OPTS,
    {0, 0, 0, 0}};

int cmd_flags(struct cli *c, int argc, char **argv)
{
    const char *note = NULL;
    struct tendo_history *h;
    int opt, rc;

    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, cmd_flags_opts, NULL)) != -1) {
        switch (opt) {
        case 'h':
            return cli_help(c, "flags");
        case '?':
        case ':':
            return cli_bad_option(c, "flags", argv, opt);
        case O_NOTE:
            note = optarg;
            break;
        default:
            if (cli_global(c, opt, optarg) < 0)
                return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        if (strcmp(argv[optind], "clear"))
            return cli_usage(c, "flags",
                             "flags takes 'clear FLAG' or no arguments");
        if (optind + 2 != argc)
            return cli_usage(c, "flags",
                             "flags clear takes one flag name, or all");
        return clear(c, argv[optind + 1], note);
    }
    if (note)
        return cli_usage(c, "flags", "--note goes with flags clear");
    if ((rc = cli_open(c, 0)) || (rc = cli_history(c, &h)))
        return rc;
    if (c->json)
        rc = cli_print_json(c, tendo_flags_json(h, c->date));
    else
        print_flags(h, c->date);
    tendo_history_free(h);
    return rc;
}
