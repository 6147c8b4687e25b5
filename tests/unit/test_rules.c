/*
 * tests/unit/test_rules.c - the advice engine on data-driven scenarios:
 * every tests/scenarios/NAME.scn file is a history and the advice it must
 * give (format in tests/scenarios/README.md), or several cases that share
 * a history. Plus argument checks.
 */
#include "harness.h"

#include <dirent.h>
#include <ctype.h>

#define SPAN 400  /* days before today a scenario may use */
#define MAXLINES 512

struct scn {
    tendo_day today;
    struct tendo_check checks[SPAN + 1];
    int has_check[SPAN + 1];
    struct tendo_session sessions[4096];
    size_t nsessions;
    struct tendo_wellness wellness[SPAN + 1];
    size_t nwellness;
    struct tendo_rehab rehab[1024];
    size_t nrehab;
    char protocol[16];
    struct tendo_assessment assess[64];
    size_t nassess;
    struct tendo_clearance clear[16];
    size_t nclear;
    struct tendo_shoe shoes[8];
    size_t nshoes;
    struct tendo_routine_log routine[256];
    size_t nroutine;
    double ramp;
    int age;
};

struct line {
    int no;
    char text[512];
};

static const char *path_now;

static void parse_range(int line, const char *a, const char *b, int *from,
                        int *to)
{
    char *end;
    *from = (int)strtol(a, &end, 10);
    if (*end || !*a)
        fail_msg("%s:%d: bad day offset '%s'", path_now, line, a);
    *to = (int)strtol(b, &end, 10);
    if (*end || !*b)
        fail_msg("%s:%d: bad day offset '%s'", path_now, line, b);
    if (*from > *to || *from < -SPAN || *to > 0)
        fail_msg("%s:%d: bad day range %s..%s", path_now, line, a, b);
}

static const char *opt(char **tok, int n, const char *key)
{
    for (int i = 0; i + 1 < n; i++)
        if (!strcmp(tok[i], key))
            return tok[i + 1];
    return NULL;
}

static unsigned parse_flags(const char *s)
{
    unsigned f = 0;
    char buf[128];
    snprintf(buf, sizeof buf, "%s", s);
    for (char *p = strtok(buf, ","); p; p = strtok(NULL, ","))
        for (unsigned i = 0; tendo_flag_names[i]; i++)
            if (!strcmp(p, tendo_flag_names[i]))
                f |= 1u << i;
    return f;
}

static void add_session(struct scn *s, const char *type, tendo_day day,
                        char **tok, int n)
{
    struct tendo_session *x;
    const char *v;
    if (s->nsessions == sizeof s->sessions / sizeof *s->sessions)
        fail_msg("too many sessions");
    x = &s->sessions[s->nsessions++];
    tendo_session_init(x);
    snprintf(x->type, sizeof x->type, "%s", type);
    x->date = day;
    x->minutes = atof(tok[3]);
    if ((v = opt(tok, n, "km")))
        x->distance_m = atof(v) * 1000;
    if ((v = opt(tok, n, "rpe")))
        x->rpe = atoi(v);
    if ((v = opt(tok, n, "pain")))
        x->pain_during = atoi(v);
    if ((v = opt(tok, n, "painafter")))
        x->pain_after = atoi(v);
    if ((v = opt(tok, n, "ascent")))
        x->ascent_m = atof(v);
    if ((v = opt(tok, n, "cadence")))
        x->cadence_spm = atof(v);
    if ((v = opt(tok, n, "shoe"))) {
        for (size_t i = 0; i < s->nshoes; i++)
            if (!strcmp(s->shoes[i].name, v))
                x->shoe_id = s->shoes[i].id;
        if (!x->shoe_id)
            fail_msg("%s: no shoe '%s' (add it with `shoe NAME DROP`)",
                     path_now, v);
    }
}

