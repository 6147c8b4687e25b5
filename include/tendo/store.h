/*
 * tendo/store.h - the SQLite file that holds one athlete's data.
 *
 * A tendo_db is an open database handle (opaque). The schema is versioned
 * and migrated forward on open; a file written by a newer tendo is refused
 * with TENDO_ESCHEMA. The file runs in WAL mode with a busy timeout and
 * foreign keys on; every table is STRICT.
 *
 * Transactions: callers wrap each command (or each imported file) in
 * tendo_db_begin() ... tendo_db_commit(), and call tendo_db_rollback() on any
 * failure, so nothing half-written lands. Functions that write validate their
 * record first (see tendo/model.h) and fail without writing.
 *
 * Ownership: records are plain structs filled into caller memory; iteration
 * callbacks receive a pointer valid only during the call. Errors come back as
 * enum tendo_err with details in the caller's struct tendo_error.
 */
#ifndef TENDO_STORE_H
#define TENDO_STORE_H

#include "common.h"
#include "date.h"
#include "error.h"
#include "buf.h"
#include "model.h"

typedef struct tendo_db tendo_db;

#define TENDO_SCHEMA_VERSION 6   /* the schema this library writes */

enum tendo_open_flags {
    TENDO_OPEN_EXISTING = 0,     /* fail with TENDO_ENOTFOUND if absent */
    TENDO_OPEN_CREATE = 1,       /* create the file and its folders */
    TENDO_OPEN_READONLY = 2      /* read only: never creates or writes */
};

/* CONSTRUCTOR. Opens (or creates) the database at `path`, migrating its
 * schema to TENDO_SCHEMA_VERSION. On failure *out is NULL.
 *
 * Private by default: a new database file is created 0600 (its -wal and
 * -shm take its mode) and missing folders 0700, whatever the umask.
 * TENDO_OPEN_READONLY opens for reading: it works on a file the caller
 * may not write (without the -shm it cannot create, the file is read as
 * it is), refuses an empty file instead of writing a schema into it, and
 * migrates an older schema only when the caller may write the file
 * (TENDO_ESCHEMA otherwise: "run 'tendo init' as its owner").
 *
 * Another process writing makes a command wait up to 60 s (then
 * TENDO_EDB, "... is busy ..."); tendo_db_on_wait is told when a wait
 * begins. Storage failures come back as TENDO_EDB with what happened:
 * the disk is full, read-only, an I/O error, a damaged file. */
TENDO_API int tendo_db_open(const char *path, int flags, tendo_db **out,
                            struct tendo_error *err);
/* Calls fn(ctx) once each time a statement starts waiting for another
 * writer (the CLI says so on a terminal); NULL stops it. */
TENDO_API void tendo_db_on_wait(tendo_db *db, void (*fn)(void *ctx),
                                void *ctx);
/* CONSTRUCTOR for tests of migrations: opens without migrating past
 * `version` (0 = an empty file). */
TENDO_API int tendo_db_open_at(const char *path, int version, tendo_db **out,
                               struct tendo_error *err);
/* DESTRUCTOR. Rolls back an open transaction. NULL is a harmless no-op. */
TENDO_API void tendo_db_close(tendo_db *db);
/* METHOD. The schema version of the open file. */
TENDO_API int tendo_db_schema_version(tendo_db *db);
/* METHOD. Applies the forward migrations up to `version`, each in its own
 * transaction. */
TENDO_API int tendo_db_migrate(tendo_db *db, int version,
                               struct tendo_error *err);
/* METHOD. The file's path as opened. */
TENDO_API const char *tendo_db_path(tendo_db *db);

TENDO_API int tendo_db_begin(tendo_db *db, struct tendo_error *err);
TENDO_API int tendo_db_commit(tendo_db *db, struct tendo_error *err);
TENDO_API void tendo_db_rollback(tendo_db *db);
/* A consistent read of several tables: one snapshot from read_begin to
 * read_end (a savepoint, so it nests inside a caller's transaction). */
TENDO_API int tendo_db_read_begin(tendo_db *db, struct tendo_error *err);
TENDO_API void tendo_db_read_end(tendo_db *db);
/* A number that changes when another connection - of this process or
 * another - has committed to the database since this one last looked
 * (SQLite's data_version): a long-lived reader's way to know that what it
 * read is still current. */
TENDO_API int tendo_db_data_version(tendo_db *db, int64_t *version,
                                    struct tendo_error *err);

