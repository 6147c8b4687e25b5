/*
 * cli/cmd-shoe.c - `tendo shoe add|list|retire|default`: footwear, distance
 * per shoe from its sessions, rotation and retirement hints (clinical.md §10).
 */
#include "cli.h"

#include <math.h>
#include <string.h>

const char cmd_shoe_help[] =
    "usage: tendo shoe add NAME [--brand B] [--drop MM] [--start-km N |\n"
    "                           --start-mi N] [--since D] [--default]\n"
    "       tendo shoe list\n"
    "       tendo shoe retire NAME\n"
    "       tendo shoe default NAME\n\n"
    "Keeps your shoes: distance per shoe (its starting distance plus its\n"
    "sessions), the default shoe for runs logged without one, and hints:\n"
    "retire past the shoe_retire_km setting (600 km), rotate two or more\n"
    "pairs. --drop is the heel-to-toe drop in mm.\n\n"
    "--since D is the day you first ran in it (default today): imported\n"
    "runs get the shoe that was in use on their day - the default shoe if\n"
    "it was in use then, else the only shoe that was - or none, so runs\n"
    "from before you had a shoe are not counted on it.\n";

enum { O_BRAND = 1, O_DROP, O_START_KM, O_START_MI, O_DEFAULT, O_SINCE };

struct list_ctx {
    struct cli *c;
    json_t *arr;
    double retire_km;
    int active;
};

static int print_shoe(const struct tendo_shoe *s, void *p)
{
    struct list_ctx *l = p;
    struct cli *c = l->c;
    if (s->retired == TENDO_DAY_NONE)
        l->active++;
    if (l->arr)
        return json_array_append_new(l->arr,
                                     tendo_shoe_json(s, c->units, l->retire_km));
    printf("%-20s %8.1f %s %4d %s", s->name, cli_dist(c, s->distance_m),
           cli_unit(c), s->sessions, s->sessions == 1 ? "run " : "runs");
    if (!isnan(s->drop_mm))
        printf("  drop %g mm", s->drop_mm);
    if (s->brand[0])
        printf("  %s", s->brand);
    if (s->is_default)
        printf("  [default]");
    if (s->retired != TENDO_DAY_NONE) {
        char d[TENDO_DAY_STRLEN];
        printf("  [retired %s]", tendo_day_format(s->retired, d));
    } else if (s->distance_m >= l->retire_km * 1000.0) {
        printf("  [past %g km: time to retire it?]", l->retire_km);
    }
    putchar('\n');
    return 0;
}

static int shoe_list(struct cli *c)
{
    struct tendo_error e = {0};
    struct list_ctx l = {c, NULL, 600, 0};
    char v[32];
    int rc;
    if ((rc = tendo_setting_get(c->db, "shoe_retire_km", v, sizeof v, NULL,
                                &e)))
        return cli_error(c, &e);
    tendo_parse_real(v, strlen(v), 0, 1e6, "shoe_retire_km", &l.retire_km,
                     NULL);
    if (c->json)
        l.arr = json_array();
    if ((rc = tendo_shoes_each(c->db, print_shoe, &l, &e))) {
        json_decref(l.arr);
        return cli_error(c, &e);
    }
    if (c->json)
        return cli_print_json(c, json_pack("{s:s,s:o}", "units", cli_unit(c),
                                           "shoes", l.arr));
    if (l.active == 0)
        printf("no shoes yet: tendo shoe add NAME\n");
    else if (l.active == 1 && !c->quiet)
        printf("hint: rotating two or more pairs was associated with fewer "
               "running injuries (Malisoux et al. 2015)\n");
    return EXIT_OK;
}

const struct option cmd_shoe_opts[] = {
    {"brand", required_argument, NULL, O_BRAND},
    {"drop", required_argument, NULL, O_DROP},
    {"start-km", required_argument, NULL, O_START_KM},
    {"start-mi", required_argument, NULL, O_START_MI},
    {"default", no_argument, NULL, O_DEFAULT},
    {"since", required_argument, NULL, O_SINCE},
    GLOBAL_OPTS,
    {0, 0, 0, 0}};