static void add_check(struct scn *s, int d, char **tok, int n)
{
    struct tendo_check *c = &s->checks[d + SPAN];
    const char *v;
    tendo_check_init(c);
    c->date = s->today + d;
    s->has_check[d + SPAN] = 1;
    if ((v = opt(tok, n, "morning")))
        c->morning = atoi(v);
    if ((v = opt(tok, n, "stiff")))
        c->stiffness_min = atoi(v);
    if ((v = opt(tok, n, "during")))
        c->during = atoi(v);
    if ((v = opt(tok, n, "after")))
        c->after = atoi(v);
    if ((v = opt(tok, n, "hop")))
        c->hop_pain = atoi(v);
    if ((v = opt(tok, n, "flags")))
        c->flags = parse_flags(v);
    if ((v = opt(tok, n, "loc")))
        snprintf(c->location, sizeof c->location, "%s", v);
    if ((v = opt(tok, n, "side")))
        snprintf(c->side, sizeof c->side, "%s", v);
}

static void add_rehab(struct scn *s, int ln, char **tok, int n)
{
    int from, to, every = 1;
    const char *v = opt(tok, n, "every");
    parse_range(ln, tok[1], tok[2], &from, &to);
    if (v)
        every = atoi(v);
    for (int d = from; d <= to; d += every) {
        struct tendo_rehab *r = &s->rehab[s->nrehab++];
        tendo_rehab_init(r);
        r->date = s->today + d;
        snprintf(r->exercise, sizeof r->exercise, "%s", tok[3]);
        r->sets = atoi(tok[4]);
        r->reps = atoi(tok[5]);
        r->load_kg = atof(tok[6]);
        snprintf(r->surface, sizeof r->surface, "%s", tok[7]);
        if ((v = opt(tok, n, "pain")))
            r->pain = atoi(v);
    }
}

/* one statement of the history; 0 when `tok` is not one */
static int statement(struct scn *s, int ln, char **tok, int n)
{
    int from, to;
    if (!strcmp(tok[0], "today") && n == 2) {
        s->today = D(tok[1]);
    } else if (!strcmp(tok[0], "ramp") && n == 2) {
        s->ramp = atof(tok[1]) / 100;
    } else if ((!strcmp(tok[0], "run") || !strcmp(tok[0], "bike") ||
                !strcmp(tok[0], "walk")) &&
               n >= 4) {
        int every = 1;
        const char *v = opt(tok, n, "every");
        parse_range(ln, tok[1], tok[2], &from, &to);
        if (v)
            every = atoi(v);
        for (int d = from; d <= to; d += every)
            add_session(s, tok[0], s->today + d, tok, n);
    } else if (!strcmp(tok[0], "check") && n >= 3) {
        parse_range(ln, tok[1], tok[2], &from, &to);
        for (int d = from; d <= to; d++)
            add_check(s, d, tok, n);
    } else if (!strcmp(tok[0], "nocheck") && n == 3) {
        parse_range(ln, tok[1], tok[2], &from, &to);
        for (int d = from; d <= to; d++)
            s->has_check[d + SPAN] = 0;
    } else if (!strcmp(tok[0], "sleep") && n == 4) {
        parse_range(ln, tok[1], tok[2], &from, &to);
        for (int d = from; d <= to; d++) {
            struct tendo_wellness *w = &s->wellness[s->nwellness++];
            tendo_wellness_init(w);
            w->date = s->today + d;
            w->sleep_h = atof(tok[3]);
        }
    } else if (!strcmp(tok[0], "lsi") && n == 3) {
        struct tendo_assessment *x = &s->assess[s->nassess++];
        parse_range(ln, tok[1], tok[1], &from, &to);
        tendo_assessment_init(x);
        x->date = s->today + from;
        strcpy(x->kind, "heel-raise");
        x->score = atof(tok[2]);
    } else if (!strcmp(tok[0], "clear") && n >= 3) {
        struct tendo_clearance *x = &s->clear[s->nclear++];
        parse_range(ln, tok[1], tok[1], &from, &to);
        tendo_clearance_init(x);
        x->date = s->today + from;
        x->flags = parse_flags(tok[2]);
        if (n >= 4)
            snprintf(x->note, sizeof x->note, "%s", tok[3]);
    } else if (!strcmp(tok[0], "raises") && n == 4) {
        struct tendo_assessment *x = &s->assess[s->nassess++];
        parse_range(ln, tok[1], tok[1], &from, &to);
        tendo_assessment_init(x);
        x->date = s->today + from;
        strcpy(x->kind, "heel-raise");
        x->left = strcmp(tok[2], "-") ? atof(tok[2]) : NAN;
        x->right = strcmp(tok[3], "-") ? atof(tok[3]) : NAN;
        x->score = tendo_lsi(fmin(x->left, x->right), fmax(x->left, x->right));
    } else if (!strcmp(tok[0], "visa") && n == 3) {
        struct tendo_assessment *x = &s->assess[s->nassess++];
        parse_range(ln, tok[1], tok[1], &from, &to);
        tendo_assessment_init(x);
        x->date = s->today + from;
        strcpy(x->kind, "visa-a");
        x->score = atof(tok[2]);
    } else if (!strcmp(tok[0], "shoe") && n == 3) {
        struct tendo_shoe *x = &s->shoes[s->nshoes++];
        tendo_shoe_init(x);
        x->id = (int64_t)s->nshoes;
        snprintf(x->name, sizeof x->name, "%s", tok[1]);
        x->drop_mm = strcmp(tok[2], "-") ? atof(tok[2]) : NAN;
    } else if (!strcmp(tok[0], "done") && n == 4) {
        /* done FROM TO BLOCK: the routine block logged on those days */
        parse_range(ln, tok[1], tok[2], &from, &to);
        for (int d = from; d <= to && s->nroutine < 256; d++) {
            struct tendo_routine_log *x = &s->routine[s->nroutine++];
            tendo_routine_log_init(x);
            x->date = s->today + d;
            snprintf(x->block, sizeof x->block, "%s", tok[3]);
        }
    } else if (!strcmp(tok[0], "age") && n == 2) {
        s->age = atoi(tok[1]);
    } else if (!strcmp(tok[0], "protocol") && n == 2) {
        snprintf(s->protocol, sizeof s->protocol, "%s", tok[1]);
    } else if (!strcmp(tok[0], "rehab") && n >= 8) {
        add_rehab(s, ln, tok, n);
    } else {
        return 0;
    }
    return 1;
}

