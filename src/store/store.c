/*
 * store/store.c - opening the file, migrations, transactions, and the
 * statement cache and bind helpers every store file uses.
 */
#include "store/internal.h"
#include "core/alloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define APPLICATION_ID 0x54454e44 /* "TEND" */

int store_fail(tendo_db *db, struct tendo_error *err, const char *what)
{
    int ext = sqlite3_extended_errcode(db->sql);
    switch (ext & 0xff) {
    case SQLITE_CONSTRAINT:
        return tendo_fail(err, TENDO_EDB, "%s: %s", what,
                          sqlite3_errmsg(db->sql));
    case SQLITE_FULL:
        return tendo_fail(err, TENDO_EDB, "the disk is full (writing '%s')",
                          db->path);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return tendo_fail(err, TENDO_EDB,
                          "'%s' is busy: another tendo command kept it "
                          "locked for %.0f s; try again when it ends",
                          db->path, db->busy_wait_ms / 1000.0);
    case SQLITE_READONLY:
        return tendo_fail(err, TENDO_EDB, "%s: '%s' is read-only for you",
                          what, db->path);
    case SQLITE_IOERR:
        return tendo_fail(err, TENDO_EDB, "%s: input/output error on '%s' "
                          "(%s)", what, db->path, sqlite3_errmsg(db->sql));
    case SQLITE_CORRUPT:
        return tendo_fail(err, TENDO_EDB, "'%s' is damaged (%s): restore a "
                          "backup", db->path, sqlite3_errmsg(db->sql));
    default:
        return tendo_fail(err, TENDO_EDB, "%s in '%s': %s", what, db->path,
                          sqlite3_errmsg(db->sql));
    }
}

/* SQLite's busy handler: wait for another writer up to
 * STORE_BUSY_WAIT_MS, telling the caller once that it waits. */
static int on_busy(void *p, int count)
{
    tendo_db *db = p;
    int ms = count < 10 ? 10 : 100;
    if (count == 0) {
        db->waited_ms = 0;
        if (db->on_wait)
            db->on_wait(db->on_wait_ctx);
    }
    if (db->waited_ms >= db->busy_wait_ms)
        return 0;
    sqlite3_sleep(ms);
    db->waited_ms += ms;
    return 1;
}

void tendo_db_on_wait(tendo_db *db, void (*fn)(void *ctx), void *ctx)
{
    db->on_wait = fn;
    db->on_wait_ctx = ctx;
}

sqlite3_stmt *store_prep(tendo_db *db, const char *sql,
                         struct tendo_error *err)
{
    sqlite3_stmt *st;
    for (int i = 0; i < db->ncache; i++) {
        if (db->cache[i].text == sql) {
            st = db->cache[i].stmt;
            sqlite3_reset(st);
            sqlite3_clear_bindings(st);
            return st;
        }
    }
    if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK) {
        store_fail(db, err, "cannot prepare a query");
        return NULL;
    }
    if (db->ncache < STMT_CACHE) {
        db->cache[db->ncache].text = sql;
        db->cache[db->ncache].stmt = st;
        db->ncache++;
    } else {
        /* the cache is sized for every statement the store has; this is a
         * programming error, so keep working with an uncached statement */
        sqlite3_finalize(db->cache[STMT_CACHE - 1].stmt);
        db->cache[STMT_CACHE - 1].text = sql;
        db->cache[STMT_CACHE - 1].stmt = st;
    }
    return st;
}

int store_done(tendo_db *db, sqlite3_stmt *st, struct tendo_error *err,
               const char *what)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return store_fail(db, err, what);
    return TENDO_OK;
}

int store_exec(tendo_db *db, const char *sql, struct tendo_error *err)
{
    char *msg = NULL;
    if (sqlite3_exec(db->sql, sql, NULL, NULL, &msg) != SQLITE_OK) {
        int ext = sqlite3_errcode(db->sql);
        if (ext == SQLITE_NOTADB || ext == SQLITE_ERROR)
            tendo_fail(err, TENDO_EDB, "%s: %s",
                       ext == SQLITE_NOTADB ? "not a database"
                                            : "database error",
                       msg ? msg : sqlite3_errmsg(db->sql));
        else
            store_fail(db, err, "cannot write the database");
        sqlite3_free(msg);
        return TENDO_EDB;
    }
    return TENDO_OK;
}