/* METHOD. Writes a consistent copy of the live database to `path`
 * (SQLite's online backup API: one read snapshot, so other commands may
 * write meanwhile) as one self-contained file, checked, synced and renamed
 * into place: `path` is the whole copy or unchanged. */
TENDO_API int tendo_db_backup(tendo_db *db, const char *path,
                              struct tendo_error *err);

/* ---- settings (store/settings.c) ------------------------------------- */

/* A known setting: its key, default value (NULL = none) and description. */
struct tendo_setting_def {
    const char *key;
    const char *def;
    const char *help;
};
/* The table of known settings, in display order; *n receives its length. */
TENDO_API const struct tendo_setting_def *tendo_settings(size_t *n);
/* Checks `value` for `key` and writes its normal form into `norm` (n bytes).
 * Unknown keys are TENDO_EUSAGE. */
TENDO_API int tendo_setting_check(const char *key, const char *value,
                                  char *norm, size_t n,
                                  struct tendo_error *err);
/* Reads a setting into `out` (n bytes): the stored value, else the default,
 * else "". *is_set (may be NULL) says whether a value was stored. */
TENDO_API int tendo_setting_get(tendo_db *db, const char *key, char *out,
                                size_t n, int *is_set,
                                struct tendo_error *err);
/* Validates and stores a setting. */
TENDO_API int tendo_setting_set(tendo_db *db, const char *key,
                                const char *value, struct tendo_error *err);
/* Removes a stored setting (back to its default). */
TENDO_API int tendo_setting_unset(tendo_db *db, const char *key,
                                  struct tendo_error *err);

/* Reads every setting into its typed form (defaults where none is
 * stored). */
TENDO_API int tendo_athlete_read(tendo_db *db, struct tendo_athlete *out,
                                 struct tendo_error *err);

/* ---- sessions --------------------------------------------------------- */

/* Stores a new session; sets s->id, and s->shoe_id from s->shoe when a
 * name is given (the shoe must exist). */
TENDO_API int tendo_session_add(tendo_db *db, struct tendo_session *s,
                                tendo_day today, struct tendo_error *err);
/* Replaces the stored session s->id with *s (after validation). */
/* A session logged by hand (`tendo log`, the server's log page): a run
 * without a shoe, unless `no_shoe`, gets the default shoe; then
 * tendo_session_add. Run it inside tendo_db_begin/commit. */
TENDO_API int tendo_session_log(tendo_db *db, struct tendo_session *s,
                                int no_shoe, tendo_day today,
                                struct tendo_error *err);
TENDO_API int tendo_session_update(tendo_db *db, struct tendo_session *s,
                                   tendo_day today, struct tendo_error *err);
TENDO_API int tendo_session_get(tendo_db *db, int64_t id,
                                struct tendo_session *out,
                                struct tendo_error *err);
/* Sets *id to a stored session equal to `s` in day, type, minutes,
 * distance, RPE, surface, shoe, pain and notes, or to 0. Sessions stored by
 * the import `exclude_import` (0: none) do not count, so a file may hold
 * two equal sessions. */
TENDO_API int tendo_session_find_same(tendo_db *db,
                                      const struct tendo_session *s,
                                      int64_t exclude_import, int64_t *id,
                                      struct tendo_error *err);

typedef int (*tendo_session_fn)(const struct tendo_session *s, void *ctx);
typedef int (*tendo_check_fn)(const struct tendo_check *c, void *ctx);
typedef int (*tendo_rehab_fn)(const struct tendo_rehab *r, void *ctx);
typedef int (*tendo_wellness_fn)(const struct tendo_wellness *w, void *ctx);
typedef int (*tendo_shoe_fn)(const struct tendo_shoe *s, void *ctx);
typedef int (*tendo_clearance_fn)(const struct tendo_clearance *c,
                                  void *ctx);
typedef int (*tendo_flag_correction_fn)(const struct tendo_flag_correction *c,
                                        void *ctx);
typedef int (*tendo_assessment_fn)(const struct tendo_assessment *a,
                                   void *ctx);

/* Calls `fn` for each record with from <= date <= to, in date order (then
 * in the order they were stored). A non-zero return from `fn` stops the
 * walk and is returned. Use TENDO_DAY_MIN / INT32_MAX for "all". */
TENDO_API int tendo_sessions_each(tendo_db *db, tendo_day from, tendo_day to,
                                  tendo_session_fn fn, void *ctx,
                                  struct tendo_error *err);