static void advise(struct scn *s, struct tendo_advice *a)
{
    static struct tendo_check checks[SPAN + 1];
    struct tendo_history_input in;
    struct tendo_athlete ath;
    struct tendo_history *h;
    struct tendo_error e = {0};
    size_t nc = 0;
    for (int i = 0; i <= SPAN; i++)
        if (s->has_check[i])
            checks[nc++] = s->checks[i];
    memset(&in, 0, sizeof in);
    tendo_athlete_init(&ath);
    if (s->protocol[0])
        snprintf(ath.protocol, sizeof ath.protocol, "%s", s->protocol);
    ath.ramp = s->ramp;
    ath.age = s->age;
    in.last = s->today;
    in.athlete = &ath;
    in.checks = checks;
    in.nchecks = nc;
    in.sessions = s->sessions;
    in.nsessions = s->nsessions;
    in.wellness = s->wellness;
    in.nwellness = s->nwellness;
    in.rehab = s->rehab;
    in.nrehab = s->nrehab;
    in.assessments = s->assess;
    in.nassessments = s->nassess;
    in.clearances = s->clear;
    in.nclearances = s->nclear;
    in.shoes = s->shoes;
    in.nshoes = s->nshoes;
    in.routine = s->routine;
    in.nroutine = s->nroutine;
    if (tendo_history_build(&in, &h, &e))
        fail_msg("%s: history failed: %s", path_now, e.msg);
    if (tendo_advise(h, s->today, a, &e))
        fail_msg("%s: advise failed: %s", path_now, e.msg);
    if (a->truncated)
        fail_msg("%s: a reason's text did not fit", path_now);
    tendo_history_free(h);
}

static int compare(const char *op, double got, double want)
{
    return (!strcmp(op, "==") && got == want) ||
           (!strcmp(op, "<=") && got <= want) ||
           (!strcmp(op, ">=") && got >= want) ||
           (!strcmp(op, "<") && got < want) || (!strcmp(op, ">") && got > want);
}

static int has_code(const struct tendo_advice *a, const char *code)
{
    for (size_t i = 0; i < a->nreasons; i++)
        if (!strcmp(a->reasons[i].code, code))
            return 1;
    return 0;
}

