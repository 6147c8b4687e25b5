/*
 * cli/cmd-list.c - `tendo list`: sessions, checks, rehab and wellness in a
 * date range, grouped by day.
 */
#include "cli.h"

#include <math.h>
#include <string.h>

const char cmd_list_help[] =
    "usage: tendo list [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--days N]\n"
    "                  [--what sessions,checks,rehab,wellness,flags]\n\n"
    "Lists what is stored from --from to --to (default: the 14 days up to\n"
    "--date). --days N lists the N days up to --to. --what picks kinds\n"
    "(default all). flags: the clearances of red flags (a clinician saw you,\n"
    "tendo flags clear) and the corrections of flags entered by mistake.\n"
    "With --json: one document with an array per kind.\n";

enum { O_FROM = 1, O_TO, O_DAYS, O_WHAT };
enum { W_SESSIONS = 1, W_CHECKS = 2, W_REHAB = 4, W_WELLNESS = 8,
       W_FLAGS = 16 };
#define NKINDS 5

/* the text listing (--json: tendo_list_json) */
struct acc {
    struct cli *c;
    int count;
};

static int j_session(const struct tendo_session *s, void *p)
{
    struct acc *a = p;
    a->count++;
    printf("  ");
    cli_session_print(a->c, s, stdout);
    return 0;
}

static int j_check(const struct tendo_check *x, void *p)
{
    struct acc *a = p;
    char d[TENDO_DAY_STRLEN];
    a->count++;
    printf("  %s check:", tendo_day_format(x->date, d));
    if (x->morning != TENDO_UNSET)
        printf(" morning %d/10", x->morning);
    if (x->stiffness_min != TENDO_UNSET)
        printf(" stiffness %d min", x->stiffness_min);
    if (x->during != TENDO_UNSET)
        printf(" during %d/10", x->during);
    if (x->after != TENDO_UNSET)
        printf(" after %d/10", x->after);
    if (x->hop_pain != TENDO_UNSET)
        printf(" hops %d/10", x->hop_pain);
    if (x->side[0])
        printf(" %s", x->side);
    if (x->location[0])
        printf(" %s", x->location);
    for (int i = 0; tendo_flag_names[i]; i++)
        if (x->flags & (1u << i))
            printf(" %s:%s",
                   (1u << i) & TENDO_FLAG_RED ? "RED FLAG" : "flag",
                   tendo_flag_names[i]);
    putchar('\n');
    return 0;
}

static void print_bits(unsigned bits)
{
    for (int i = 0; tendo_flag_names[i]; i++)
        if (bits & (1u << i))
            printf(" %s", tendo_flag_names[i]);
}

static int j_clearance(const struct tendo_clearance *x, void *p)
{
    struct acc *a = p;
    char d[TENDO_DAY_STRLEN];
    a->count++;
    printf("  %s cleared by a clinician:", tendo_day_format(x->date, d));
    print_bits(x->flags);
    if (x->note[0])
        printf(" - \"%s\"", x->note);
    putchar('\n');
    return 0;
}

static int j_correction(const struct tendo_flag_correction *x, void *p)
{
    struct acc *a = p;
    char d[TENDO_DAY_STRLEN], r[TENDO_DAY_STRLEN];
    a->count++;
    printf("  %s flags taken off the check (entered by mistake, corrected "
           "%s):",
           tendo_day_format(x->date, d), tendo_day_format(x->recorded, r));
    print_bits(x->flags);
    putchar('\n');
    return 0;
}

static int j_rehab(const struct tendo_rehab *x, void *p)
{
    struct acc *a = p;
    char d[TENDO_DAY_STRLEN];
    a->count++;
    printf("  #%lld %s rehab: %s %d x %d", (long long)x->id,
           tendo_day_format(x->date, d), x->exercise, x->sets, x->reps);
    if (!isnan(x->load_kg) && x->load_kg > 0)
        printf(" + %g kg", x->load_kg);
    if (x->surface[0])
        printf(" %s", x->surface);
    if (x->pain != TENDO_UNSET)
        printf(" pain %d/10", x->pain);
    putchar('\n');
    return 0;
}

static int j_wellness(const struct tendo_wellness *x, void *p)
{
    struct acc *a = p;
    char d[TENDO_DAY_STRLEN];
    a->count++;
    printf("  %s wellness:", tendo_day_format(x->date, d));
    if (!isnan(x->sleep_h))
        printf(" sleep %g h", x->sleep_h);
    if (x->sleep_quality != TENDO_UNSET)
        printf(" quality %d/5", x->sleep_quality);
    if (x->stress != TENDO_UNSET)
        printf(" stress %d/5", x->stress);
    if (x->fatigue != TENDO_UNSET)
        printf(" fatigue %d/5", x->fatigue);
    if (x->soreness != TENDO_UNSET)
        printf(" soreness %d/5", x->soreness);
    putchar('\n');
    return 0;
}