/* Sets *id to a stored session of `type` that started within `window_s`
 * seconds of `start_utc`, or to 0 (the same activity from another
 * source). */
TENDO_API int tendo_session_find_start(tendo_db *db, const char *type,
                                       int64_t start_utc, int window_s,
                                       int64_t *id, struct tendo_error *err);

/* Stores the encoded stream of session `id` (`samples` records in `len`
 * bytes of the stream codec; tendo_stream_put in tendo/import.h encodes),
 * replacing any stored before. */
TENDO_API int tendo_stream_put_blob(tendo_db *db, int64_t id, size_t samples,
                                    const void *data, size_t len,
                                    struct tendo_error *err);
/* Appends the encoded stream of session `id` to `out` (nothing when the
 * session has none; *found says which). */
TENDO_API int tendo_stream_get_blob(tendo_db *db, int64_t id,
                                    struct tendo_buf *out, int *found,
                                    struct tendo_error *err);

/* ---- daily checks (one per day) ---------------------------------------- */

/* Reads the check of `day` into *out; *found says whether there is one
 * (if not, *out is initialised empty for that day). */
TENDO_API int tendo_check_get(tendo_db *db, tendo_day day,
                              struct tendo_check *out, int *found,
                              struct tendo_error *err);
/* Stores the whole record for c->date, replacing the day's check. Red
 * flags the stored check had and `c` has not are kept on record as a
 * correction (tendo_flag_corrections_each; clinical.md §2). */
TENDO_API int tendo_check_put(tendo_db *db, const struct tendo_check *c,
                              tendo_day today, struct tendo_error *err);
/* The daily check as the athlete enters it (clinical.md §5: the session
 * holds its pain): when the day has exactly one run, the check's during
 * and after go onto that run (*moved_to receives its id, else 0) and the
 * check keeps the rest; otherwise they stay on the check as the day's. */
TENDO_API int tendo_check_record(tendo_db *db, const struct tendo_check *c,
                                 tendo_day today, int64_t *moved_to,
                                 struct tendo_error *err);
/* A check as the athlete enters it - the CLI's `check` and the server's
 * check-in page both call this: the fields `in` sets (TENDO_UNSET, or ""
 * for side and location, keep what the day's check holds) go onto the
 * day's check (in->date); its red flags become in->flags when
 * `replace_flags`, and gain `add_flags` in any case. Then
 * tendo_check_record. `out` says what was there before, what is now, the
 * values changed and the run that took the pain. Run it inside
 * tendo_db_begin/commit. */
struct tendo_check_change {
    const char *field;          /* "morning", "stiffness", "during",
                                   "after", "hop pain" */
    int was, now;
};
struct tendo_check_outcome {
    struct tendo_check before;  /* the day's check (empty if none) */
    struct tendo_check after;   /* as stored */
    int found;                  /* the day had a check: an update */
    int64_t moved_to;           /* the run that holds during/after, or 0 */
    size_t nchanges;
    struct tendo_check_change changes[5];
};
TENDO_API int tendo_check_update(tendo_db *db, const struct tendo_check *in,
                                 int replace_flags, unsigned add_flags,
                                 tendo_day today,
                                 struct tendo_check_outcome *out,
                                 struct tendo_error *err);
TENDO_API int tendo_checks_each(tendo_db *db, tendo_day from, tendo_day to,
                                tendo_check_fn fn, void *ctx,
                                struct tendo_error *err);

/* ---- rehab ------------------------------------------------------------ */

TENDO_API int tendo_rehab_add(tendo_db *db, struct tendo_rehab *r,
                              tendo_day today, struct tendo_error *err);
/* Sets *id to a stored rehab entry equal to `r` (day, exercise, sets, reps,
 * load, tempo, surface, pain, notes), or to 0; `exclude_import` as for
 * sessions. */
TENDO_API int tendo_rehab_find_same(tendo_db *db, const struct tendo_rehab *r,
                                    int64_t exclude_import, int64_t *id,
                                    struct tendo_error *err);
/* The most recent rehab entry on or before `day`; *found as above. */
TENDO_API int tendo_rehab_last(tendo_db *db, tendo_day day,
                               struct tendo_rehab *out, int *found,
                               struct tendo_error *err);
TENDO_API int tendo_rehab_each(tendo_db *db, tendo_day from, tendo_day to,
                               tendo_rehab_fn fn, void *ctx,
                               struct tendo_error *err);

/* ---- wellness (one per day) ------------------------------------------- */

