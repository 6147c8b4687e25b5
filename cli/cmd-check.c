/*
 * cli/cmd-check.c - `tendo check`: the 20-second daily symptom check
 * (docs/cli.md, check). One record per day: entering it again updates the
 * values given and says what each was before, so nothing is lost silently.
 */
#include "cli.h"

#include <string.h>
#include <unistd.h>

const char cmd_check_help[] =
    "usage: tendo check [--morning 0-10] [--stiffness MIN] [--during 0-10]\n"
    "                   [--after 0-10] [--hop-pain 0-10]\n"
    "                   [--side left|right|both]\n"
    "                   [--location midportion|insertion|unsure]\n"
    "                   [RED FLAGS] [--flags LIST|none] [-i]\n\n"
    "Records the day's check (--date, default today):\n"
    "  --morning     pain on the first steps after getting up\n"
    "  --stiffness   minutes the morning stiffness lasts\n"
    "  --during      worst pain during the day's run\n"
    "  --after       worst pain after it / that evening (with exactly one\n"
    "                run that day both are kept with the run; they count\n"
    "                from the next day's advice)\n"
    "  --hop-pain    pain on 10 single-leg hops (when reassessing)\n"
    "Red flags (each sets one): --pop (sudden snap or blow at the back of the\n"
    "heel), --cannot-raise (cannot do a single-leg heel raise on that side),\n"
    "--swelling (new, visible), --sharp (sharp pain that changed how you\n"
    "ran), --night (pain at rest or at night), --calf (calf swelling or\n"
    "warmth), --fluoroquinolone (a recent course of that antibiotic).\n"
    "--flags LIST replaces the day's red flags (comma-separated, or none).\n"
    "With no values on a terminal, or with -i, it asks the questions.\n";

enum { O_MORNING = 1, O_STIFF, O_DURING, O_AFTER, O_HOP, O_SIDE, O_LOC,
       O_FLAGS, O_FLAG0 = 2000 };

static int parse_flags(const char *arg, unsigned *out, struct tendo_error *e)
{
    const char *p = arg;
    *out = 0;
    if (strcmp(arg, "none") == 0 || !arg[0])
        return TENDO_OK;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        int i, rc;
        if ((rc = tendo_parse_enum(p, n, tendo_flag_names, "--flags", &i, e)))
            return rc;
        if (1u << i == TENDO_FLAG_MORNING_HIGH)
            return tendo_fail(e, TENDO_EINVAL,
                              "--flags: morning-high is opened by the "
                              "mornings (6/10 or more on 3 days running), "
                              "not entered");
        *out |= 1u << i;
        p += n + (comma != NULL);
    }
    return TENDO_OK;
}

static void flags_text(unsigned flags, char *out, size_t cap)
{
    size_t k = 0;
    out[0] = '\0';
    for (int i = 0; tendo_flag_names[i]; i++)
        if (flags & (1u << i))
            k += (size_t)snprintf(out + k, k < cap ? cap - k : 0, "%s%s",
                                  k ? ", " : "", tendo_flag_names[i]);
    if (!k)
        snprintf(out, cap, "none");
}

/* What the prompted check knows before asking: a run of the day still
 * without its pain, and the side and location of the latest check that
 * named them (offered as defaults: Enter keeps them). */
struct ask_ctx {
    int64_t run_id;        /* a run of the day without pain_during, or 0 */
    double run_minutes;
    int runs;              /* runs on the day */
    char side[8], location[16];
};

static int find_run(const struct tendo_session *s, void *p)
{
    struct ask_ctx *a = p;
    if (strcmp(s->type, "run") != 0)
        return 0;
    a->runs++;
    if (s->pain_during == TENDO_UNSET && !a->run_id) {
        a->run_id = s->id;
        a->run_minutes = s->minutes;
    }
    return 0;
}

static int ask_context(struct cli *c, struct ask_ctx *a, struct tendo_error *e)
{
    struct tendo_check k;
    int found, rc;
    memset(a, 0, sizeof *a);
    if ((rc = tendo_sessions_each(c->db, c->date, c->date, find_run, a, e)))
        return rc;
    for (tendo_day day = c->date; day > c->date - 365 &&
                                  (!a->side[0] || !a->location[0]);
         day--) {
        if ((rc = tendo_check_get(c->db, day, &k, &found, e)))
            return rc;
        if (found && k.side[0] && !a->side[0])
            snprintf(a->side, sizeof a->side, "%s", k.side);
        if (found && k.location[0] && !a->location[0])
            snprintf(a->location, sizeof a->location, "%s", k.location);
    }
    return TENDO_OK;
}