const struct option cmd_list_opts[] = {
    {"from", required_argument, NULL, O_FROM},
    {"to", required_argument, NULL, O_TO},
    {"days", required_argument, NULL, O_DAYS},
    {"what", required_argument, NULL, O_WHAT},
    GLOBAL_OPTS,
    {0, 0, 0, 0}};

int cmd_list(struct cli *c, int argc, char **argv)
{
    const char *const *kinds = tendo_list_kinds;
    const char *from_arg = NULL, *to_arg = NULL;
    struct tendo_error e = {0};
    int opt, rc = 0, days = 14, what = 0;
    tendo_day from, to;
    json_t *doc = NULL;
    struct acc a[NKINDS];
    char d1[TENDO_DAY_STRLEN], d2[TENDO_DAY_STRLEN];

    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, cmd_list_opts, NULL)) != -1) {
        switch (opt) {
        case 'h':
            return cli_help(c, "list");
        case '?':
        case ':':
            return cli_bad_option(c, "list", argv, opt);
        case O_FROM:
            from_arg = optarg;
            break;
        case O_TO:
            to_arg = optarg;
            break;
        case O_DAYS:
            if (tendo_parse_int(optarg, strlen(optarg), 1, 36600, "--days",
                                &days, &e))
                return cli_error(c, &e);
            break;
        case O_WHAT: {
            const char *p = optarg;
            while (*p) {
                const char *comma = strchr(p, ',');
                size_t n = comma ? (size_t)(comma - p) : strlen(p);
                int i;
                if (tendo_parse_enum(p, n, kinds, "--what", &i, &e))
                    return cli_error(c, &e);
                what |= 1 << i;
                p += n + (comma != NULL);
            }
            break;
        }
        default:
            if (cli_global(c, opt, optarg) < 0)
                return EXIT_USAGE;
        }
    }
    if (optind < argc)
        return cli_usage(c, "list", "list takes no arguments");
    if (!what)
        what = W_SESSIONS | W_CHECKS | W_REHAB | W_WELLNESS | W_FLAGS;
    if ((rc = cli_open(c, 0)))
        return rc;
    to = c->date;
    /* past days only need to be real days; a far-future --to is harmless */
    if (to_arg && tendo_parse_day(to_arg, strlen(to_arg), INT32_MAX - 2,
                                  "--to", &to, &e))
        return cli_error(c, &e);
    from = to - days + 1;
    if (from_arg && tendo_parse_day(from_arg, strlen(from_arg), INT32_MAX - 2,
                                    "--from", &from, &e))
        return cli_error(c, &e);
    if (from > to)
        return cli_errorf(c, EXIT_DATA, "--from %s is after --to %s",
                          tendo_day_format(from, d1), tendo_day_format(to, d2));
    if (c->json) {
        if (tendo_list_json(c->db, from, to, (unsigned)what, c->units, &doc,
                            &e))
            return cli_error(c, &e);
        return cli_print_json(c, doc);
    }
    for (int i = 0; i < NKINDS; i++) {
        a[i].c = c;
        a[i].count = 0;
    }
    if (!c->quiet)
        printf("%s .. %s\n", tendo_day_format(from, d1),
               tendo_day_format(to, d2));
    if (what & W_SESSIONS) {
        printf("sessions:\n");
        rc = tendo_sessions_each(c->db, from, to, j_session, &a[0], &e);
    }
    if (!rc && (what & W_CHECKS)) {
        printf("checks:\n");
        rc = tendo_checks_each(c->db, from, to, j_check, &a[1], &e);
    }
    if (!rc && (what & W_REHAB)) {
        printf("rehab:\n");
        rc = tendo_rehab_each(c->db, from, to, j_rehab, &a[2], &e);
    }
    if (!rc && (what & W_WELLNESS)) {
        printf("wellness:\n");
        rc = tendo_wellness_each(c->db, from, to, j_wellness, &a[3], &e);
    }
    if (!rc && (what & W_FLAGS)) {
        printf("red flags cleared or corrected:\n");
        rc = tendo_clearances_each(c->db, from, to, j_clearance, &a[4], &e);
    }
    if (!rc && (what & W_FLAGS))
        rc = tendo_flag_corrections_each(c->db, from, to, j_correction,
                                         &a[4], &e);
    if (rc)
        return e.code ? cli_error(c, &e)
                      : cli_errorf(c, EXIT_INTERNAL, "out of memory");
    return EXIT_OK;
}