TENDO_API int tendo_wellness_get(tendo_db *db, tendo_day day,
                                 struct tendo_wellness *out, int *found,
                                 struct tendo_error *err);
TENDO_API int tendo_wellness_put(tendo_db *db, const struct tendo_wellness *w,
                                 tendo_day today, struct tendo_error *err);
TENDO_API int tendo_wellness_each(tendo_db *db, tendo_day from, tendo_day to,
                                  tendo_wellness_fn fn, void *ctx,
                                  struct tendo_error *err);

/* ---- shoes ------------------------------------------------------------ */

/* Stores a new shoe (name unique: TENDO_EEXIST otherwise); sets s->id. When
 * s->is_default is set, it becomes the only default. */
TENDO_API int tendo_shoe_add(tendo_db *db, struct tendo_shoe *s,
                             struct tendo_error *err);
/* Finds a shoe by name (case-insensitive); TENDO_ENOTFOUND if none. Fills
 * distance_m and sessions. */
TENDO_API int tendo_shoe_get(tendo_db *db, const char *name,
                             struct tendo_shoe *out, struct tendo_error *err);
/* Looks a shoe up by name (case-insensitive) without computing its
 * distance: sets *id, or returns TENDO_ENOTFOUND. `name_out` (may be NULL,
 * TENDO_NAME_MAX + 1 bytes) receives the stored spelling. */
TENDO_API int tendo_shoe_id(tendo_db *db, const char *name, int64_t *id,
                            char *name_out, struct tendo_error *err);
/* Retires the shoe on `day` (it stays in the list, is no longer default). */
TENDO_API int tendo_shoe_retire(tendo_db *db, const char *name, tendo_day day,
                                struct tendo_error *err);
/* The shoe in use on `day` (its first use, `added`, on or before it and
 * not retired before it): the default shoe if it was, else the only one
 * that was; none (*found 0) when none or several were. Imported runs get
 * it, so runs from before a shoe existed do not. */
TENDO_API int tendo_shoe_in_use(tendo_db *db, tendo_day day,
                                struct tendo_shoe *out, int *found,
                                struct tendo_error *err);
/* Makes the shoe the default for runs logged without one. */
TENDO_API int tendo_shoe_set_default(tendo_db *db, const char *name,
                                     struct tendo_error *err);
/* The default shoe, if any (*found). */
TENDO_API int tendo_shoe_default(tendo_db *db, struct tendo_shoe *out,
                                 int *found, struct tendo_error *err);
/* All shoes, active first, then by name. */
TENDO_API int tendo_shoes_each(tendo_db *db, tendo_shoe_fn fn, void *ctx,
                               struct tendo_error *err);

/* ---- assessments (store/assess.c) ------------------------------------ */

/* Validates (tendo_assessment_validate) and stores; a->id receives the new
 * row's id. */
TENDO_API int tendo_assessment_add(tendo_db *db, struct tendo_assessment *a,
                                   tendo_day today, struct tendo_error *err);
/* Assessments from..to in date order (kind NULL: all kinds). */
TENDO_API int tendo_assessments_each(tendo_db *db, const char *kind,
                                     tendo_day from, tendo_day to,
                                     tendo_assessment_fn fn, void *ctx,
                                     struct tendo_error *err);
/* The same as one array in date order (*out NULL when none; the caller
 * frees it with free(3)); *n receives how many. */
TENDO_API int tendo_assessments_list(tendo_db *db, const char *kind,
                                     tendo_day from, tendo_day to,
                                     struct tendo_assessment **out, size_t *n,
                                     struct tendo_error *err);

/* ---- red-flag clearances and corrections (store/flags.c) -------------- */

/* Validates (tendo_clearance_validate) and stores a clearance; c->id
 * receives its id, c->recorded defaults to `today`. Whether the flags were
 * open is the caller's question (tendo/history.h knows). */
TENDO_API int tendo_clearance_add(tendo_db *db, struct tendo_clearance *c,
                                  tendo_day today, struct tendo_error *err);
/* Clearances dated from..to, in date order. */
TENDO_API int tendo_clearances_each(tendo_db *db, tendo_day from,
                                    tendo_day to, tendo_clearance_fn fn,
                                    void *ctx, struct tendo_error *err);
/* Corrections of checks dated from..to, in date order. */
TENDO_API int tendo_flag_corrections_each(tendo_db *db, tendo_day from,
                                          tendo_day to,
                                          tendo_flag_correction_fn fn,
                                          void *ctx, struct tendo_error *err);

/* ---- the routine's blocks done (clinical.md §7a) ---------------------- */

