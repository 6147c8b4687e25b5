/*
 * src/analytics/assess.c - VISA-A scoring and the limb symmetry index
 * (clinical.md §8). Pure.
 */
#include "tendo/assess.h"

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
