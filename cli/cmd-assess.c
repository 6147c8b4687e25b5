/*
 * cli/cmd-assess.c - `tendo assess`: the VISA-A questionnaire, the
 * single-leg heel-raise test and knee-to-wall dorsiflexion (clinical.md §8),
 * stored with their derived figures; without a kind, the trends.
 */
#include "cli.h"
#include "tendo/clinical.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char cmd_assess_help[] =
    "usage: tendo assess visa-a [--answers Q1,...,Q8]\n"
    "       tendo assess heel-raise --left N --right N [--involved left|right]\n"
    "       tendo assess dorsiflexion --left CM --right CM\n"
    "       tendo assess function [--answers S,D,R]\n"
    "       tendo assess [list] [--weeks N]\n\n"
    "VISA-A: the eight item scores in points (Q1-Q6 0-10, Q7 0/4/7/10, Q8\n"
    "0-30 from its form), total 0-100 (100 = no symptoms); without\n"
    "--answers it asks the questions. Heel-raise: single-leg raises to\n"
    "fatigue per side; the limb symmetry index is involved / uninvolved x\n"
    "100 (the involved side from --involved, else the latest check's side,\n"
    "else the side with fewer raises). Running again needs an LSI of\n"
    ">= " TENDO_STR(TENDO_RTR_LSI_MIN) " % (with both sides sore, "
    TENDO_STR(TENDO_HEEL_RAISE_NORM) " raises instead, "
    TENDO_STR(TENDO_HEEL_RAISE_NORM_OLDER) " from\n"
    "age " TENDO_STR(TENDO_HEEL_RAISE_OLDER_AGE) "); the programme's goal is >= "
    TENDO_STR(TENDO_LSI_GOAL) " % (docs/clinical.md §8).\n"
    "Dorsiflexion: knee-to-wall distance in cm per side; a difference over\n"
    "2 cm is worth noting. Function, weekly: stairs, daily tasks and\n"
    "recovery after sessions, each 0-10 (10 = no trouble); the score is\n"
    "their mean x 10, trended like VISA-A; without --answers it asks. Without a kind: every assessment of the last N\n"
    "weeks (default 26) with the change since the first of its kind.\n";

/* the questions in our own words (clinical.md §8) */
static const char *const q16[] = {
    "Q1 Morning stiffness: 0 = 100 min or more ... 10 = none (0-10)",
    "Q2 Pain stretching the calf fully (e.g. over a step edge): 0 = strong "
    "... 10 = none (0-10)",
    "Q3 Pain after walking 30 min on flat ground: 0 = strong ... 10 = none "
    "(0-10)",
    "Q4 Pain walking downstairs at a normal pace: 0 = strong ... 10 = none "
    "(0-10)",
    "Q5 Pain during or right after 10 single-leg heel raises from a step: "
    "0 = strong ... 10 = none (0-10)",
    "Q6 Single-leg hops you can do without pain: 0 = none ... 10 = 10 "
    "(0-10)"};
static const char *const q7_names[] = {"none", "modified", "full-below",
                                       "competing", NULL};
static const int q7_points[] = {0, 4, 7, 10};
static const char *const q8_forms[] = {"none", "some", "stops", NULL};
static const char *const q8_bands[] = {"0", "1-10", "11-20", "21-30",
                                       "over-30", NULL};
static const int q8_points[3][5] = {
    {0, 7, 14, 21, 30}, {0, 4, 10, 14, 20}, {0, 2, 5, 7, 10}};

static int ask_visa(int p[TENDO_VISA_ITEMS])
{
    int i, r;
    for (i = 0; i < 6; i++)
        if ((r = cli_ask_int(q16[i], "answer", 0, 10, &p[i])) != 1)
            return r;
    if ((r = cli_ask_enum("Q7 Sport now: none, modified (modified training), "
                          "full-below (full training, below your level "
                          "before), competing (at or above it)",
                          "answer", q7_names, &i)) != 1)
        return r;
    p[6] = q7_points[i];
    if ((r = cli_ask_enum("Q8 Pain while training: none, some (does not stop "
                          "you), stops (stops training)",
                          "answer", q8_forms, &i)) != 1)
        return r;
    {
        int band;
        if ((r = cli_ask_enum("   Minutes you can train that way: 0, 1-10, "
                              "11-20, 21-30, over-30",
                              "answer", q8_bands, &band)) != 1)
            return r;
        p[7] = q8_points[i][band];
    }
    return 1;
}

