/*
 * tests/unit/test_faults.c - fault injection, SQLite-style.
 *
 * A VFS shim registered as SQLite's default makes the N-th write, fsync
 * or read (and every one after it: a dead disk, a full one) fail; the
 * allocation hook (core/alloc.h, which SQLite, expat and jansson use
 * too) makes the N-th allocation fail. Each operation - importing a diary
 * CSV, a GPX file and a JSON backup, recording a check, logging a
 * session, migrating a schema-1 file - is run once to count its writes,
 * fsyncs, reads and allocations, then once per N with the failure at N.
 * Every run must end with a clear error (or success), the file must pass
 * PRAGMA integrity_check, hold either the state before or the state after
 * (never a half-written record), and the same operation must then succeed.
 *
 * `make check` runs a bounded sample of N (the first 40, then spread over
 * the count); TENDO_FAULTS_FULL=1 (make faults) runs every N.
 */
#include "harness.h"
#include "core/alloc.h"
#include <sqlite3.h>
#include <unistd.h>

#define NOW ((int64_t)20416 * 86400 + 8 * 3600) /* 2026-11-24T08:00:00Z */

/* ---- the VFS shim ------------------------------------------------------ */

enum { F_WRITE, F_SYNC, F_READ, F_KINDS };
static const char *const kind_names[] = {"write", "fsync", "read"};
static long ops[F_KINDS];     /* counted since the last reset */
static long fail_at[F_KINDS]; /* 0: never; else this one and later fail */

struct ffile {
    sqlite3_file base;
    sqlite3_file *real;
};

static sqlite3_vfs *real_vfs;
static sqlite3_vfs faulty_vfs;

static int trip(int kind)
{
    ops[kind]++;
    return fail_at[kind] && ops[kind] >= fail_at[kind];
}

static int f_close(sqlite3_file *f)
{
    struct ffile *p = (struct ffile *)f;
    return p->real->pMethods ? p->real->pMethods->xClose(p->real) : SQLITE_OK;
}
static int f_read(sqlite3_file *f, void *b, int n, sqlite3_int64 off)
{
    struct ffile *p = (struct ffile *)f;
    if (trip(F_READ))
        return SQLITE_IOERR_READ;
    return p->real->pMethods->xRead(p->real, b, n, off);
}
static int f_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 off)
{
    struct ffile *p = (struct ffile *)f;
    if (trip(F_WRITE))
        return SQLITE_FULL;
    return p->real->pMethods->xWrite(p->real, b, n, off);
}
static int f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    struct ffile *p = (struct ffile *)f;
    return p->real->pMethods->xTruncate(p->real, size);
}
static int f_sync(sqlite3_file *f, int flags)
{
    struct ffile *p = (struct ffile *)f;
    if (trip(F_SYNC))
        return SQLITE_IOERR_FSYNC;
    return p->real->pMethods->xSync(p->real, flags);
}
static int f_size(sqlite3_file *f, sqlite3_int64 *size)
{
    struct ffile *p = (struct ffile *)f;
    return p->real->pMethods->xFileSize(p->real, size);
}
static int f_lock(sqlite3_file *f, int l)
{
    struct ffile *p = (struct ffile *)f;
    return p->real->pMethods->xLock(p->real, l);
}
static int f_unlock(sqlite3_file *f, int l)
{
    struct ffile *p = (struct ffile *)f;
    return p->real->pMethods->xUnlock(p->real, l);
}
static int f_reserved(sqlite3_file *f, int *out)
{
    struct ffile *p = (struct ffile *)f;
    return p->real->pMethods->xCheckReservedLock(p->real, out);
}
static int f_control(sqlite3_file *f, int op, void *arg)
{
    struct ffile *p = (struct ffile *)f;
    return p->real->pMethods->xFileControl(p->real, op, arg);
}
static int f_sector(sqlite3_file *f)
{
    struct ffile *p = (struct ffile *)f;
    return p->real->pMethods->xSectorSize(p->real);
}
static int f_device(sqlite3_file *f)
{
    struct ffile *p = (struct ffile *)f;
    return p->real->pMethods->xDeviceCharacteristics(p->real);
}
static int f_shm_map(sqlite3_file *f, int pg, int sz, int ext,
                     void volatile **pp)
{
    struct ffile *p = (struct ffile *)f;
    return p->real->pMethods->xShmMap(p->real, pg, sz, ext, pp);
}
static int f_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
    struct ffile *p = (struct ffile *)f;
    return p->real->pMethods->xShmLock(p->real, off, n, flags);
}
static void f_shm_barrier(sqlite3_file *f)
{
    struct ffile *p = (struct ffile *)f;
    p->real->pMethods->xShmBarrier(p->real);
}
static int f_shm_unmap(sqlite3_file *f, int del)
{
    struct ffile *p = (struct ffile *)f;
    return p->real->pMethods->xShmUnmap(p->real, del);
}

