/*
 * tests/unit/test_reasons.c - every reason the advice can give
 * (tendo_reason_info) is documented and exercised, in the spirit of curl's
 * test that every option has a man page:
 * - each code is unique and has a row in docs/reasons.md with the same
 *   level and the same docs/clinical.md sections;
 * - every code documented there is one the advice can give;
 * - each code is expected (`expect code C`) by at least one scenario in
 *   tests/scenarios/;
 * - the man page lists each code.
 */
#include "harness.h"

#include <dirent.h>

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    long n;
    char *s;
    if (!f)
        fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    s = malloc((size_t)n + 1);
    if (!s || fread(s, 1, (size_t)n, f) != (size_t)n)
        fail_msg("cannot read %s", path);
    s[n] = 0;
    fclose(f);
    return s;
}

/* the cell `col` (0-based) of the table row starting "| `code` |" */
static int row_cell(const char *doc, const char *code, int col, char *out,
                    size_t n)
{
    char key[96];
    const char *p, *e;
    snprintf(key, sizeof key, "\n| `%s` |", code);
    if (!(p = strstr(doc, key)))
        return 0;
    p += 1;
    for (int c = 0; c <= col; c++) {
        if (!(p = strchr(p, '|')))
            return 0;
        p++;
    }
    while (*p == ' ')
        p++;
    e = strchr(p, '|');
    if (!e)
        return 0;
    while (e > p && e[-1] == ' ')
        e--;
    snprintf(out, n, "%.*s", (int)(e - p), p);
    return 1;
}

static const char *level_text(int level)
{
    return level == TENDO_LEVEL_OF_DAY ? "(the day's level)"
                                       : tendo_level_name((enum tendo_level)
                                                              level);
}

static void documented(void **state)
{
    char *doc = slurp(TENDO_DOCS "/reasons.md");
    size_t n = 0;
    (void)state;
    for (const struct tendo_reason_info *r; (r = tendo_reason_info(n)); n++) {
        char level[64], sec[64];
        int rehab = !strncmp(r->code, "rehab_", 6);
        for (size_t k = 0; k < n; k++)
            if (!strcmp(tendo_reason_info(k)->code, r->code))
                fail_msg("code %s twice", r->code);
        if (!row_cell(doc, r->code, 1, level, sizeof level) ||
            !row_cell(doc, r->code, 3, sec, sizeof sec))
            fail_msg("docs/reasons.md has no row for %s", r->code);
        /* the rehab table's second column is the decision */
        if (!rehab && strcmp(level, level_text(r->level)))
            fail_msg("%s: docs say level '%s', the rule asks for '%s'",
                     r->code, level, level_text(r->level));
        if (strcmp(sec, r->section))
            fail_msg("%s: docs say sections '%s', the rule cites '%s'",
                     r->code, sec, r->section);
    }
    assert_true(n > 40);
    /* and nothing documented that the advice cannot give */
    for (const char *p = doc; (p = strstr(p, "\n| `")); p++) {
        char code[64];
        int known = 0;
        if (sscanf(p, "\n| `%63[a-z0-9_]`", code) != 1)
            continue;
        for (size_t k = 0; k < n; k++)
            known |= !strcmp(tendo_reason_info(k)->code, code);
        if (!known)
            fail_msg("docs/reasons.md documents '%s', which the advice "
                     "cannot give",
                     code);
    }
    free(doc);
}

static void in_a_scenario(void **state)
{
    DIR *d = opendir(TENDO_SCENARIOS);
    struct dirent *de;
    size_t n = 0, missing = 0;
    char *all = calloc(1, 1);
    size_t len = 0;
    (void)state;
    assert_non_null(d);
    while ((de = readdir(d))) {
        char path[1024];
        char *s;
        size_t k;
        if (!strstr(de->d_name, ".scn"))
            continue;
        snprintf(path, sizeof path, "%s/%s", TENDO_SCENARIOS, de->d_name);
        s = slurp(path);
        k = strlen(s);
        all = realloc(all, len + k + 2);
        memcpy(all + len, s, k);
        len += k;
        all[len++] = '\n';
        all[len] = 0;
        free(s);
    }
    closedir(d);
    for (const struct tendo_reason_info *r; (r = tendo_reason_info(n)); n++) {
        char key[96];
        int found = 0;
        snprintf(key, sizeof key, "expect code %s", r->code);
        for (const char *p = all; (p = strstr(p, key)); p++) {
            char c = p[strlen(key)];
            if (c == '\n' || c == ' ' || c == '\r' || c == '\t' || c == '#') {
                found = 1;
                break;
            }
        }
        if (!found) {
            print_message("no scenario expects %s\n", r->code);
            missing++;
        }
    }
    free(all);
    assert_int_equal(missing, 0);
}

/* the man page lists every code (REASON CODES) */
static void in_the_man_page(void **state)
{
    char *man = slurp(TENDO_MAN);
    const char *sec = strstr(man, ".SH REASON CODES");
    (void)state;
    assert_non_null(sec);
    for (size_t n = 0; tendo_reason_info(n); n++) {
        const char *code = tendo_reason_info(n)->code, *p = sec;
        size_t k = strlen(code);
        int found = 0;
        while ((p = strstr(p, code))) {
            if ((p == sec || !strchr("abcdefghijklmnopqrstuvwxyz_0123456789",
                                     p[-1])) &&
                !strchr("abcdefghijklmnopqrstuvwxyz_0123456789", p[k] ? p[k]
                                                                      : ' ')) {
                found = 1;
                break;
            }
            p += k;
        }
        if (!found)
            fail_msg("man/tendo.1 does not list %s", code);
    }
    free(man);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(documented),
        cmocka_unit_test(in_a_scenario),
        cmocka_unit_test(in_the_man_page),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