void bind_day(sqlite3_stmt *st, int i, tendo_day d)
{
    char txt[TENDO_DAY_STRLEN];
    if (d == TENDO_DAY_NONE)
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_text(st, i, tendo_day_format(d, txt), 10,
                          SQLITE_TRANSIENT);
}

void bind_int(sqlite3_stmt *st, int i, int v)
{
    if (v == TENDO_UNSET)
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_int(st, i, v);
}

void bind_id(sqlite3_stmt *st, int i, int64_t v)
{
    if (v == 0)
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_int64(st, i, v);
}

void bind_real(sqlite3_stmt *st, int i, double v)
{
    if (isnan(v))
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_double(st, i, v);
}

void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (!s || !*s)
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

void bind_str(sqlite3_stmt *st, int i, const char *s)
{
    sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

tendo_day col_day(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    tendo_day d;
    if (!t || tendo_day_parse((const char *)t, strlen((const char *)t), &d))
        return TENDO_DAY_NONE;
    return d;
}

int col_int(sqlite3_stmt *st, int i)
{
    if (sqlite3_column_type(st, i) == SQLITE_NULL)
        return TENDO_UNSET;
    return sqlite3_column_int(st, i);
}

int64_t col_id(sqlite3_stmt *st, int i)
{
    return sqlite3_column_int64(st, i); /* NULL reads as 0 */
}

double col_real(sqlite3_stmt *st, int i)
{
    if (sqlite3_column_type(st, i) == SQLITE_NULL)
        return NAN;
    return sqlite3_column_double(st, i);
}

void col_text(sqlite3_stmt *st, int i, char *out, size_t cap)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    size_t n = t ? (size_t)sqlite3_column_bytes(st, i) : 0;
    if (!cap)
        return;
    if (n >= cap)
        n = cap - 1;
    if (n)
        memcpy(out, t, n);
    out[n] = '\0';
}

/* mkdir -p for the folders above `path`. */
static int make_parents(const char *path, struct tendo_error *err)
{
    char tmp[4096];
    size_t n = strlen(path);
    if (n >= sizeof tmp)
        return tendo_fail(err, TENDO_EIO, "path '%s' is too long", path);
    memcpy(tmp, path, n + 1);
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(tmp, 0700) != 0 && errno != EEXIST) /* private */
            return tendo_fail(err, TENDO_EIO, "cannot create folder '%s': %s",
                              tmp, strerror(errno));
        *p = '/';
    }
    return TENDO_OK;
}

static int read_version(tendo_db *db, int *version, struct tendo_error *err)
{
    sqlite3_stmt *st;
    int rc, has_table = 0, app_id = 0, user_tables = 0;

    st = store_prep(db, "PRAGMA application_id", err);
    if (!st)
        return TENDO_EDB;
    if ((rc = sqlite3_step(st)) == SQLITE_ROW)
        app_id = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW) {
        if (sqlite3_errcode(db->sql) == SQLITE_NOTADB)
            return tendo_fail(err, TENDO_EFORMAT,
                              "'%s' is not a tendo database (not an SQLite "
                              "file)",
                              db->path);
        return store_fail(db, err, "cannot read the schema");
    }
    st = store_prep(db,
                    "SELECT count(*), sum(name = 'schema_version') "
                    "FROM sqlite_schema WHERE type = 'table'",
                    err);
    if (!st)
        return TENDO_EDB;
    if (sqlite3_step(st) == SQLITE_ROW) {
        user_tables = sqlite3_column_int(st, 0);
        has_table = sqlite3_column_int(st, 1);
    }
    sqlite3_reset(st);
    if (user_tables && (!has_table || app_id != APPLICATION_ID))
        return tendo_fail(err, TENDO_EFORMAT,
                          "'%s' is an SQLite file but not a tendo database",
                          db->path);
    *version = 0;
    if (!has_table)
        return TENDO_OK;
    st = store_prep(db, "SELECT version FROM schema_version", err);
    if (!st)
        return TENDO_EDB;
    if (sqlite3_step(st) == SQLITE_ROW)
        *version = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    return TENDO_OK;
}