struct derived {
    const char *involved;   /* heel-raise */
    const char *side;       /* the latest check's side ("" none) */
    int age;                /* the setting, TENDO_UNSET */
};

/* clinical.md §8: the return-to-running gate of a heel-raise test */
static void print_gate(const struct tendo_assessment *a,
                       const struct derived *d)
{
    struct tendo_heel_raise_gate g;
    tendo_heel_raise_gate(a, d->side, d->age, &g);
    if (g.absolute)
        printf("  return-to-running gate %s: %.0f raises on the weaker side, "
               "%.0f needed (%s: the LSI says nothing; %d from 60 years, "
               "setting age)\n",
               g.pass ? "passed" : "not yet", g.value, g.need,
               !strcmp(d->side, "both") ? "both sides sore"
                                        : "no healthy side tested",
               TENDO_HEEL_RAISE_NORM_OLDER);
    else
        printf("  return-to-running gate %s: LSI %.0f %%, %.0f %% needed\n",
               g.pass ? "passed" : "not yet", g.value, g.need);
}

/* A side's value, or "not tested" (records from before both sides were
 * required) - never "nan". */
static const char *side_value(double v, int cm, char *buf, size_t cap)
{
    if (isnan(v))
        return "not tested";
    if (cm)
        snprintf(buf, cap, "%.1f cm", v);
    else
        snprintf(buf, cap, "%.0f", v);
    return buf;
}

static void print_one(const struct tendo_assessment *a,
                      const struct derived *d)
{
    char ds[TENDO_DAY_STRLEN], l[32], r[32];
    tendo_day_format(a->date, ds);
    if (!strcmp(a->kind, "visa-a")) {
        printf("VISA-A %s: %.0f/100 (100 = no symptoms; a change of 6-7 "
               "points matters)\n",
               ds, a->score);
    } else if (!strcmp(a->kind, "function")) {
        int q[3] = {0, 0, 0};
        sscanf(a->answers, "%d,%d,%d", &q[0], &q[1], &q[2]);
        printf("function %s: %.0f/100 (stairs %d, daily tasks %d, recovery "
               "%d; 10 = no trouble)\n",
               ds, a->score, q[0], q[1], q[2]);
    } else if (!strcmp(a->kind, "heel-raise")) {
        printf("heel-raise %s: left %s, right %s", ds,
               side_value(a->left, 0, l, sizeof l),
               side_value(a->right, 0, r, sizeof r));
        if (!isnan(a->score) && d && d->side && !strcmp(d->side, "both"))
            printf("; LSI %.0f %%, but both sides are sore: it compares two "
                   "sore legs",
                   a->score);
        else if (!isnan(a->score))
            printf("; LSI %.0f %%%s%s%s (running needs >= %d %%, the goal "
                   "is >= %d %%)",
                   a->score, d && d->involved ? " (" : "",
                   d && d->involved ? d->involved : "",
                   d && d->involved ? " involved)" : "", TENDO_RTR_LSI_MIN,
                   TENDO_LSI_GOAL);
        putchar('\n');
        if (d && d->side)
            print_gate(a, d);
    } else {
        double diff = fabs(a->left - a->right);
        printf("dorsiflexion %s: left %s, right %s", ds,
               side_value(a->left, 1, l, sizeof l),
               side_value(a->right, 1, r, sizeof r));
        if (!isnan(diff))
            printf("; difference %.1f cm%s", diff,
                   diff > 2 ? " (over 2 cm: worth noting)" : "");
        putchar('\n');
    }
}

/* every assessment of the last `weeks` weeks, with the change since the
 * first of its kind */