static int baseline_is(int got, const char *want)
{
    return !strcmp(want, "unknown") ? got == TENDO_UNSET : got == atoi(want);
}

/* one expectation; 1 when it holds, -1 when it is not one */
static int expectation(const struct tendo_advice *a, char **tok, int n,
                       const char *rest)
{
    const char *k = tok[1];
    if (!strcmp(k, "level"))
        return !strcmp(tendo_level_name(a->level), tok[2]);
    if (!strcmp(k, "code") || !strcmp(k, "nocode"))
        return has_code(a, tok[2]) == !strcmp(k, "code");
    if (!strcmp(k, "flare"))
        return !strcmp(tendo_flare_step_name(a->flare.step), tok[2]);
    if (!strcmp(k, "run") && !strcmp(tok[2], "none"))
        return !a->run_allowed;
    if (!strcmp(k, "run") && !strcmp(tok[2], "allowed"))
        return a->run_allowed;
    if (!strcmp(k, "max_minutes") && n == 4)
        return a->run_allowed && compare(tok[2], a->max_minutes, atof(tok[3]));
    if (!strcmp(k, "max_km") && n == 4)
        return a->run_allowed && compare(tok[2], a->max_km, atof(tok[3]));
    if (!strcmp(k, "cadence") && n == 3)
        return !strcmp(tok[2], "none") ? isnan(a->cadence_spm)
                                       : a->cadence_spm == atof(tok[2]);
    if (!strcmp(k, "typical") && n == 4)
        return compare(tok[2], a->typical_min, atof(tok[3]));
    if (!strcmp(k, "rehab") && n == 3)
        return !strcmp(a->has_rehab ? a->rehab_progress : "none", tok[2]);
    if (!strcmp(k, "stage") && n == 3)
        return a->rehab_stage == atoi(tok[2]);
    if (!strcmp(k, "load") && n == 3)
        return a->has_rehab && fabs(a->rehab_load_kg - atof(tok[2])) <= 1e-9;
    if (!strcmp(k, "cross") && n == 3 && !strcmp(tok[2], "none"))
        return a->ncross == 0;
    if (!strcmp(k, "cross") && n == 3)
        return a->ncross >= 1 && !strcmp(a->cross[0].type, tok[2]);
    if (!strcmp(k, "cross") && n == 4 && !strcmp(tok[2], "minutes"))
        return a->ncross >= 1 && a->cross[0].minutes == atoi(tok[3]);
    if (!strcmp(k, "good_days") && n == 3)
        return a->good_days == atoi(tok[2]);
    if (!strcmp(k, "base_morning") && n == 3)
        return baseline_is(a->base_morning, tok[2]);
    if (!strcmp(k, "base_stiffness") && n == 3)
        return baseline_is(a->base_stiffness, tok[2]);
    if (!strcmp(k, "next_check") && n == 3)
        return a->next_check == a->date + atoi(tok[2]);
    /* §7a the routine: "block NAME [held]", "noblock NAME", "blocks N",
     * "routine none", "note NAME WORD" (the block's note holds WORD) */
    if ((!strcmp(k, "block") || !strcmp(k, "noblock") || !strcmp(k, "note")) &&
        n >= 3) {
        const struct tendo_routine_block *b = NULL;
        for (size_t i = 0; i < a->routine.nblocks; i++)
            if (!strcmp(tendo_block_name(a->routine.blocks[i].block), tok[2]))
                b = &a->routine.blocks[i];
        if (!strcmp(k, "noblock"))
            return b == NULL;
        if (!strcmp(k, "note"))
            return b && n == 4 && strstr(b->note, tok[3]) != NULL;
        return b && (n == 3 || (!strcmp(tok[3], "held") && b->held) ||
                     (!strcmp(tok[3], "level") && n == 5 &&
                      b->level == atoi(tok[4])));
    }
    if (!strcmp(k, "blocks") && n == 3)
        return (int)a->routine.nblocks == atoi(tok[2]);
    if (!strcmp(k, "routine") && n == 3 && !strcmp(tok[2], "none"))
        return a->routine.nblocks == 0 && a->routine.gate[0];
    if (!strcmp(k, "text")) {   /* a reason's text holds the rest */
        for (size_t i = 0; i < a->nreasons; i++)
            if (strstr(a->reasons[i].text, rest))
                return 1;
        return 0;
    }
    return -1;
}