int tendo_db_schema_version(tendo_db *db)
{
    int v = -1;
    struct tendo_error e = {0};
    if (read_version(db, &v, &e))
        return -1;
    return v;
}

int tendo_db_migrate(tendo_db *db, int version, struct tendo_error *err)
{
    int cur, rc;
    char sql[96];
    if ((rc = read_version(db, &cur, err)))
        return rc;
    if (cur > store_migration_count)
        return tendo_fail(err, TENDO_ESCHEMA,
                          "'%s' has schema version %d, newer than this "
                          "tendo's %d: upgrade tendo",
                          db->path, cur, store_migration_count);
    if (version > store_migration_count)
        return tendo_fail(err, TENDO_EUSAGE, "no schema version %d", version);
    while (cur < version) {
        if ((rc = store_exec(db, "BEGIN IMMEDIATE", err)))
            return rc;
        snprintf(sql, sizeof sql,
                 "UPDATE schema_version SET version = %d;"
                 "PRAGMA application_id = %d;",
                 cur + 1, APPLICATION_ID);
        if ((rc = store_exec(db, store_migrations[cur], err)) ||
            (rc = store_exec(db, sql, err)) ||
            (rc = store_exec(db, "COMMIT", err))) {
            store_exec(db, "ROLLBACK", NULL);
            return rc;
        }
        cur++;
    }
    return TENDO_OK;
}

/* SQLite allocates through tendo's hook, so allocation-failure tests
 * reach into it: each block carries its size in an 8-byte header (SQLite
 * asks for it). Set once, before SQLite initialises; in a process that
 * used SQLite before tendo, SQLite keeps its own allocator. */
static void *sq_malloc(int n)
{
    uint64_t *p;
    if (n <= 0 || tendo_alloc_should_fail() ||
        !(p = malloc((size_t)n + sizeof *p)))
        return NULL;
    p[0] = (uint64_t)n;
    return p + 1;
}
static void sq_free(void *p)
{
    if (p)
        free((uint64_t *)p - 1);
}
static void *sq_realloc(void *p, int n)
{
    uint64_t *q;
    if (!p)
        return sq_malloc(n);
    if (n <= 0 || tendo_alloc_should_fail() ||
        !(q = realloc((uint64_t *)p - 1, (size_t)n + sizeof *q)))
        return NULL;
    q[0] = (uint64_t)n;
    return q + 1;
}
static int sq_size(void *p)
{
    return p ? (int)((uint64_t *)p)[-1] : 0;
}
static int sq_roundup(int n)
{
    return (n + 7) & ~7;
}
static int sq_init(void *x)
{
    (void)x;
    return SQLITE_OK;
}
static void sq_shutdown(void *x)
{
    (void)x;
}

static void use_tendo_allocator(void)
{
    static int done;
    static const sqlite3_mem_methods mem = {sq_malloc, sq_free, sq_realloc,
                                            sq_size,   sq_roundup, sq_init,
                                            sq_shutdown, NULL};
    if (!done) {
        done = 1;
        sqlite3_config(SQLITE_CONFIG_MALLOC, &mem); /* MISUSE if too late */
    }
}

/* "file:PATH?immutable=1" with PATH percent-encoded (RFC 3986). */
static int immutable_uri(const char *path, char *out, size_t cap)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t k = (size_t)snprintf(out, cap, "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        int plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                    (*p >= '0' && *p <= '9') || strchr("/-._~", *p);
        if (k + 4 >= cap)
            return -1;
        if (plain) {
            out[k++] = (char)*p;
        } else {
            out[k++] = '%';
            out[k++] = hex[*p >> 4];
            out[k++] = hex[*p & 15];
        }
    }
    if (k + 13 >= cap)
        return -1;
    memcpy(out + k, "?immutable=1", 13);
    return 0;
}

