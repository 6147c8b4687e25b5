/*
 * core/alloc.h - the one allocation hook of libtendo.
 *
 * All library allocation goes through these, so a test can make the N-th
 * allocation fail (tendo_alloc_fail_after) and check that every caller
 * recovers without a leak or a half-written database. Semantics are those of
 * malloc/realloc/free. Not thread-safe (the failure counter is global and is
 * for tests only).
 */
#ifndef TENDO_CORE_ALLOC_H
#define TENDO_CORE_ALLOC_H

#include <stddef.h>

void *tendo_malloc(size_t n);
void *tendo_calloc(size_t count, size_t size);
void *tendo_realloc(void *p, size_t n);
void tendo_free(void *p);
char *tendo_strndup(const char *s, size_t n);

/* Counts one allocation and says whether it must fail: for allocators
 * that cannot be these functions (SQLite's needs the block size, kept in
 * a header by store/store.c). expat and jansson take these directly. */
int tendo_alloc_should_fail(void);

/* Tests only: the next `n` allocations succeed, then all fail; n < 0 turns
 * failure injection off. Returns the number of allocations made since the
 * last call. */
long tendo_alloc_fail_after(long n);

#endif