static int list(struct cli *c, int weeks)
{
    struct tendo_error e = {0};
    struct {
        struct tendo_assessment *v;
        size_t n;
    } l;
    double *change;
    int rc;
    if ((rc = cli_open(c, 0)))
        return rc;
    if (tendo_assessments_list(c->db, NULL, c->date - weeks * 7 + 1, c->date,
                               &l.v, &l.n, &e))
        return cli_error(c, &e);
    if (c->json) {
        rc = cli_print_json(c, tendo_assessments_doc_json(l.v, l.n));
        free(l.v);
        return rc;
    }
    if (!(change = malloc((l.n ? l.n : 1) * sizeof *change))) {
        free(l.v);
        return cli_errorf(c, EXIT_INTERNAL, "out of memory");
    }
    tendo_assessment_changes(l.v, l.n, change);
    for (size_t i = 0; i < l.n; i++) {
        const char *k = l.v[i].kind;
        print_one(&l.v[i], NULL);
        if (!isnan(change[i]))
            printf("    %+.0f since the first %s in this range\n", change[i],
                   !strcmp(k, "visa-a")       ? "VISA-A"
                   : !strcmp(k, "heel-raise") ? "LSI (%)"
                   : !strcmp(k, "function")   ? "function score"
                                              : "side difference (cm)");
    }
    if (!l.n && !c->quiet)
        printf("no assessments in the last %d weeks (tendo assess "
               "visa-a | heel-raise | dorsiflexion | function)\n",
               weeks);
    free(change);
    free(l.v);
    return EXIT_OK;
}

enum { O_ANSWERS = 1, O_LEFT, O_RIGHT, O_INVOLVED, O_WEEKS, O_NOTES };

const struct option cmd_assess_opts[] = {
    {"answers", required_argument, NULL, O_ANSWERS},
    {"left", required_argument, NULL, O_LEFT},
    {"right", required_argument, NULL, O_RIGHT},
    {"involved", required_argument, NULL, O_INVOLVED},
    {"weeks", required_argument, NULL, O_WEEKS},
    {"notes", required_argument, NULL, O_NOTES},
    GLOBAL_OPTS,
    {0, 0, 0, 0}};