static int sqlite_open(tendo_db *db, const char *name, int flags,
                       struct tendo_error *err)
{
    use_tendo_allocator();
    if (sqlite3_open_v2(name, &db->sql, flags | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK) {
        int rc = tendo_fail(err, TENDO_EIO, "cannot open database '%s': %s",
                            db->path,
                            db->sql ? sqlite3_errmsg(db->sql)
                                    : "out of memory");
        sqlite3_close(db->sql);
        db->sql = NULL;
        return rc;
    }
    sqlite3_extended_result_codes(db->sql, 1);
    sqlite3_busy_handler(db->sql, on_busy, db);
    return TENDO_OK;
}

static void sqlite_close(tendo_db *db)
{
    for (int i = 0; i < db->ncache; i++)
        sqlite3_finalize(db->cache[i].stmt);
    db->ncache = 0;
    sqlite3_close(db->sql);
    db->sql = NULL;
}

/* Creates the database file, private (0600 whatever the umask; SQLite
 * gives its -wal and -shm the file's mode), and its folders (0700). */
static int create_file(const char *path, struct tendo_error *err)
{
    int fd, rc;
    if ((rc = make_parents(path, err)))
        return rc;
    fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
              0600);
    if (fd < 0 && errno == EEXIST)
        return TENDO_OK; /* another process made it meanwhile */
    if (fd < 0 || fchmod(fd, 0600) != 0) {
        rc = tendo_fail(err, TENDO_EIO, "cannot create '%s': %s", path,
                        strerror(errno));
        if (fd >= 0)
            close(fd);
        return rc;
    }
    close(fd);
    return TENDO_OK;
}

/* The caller may write the file and create its -wal and -shm beside it. */
static int may_write(const char *path)
{
    char dir[4096];
    const char *slash = strrchr(path, '/');
    size_t n = slash ? (size_t)(slash - path) : 0;
    if (access(path, R_OK | W_OK) != 0)
        return 0;
    if (!slash)
        return access(".", W_OK | X_OK) == 0;
    if (n >= sizeof dir)
        return 0;
    memcpy(dir, path, n ? n : 1);
    dir[n ? n : 1] = '\0';
    return access(dir, W_OK | X_OK) == 0;
}

/* Read-only on a file the caller may not write: never creates or
 * writes; a file of an older schema is
 * migrated only when it may be written (then opened read-write). */
static int open_read_only(tendo_db *db, struct tendo_error *err)
{
    char uri[4200 * 3];
    int v, rc;
    if ((rc = sqlite_open(db, db->path, SQLITE_OPEN_READONLY, err)))
        return rc;
    store_exec(db, "PRAGMA foreign_keys = ON", NULL);
    if (read_version(db, &v, err) != TENDO_OK) {
        /* a WAL database whose -shm this user may not create: read the
         * file as it is (no locks; nobody may be writing what we may not) */
        if (err && err->code == TENDO_EFORMAT)
            return err->code;
        tendo_error_clear(err);
        sqlite_close(db);
        if (immutable_uri(db->path, uri, sizeof uri))
            return tendo_fail(err, TENDO_EIO, "path '%s' is too long",
                              db->path);
        if ((rc = sqlite_open(db, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
                              err)) ||
            (rc = read_version(db, &v, err)))
            return rc;
    }
    if (v > store_migration_count)
        return tendo_fail(err, TENDO_ESCHEMA,
                          "'%s' has schema version %d, newer than this "
                          "tendo's %d: upgrade tendo",
                          db->path, v, store_migration_count);
    if (v == 0)
        return tendo_fail(err, TENDO_EFORMAT, "'%s' holds no tendo data yet "
                          "(run 'tendo init' to make it a database)",
                          db->path);
    if (v == TENDO_SCHEMA_VERSION)
        return TENDO_OK;
    /* an older schema: migrate when allowed */
    sqlite_close(db);
    if (access(db->path, W_OK) != 0)
        return tendo_fail(err, TENDO_ESCHEMA,
                          "'%s' has schema version %d and needs upgrading, "
                          "which you may not do: run 'tendo init' as its "
                          "owner",
                          db->path, v);
    return -1; /* the caller opens it read-write */
}

static int open_at(const char *path, int flags, int version, tendo_db **out,
                   struct tendo_error *err)
{
    tendo_db *db;
    struct stat st;
    int rc;

