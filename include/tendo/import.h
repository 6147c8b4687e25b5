/*
 * tendo/import.h - bring files into the database, whole or not at all.
 *
 * tendo_import_file() reads one file, recognises its format, checks the
 * import ledger (a file whose SHA-256 was imported before is a duplicate and
 * changes nothing), parses it and stores its records inside one transaction:
 * any error rolls everything of that file back. Records equal to ones
 * already stored (the same session on the same day, ...) are skipped and
 * counted. Daily checks and wellness rows merge into the day's record.
 *
 * Formats: FIT and FIT in gzip (.fit, .fit.gz: watch activities) and the
 * diary CSV (tendo/diary.h).
 *
 * An activity file is a duplicate, and changes nothing, when its bytes
 * were imported before (SHA-256), when the same recording (device serial
 * number and creation time) came in another file, or when a session of
 * the same type starting within 60 s is stored already (the same run from
 * another source). Each session of a multisport file becomes a session
 * (transitions are left out), with its records as a compact stream.
 *
 * Merging: a leg that matches a session logged by hand, from a diary CSV
 * or from a Strava row alone - the same local day and type, a start time
 * unknown or overlapping, a duration (else distance) within 15 % - becomes
 * that session's recorded data (times, distance, heart rate, cadence,
 * device, stream); what the athlete entered (RPE, pain, notes, shoe,
 * surface) stays. A session from a poorer source starting within 60 s
 * (GPX before FIT) is merged the same way.
 *
 * The ledger remembers every file it has seen by its bytes: imported, a
 * duplicate, or rejected with why (content errors only, not I/O), so a
 * daily folder import knows them without reading them again; `force`
 * reads them anyway. Imported runs without a shoe get the shoe in use on
 * their day (tendo_shoe_in_use), or none.
 */
#ifndef TENDO_IMPORT_H
#define TENDO_IMPORT_H

#include "activity.h"
#include "common.h"
#include "error.h"
#include "fit.h"
#include "store.h"

/* Stores the records of session `id` as one compact stream (the codec of
 * docs/architecture.md; replacing any stored before). */
TENDO_API int tendo_stream_put(tendo_db *db, int64_t id,
                               const struct tendo_fit_record *r, size_t n,
                               struct tendo_error *err);
/* Reads the stream of session `id` into a new array (*out, free with
 * free(3)); *n is 0 and *out NULL when the session has none. */
TENDO_API int tendo_stream_get(tendo_db *db, int64_t id,
                               struct tendo_fit_record **out, size_t *n,
                               struct tendo_error *err);

enum tendo_import_status {
    TENDO_IMPORT_IMPORTED = 0,
    TENDO_IMPORT_DUPLICATE = 1,
    TENDO_IMPORT_REJECTED = 2
};

/* What a list of activities (a Strava export's activities.csv) says
 * about one file: applied to the sessions it stores, in the same
 * transaction. Any field may be empty / -1. */
struct tendo_import_meta {
    const char *name;       /* becomes the notes, if the file has none */
    int rpe;                /* perceived exertion 0-10, if the file has none */
    const char *gear;       /* the shoe, for runs and walks (created if new) */
};

/* What an import needs to know about the athlete's day. */
struct tendo_import_opts {
    tendo_day today;        /* days after today + 1 are refused */
    int64_t now_utc;        /* stamps the ledger */
    const tendo_tz *tz;     /* the athlete's zone for activities whose file
                               gives no UTC offset; NULL = UTC */
    const struct tendo_import_meta *meta; /* NULL for plain files */
    int force;              /* import even a file the ledger knows (one
                               imported, then its session deleted; one
                               rejected before) */
};

struct tendo_import_result {
    int status;             /* enum tendo_import_status */
    char format[16];        /* "diary-csv", or "" if unknown */
    char sha256[65];        /* hex digest of the file */
    int sessions, checks, rehab, wellness; /* records stored or merged */
    int skipped;            /* records equal to stored ones */
    int merged;             /* of `sessions`, those that joined a session
                               logged by hand (or from a Strava row) */
    int64_t first_id, last_id; /* ids of the sessions stored or merged */
    int known;              /* the ledger knew these bytes: imported or a
                               duplicate before (DUPLICATE), or rejected
                               before (REJECTED, err holds why) */
    char note[200];         /* what was stored, or why it is a duplicate */
    char warnings[400];     /* what the reader noticed in an activity file
                               (a CRC mismatch, totals from records),
                               "\n"-separated, or "" */
    struct tendo_error err; /* why it was rejected */
};