/* Asks for a value of `names`, offering `def` (Enter keeps it). */
static int ask_enum_default(const char *what, const char *field,
                            const char *const *names, const char *def,
                            char *out, size_t cap)
{
    char q[200];
    size_t k;
    int i, r;
    k = (size_t)snprintf(q, sizeof q, "%s (", what);
    for (i = 0; names[i] && k < sizeof q; i++)
        k += (size_t)snprintf(q + k, sizeof q - k, "%s%s", i ? ", " : "",
                              names[i]);
    if (k < sizeof q)
        snprintf(q + k, sizeof q - k, def[0] ? ") [%s]" : ")", def);
    r = cli_ask_enum(q, field, names, &i);
    if (r > 0)
        snprintf(out, cap, "%s", names[i]);
    else if (r == 0 && def[0])
        snprintf(out, cap, "%s", def);
    return r;
}

static void ask_all(const struct ask_ctx *a, struct tendo_check *in,
                    unsigned *flags, int *flags_given)
{
    char line[256], q[160];
    fprintf(stderr, "Daily check (press Enter to skip a question)\n");
    if (cli_ask_int("First-steps pain this morning (0-10)", "morning", 0, 10,
                    &in->morning) < 0)
        return;
    if (cli_ask_int("Morning stiffness (minutes)", "stiffness", 0, 1440,
                    &in->stiffness_min) < 0)
        return;
    /* session pain: only for a run logged on the day without it */
    if (a->run_id) {
        snprintf(q, sizeof q, "Worst pain during the %.0f-minute run #%lld "
                 "(0-10)", a->run_minutes, (long long)a->run_id);
        if (cli_ask_int(q, "during", 0, 10, &in->during) < 0)
            return;
    }
    if (cli_ask_int("Worst pain after activity / this evening (0-10)",
                    "after", 0, 10, &in->after) < 0)
        return;
    if (ask_enum_default("Side", "side", tendo_sides, a->side, in->side,
                         sizeof in->side) < 0 ||
        ask_enum_default("Where", "location", tendo_locations, a->location,
                         in->location, sizeof in->location) < 0)
        return;
    for (;;) {
        struct tendo_error e = {0};
        char msg[400];
        int r = cli_ask("Red flags today? pop, cannot-raise, swelling, sharp, "
                        "night, calf, fluoroquinolone (comma-separated, Enter "
                        "for none)",
                        line, sizeof line);
        if (r < 0)
            return;
        if (parse_flags(line, flags, &e) == TENDO_OK) {
            *flags_given = 1;
            return;
        }
        fprintf(stderr, "  %s; try again\n",
                tendo_error_format(&e, msg, sizeof msg));
    }
}

const struct option cmd_check_opts[] = {
    {"morning", required_argument, NULL, O_MORNING},
    {"stiffness", required_argument, NULL, O_STIFF},
    {"during", required_argument, NULL, O_DURING},
    {"after", required_argument, NULL, O_AFTER},
    {"hop-pain", required_argument, NULL, O_HOP},
    {"side", required_argument, NULL, O_SIDE},
    {"location", required_argument, NULL, O_LOC},
    {"flags", required_argument, NULL, O_FLAGS},
    {"pop", no_argument, NULL, O_FLAG0 + 0},
    {"cannot-raise", no_argument, NULL, O_FLAG0 + 1},
    {"swelling", no_argument, NULL, O_FLAG0 + 2},
    {"sharp", no_argument, NULL, O_FLAG0 + 3},
    {"night", no_argument, NULL, O_FLAG0 + 4},
    {"calf", no_argument, NULL, O_FLAG0 + 5},
    {"fluoroquinolone", no_argument, NULL, O_FLAG0 + 6},
    {"interactive", no_argument, NULL, 'i'},
    GLOBAL_OPTS,
    {0, 0, 0, 0}};