int cmd_assess(struct cli *c, int argc, char **argv)
{
    static const char *const sides[] = {"left", "right", NULL};
    struct tendo_error e = {0};
    struct tendo_assessment a;
    struct derived d = {NULL, NULL, TENDO_UNSET};
    struct tendo_assessment_entry ent;
    const char *answers = NULL, *kind;
    int opt, rc, i, weeks = 26, involved = -1;

    tendo_assessment_init(&a);
    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, cmd_assess_opts, NULL)) != -1) {
        rc = 0;
        switch (opt) {
        case 'h':
            return cli_help(c, "assess");
        case '?':
        case ':':
            return cli_bad_option(c, "assess", argv, opt);
        case O_ANSWERS:
            answers = optarg;
            break;
        case O_LEFT:
            rc = tendo_parse_real(optarg, strlen(optarg), 0, 500, "--left",
                                  &a.left, &e);
            break;
        case O_RIGHT:
            rc = tendo_parse_real(optarg, strlen(optarg), 0, 500, "--right",
                                  &a.right, &e);
            break;
        case O_INVOLVED:
            rc = tendo_parse_enum(optarg, strlen(optarg), sides, "--involved",
                                  &involved, &e);
            break;
        case O_WEEKS:
            rc = tendo_parse_int(optarg, strlen(optarg), 1, 520, "--weeks",
                                 &weeks, &e);
            break;
        case O_NOTES:
            rc = tendo_parse_text(optarg, strlen(optarg), TENDO_NOTES_MAX,
                                  "--notes", a.notes, &e);
            break;
        default:
            if (cli_global(c, opt, optarg) < 0)
                return EXIT_USAGE;
            continue;
        }
        if (rc)
            return cli_error(c, &e);
    }
    kind = optind < argc ? argv[optind++] : "list";
    if (optind < argc)
        return cli_usage(c, "assess", "assess takes one kind");

    if (!strcmp(kind, "list"))
        return list(c, weeks);
    if (tendo_parse_enum(kind, strlen(kind), tendo_assessment_kinds,
                         "assessment", &i, &e))
        return cli_usage(c, "assess", e.msg);
    snprintf(a.kind, sizeof a.kind, "%s", tendo_assessment_kinds[i]);

    if (!strcmp(a.kind, "visa-a")) {
        int p[TENDO_VISA_ITEMS], total;
        if (!isnan(a.left) || !isnan(a.right) || involved >= 0)
            return cli_usage(c, "assess", "visa-a takes --answers only");
        if (answers) {
            if (tendo_visa_a_parse(answers, p, &total, &e))
                return cli_error(c, &e);
        } else if (isatty(0)) {
            fprintf(stderr, "VISA-A: 8 questions about the last week "
                            "(Enter on an empty line stops).\n");
            cli_ask_skip_hint("(Enter stops: nothing is stored)");
            if (ask_visa(p) != 1)
                return cli_errorf(c, EXIT_USAGE,
                                  "VISA-A not finished: nothing stored");
            if (tendo_visa_a_score(p, &total, &e))
                return cli_error(c, &e);
        } else {
            return cli_usage(c, "assess",
                             "visa-a needs --answers Q1,...,Q8 off a "
                             "terminal");
        }
        a.score = total;
        snprintf(a.answers, sizeof a.answers, "%d,%d,%d,%d,%d,%d,%d,%d",
                 p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]);
    } else if (!strcmp(a.kind, "function")) {
        static const char *const q[] = {
            "Stairs this week: 0 = very hard ... 10 = no trouble (0-10)",
            "Daily tasks this week: 0 = very hard ... 10 = no trouble (0-10)",
            "Recovery after sessions: 0 = sore for days ... 10 = none (0-10)",
        };
        int r[TENDO_FUNCTION_ITEMS], score;
        char txt[40];
        if (!isnan(a.left) || !isnan(a.right) || involved >= 0)
            return cli_usage(c, "assess", "function takes --answers only");
        if (!answers && isatty(0)) {
            cli_ask_skip_hint("(Enter stops: nothing is stored)");
            for (int k = 0; k < TENDO_FUNCTION_ITEMS; k++)
                if (cli_ask_int(q[k], "answer", 0, 10, &r[k]) != 1)
                    return cli_errorf(c, EXIT_USAGE, "function check-in not "
                                                     "finished: nothing stored");
            snprintf(txt, sizeof txt, "%d,%d,%d", r[0], r[1], r[2]);
            answers = txt;
        } else if (!answers) {
            return cli_usage(c, "assess",
                             "function needs --answers S,D,R off a terminal");
        }
        if (tendo_function_parse(answers, r, &score, &e))
            return cli_error(c, &e);
        a.score = score;
        snprintf(a.answers, sizeof a.answers, "%d,%d,%d", r[0], r[1], r[2]);
    } else if (answers) {
        return cli_usage(c, "assess", "--answers is for visa-a and function");
    } else if (isnan(a.left) || isnan(a.right)) {
        char msg[120];
        snprintf(msg, sizeof msg, "%s needs both --left and --right (0 when "
                 "a side cannot be tested)", a.kind);
        return cli_usage(c, "assess", msg);
    } else if (involved >= 0 && strcmp(a.kind, "heel-raise") != 0) {
        return cli_usage(c, "assess", "--involved is for heel-raise");
    }
    if ((rc = cli_open(c, 1)))
        return rc;
    a.date = c->date;
    if ((rc = tendo_db_begin(c->db, &e)) ||
        (rc = tendo_assessment_log(c->db, &a, involved >= 0 ? sides[involved]
                                                         : NULL,
                                   c->today, &ent, &e)) ||
        (rc = tendo_db_commit(c->db, &e))) {
        tendo_db_rollback(c->db);
        return cli_error(c, &e);
    }
    if (c->json)
        return cli_print_json(c, tendo_assessment_entry_json(&ent));
    d.involved = ent.involved;
    d.side = ent.gated ? ent.side : NULL;
    d.age = ent.age;
    if (!c->quiet)
        print_one(&ent.a, &d);
    return EXIT_OK;
}