/* One file's import result (`tendo import --json`, POST /api/import):
 * file, status (imported, duplicate, rejected), format, note, known; for a
 * rejected file error, line and field; else sessions, merged, ids [first,
 * last], checks, rehab, wellness, skipped and warnings. */
TENDO_API struct json_t *tendo_import_result_json(const char *item,
                                           const struct tendo_import_result *r);

/* Imports the file at `path`. Returns TENDO_OK for imported and
 * duplicate files, the error code for rejected ones (details in r->err). */
TENDO_API int tendo_import_file(tendo_db *db, const char *path,
                                const struct tendo_import_opts *o,
                                struct tendo_import_result *r);
/* The same for bytes already in memory; `name` is used in messages and the
 * ledger and to recognise the format by its extension. */
TENDO_API int tendo_import_memory(tendo_db *db, const uint8_t *data,
                                  size_t len, const char *name,
                                  const struct tendo_import_opts *o,
                                  struct tendo_import_result *r);
/* Restores a JSON backup (export --json: tendo/json.h) of `len` bytes
 * into `db`, which must hold no record (else TENDO_EEXIST); `name` is used
 * in messages. Every row is checked as a typed record would be and the
 * whole restore lands or nothing does. tendo_import_memory/_file call it
 * for a document that starts with '{'. */
TENDO_API int tendo_restore_json(tendo_db *db, const uint8_t *data,
                                 size_t len, const char *name, tendo_day today,
                                 struct tendo_import_result *r);
/* True when tendo imports files with this name (by extension: .csv,
 * .fit, .fit.gz), for walking folders. */
TENDO_API int tendo_import_wants(const char *name);

/* A Strava bulk export: the .zip as downloaded, or its unpacked folder
 * (one holding activities.csv). Each row of activities.csv is imported
 * like a file - the file it names (FIT, GPX, TCX, gzipped or not) with the
 * row's name, perceived exertion and gear, or, for a row without a file,
 * a session from the row alone - and reported through `report` with the
 * row's file name (or "activities.csv row N"). Caps: 200,000 entries,
 * 256 MiB per entry, 8 GiB in all; a file name that would leave the
 * archive or folder is refused. Returns an error only for the export as a
 * whole (unreadable zip, no activities.csv); rows fail one by one. */
typedef void (*tendo_import_report_fn)(const char *item,
                                       const struct tendo_import_result *r,
                                       void *ctx);
TENDO_API int tendo_import_strava(tendo_db *db, const char *path,
                                  const struct tendo_import_opts *o,
                                  tendo_import_report_fn report, void *ctx,
                                  struct tendo_error *err);
/* True when `path` is a Strava export: a .zip file, or a folder with an
 * activities.csv. */
TENDO_API int tendo_is_strava_export(const char *path);

/* Reads an activity file - FIT, GPX, TCX, or any of them in gzip - and
 * summarises it into `out` (release with tendo_activity_release). When
 * `fit` is not NULL it receives the decoded file (free with
 * tendo_fit_free) for its records. Errors name the file and, for corrupt
 * data, the byte offset (of the decompressed data for .gz). */
TENDO_API int tendo_activity_read(const char *path, struct tendo_activity *out,
                                  struct tendo_fit_activity **fit,
                                  struct tendo_error *err);
TENDO_API int tendo_activity_read_memory(const uint8_t *data, size_t len,
                                         const char *name,
                                         struct tendo_activity *out,
                                         struct tendo_fit_activity **fit,
                                         struct tendo_error *err);

/* Reads a whole file into memory (caller frees *data with free(3)),
 * refusing files larger than `max` bytes with TENDO_ELIMIT. */
TENDO_API int tendo_read_file(const char *path, size_t max, uint8_t **data,
                              size_t *len, struct tendo_error *err);

#endif