/* Records a block done on r->date (validated first): a second time the
 * same day keeps one row, with the pain given (else the one stored).
 * r->id receives its id. */
TENDO_API int tendo_routine_log_put(tendo_db *db, struct tendo_routine_log *r,
                                    tendo_day today, struct tendo_error *err);
typedef int (*tendo_routine_log_fn)(const struct tendo_routine_log *r,
                                    void *ctx);
TENDO_API int tendo_routine_logs_each(tendo_db *db, tendo_day from,
                                      tendo_day to, tendo_routine_log_fn fn,
                                      void *ctx, struct tendo_error *err);

/* ---- deleting records (store/delete.c) ------------------------------- */

/* The kinds of record `tendo delete` removes (NULL-terminated, in the order
 * of enum tendo_record_kind). Checks and wellness are per day (no id); the
 * others have ids and may also be named by day (every one of that day). */
TENDO_API extern const char *const tendo_record_kinds[];
enum tendo_record_kind {
    TENDO_KIND_SESSION, TENDO_KIND_CHECK, TENDO_KIND_REHAB,
    TENDO_KIND_WELLNESS, TENDO_KIND_ASSESSMENT, TENDO_KIND_SHOE,
    TENDO_KIND_CLEARANCE, TENDO_KIND_ROUTINE
};
/* True for the per-day kinds (check, wellness). */
TENDO_API int tendo_record_kind_per_day(int kind);

/* One record found for deletion. */
struct tendo_deletion {
    int kind;             /* enum tendo_record_kind */
    int64_t id;           /* 0 for per-day kinds */
    tendo_day date;       /* the record's day; TENDO_DAY_NONE for a shoe */
    int retire;           /* a shoe with runs: retired, not deleted */
    char what[160];       /* one line: "run, 45 min, 8.1 km, from run.fit" */
};
typedef int (*tendo_deletion_fn)(const struct tendo_deletion *d, void *ctx);

/* Calls `fn` for each record of `kind` with this id (day TENDO_DAY_NONE)
 * or on this day (id 0), in id order; *count receives how many. Per-day
 * kinds take only a day, shoes only an id: otherwise TENDO_EUSAGE. No
 * record is not an error (*count 0). */
TENDO_API int tendo_delete_find(tendo_db *db, int kind, int64_t id,
                                tendo_day day, tendo_deletion_fn fn,
                                void *ctx, size_t *count,
                                struct tendo_error *err);
/* Deletes what tendo_delete_find finds (calling `fn`, may be NULL, for
 * each), leaving a marker in the deletions table (kind, id, day,
 * `now_utc`); a shoe with runs is retired on `today` instead. Red flags of
 * a deleted check stay on record as a correction (clinical.md §2). An
 * imported session keeps its import-ledger entry; its stream goes with
 * it. Run it inside tendo_db_begin/commit. */
TENDO_API int tendo_delete(tendo_db *db, int kind, int64_t id, tendo_day day,
                           int64_t now_utc, tendo_day today,
                           tendo_deletion_fn fn, void *ctx, size_t *count,
                           struct tendo_error *err);

/* ---- every table, for the JSON backup (store/dump.c) ------------------ */

/* The layout of the JSON backup written from a dump (export --json,
 * docs/formats.md "The JSON backup"), raised when it changes. */
#define TENDO_EXPORT_FORMAT 2

/* A value of one column of one row. TENDO_CELL_ABSENT (restore only): the
 * column was not given and takes its default. Text and blobs point into
 * memory valid for the call. */
enum tendo_cell_type {
    TENDO_CELL_NULL, TENDO_CELL_INT, TENDO_CELL_REAL, TENDO_CELL_TEXT,
    TENDO_CELL_BLOB, TENDO_CELL_ABSENT
};
struct tendo_cell {
    int type;
    int64_t i;
    double r;
    const void *p;   /* text (not NUL-terminated) or blob bytes */
    size_t n;
};

/* A table as the backup sees it: its columns and their declared types
 * (TENDO_CELL_INT, _REAL, _TEXT or _BLOB). */
#define TENDO_TABLE_MAX_COLS 48
struct tendo_table {
    const char *name;
    size_t ncols;
    const char *cols[TENDO_TABLE_MAX_COLS];
    int types[TENDO_TABLE_MAX_COLS];
};

