/*
 * store/internal.h - what the store's files share: the handle, a cache of
 * prepared statements, and bind/column helpers that map tendo's "unknown"
 * values (TENDO_UNSET, NAN, "", TENDO_DAY_NONE) to SQL NULL and back.
 * Nothing outside src/store/ includes this file or sqlite3.h.
 */
#ifndef TENDO_STORE_INTERNAL_H
#define TENDO_STORE_INTERNAL_H

#include <sqlite3.h>
#include "tendo/store.h"

#define STMT_CACHE 96

/* how long a command waits for another writer before it gives up */
#define STORE_BUSY_WAIT_MS 60000

struct tendo_db {
    sqlite3 *sql;
    char *path;
    int read_only;              /* opened with TENDO_OPEN_READONLY */
    int waited_ms;              /* the busy handler's wait so far */
    int busy_wait_ms;           /* how long it waits (tests shorten it) */
    void (*on_wait)(void *ctx); /* told once when a wait begins */
    void *on_wait_ctx;
    struct {
        const char *text; /* the SQL, compared by address (string literals) */
        sqlite3_stmt *stmt;
    } cache[STMT_CACHE];
    int ncache;
};

/* The id of a new record of `table`: one past both the highest stored and
 * the highest deleted (store/delete.c), so an id is never used twice and
 * a deletion marker never names a later record. An SQL expression. */
#define NEXT_ID(table, kind)                                               \
    "(SELECT max(coalesce((SELECT max(id) FROM " table "), 0), "          \
    "coalesce((SELECT max(record_id) FROM deletions WHERE kind = '" kind  \
    "'), 0)) + 1)"

/* Returns a reset statement for `sql` (a string literal), preparing it once
 * per handle; NULL with `err` filled on failure. */
sqlite3_stmt *store_prep(tendo_db *db, const char *sql,
                         struct tendo_error *err);
/* Records SQLite's error message for `what` in err; returns TENDO_EDB. */
int store_fail(tendo_db *db, struct tendo_error *err, const char *what);
/* Runs a statement that returns no rows: TENDO_OK or TENDO_EDB. */
int store_done(tendo_db *db, sqlite3_stmt *st, struct tendo_error *err,
               const char *what);
/* Runs SQL text without parameters (schema, PRAGMAs). */
int store_exec(tendo_db *db, const char *sql, struct tendo_error *err);

void bind_day(sqlite3_stmt *st, int i, tendo_day d);
void bind_int(sqlite3_stmt *st, int i, int v);       /* TENDO_UNSET -> NULL */
void bind_id(sqlite3_stmt *st, int i, int64_t v);    /* 0 -> NULL */
void bind_real(sqlite3_stmt *st, int i, double v);   /* NAN -> NULL */
void bind_text(sqlite3_stmt *st, int i, const char *s); /* "" -> NULL */
void bind_str(sqlite3_stmt *st, int i, const char *s);  /* "" stays "" */

tendo_day col_day(sqlite3_stmt *st, int i);
int col_int(sqlite3_stmt *st, int i);
int64_t col_id(sqlite3_stmt *st, int i);
double col_real(sqlite3_stmt *st, int i);
void col_text(sqlite3_stmt *st, int i, char *out, size_t cap);

/* A walk over the rows of one day range: `sql` takes the first and last
 * day as ?1 and ?2; `row` turns each row into a record and calls the
 * user's callback (a struct walk), stopping on a non-zero return. */
struct walk {
    void *fn;
    void *ctx;
};
int store_each_in_range(tendo_db *db, const char *sql, tendo_day from,
                        tendo_day to, int (*row)(sqlite3_stmt *, void *),
                        void *walk, struct tendo_error *err);

/* Records that `removed` red flags were taken off the check of `date`
 * (store/flags.c); nothing when `removed` is 0. */
int store_flag_correction(tendo_db *db, tendo_day date, unsigned removed,
                          tendo_day today, struct tendo_error *err);

/* The schema migrations (store/schema.c): migrations[v - 1] takes a file
 * from version v - 1 to v. */
extern const char *const store_migrations[];
extern const int store_migration_count;

/* The tables a backup holds (store/dump.c), in restore order, each with
 * its record kind for `tendo delete` or why it has none. */
struct store_table {
    const char *name;
    const char *deleted_as;
};
#define STORE_NTABLES 13
extern const struct store_table store_tables[STORE_NTABLES];

#endif
