/*
 * core/alloc.c - allocation hook with failure injection for tests.
 */
#include "core/alloc.h"

#include <stdlib.h>
#include <string.h>

static long fail_after = -1; /* allocations left before failing; -1 = never */
static long count;

int tendo_alloc_should_fail(void)
{
    count++;
    if (fail_after < 0)
        return 0;
    if (fail_after == 0)
        return 1;
    fail_after--;
    return 0;
}

long tendo_alloc_fail_after(long n)
{
    long c = count;
    fail_after = n;
    count = 0;
    return c;
}

void *tendo_malloc(size_t n)
{
    return tendo_alloc_should_fail() ? NULL : malloc(n ? n : 1);
}

void *tendo_calloc(size_t count_, size_t size)
{
    return tendo_alloc_should_fail() ? NULL : calloc(count_ ? count_ : 1, size ? size : 1);
}

void *tendo_realloc(void *p, size_t n)
{
    return tendo_alloc_should_fail() ? NULL : realloc(p, n ? n : 1);
}

void tendo_free(void *p)
{
    free(p);
}

char *tendo_strndup(const char *s, size_t n)
{
    char *d = tendo_malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}