    *out = NULL;
    if (!path || !*path)
        return tendo_fail(err, TENDO_EUSAGE, "no database path given");
    if (stat(path, &st) != 0) {
        if (!(flags & TENDO_OPEN_CREATE))
            return tendo_fail(err, TENDO_ENOTFOUND,
                              "no database at '%s' (run 'tendo init' or log "
                              "something first)",
                              path);
        if ((rc = create_file(path, err)))
            return rc;
    } else if (!S_ISREG(st.st_mode)) {
        return tendo_fail(err, TENDO_EIO, "'%s' is not a regular file", path);
    } else if ((flags & TENDO_OPEN_READONLY) && st.st_size == 0) {
        return tendo_fail(err, TENDO_EFORMAT, "'%s' is empty: not a tendo "
                          "database yet (run 'tendo init' to make one)",
                          path);
    }
    db = tendo_calloc(1, sizeof *db);
    if (!db || !(db->path = tendo_strndup(path, strlen(path)))) {
        tendo_free(db);
        return tendo_fail(err, TENDO_ENOMEM, "out of memory");
    }
    db->busy_wait_ms = STORE_BUSY_WAIT_MS;
    if ((flags & TENDO_OPEN_READONLY) && version == TENDO_SCHEMA_VERSION &&
        !may_write(path)) {
        rc = open_read_only(db, err);
        if (rc == TENDO_OK) {
            db->read_only = 1;
            *out = db;
            return TENDO_OK;
        }
        if (rc != -1) {
            tendo_db_close(db);
            return rc;
        }
    }
    if ((rc = sqlite_open(db, path, SQLITE_OPEN_READWRITE, err))) {
        tendo_db_close(db);
        return rc;
    }
    if ((rc = store_exec(db,
                         "PRAGMA foreign_keys = ON;"
                         "PRAGMA journal_mode = WAL;"
                         "PRAGMA synchronous = NORMAL;",
                         err)) ||
        (rc = tendo_db_migrate(db, version, err))) {
        if (rc == TENDO_EDB && strstr(err ? err->msg : "", "not a database")) {
            tendo_error_clear(err);
            rc = tendo_fail(err, TENDO_EFORMAT,
                            "'%s' is not a tendo database (not an SQLite "
                            "file)",
                            path);
        }
        tendo_db_close(db);
        return rc;
    }
    /* read-only on a file the caller may write: an ordinary connection
     * (it migrated above, and tidies its -wal and -shm away on close)
     * that SQLite keeps from changing anything */
    if ((flags & TENDO_OPEN_READONLY) &&
        (rc = store_exec(db, "PRAGMA query_only = ON", err))) {
        tendo_db_close(db);
        return rc;
    }
    db->read_only = (flags & TENDO_OPEN_READONLY) != 0;
    *out = db;
    return TENDO_OK;
}

int tendo_db_open(const char *path, int flags, tendo_db **out,
                  struct tendo_error *err)
{
    return open_at(path, flags, TENDO_SCHEMA_VERSION, out, err);
}

int tendo_db_open_at(const char *path, int version, tendo_db **out,
                     struct tendo_error *err)
{
    return open_at(path, TENDO_OPEN_CREATE, version, out, err);
}

void tendo_db_close(tendo_db *db)
{
    if (!db)
        return;
    for (int i = 0; i < db->ncache; i++)
        sqlite3_finalize(db->cache[i].stmt);
    if (db->sql) {
        if (!sqlite3_get_autocommit(db->sql))
            sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
        sqlite3_close(db->sql);
    }
    tendo_free(db->path);
    tendo_free(db);
}

const char *tendo_db_path(tendo_db *db)
{
    return db->path;
}

int tendo_db_begin(tendo_db *db, struct tendo_error *err)
{
    return store_exec(db, "BEGIN IMMEDIATE", err);
}

int tendo_db_commit(tendo_db *db, struct tendo_error *err)
{
    return store_exec(db, "COMMIT", err);
}

int tendo_db_read_begin(tendo_db *db, struct tendo_error *err)
{
    return store_exec(db, "SAVEPOINT tendo_read", err);
}

int tendo_db_data_version(tendo_db *db, int64_t *version,
                          struct tendo_error *err)
{
    sqlite3_stmt *st = store_prep(db, "PRAGMA data_version", err);
    int rc;
    if (!st)
        return TENDO_EDB;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *version = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? TENDO_OK
                            : store_fail(db, err, "cannot read the database's "
                                                  "version");
}