int cmd_shoe(struct cli *c, int argc, char **argv)
{
    struct tendo_shoe s;
    struct tendo_error e = {0};
    int opt, rc, add_only = 0, start_given = 0;
    const char *sub, *name = NULL;

    tendo_shoe_init(&s);
    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, cmd_shoe_opts, NULL)) != -1) {
        rc = 0;
        switch (opt) {
        case 'h':
            return cli_help(c, "shoe");
        case '?':
        case ':':
            return cli_bad_option(c, "shoe", argv, opt);
        case O_BRAND:
            rc = tendo_parse_name(optarg, strlen(optarg), TENDO_NAME_MAX,
                                  "--brand", s.brand, &e);
            add_only = 1;
            break;
        case O_DROP:
            rc = tendo_parse_real(optarg, strlen(optarg), 0, 30, "--drop",
                                  &s.drop_mm, &e);
            add_only = 1;
            break;
        case O_START_KM:
        case O_START_MI:
            if (start_given++)
                return cli_usage(c, "shoe", "the starting distance is given "
                                            "twice (--start-km or --start-mi, "
                                            "once)");
            if (cli_parse_distance(c, optarg, opt == O_START_MI,
                                   opt == O_START_MI ? "--start-mi"
                                                     : "--start-km",
                                   &s.start_m))
                return EXIT_DATA;
            add_only = 1;
            break;
        case O_DEFAULT:
            s.is_default = 1;
            add_only = 1;
            break;
        case O_SINCE: /* the day it was added: --date by its own name */
            if (cli_global(c, OPT_DATE, optarg) < 0)
                return EXIT_USAGE;
            add_only = 1;
            break;
        default:
            if (cli_global(c, opt, optarg) < 0)
                return EXIT_USAGE;
            continue;
        }
        if (rc)
            return cli_error(c, &e);
    }
    if (optind + 1 >= argc && (optind >= argc ||
                               strcmp(argv[optind], "list") != 0))
        return cli_usage(c, "shoe",
                         optind >= argc ? "shoe needs add, list, retire or "
                                          "default"
                                        : "shoe needs a NAME");
    sub = argv[optind];
    if (strcmp(sub, "list") == 0) {
        if (optind + 1 != argc)
            return cli_usage(c, "shoe", "shoe list takes no NAME");
    } else {
        if (optind + 2 != argc)
            return cli_usage(c, "shoe",
                             "one NAME, please (quote names with spaces)");
        name = argv[optind + 1];
    }
    if (add_only && strcmp(sub, "add") != 0)
        return cli_usage(c, "shoe", "--brand, --drop, --start-km, --since "
                                    "and --default go with 'shoe add'");
    if (strcmp(sub, "add") != 0 && strcmp(sub, "list") != 0 &&
        strcmp(sub, "retire") != 0 && strcmp(sub, "default") != 0)
        return cli_usage(c, "shoe", "shoe needs add, list, retire or default");
    if (name && (rc = tendo_parse_name(name, strlen(name), TENDO_NAME_MAX,
                                       "NAME", s.name, &e)))
        return cli_error(c, &e);
    if (name && !s.name[0])
        return cli_usage(c, "shoe", "the shoe NAME is empty");

    if ((rc = cli_open(c, strcmp(sub, "add") == 0    ? CLI_CREATE
                              : strcmp(sub, "list") == 0 ? CLI_READ
                                                         : CLI_WRITE)))
        return rc;
    if (strcmp(sub, "list") == 0)
        return shoe_list(c);
    s.added = c->date;
    if ((rc = tendo_db_begin(c->db, &e)))
        return cli_error(c, &e);
    if (strcmp(sub, "add") == 0)
        rc = tendo_shoe_add(c->db, &s, &e);
    else if (strcmp(sub, "retire") == 0)
        rc = tendo_shoe_retire(c->db, s.name, c->date, &e);
    else
        rc = tendo_shoe_set_default(c->db, s.name, &e);
    if (rc || (rc = tendo_shoe_get(c->db, s.name, &s, &e)) ||
        (rc = tendo_db_commit(c->db, &e))) {
        tendo_db_rollback(c->db);
        return cli_error(c, &e);
    }
    if (c->json)
        return cli_print_json(c, tendo_shoe_json(&s, c->units, 0));
    if (!c->quiet) {
        if (strcmp(sub, "add") == 0)
            printf("added shoe '%s'%s\n", s.name,
                   s.is_default ? " (default for runs)" : "");
        else if (strcmp(sub, "retire") == 0)
            printf("retired shoe '%s' after %.1f %s\n", s.name,
                   cli_dist(c, s.distance_m), cli_unit(c));
        else
            printf("shoe '%s' is now the default for runs\n", s.name);
    }
    return EXIT_OK;
}