static void report_failure(const struct tendo_advice *a, int ln,
                           const char *name)
{
    char codes[1024] = "";
    for (size_t i = 0; i < a->nreasons; i++) {
        strncat(codes, a->reasons[i].code, sizeof codes - strlen(codes) - 2);
        strncat(codes, " ", sizeof codes - strlen(codes) - 1);
        printf("  reason %s: %s\n", a->reasons[i].code, a->reasons[i].text);
    }
    fail_msg("%s:%d%s%s: expectation failed: got level %s, flare %s, run %s "
             "%.0f min (typical %.1f), rehab stage %d %s %.1f kg, base %d/%d, "
             "good days %d, reasons: %s",
             path_now, ln, name ? " case " : "", name ? name : "",
             tendo_level_name(a->level), tendo_flare_step_name(a->flare.step),
             a->run_allowed ? "yes" : "no", a->max_minutes, a->typical_min,
             a->rehab_stage, a->rehab_progress, a->rehab_load_kg,
             a->base_morning, a->base_stiffness, a->good_days, codes);
}

/* TENDO_SCN_DUMP=FILE: each case's advice in one line, to compare two
 * versions of the engine on the same scenarios */
static FILE *dump_to;

static void dump_case(const struct tendo_advice *a, const char *name)
{
    if (!dump_to)
        return;
    fprintf(dump_to, "%s|%s|%s|%s|%g|%s|", strrchr(path_now, '/') + 1,
            name ? name : "", tendo_level_name(a->level),
            tendo_flare_step_name(a->flare.step),
            a->run_allowed ? a->max_minutes : -1,
            a->has_rehab ? a->rehab_progress : "none");
    for (size_t i = 0; i < a->nreasons; i++)
        fprintf(dump_to, "%s ", a->reasons[i].code);
    fputc('\n', dump_to);
}

/* runs the statements and expectations of one case; returns the number
 * of expectations checked */
static int run_case(const struct line *lines, size_t n, const char *name)
{
    static struct scn s;
    struct tendo_advice a;
    int advised = 0, nexp = 0;
    memset(&s, 0, sizeof s);
    s.ramp = 0.10;
    s.age = TENDO_UNSET;
    s.today = D("2026-11-24");
    for (size_t i = 0; i < n; i++) {
        char buf[512], *tok[32];
        const char *rest = "";
        int nt = 0, r;
        snprintf(buf, sizeof buf, "%s", lines[i].text);
        for (char *p = strtok(buf, " \t\r\n"); p && nt < 32;
             p = strtok(NULL, " \t\r\n"))
            tok[nt++] = p;
        if (!nt || tok[0][0] == '#' || !strcmp(tok[0], "case"))
            continue;
        if (strcmp(tok[0], "expect")) {
            if (advised)
                fail_msg("%s:%d: a statement after an expectation",
                         path_now, lines[i].no);
            if (!statement(&s, lines[i].no, tok, nt))
                fail_msg("%s:%d: cannot read '%s'", path_now, lines[i].no,
                         tok[0]);
            continue;
        }
        if (nt < 3)
            fail_msg("%s:%d: an expectation needs a value", path_now,
                     lines[i].no);
        if (!advised) {
            advise(&s, &a);
            advised = 1;
            dump_case(&a, name);
        }
        if (!strcmp(tok[1], "text")) {
            const char *p = strstr(lines[i].text, "text");
            rest = p + 4;
            while (*rest == ' ')
                rest++;
        }
        nexp++;
        if (getenv("TENDO_SCN_NOEXPECT"))
            continue;   /* only the dump is wanted */
        if ((r = expectation(&a, tok, nt, rest)) < 0)
            fail_msg("%s:%d: unknown expectation", path_now, lines[i].no);
        if (!r)
            report_failure(&a, lines[i].no, name);
    }
    if (!nexp)
        fail_msg("%s%s%s: no expectations", path_now, name ? " case " : "",
                 name ? name : "");
    return nexp;
}