void tendo_db_read_end(tendo_db *db)
{
    if (db && db->sql)
        sqlite3_exec(db->sql, "RELEASE tendo_read", NULL, NULL, NULL);
}

void tendo_db_rollback(tendo_db *db)
{
    if (db && db->sql && !sqlite3_get_autocommit(db->sql))
        sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
}

/* ---- backup ----------------------------------------------------------- */

/* Copies the live database into `tmp` with SQLite's online backup API (one
 * step: one read snapshot, so writers in other processes carry on), turns
 * the copy into a single self-contained file and checks it. */
static int backup_into(tendo_db *db, const char *tmp, struct tendo_error *err)
{
    sqlite3 *dst = NULL;
    sqlite3_backup *b;
    sqlite3_stmt *st = NULL;
    int rc = TENDO_OK, step;

    if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        NULL) != SQLITE_OK) {
        rc = tendo_fail(err, TENDO_EIO, "cannot create '%s': %s", tmp,
                        dst ? sqlite3_errmsg(dst) : "out of memory");
        goto out;
    }
    sqlite3_busy_timeout(dst, 5000);
    if (!(b = sqlite3_backup_init(dst, "main", db->sql, "main"))) {
        rc = tendo_fail(err, TENDO_EDB, "cannot start the backup: %s",
                        sqlite3_errmsg(dst));
        goto out;
    }
    do {
        step = sqlite3_backup_step(b, -1);
        if (step == SQLITE_BUSY || step == SQLITE_LOCKED)
            sqlite3_sleep(50);
    } while (step == SQLITE_OK || step == SQLITE_BUSY ||
             step == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
    if (step != SQLITE_DONE) {
        rc = tendo_fail(err, TENDO_EDB, "the backup failed: %s",
                        sqlite3_errstr(step));
        goto out;
    }
    if (sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v2(dst, "PRAGMA quick_check", -1, &st, NULL) !=
            SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW ||
        strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0)
        rc = tendo_fail(err, TENDO_EDB, "the copy in '%s' does not check: %s",
                        tmp, sqlite3_errmsg(dst));
out:
    sqlite3_finalize(st);
    if (dst && sqlite3_close(dst) != SQLITE_OK && !rc)
        rc = tendo_fail(err, TENDO_EIO, "cannot close '%s'", tmp);
    return rc;
}

int tendo_db_backup(tendo_db *db, const char *path, struct tendo_error *err)
{
    char tmp[4200];
    struct stat a, b;
    int rc, fd;

    if (!path || !*path)
        return tendo_fail(err, TENDO_EUSAGE, "no backup file given");
    if (stat(path, &a) == 0 && stat(db->path, &b) == 0 && a.st_dev == b.st_dev &&
        a.st_ino == b.st_ino)
        return tendo_fail(err, TENDO_EUSAGE,
                          "'%s' is the database itself: back it up to "
                          "another file",
                          path);
    if (stat(path, &a) == 0 && !S_ISREG(a.st_mode))
        return tendo_fail(err, TENDO_EIO, "'%s' is not a regular file", path);
    if (snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", path) >= (int)sizeof tmp)
        return tendo_fail(err, TENDO_EIO, "path '%s' is too long", path);
    if ((fd = mkstemp(tmp)) < 0)
        return tendo_fail(err, TENDO_EIO, "cannot create '%s': %s", tmp,
                          strerror(errno));
    close(fd);
    if ((rc = backup_into(db, tmp, err)) == TENDO_OK &&
        ((fd = open(tmp, O_RDONLY | O_CLOEXEC)) < 0 || fsync(fd) != 0 ||
         close(fd) != 0))
        rc = tendo_fail(err, TENDO_EIO, "cannot write '%s': %s", tmp,
                        strerror(errno));
    if (rc == TENDO_OK && rename(tmp, path) != 0)
        rc = tendo_fail(err, TENDO_EIO, "cannot write '%s': %s", path,
                        strerror(errno));
    if (rc)
        unlink(tmp);
    return rc;
}
