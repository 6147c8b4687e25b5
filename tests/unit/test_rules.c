/*
 * tests/unit/test_rules.c - the advice engine on data-driven scenarios:
 * every tests/scenarios/NAME.scn file is a history and the advice it must
 * give (format in tests/scenarios/README.md). Plus argument checks.
 */
#include "harness.h"

#include <dirent.h>
#include <ctype.h>

#define SPAN 400  /* days before today a scenario may use */

struct scn {
    char name[1024];
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
    double ramp;
};

static void parse_range(const char *file, int line, const char *a,
                        const char *b, int *from, int *to)
{
    char *end;
    *from = (int)strtol(a, &end, 10);
    if (*end || !*a)
        fail_msg("%s:%d: bad day offset '%s'", file, line, a);
    *to = (int)strtol(b, &end, 10);
    if (*end || !*b)
        fail_msg("%s:%d: bad day offset '%s'", file, line, b);
    if (*from > *to || *from < -SPAN || *to > 0)
        fail_msg("%s:%d: bad day range %s..%s", file, line, a, b);
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
}

/* runs one scenario file; returns the number of expectations checked */
static int run_file(const char *path)
{
    static struct scn s;
    static struct tendo_check checks[SPAN + 1];
    struct tendo_advice a;
    struct tendo_history_input in;
    struct tendo_athlete ath;
    struct tendo_history *h;
    struct tendo_error e = {0};
    char line[512];
    int ln = 0, advised = 0, nexp = 0;
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("cannot open %s", path);
    memset(&s, 0, sizeof s);
    s.ramp = 0.10;
    s.today = D("2026-11-24");
    snprintf(s.name, sizeof s.name, "%s", path);
    while (fgets(line, sizeof line, f)) {
        char *tok[32];
        int n = 0;
        ln++;
        for (char *p = strtok(line, " \t\r\n"); p && n < 32;
             p = strtok(NULL, " \t\r\n"))
            tok[n++] = p;
        if (!n || tok[0][0] == '#')
            continue;
        if (!strcmp(tok[0], "today") && n == 2) {
            s.today = D(tok[1]);
        } else if (!strcmp(tok[0], "ramp") && n == 2) {
            s.ramp = atof(tok[1]) / 100;
        } else if ((!strcmp(tok[0], "run") || !strcmp(tok[0], "bike")) &&
                   n >= 4) {
            int from, to, every = 1;
            const char *v = opt(tok, n, "every");
            parse_range(path, ln, tok[1], tok[2], &from, &to);
            if (v)
                every = atoi(v);
            for (int d = from; d <= to; d += every)
                add_session(&s, tok[0], s.today + d, tok, n);
        } else if (!strcmp(tok[0], "check") && n >= 3) {
            int from, to;
            const char *v;
            parse_range(path, ln, tok[1], tok[2], &from, &to);
            for (int d = from; d <= to; d++) {
                struct tendo_check *c = &s.checks[d + SPAN];
                tendo_check_init(c);
                c->date = s.today + d;
                s.has_check[d + SPAN] = 1;
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
            }
        } else if (!strcmp(tok[0], "nocheck") && n == 3) {
            int from, to;
            parse_range(path, ln, tok[1], tok[2], &from, &to);
            for (int d = from; d <= to; d++)
                s.has_check[d + SPAN] = 0;
        } else if (!strcmp(tok[0], "sleep") && n == 4) {
            int from, to;
            parse_range(path, ln, tok[1], tok[2], &from, &to);
            for (int d = from; d <= to; d++) {
                struct tendo_wellness *w = &s.wellness[s.nwellness++];
                tendo_wellness_init(w);
                w->date = s.today + d;
                w->sleep_h = atof(tok[3]);
            }
        } else if (!strcmp(tok[0], "lsi") && n == 3) {
            struct tendo_assessment *x = &s.assess[s.nassess++];
            int from, to;
            parse_range(path, ln, tok[1], tok[1], &from, &to);
            tendo_assessment_init(x);
            x->date = s.today + from;
            strcpy(x->kind, "heel-raise");
            x->score = atof(tok[2]);
        } else if (!strcmp(tok[0], "protocol") && n == 2) {
            snprintf(s.protocol, sizeof s.protocol, "%s", tok[1]);
        } else if (!strcmp(tok[0], "rehab") && n >= 8) {
            int from, to, every = 1;
            const char *v = opt(tok, n, "every");
            parse_range(path, ln, tok[1], tok[2], &from, &to);
            if (v)
                every = atoi(v);
            for (int d = from; d <= to; d += every) {
                struct tendo_rehab *r = &s.rehab[s.nrehab++];
                tendo_rehab_init(r);
                r->date = s.today + d;
                snprintf(r->exercise, sizeof r->exercise, "%s", tok[3]);
                r->sets = atoi(tok[4]);
                r->reps = atoi(tok[5]);
                r->load_kg = atof(tok[6]);
                snprintf(r->surface, sizeof r->surface, "%s", tok[7]);
                if ((v = opt(tok, n, "pain")))
                    r->pain = atoi(v);
            }
        } else if (!strcmp(tok[0], "expect") && n >= 3) {
            if (!advised) {
                size_t nc = 0;
                for (int i = 0; i <= SPAN; i++)
                    if (s.has_check[i])
                        checks[nc++] = s.checks[i];
                memset(&in, 0, sizeof in);
                tendo_athlete_init(&ath);
                if (s.protocol[0])
                    snprintf(ath.protocol, sizeof ath.protocol, "%s",
                             s.protocol);
                ath.ramp = s.ramp;
                in.last = s.today;
                in.athlete = &ath;
                in.checks = checks;
                in.nchecks = nc;
                in.sessions = s.sessions;
                in.nsessions = s.nsessions;
                in.wellness = s.wellness;
                in.nwellness = s.nwellness;
                in.rehab = s.rehab;
                in.nrehab = s.nrehab;
                in.assessments = s.assess;
                in.nassessments = s.nassess;
                if (tendo_history_build(&in, &h, &e))
                    fail_msg("%s: history failed: %s", path, e.msg);
                if (tendo_advise(h, s.today, &a, &e))
                    fail_msg("%s: advise failed: %s", path, e.msg);
                tendo_history_free(h);
                advised = 1;
            }
            nexp++;
            if (!strcmp(tok[1], "level")) {
                if (strcmp(tendo_level_name(a.level), tok[2]))
                    goto bad;
            } else if (!strcmp(tok[1], "code") || !strcmp(tok[1], "nocode")) {
                int found = 0;
                for (size_t i = 0; i < a.nreasons; i++)
                    found |= !strcmp(a.reasons[i].code, tok[2]);
                if (found != !strcmp(tok[1], "code"))
                    goto bad;
            } else if (!strcmp(tok[1], "flare")) {
                if (strcmp(tendo_flare_step_name(a.flare.step), tok[2]))
                    goto bad;
            } else if (!strcmp(tok[1], "run") && !strcmp(tok[2], "none")) {
                if (a.run_allowed)
                    goto bad;
            } else if (!strcmp(tok[1], "max_minutes") && n == 4) {
                double want = atof(tok[3]);
                if (!a.run_allowed ||
                    (!strcmp(tok[2], "==") && a.max_minutes != want) ||
                    (!strcmp(tok[2], "<=") && a.max_minutes > want) ||
                    (!strcmp(tok[2], ">=") && a.max_minutes < want))
                    goto bad;
            } else if (!strcmp(tok[1], "rehab") && n == 3) {
                if (strcmp(a.has_rehab ? a.rehab_progress : "none", tok[2]))
                    goto bad;
            } else if (!strcmp(tok[1], "stage") && n == 3) {
                if (a.rehab_stage != atoi(tok[2]))
                    goto bad;
            } else if (!strcmp(tok[1], "load") && n == 3) {
                if (!a.has_rehab || fabs(a.rehab_load_kg - atof(tok[2])) > 1e-9)
                    goto bad;
            } else if (!strcmp(tok[1], "cross") && n == 3) {
                if (a.ncross < 1 || strcmp(a.cross[0].type, tok[2]))
                    goto bad;
            } else {
                fail_msg("%s:%d: unknown expectation", path, ln);
            }
            continue;
        bad: {
            char codes[1024] = "";
            for (size_t i = 0; i < a.nreasons; i++) {
                strncat(codes, a.reasons[i].code,
                        sizeof codes - strlen(codes) - 2);
                strncat(codes, " ", sizeof codes - strlen(codes) - 1);
            }
            fclose(f);
            fail_msg("%s:%d: expectation failed: got level %s, flare %s, "
                     "run %s %.0f min, rehab stage %d %s %.1f kg, "
                     "reasons: %s",
                     path, ln, tendo_level_name(a.level),
                     tendo_flare_step_name(a.flare.step),
                     a.run_allowed ? "yes" : "no", a.max_minutes,
                     a.rehab_stage, a.rehab_progress, a.rehab_load_kg, codes);
        }
        } else {
            fclose(f);
            fail_msg("%s:%d: cannot read '%s'", path, ln, tok[0]);
        }
    }
    fclose(f);
    if (!nexp)
        fail_msg("%s: no expectations", path);
    return nexp;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void scenarios(void **state)
{
    char *names[256];
    int n = 0, total = 0;
    DIR *d = opendir(TENDO_SCENARIOS);
    struct dirent *de;
    (void)state;
    assert_non_null(d);
    while ((de = readdir(d)) && n < 256) {
        size_t len = strlen(de->d_name);
        if (len > 4 && !strcmp(de->d_name + len - 4, ".scn"))
            names[n++] = strdup(de->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, cmp_str);
    assert_true(n >= 20);
    for (int i = 0; i < n; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", TENDO_SCENARIOS, names[i]);
        total += run_file(path);
        free(names[i]);
    }
    printf("scenarios: %d files, %d expectations\n", n, total);
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
