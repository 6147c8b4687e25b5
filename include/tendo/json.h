/*
 * tendo/json.h - records as JSON (jansson), for --json output and export.
 *
 * Each function returns a new json_t object with reference count 1, owned by
 * the caller (json_decref() it), or NULL on out of memory. Unknown values
 * are JSON null, never 0. Distances are given in `units` as "distance"
 * (km or miles) and always as "distance_m".
 */
#ifndef TENDO_JSON_H
#define TENDO_JSON_H

#include <jansson.h>
#include "buf.h"
#include "common.h"
#include "model.h"

struct tendo_db;

TENDO_API json_t *tendo_session_json(const struct tendo_session *s, int units);
TENDO_API json_t *tendo_check_json(const struct tendo_check *c);
TENDO_API json_t *tendo_rehab_json(const struct tendo_rehab *r);
TENDO_API json_t *tendo_wellness_json(const struct tendo_wellness *w);
TENDO_API json_t *tendo_clearance_json(const struct tendo_clearance *c);
/* {"id","date","block","pain"} */
TENDO_API json_t *tendo_routine_log_json(const struct tendo_routine_log *r);
TENDO_API json_t *tendo_flag_correction_json(
    const struct tendo_flag_correction *c);
TENDO_API json_t *tendo_shoe_json(const struct tendo_shoe *s, int units,
                                  double retire_km);

/* A record deleted (`tendo delete --json`, POST /api/delete): kind, id
 * (null for per-day kinds), date (null for a shoe), what, retired. */
struct tendo_deletion;
TENDO_API json_t *tendo_deletion_json(const struct tendo_deletion *d);

/* Serialises `v` (keys in insertion order, compact, one line) and appends
 * it to `out`. */
TENDO_API int tendo_json_dump(const json_t *v, struct tendo_buf *out);

/* Writes every record of the database as one JSON document - the backup
 * that `import FILE.json` restores:
 * {"tendo_export":2,"schema":N,"settings":{KEY:VALUE,...},
 *  "TABLE":[{COLUMN:VALUE,...},...],...} with every table of
 * tendo_db_dump in its order, every column, rows in primary-key order:
 * ids, the import ledger, streams (base64), red flags as name lists.
 * Deterministic: the same database gives the same bytes. */
TENDO_API int tendo_export_json(struct tendo_db *db, struct tendo_buf *out,
                                struct tendo_error *err);

#endif
