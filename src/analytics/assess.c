/*
 * src/analytics/assess.c - VISA-A scoring and the limb symmetry index
 * (clinical.md §8). Pure.
 */
#include "tendo/assess.h"
#include "tendo/clinical.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int one_of(int v, const int *set, int n)
{
    for (int i = 0; i < n; i++)
        if (set[i] == v)
            return 1;
    return 0;
}

int tendo_visa_a_score(const int p[TENDO_VISA_ITEMS], int *total,
                       struct tendo_error *err)
{
    static const int q7[] = {0, 4, 7, 10};
    static const int q8[] = {0, 2, 4, 5, 7, 10, 14, 20, 21, 30};
    int sum = 0;
    for (int i = 0; i < 6; i++) {
        if (p[i] < 0 || p[i] > 10)
            return tendo_fail(err, TENDO_ERANGE,
                              "VISA-A Q%d '%d' is out of range 0-10", i + 1,
                              p[i]);
        sum += p[i];
    }
    if (!one_of(p[6], q7, 4))
        return tendo_fail(err, TENDO_ERANGE,
                          "VISA-A Q7 '%d' is not one of 0, 4, 7, 10", p[6]);
    if (!one_of(p[7], q8, 10))
        return tendo_fail(err, TENDO_ERANGE,
                          "VISA-A Q8 '%d' is not a score of its forms (A: 0, "
                          "7, 14, 21, 30; B: 0, 4, 10, 14, 20; C: 0, 2, 5, 7, "
                          "10)",
                          p[7]);
    *total = sum + p[6] + p[7];
    return TENDO_OK;
}

int tendo_visa_a_parse(const char *s, int p[TENDO_VISA_ITEMS], int *total,
                       struct tendo_error *err)
{
    const char *c = s;
    for (int i = 0; i < TENDO_VISA_ITEMS; i++) {
        char *end;
        long v;
        if (*c < '0' || *c > '9')
            return tendo_fail(err, TENDO_EINVAL,
                              "--answers '%s' needs 8 whole numbers "
                              "separated by commas (Q%d is missing or not a "
                              "number)",
                              s, i + 1);
        v = strtol(c, &end, 10);
        if (v > 1000)
            v = 1000;
        p[i] = (int)v;
        c = end;
        if (i < TENDO_VISA_ITEMS - 1) {
            if (*c != ',')
                return tendo_fail(err, TENDO_EINVAL,
                                  "--answers '%s' needs 8 whole numbers "
                                  "separated by commas (found %d)",
                                  s, i + 1);
            c++;
        }
    }
    if (*c)
        return tendo_fail(err, TENDO_EINVAL,
                          "--answers '%s' has more than 8 answers", s);
    return tendo_visa_a_score(p, total, err);
}

double tendo_lsi(double involved, double uninvolved)
{
    if (isnan(involved) || isnan(uninvolved) || uninvolved <= 0)
        return NAN;
    return involved / uninvolved * 100.0;
}

int tendo_heel_raise_norm(int age)
{
    return age != TENDO_UNSET && age >= TENDO_HEEL_RAISE_OLDER_AGE
               ? TENDO_HEEL_RAISE_NORM_OLDER
               : TENDO_HEEL_RAISE_NORM;
}

void tendo_heel_raise_gate(const struct tendo_assessment *a, const char *side,
                           int age, struct tendo_heel_raise_gate *g)
{
    double inv = NAN, uninv = NAN;
    int both = side && !strcmp(side, "both");
    if (side && !strcmp(side, "left"))
        inv = a->left, uninv = a->right;
    else if (side && !strcmp(side, "right"))
        inv = a->right, uninv = a->left;
    else if (isnan(a->left) || isnan(a->right))
        inv = isnan(a->left) ? a->right : a->left;
    else
        inv = fmin(a->left, a->right), uninv = fmax(a->left, a->right);
    memset(g, 0, sizeof *g);
    if (isnan(a->left) && isnan(a->right) && !both) {
        /* only the index was kept */
        g->value = a->score;
        g->need = TENDO_RTR_LSI_MIN;
    } else if (both || isnan(uninv) || isnan(inv)) {
        /* both sides symptomatic, or no healthy side: the count */
        if (both)
            inv = isnan(a->left) ? a->right
                  : isnan(a->right) ? a->left
                                    : fmin(a->left, a->right);
        g->absolute = 1;
        g->value = inv;
        g->need = tendo_heel_raise_norm(age);
    } else {
        g->value = tendo_lsi(inv, uninv);
        g->need = TENDO_RTR_LSI_MIN;
    }
    g->pass = !isnan(g->value) && g->value >= g->need;
}

int tendo_function_parse(const char *s, int r[TENDO_FUNCTION_ITEMS],
                         int *score, struct tendo_error *err)
{
    static const char *const names[] = {"stairs", "daily tasks",
                                        "recovery"};
    const char *c = s;
    int sum = 0;
    for (int i = 0; i < TENDO_FUNCTION_ITEMS; i++) {
        char *end;
        long v;
        if (*c < '0' || *c > '9')
            return tendo_fail(err, TENDO_EINVAL,
                              "--answers '%.40s' needs 3 ratings 0-10 "
                              "separated by commas (%s is missing or not a "
                              "number)",
                              s, names[i]);
        v = strtol(c, &end, 10);
        if (v > 10)
            return tendo_fail(err, TENDO_ERANGE,
                              "--answers: %s '%ld' is out of range 0-10",
                              names[i], v);
        r[i] = (int)v;
        sum += r[i];
        c = end;
        if (i < TENDO_FUNCTION_ITEMS - 1) {
            if (*c != ',')
                return tendo_fail(err, TENDO_EINVAL,
                                  "--answers '%.40s' needs 3 ratings "
                                  "separated by commas (found %d)",
                                  s, i + 1);
            c++;
        }
    }
    if (*c)
        return tendo_fail(err, TENDO_EINVAL,
                          "--answers '%.40s' has more than 3 ratings", s);
    /* the mean x 10, rounded: 7,8,6 -> 70 */
    *score = (sum * 10 + TENDO_FUNCTION_ITEMS / 2) / TENDO_FUNCTION_ITEMS;
    return TENDO_OK;
}