/* runs one scenario file: its lines before the first `case` are the
 * history every case starts from */
static int run_file(const char *path, int *ncases)
{
    static struct line lines[MAXLINES], run[MAXLINES];
    char buf[512];
    size_t n = 0, pre = 0;
    int total = 0, any_case = 0;
    FILE *f = fopen(path, "r");
    path_now = path;
    if (!f)
        fail_msg("cannot open %s", path);
    while (fgets(buf, sizeof buf, f)) {
        if (n == MAXLINES)
            fail_msg("%s: too many lines", path);
        lines[n].no = (int)n + 1;
        buf[strcspn(buf, "\r\n")] = 0;
        snprintf(lines[n].text, sizeof lines[n].text, "%s", buf);
        n++;
    }
    fclose(f);
    while (pre < n && strncmp(lines[pre].text, "case ", 5))
        pre++;
    for (size_t i = pre; i < n; i++) {
        size_t j = i + 1, m = 0;
        if (strncmp(lines[i].text, "case ", 5))
            continue;
        while (j < n && strncmp(lines[j].text, "case ", 5))
            j++;
        memcpy(run, lines, pre * sizeof *run);
        m = pre;
        memcpy(run + m, lines + i, (j - i) * sizeof *run);
        m += j - i;
        total += run_case(run, m, lines[i].text + 5);
        (*ncases)++;
        any_case = 1;
        i = j - 1;
    }
    if (!any_case) {
        total += run_case(lines, n, NULL);
        (*ncases)++;
    }
    return total;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void scenarios(void **state)
{
    char *names[512];
    int n = 0, total = 0, cases = 0;
    const char *dir = getenv("TENDO_SCN_DIR") ? getenv("TENDO_SCN_DIR")
                                              : TENDO_SCENARIOS;
    DIR *d = opendir(dir);
    struct dirent *de;
    (void)state;
    assert_non_null(d);
    if (getenv("TENDO_SCN_DUMP") &&
        !(dump_to = fopen(getenv("TENDO_SCN_DUMP"), "w")))
        fail_msg("cannot write %s", getenv("TENDO_SCN_DUMP"));
    while ((de = readdir(d)) && n < 512) {
        size_t len = strlen(de->d_name);
        if (len > 4 && !strcmp(de->d_name + len - 4, ".scn"))
            names[n++] = strdup(de->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, cmp_str);
    assert_true(n >= 20);
    for (int i = 0; i < n; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        total += run_file(path, &cases);
        free(names[i]);
    }
    printf("scenarios: %d files, %d cases, %d expectations\n", n, cases,
           total);
    if (dump_to)
        fclose(dump_to);
}

static void bad_arguments(void **state)
{
    struct tendo_history_input in;
    struct tendo_history *h;
    struct tendo_advice a;
    struct tendo_error e = {0};
    (void)state;
    memset(&in, 0, sizeof in);
    in.last = TENDO_DAY_NONE;
    assert_int_equal(tendo_history_build(&in, &h, &e), TENDO_EUSAGE);
    assert_null(h);
    in.last = D("2026-11-24");
    in.nchecks = 3;   /* with a NULL array */
    assert_int_equal(tendo_history_build(&in, &h, &e), TENDO_EUSAGE);
    in.nchecks = 0;
    assert_int_equal(tendo_history_build(&in, &h, &e), TENDO_OK);
    /* a day after the history's last */
    assert_int_equal(tendo_advise(h, in.last + 1, &a, &e), TENDO_EUSAGE);
    assert_int_equal(tendo_advise(h, in.last, &a, &e), TENDO_OK);
    /* nothing known: conservative, asks for a check */
    assert_int_equal(a.level, TENDO_LEVEL_MAINTAIN);
    assert_int_equal(a.next_check, in.last);
    tendo_history_free(h);
    assert_string_equal(tendo_level_name(TENDO_LEVEL_SEE_CLINICIAN),
                        "see-clinician");
    assert_string_equal(tendo_flare_step_name(TENDO_FLARE_REENTER2),
                        "re-enter-2");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(scenarios),
        cmocka_unit_test(bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
