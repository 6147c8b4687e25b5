/*
 * src/rules/median.h - the median both rule modules use for baselines
 * (domain.md §1): sorts v (n is at most 7) and returns its middle, the
 * mean of the two middles rounded up for even n.
 */
#ifndef TENDO_RULES_MEDIAN_H
#define TENDO_RULES_MEDIAN_H

static inline int rules_median(int *v, int n)
{
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
            int t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2] + 1) / 2;
}

#endif