int cmd_check(struct cli *c, int argc, char **argv)
{
    struct tendo_check in, cur, before;
    struct tendo_error e = {0};
    unsigned add_flags = 0, set_flags = 0;
    int flags_given = 0, interactive = 0, opt, rc, found, i, given = 0;
    int64_t moved = 0;
    struct tendo_check_outcome out;

    tendo_check_init(&in);
    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, GLOBAL_SHORT "i", cmd_check_opts, NULL)) !=
           -1) {
        rc = 0;
        switch (opt) {
        case 'h':
            return cli_help(c, "check");
        case '?':
        case ':':
            return cli_bad_option(c, "check", argv, opt);
        case 'i':
            interactive = 1;
            continue;
        case O_MORNING:
            rc = tendo_parse_int(optarg, strlen(optarg), 0, 10, "--morning",
                                 &in.morning, &e);
            break;
        case O_STIFF:
            rc = tendo_parse_int(optarg, strlen(optarg), 0, 1440,
                                 "--stiffness", &in.stiffness_min, &e);
            break;
        case O_DURING:
            rc = tendo_parse_int(optarg, strlen(optarg), 0, 10, "--during",
                                 &in.during, &e);
            break;
        case O_AFTER:
            rc = tendo_parse_int(optarg, strlen(optarg), 0, 10, "--after",
                                 &in.after, &e);
            break;
        case O_HOP:
            rc = tendo_parse_int(optarg, strlen(optarg), 0, 10, "--hop-pain",
                                 &in.hop_pain, &e);
            break;
        case O_SIDE:
            if (!(rc = tendo_parse_enum(optarg, strlen(optarg), tendo_sides,
                                        "--side", &i, &e)))
                snprintf(in.side, sizeof in.side, "%s", tendo_sides[i]);
            break;
        case O_LOC:
            if (!(rc = tendo_parse_enum(optarg, strlen(optarg),
                                        tendo_locations, "--location", &i,
                                        &e)))
                snprintf(in.location, sizeof in.location, "%s",
                         tendo_locations[i]);
            break;
        case O_FLAGS:
            rc = parse_flags(optarg, &set_flags, &e);
            flags_given = 1;
            break;
        default:
            if (opt >= O_FLAG0 && opt < O_FLAG0 + 7) {
                add_flags |= 1u << (opt - O_FLAG0);
                break;
            }
            if (cli_global(c, opt, optarg) < 0)
                return EXIT_USAGE;
            continue;
        }
        if (rc)
            return cli_error(c, &e);
        given = 1;
    }
    if (optind < argc)
        return cli_usage(c, "check", "check takes no arguments");
    if (interactive || (!given && isatty(STDIN_FILENO))) {
        struct ask_ctx a;
        if ((rc = cli_open(c, 1)))
            return rc;
        if (ask_context(c, &a, &e))
            return cli_error(c, &e);
        ask_all(&a, &in, &set_flags, &flags_given);
    }
    if (tendo_check_is_empty(&in) && !flags_given && !add_flags)
        return cli_usage(c, "check", "check needs at least one value");

    if ((rc = cli_open(c, 1)))
        return rc;
    in.date = c->date;
    in.flags = set_flags;
    if ((rc = tendo_db_begin(c->db, &e)) ||
        (rc = tendo_check_update(c->db, &in, flags_given, add_flags,
                                 c->today, &out, &e)) ||
        (rc = tendo_db_commit(c->db, &e))) {
        tendo_db_rollback(c->db);
        return cli_error(c, &e);
    }
    cur = out.after;
    before = out.before;
    found = out.found;
    moved = out.moved_to;
    if (c->json)
        return cli_print_json(c, tendo_check_outcome_json(&out));
    if (!c->quiet) {
        char d[TENDO_DAY_STRLEN], fl[160];
        printf("check %s %s:", tendo_day_format(cur.date, d),
               found ? "updated" : "recorded");
        if (cur.morning != TENDO_UNSET)
            printf(" morning %d/10", cur.morning);
        if (cur.stiffness_min != TENDO_UNSET)
            printf(", stiffness %d min", cur.stiffness_min);
        if (cur.during != TENDO_UNSET)
            printf(", during %d/10", cur.during);
        if (cur.after != TENDO_UNSET)
            printf(", after %d/10", cur.after);
        if (moved)
            printf(" (pain kept with the day's run #%lld)", (long long)moved);
        if (cur.hop_pain != TENDO_UNSET)
            printf(", hop pain %d/10", cur.hop_pain);
        if (cur.side[0])
            printf(", %s", cur.side);
        if (cur.location[0])
            printf(", %s", cur.location);
        putchar('\n');
        for (size_t k = 0; k < out.nchanges; k++)
            printf("  %s was %d, now %d\n", out.changes[k].field,
                   out.changes[k].was, out.changes[k].now);
        if (found && before.flags != cur.flags) {
            flags_text(before.flags, fl, sizeof fl);
            printf("  red flags were: %s\n", fl);
        }
    }
    if ((cur.flags & TENDO_FLAG_RED) && !c->json) {
        char fl[160];
        flags_text(cur.flags & TENDO_FLAG_RED, fl, sizeof fl);
        /* clinical.md §2: red flags override everything, so say so at once;
         * they stay open until cleared */
        fprintf(stderr,
                "red flag recorded (%s): no running until a clinician has "
                "seen you; then record it with 'tendo flags clear'\n",
                fl);
    }
    if ((cur.flags & TENDO_FLAG_SHARP) && !c->json)
        fprintf(stderr, "sharp pain recorded: that starts a flare-up "
                        "(see 'tendo today')\n");
    if (found && (before.flags & ~cur.flags & TENDO_FLAG_RED) && !c->json) {
        char fl[160];
        flags_text(before.flags & ~cur.flags & TENDO_FLAG_RED, fl, sizeof fl);
        fprintf(stderr,
                "red flag taken off %s (%s): a correction of a mistake, kept "
                "on record; if a clinician has seen you, use 'tendo flags "
                "clear' instead\n",
                "the check", fl);
    }
    return EXIT_OK;
}