/* The tables of a backup in the order they are written and restored
 * (records before what refers to them): settings, shoes, imports,
 * sessions, streams, checks, rehab, wellness, assessments, clearances,
 * flag_corrections, deletions. Columns come from the schema itself, so a
 * column added by a migration is backed up without a change here; a table
 * added without being listed makes tendo_db_dump fail (TENDO_EDB), so no
 * record kind escapes the backup. */
struct tendo_dump_ops {
    int (*table)(void *ctx, const struct tendo_table *t);  /* before rows */
    int (*row)(void *ctx, const struct tendo_table *t,
               const struct tendo_cell *cells);
};
/* METHOD. Calls ops->table then ops->row for each row of each table, rows
 * in primary-key order, in one read snapshot. A non-zero return from a
 * callback stops the walk and is returned. */
TENDO_API int tendo_db_dump(tendo_db *db, const struct tendo_dump_ops *ops,
                            void *ctx, struct tendo_error *err);

/* A restore into an empty database: begin (refused with TENDO_EEXIST when
 * the file holds any record; stored settings are dropped - the backup's
 * replace them), insert rows table by table, commit (which checks every
 * foreign key) - or free without commit to roll everything back. */
typedef struct tendo_restore tendo_restore;
TENDO_API int tendo_restore_begin(tendo_db *db, tendo_restore **out,
                                  struct tendo_error *err);
/* The table of that name, or NULL when the backup has none such; the
 * i-th table in restore order (NULL past the last). */
TENDO_API const struct tendo_table *tendo_restore_table(tendo_restore *r,
                                                        const char *name);
TENDO_API const struct tendo_table *tendo_restore_table_at(tendo_restore *r,
                                                           size_t i);
/* Inserts one row (t->ncols cells, ABSENT for columns not given); SQLite's
 * column types and CHECK constraints refuse what does not fit. */
TENDO_API int tendo_restore_row(tendo_restore *r, const struct tendo_table *t,
                                const struct tendo_cell *cells,
                                struct tendo_error *err);
TENDO_API int tendo_restore_commit(tendo_restore *r, struct tendo_error *err);
/* Rolls back unless committed, and frees. NULL is a no-op. */
TENDO_API void tendo_restore_free(tendo_restore *r);

/* ---- import ledger ---------------------------------------------------- */

/* Sets *id to the ledger entry of the file with this SHA-256 (hex), or 0. */
TENDO_API int tendo_ledger_find(tendo_db *db, const char *sha256_hex,
                                int64_t *id, struct tendo_error *err);
/* What the ledger knows of a file (schema v5): imported, found to be a
 * duplicate of a stored activity, or rejected (with why). */
enum tendo_ledger_status {
    TENDO_LEDGER_IMPORTED, TENDO_LEDGER_DUPLICATE, TENDO_LEDGER_REJECTED
};
TENDO_API extern const char *const tendo_ledger_statuses[];
struct tendo_ledger_entry {
    int64_t id;
    char source[128];
    char format[16];
    int status;                    /* enum tendo_ledger_status */
    char error[TENDO_ERRMSG_MAX];  /* why it was rejected */
};
/* Looks the file with this SHA-256 (hex) up; *found says whether. */
TENDO_API int tendo_ledger_lookup(tendo_db *db, const char *sha256_hex,
                                  struct tendo_ledger_entry *out, int *found,
                                  struct tendo_error *err);
/* Records (or updates) the ledger entry of a file with its status and,
 * for a rejected one, the error; *id receives its id (0 when an entry
 * for an imported file was left as it was: a file once imported stays
 * so). */
TENDO_API int tendo_ledger_note(tendo_db *db, const char *sha256_hex,
                                const char *source, const char *format,
                                int status, const char *error,
                                int64_t now_utc, int64_t *id,
                                struct tendo_error *err);
/* Records an imported file; sets *id. `imported_utc` is when. */
TENDO_API int tendo_ledger_add(tendo_db *db, const char *sha256_hex,
                               const char *source, const char *format,
                               int64_t imported_utc, int64_t *id,
                               struct tendo_error *err);

/* Records the device identity of ledger entry `id` (a FIT file's serial
 * number and creation time), and finds a ledger entry by it (*id 0 if
 * none). */
TENDO_API int tendo_ledger_set_device(tendo_db *db, int64_t id,
                                      uint32_t serial, int64_t time_created,
                                      struct tendo_error *err);
TENDO_API int tendo_ledger_find_device(tendo_db *db, uint32_t serial,
                                       int64_t time_created, int64_t *id,
                                       char *source, size_t cap,
                                       struct tendo_error *err);

#endif