static const sqlite3_io_methods faulty_io = {
    2, /* no memory-mapped I/O: every page goes through xRead */
    f_close,    f_read,     f_write,         f_truncate,  f_sync,
    f_size,     f_lock,     f_unlock,        f_reserved,  f_control,
    f_sector,   f_device,   f_shm_map,       f_shm_lock,  f_shm_barrier,
    f_shm_unmap, NULL,      NULL};

static int f_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f,
                  int flags, int *out_flags)
{
    struct ffile *p = (struct ffile *)f;
    int rc;
    (void)vfs;
    p->real = (sqlite3_file *)(p + 1);
    memset(p->real, 0, (size_t)real_vfs->szOsFile);
    rc = real_vfs->xOpen(real_vfs, name, p->real, flags, out_flags);
    p->base.pMethods = p->real->pMethods ? &faulty_io : NULL;
    return rc;
}
static int f_delete(sqlite3_vfs *v, const char *n, int sync)
{
    (void)v;
    return real_vfs->xDelete(real_vfs, n, sync);
}
static int f_access(sqlite3_vfs *v, const char *n, int flags, int *out)
{
    (void)v;
    return real_vfs->xAccess(real_vfs, n, flags, out);
}
static int f_full(sqlite3_vfs *v, const char *n, int cap, char *out)
{
    (void)v;
    return real_vfs->xFullPathname(real_vfs, n, cap, out);
}
static int f_random(sqlite3_vfs *v, int n, char *out)
{
    (void)v;
    return real_vfs->xRandomness(real_vfs, n, out);
}
static int f_sleep(sqlite3_vfs *v, int us)
{
    (void)v;
    return real_vfs->xSleep(real_vfs, us);
}
static int f_time(sqlite3_vfs *v, double *out)
{
    (void)v;
    return real_vfs->xCurrentTime(real_vfs, out);
}
static int f_last_error(sqlite3_vfs *v, int n, char *out)
{
    (void)v;
    return real_vfs->xGetLastError(real_vfs, n, out);
}
static int f_time64(sqlite3_vfs *v, sqlite3_int64 *out)
{
    (void)v;
    return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

/* Registers the shim as the default VFS, after tendo has set SQLite's
 * allocator (the first tendo_db_open). */
static void install_vfs(void)
{
    if (real_vfs)
        return;
    real_vfs = sqlite3_vfs_find("unix");
    assert_non_null(real_vfs);
    faulty_vfs.iVersion = 2;
    faulty_vfs.szOsFile = (int)sizeof(struct ffile) + real_vfs->szOsFile;
    faulty_vfs.mxPathname = real_vfs->mxPathname;
    faulty_vfs.zName = "tendo-faulty";
    faulty_vfs.xOpen = f_open;
    faulty_vfs.xDelete = f_delete;
    faulty_vfs.xAccess = f_access;
    faulty_vfs.xFullPathname = f_full;
    faulty_vfs.xRandomness = f_random;
    faulty_vfs.xSleep = f_sleep;
    faulty_vfs.xCurrentTime = f_time;
    faulty_vfs.xGetLastError = f_last_error;
    faulty_vfs.xCurrentTimeInt64 = f_time64;
    assert_int_equal(sqlite3_vfs_register(&faulty_vfs, 1), SQLITE_OK);
}

static void faults_off(void)
{
    memset(fail_at, 0, sizeof fail_at);
}

/* ---- operations -------------------------------------------------------- */

static const char diary[] =
    "date,type,minutes,km,rpe,shoe,pain_during,pain_morning,stiffness_min,"
    "sleep_h,rehab_sets,rehab_reps,notes\n"
    "2026-11-18,run,40,7.5,4,Ghost 15,2,1,10,7.5,3,12,easy\n"
    "2026-11-19,bike,60,24,3,,,2,5,8,,,\n"
    "2026-11-20,run,35,6.5,5,Ghost 15,1,1,5,7,3,15,\n"
    "2026-11-21,,,,,,,1,5,,3,15,\n";

static const char gpx[] =
    "<?xml version=\"1.0\"?><gpx version=\"1.1\" creator=\"t\"><trk>"
    "<type>running</type><trkseg>"
    "<trkpt lat=\"52.0\" lon=\"13.0\"><time>2026-11-22T07:00:00Z</time>"
    "</trkpt><trkpt lat=\"52.001\" lon=\"13.0\"><time>2026-11-22T07:00:30Z"
    "</time></trkpt><trkpt lat=\"52.002\" lon=\"13.0\"><time>"
    "2026-11-22T07:01:00Z</time></trkpt></trkseg></trk></gpx>\n";

static struct tendo_buf backup; /* a JSON backup of the seeded database */

static int import(tendo_db *db, const char *name, const char *text, size_t n)
{
    struct tendo_import_opts o = {TODAY, NOW, NULL, NULL, 0};
    struct tendo_import_result r;
    return tendo_import_memory(db, (const uint8_t *)text, n, name, &o, &r);
}

static const char more[] = "date,type,minutes,notes,rehab_sets,rehab_reps\n"
                           "2026-11-23,run,30,a,3,10\n"
                           "2026-11-23,walk,20,b,,\n"
                           "2026-11-24,run,45,c,3,12\n";

static int op_diary(tendo_db *db)
{
    return import(db, "more.csv", more, sizeof more - 1);
}

static int op_gpx(tendo_db *db)
{
    return import(db, "run.gpx", gpx, sizeof gpx - 1);
}

static int op_check(tendo_db *db)
{
    struct tendo_check c;
    struct tendo_error e = {0};
    int64_t moved;
    int rc;
    tendo_check_init(&c);
    c.date = TODAY;
    c.morning = 3;
    c.stiffness_min = 10;
    if ((rc = tendo_db_begin(db, &e)) ||
        (rc = tendo_check_record(db, &c, TODAY, &moved, &e)) ||
        (rc = tendo_db_commit(db, &e)))
        tendo_db_rollback(db);
    return rc;
}

static int op_log(tendo_db *db)
{
    struct tendo_session s;
    struct tendo_error e = {0};
    int rc;
    tendo_session_init(&s);
    s.date = TODAY;
    snprintf(s.type, sizeof s.type, "run");
    s.minutes = 42;
    s.rpe = 4;
    if ((rc = tendo_db_begin(db, &e)) ||
        (rc = tendo_session_add(db, &s, TODAY, &e)) ||
        (rc = tendo_db_commit(db, &e)))
        tendo_db_rollback(db);
    return rc;
}

static int op_restore(tendo_db *db)
{
    return import(db, "backup.json", backup.data, backup.len);
}

/* ---- the harness -------------------------------------------------------- */

static char base_path[600], work_path[600];

static void copy_file(const char *from, const char *to)
{
    FILE *a = fopen(from, "rb"), *b = fopen(to, "wb");
    char buf[65536];
    size_t n;
    assert_non_null(a);
    assert_non_null(b);
    while ((n = fread(buf, 1, sizeof buf, a)) > 0)
        assert_int_equal(fwrite(buf, 1, n, b), n);
    fclose(a);
    assert_int_equal(fclose(b), 0);
}

static void remove_db(const char *path)
{
    char p[700];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
}

/* What the database holds, compared before and after: counts per table,
 * the schema version and the day's check. */
static void state(const char *path, char *out, size_t cap)
{
    sqlite3 *s;
    sqlite3_stmt *st;
    out[0] = '\0';
    faults_off();
    assert_int_equal(sqlite3_open_v2(path, &s, SQLITE_OPEN_READONLY, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(s, "PRAGMA integrity_check", -1, &st,
                                        NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    if (strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0)
        fail_msg("integrity_check: %s", sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (sqlite3_prepare_v2(
            s,
            "SELECT (SELECT version FROM schema_version) || '|' || "
            "(SELECT count(*) FROM sqlite_schema) || '|' || "
            "(SELECT count(*) FROM sessions) || '|' || "
            "(SELECT count(*) FROM checks) || '|' || "
            "(SELECT count(*) FROM rehab) || '|' || "
            "(SELECT count(*) FROM wellness) || '|' || "
            "(SELECT count(*) FROM shoes) || '|' || "
            "(SELECT count(*) FROM imports WHERE status = 'imported') || '|' "
            "|| (SELECT count(*) FROM streams) || '|' || "
            "coalesce((SELECT group_concat(morning) FROM checks), '')",
            -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        snprintf(out, cap, "%s", (const char *)sqlite3_column_text(st, 0));
    else /* a schema-1 file has none of the later tables: just count */
        snprintf(out, cap, "schema %s", sqlite3_errmsg(s));
    sqlite3_finalize(st);
    sqlite3_close(s);
}

static int full_run(void)
{
    const char *f = getenv("TENDO_FAULTS_FULL");
    return f && *f && strcmp(f, "0") != 0;
}

/* The N to try out of `count`: all when full, else the first 40 and 40
 * more spread evenly over the rest. */
static int wanted(long n, long count)
{
    if (full_run() || n <= 40 || count <= 80)
        return 1;
    return (n - 40) % ((count - 40) / 40 + 1) == 0;
}

struct op {
    const char *name;
    int (*run)(tendo_db *db);
    int migrate; /* the operation is opening a schema-1 file */
};

/* Opens the working copy (for a migration, the operation itself). */
static int open_work(tendo_db **db)
{
    struct tendo_error e = {0};
    return tendo_db_open(work_path, TENDO_OPEN_EXISTING, db, &e);
}

/* Runs `op` on a fresh copy of the base file with the `kind` fault at
 * its n-th I/O, or (alloc_n >= 0) the allocation failing after alloc_n;
 * returns the operation's result. */
static int run_once(const struct op *op, int kind, long n, long alloc_n)
{
    tendo_db *db = NULL;
    int rc;
    remove_db(work_path);
    copy_file(base_path, work_path);
    if (!op->migrate)
        assert_int_equal(open_work(&db), TENDO_OK);
    memset(ops, 0, sizeof ops);
    if (kind >= 0)
        fail_at[kind] = n;
    if (alloc_n >= 0)
        tendo_alloc_fail_after(alloc_n);
    else
        tendo_alloc_fail_after(-1);
    rc = op->migrate ? open_work(&db) : op->run(db);
    tendo_alloc_fail_after(-1);
    faults_off();
    tendo_db_close(db);
    return rc;
}

/* Checks the state after a run: the file checks, and holds the state
 * before (the operation failed) or after (it succeeded); then the same
 * operation succeeds on it. */
static void verify(const struct op *op, int rc, const char *before,
                   const char *after, const char *what, long n)
{
    char now[400];
    tendo_db *db = NULL;
    state(work_path, now, sizeof now);
    if (rc == TENDO_OK && strcmp(now, after) != 0)
        fail_msg("%s: %s %ld: succeeded but holds %s, not %s", op->name, what,
                 n, now, after);
    if (rc != TENDO_OK && strcmp(now, before) != 0 && !op->migrate)
        fail_msg("%s: %s %ld: failed (%d) but holds %s, not %s", op->name,
                 what, n, rc, now, before);
    if (rc != TENDO_OK) { /* the same operation now succeeds */
        assert_int_equal(open_work(&db), TENDO_OK);
        if (!op->migrate && op->run(db) != TENDO_OK)
            fail_msg("%s: after %s %ld, it does not succeed", op->name, what,
                     n);
        tendo_db_close(db);
        state(work_path, now, sizeof now);
        if (strcmp(now, after) != 0)
            fail_msg("%s: after %s %ld and a retry: %s, not %s", op->name,
                     what, n, now, after);
    }
}

static void exercise(const struct op *op, int with_io)
{
    char before[400], after[400];
    long count[F_KINDS], allocs;
    int rc;
    state(base_path, before, sizeof before);
    /* a clean run counts what the operation does */
    assert_int_equal(run_once(op, -1, 0, -1), TENDO_OK);
    memcpy(count, ops, sizeof count);
    state(work_path, after, sizeof after);
    assert_string_not_equal(before, after);
    if (with_io) {
        for (int k = 0; k < F_KINDS; k++) {
            long tried = 0;
            for (long n = 1; n <= count[k]; n++) {
                if (!wanted(n, count[k]))
                    continue;
                rc = run_once(op, k, n, -1);
                verify(op, rc, before, after, kind_names[k], n);
                tried++;
            }
            print_message("  %-8s %-6s %5ld counted, %5ld tried\n", op->name,
                          kind_names[k], count[k], tried);
        }
    }
    /* allocation failures */
    {
        /* count the allocations of a clean run */
        tendo_db *db = NULL;
        remove_db(work_path);
        copy_file(base_path, work_path);
        if (!op->migrate)
            assert_int_equal(open_work(&db), TENDO_OK);
        tendo_alloc_fail_after(-1);
        rc = op->migrate ? open_work(&db) : op->run(db);
        allocs = tendo_alloc_fail_after(-1);
        assert_int_equal(rc, TENDO_OK);
        tendo_db_close(db);
    }
    {
        long tried = 0;
        for (long n = 0; n < allocs; n++) {
            if (!wanted(n + 1, allocs))
                continue;
            rc = run_once(op, -1, 0, n);
            verify(op, rc, before, after, "allocation", n);
            tried++;
        }
        print_message("  %-8s %-6s %5ld counted, %5ld tried\n", op->name,
                      "alloc", allocs, tried);
    }
}

/* The base file: seeded with a diary (or schema 1, for migrations). */
static void make_base(int schema1, int empty)
{
    tendo_db *db = NULL;
    struct tendo_error e = {0};
    snprintf(base_path, sizeof base_path, "%s", temp_db("base.db"));
    snprintf(work_path, sizeof work_path, "%s", temp_db("work.db"));
    remove_db(base_path);
    if (schema1) {
        assert_int_equal(tendo_db_open_at(base_path, 1, &db, &e), TENDO_OK);
    } else {
        assert_int_equal(tendo_db_open(base_path, TENDO_OPEN_CREATE, &db, &e),
                         TENDO_OK);
        if (!empty)
            assert_int_equal(import(db, "seed.csv", diary, sizeof diary - 1),
                             TENDO_OK);
    }
    tendo_db_close(db); /* checkpoints: one self-contained file */
    install_vfs();
}

static void diary_import(void **state_)
{
    static const struct op op = {"diary", op_diary, 0};
    (void)state_;
    make_base(0, 0);
    exercise(&op, 1);
}

static void gpx_import(void **state_)
{
    static const struct op op = {"gpx", op_gpx, 0};
    (void)state_;
    make_base(0, 0);
    exercise(&op, 1);
}

static void check_record(void **state_)
{
    static const struct op op = {"check", op_check, 0};
    (void)state_;
    make_base(0, 0);
    exercise(&op, 1);
}

static void session_log(void **state_)
{
    static const struct op op = {"log", op_log, 0};
    (void)state_;
    make_base(0, 0);
    exercise(&op, 1);
}

static void json_restore(void **state_)
{
    static const struct op op = {"restore", op_restore, 0};
    tendo_db *db = NULL;
    struct tendo_error e = {0};
    (void)state_;
    make_base(0, 0);
    assert_int_equal(tendo_db_open(base_path, TENDO_OPEN_EXISTING, &db, &e),
                     TENDO_OK);
    tendo_buf_init(&backup, 0);
    assert_int_equal(tendo_export_json(db, &backup, &e), TENDO_OK);
    tendo_db_close(db);
    make_base(0, 1); /* restore into an empty database */
    exercise(&op, 1);
    tendo_buf_release(&backup);
}

static void migrations(void **state_)
{
    static const struct op op = {"migrate", NULL, 1};
    (void)state_;
    make_base(1, 0);
    exercise(&op, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(diary_import), cmocka_unit_test(gpx_import),
        cmocka_unit_test(check_record), cmocka_unit_test(session_log),
        cmocka_unit_test(json_restore), cmocka_unit_test(migrations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
