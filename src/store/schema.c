/*
 * store/schema.c - the schema, as forward-only migrations.
 *
 * migrations[v - 1] brings a file from schema v - 1 to v. A migration is
 * never edited once released: a change is a new migration appended here
 * (and TENDO_SCHEMA_VERSION raised). Every table is STRICT; days are TEXT
 * 'YYYY-MM-DD' (sortable, readable in the sqlite3 shell); distances metres.
 */
#include "store/internal.h"

#define DAY_CHECK(c) \
    "CHECK (" c " GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')"

static const char v1[] =
    "CREATE TABLE schema_version (version INTEGER NOT NULL) STRICT;"
    "INSERT INTO schema_version VALUES (0);"
    "CREATE TABLE settings ("
    "  key TEXT PRIMARY KEY,"
    "  value TEXT NOT NULL) STRICT;"
    "CREATE TABLE shoes ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
    "  brand TEXT NOT NULL DEFAULT '',"
    "  drop_mm REAL CHECK (drop_mm BETWEEN 0 AND 30),"
    "  start_m REAL NOT NULL DEFAULT 0 CHECK (start_m >= 0),"
    "  added TEXT NOT NULL " DAY_CHECK("added") ","
    "  retired TEXT " DAY_CHECK("retired") ","
    "  is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1))"
    ") STRICT;"
    "CREATE TABLE imports ("
    "  id INTEGER PRIMARY KEY,"
    "  sha256 TEXT NOT NULL UNIQUE,"
    "  source TEXT NOT NULL,"
    "  format TEXT NOT NULL,"
    "  imported_utc TEXT NOT NULL) STRICT;"
    "CREATE TABLE sessions ("
    "  id INTEGER PRIMARY KEY,"
    "  date TEXT NOT NULL " DAY_CHECK("date") ","
    "  start_utc TEXT,"
    "  type TEXT NOT NULL,"
    "  minutes REAL CHECK (minutes > 0 AND minutes <= 10080),"
    "  distance_m REAL CHECK (distance_m >= 0),"
    "  rpe INTEGER CHECK (rpe BETWEEN 0 AND 10),"
    "  surface TEXT,"
    "  shoe_id INTEGER REFERENCES shoes(id),"
    "  pain_during INTEGER CHECK (pain_during BETWEEN 0 AND 10),"
    "  source TEXT NOT NULL,"
    "  import_id INTEGER REFERENCES imports(id),"
    "  notes TEXT NOT NULL DEFAULT '',"
    "  CHECK (minutes IS NOT NULL OR distance_m IS NOT NULL)) STRICT;"
    "CREATE INDEX sessions_by_date ON sessions(date);"
    "CREATE INDEX sessions_by_shoe ON sessions(shoe_id);"
    "CREATE TABLE checks ("
    "  date TEXT PRIMARY KEY " DAY_CHECK("date") ","
    "  morning INTEGER CHECK (morning BETWEEN 0 AND 10),"
    "  stiffness_min INTEGER CHECK (stiffness_min BETWEEN 0 AND 1440),"
    "  during INTEGER CHECK (during BETWEEN 0 AND 10),"
    "  after INTEGER CHECK (after BETWEEN 0 AND 10),"
    "  hop_pain INTEGER CHECK (hop_pain BETWEEN 0 AND 10),"
    "  side TEXT,"
    "  location TEXT,"
    "  flags INTEGER NOT NULL DEFAULT 0) STRICT;"
    "CREATE TABLE rehab ("
    "  id INTEGER PRIMARY KEY,"
    "  date TEXT NOT NULL " DAY_CHECK("date") ","
    "  exercise TEXT NOT NULL,"
    "  sets INTEGER NOT NULL CHECK (sets BETWEEN 1 AND 20),"
    "  reps INTEGER NOT NULL CHECK (reps BETWEEN 1 AND 200),"
    "  load_kg REAL CHECK (load_kg BETWEEN 0 AND 500),"
    "  tempo TEXT,"
    "  surface TEXT,"
    "  pain INTEGER CHECK (pain BETWEEN 0 AND 10),"
    "  source TEXT NOT NULL,"
    "  import_id INTEGER REFERENCES imports(id),"
    "  notes TEXT NOT NULL DEFAULT '') STRICT;"
    "CREATE INDEX rehab_by_date ON rehab(date);"
    "CREATE TABLE wellness ("
    "  date TEXT PRIMARY KEY " DAY_CHECK("date") ","
    "  sleep_h REAL CHECK (sleep_h BETWEEN 0 AND 24),"
    "  sleep_quality INTEGER CHECK (sleep_quality BETWEEN 1 AND 5),"
    "  stress INTEGER CHECK (stress BETWEEN 1 AND 5),"
    "  fatigue INTEGER CHECK (fatigue BETWEEN 1 AND 5),"
    "  soreness INTEGER CHECK (soreness BETWEEN 1 AND 5)) STRICT;"
    "CREATE TABLE assessments ("
    "  id INTEGER PRIMARY KEY,"
    "  date TEXT NOT NULL " DAY_CHECK("date") ","
    "  kind TEXT NOT NULL,"
    "  left_value REAL,"
    "  right_value REAL,"
    "  score REAL,"
    "  answers TEXT,"
    "  notes TEXT NOT NULL DEFAULT '') STRICT;"
    "CREATE INDEX assessments_by_date ON assessments(date);";

/* v2: what watch files bring - summary columns on sessions, per-second
 * streams, and the device identity of imported files for dedupe. */
static const char v2[] =
    "ALTER TABLE sessions ADD COLUMN elapsed_s REAL;"
    "ALTER TABLE sessions ADD COLUMN avg_hr INTEGER"
    "  CHECK (avg_hr BETWEEN 20 AND 255);"
    "ALTER TABLE sessions ADD COLUMN max_hr INTEGER"
    "  CHECK (max_hr BETWEEN 20 AND 255);"
    "ALTER TABLE sessions ADD COLUMN cadence_spm REAL;"
    "ALTER TABLE sessions ADD COLUMN ascent_m REAL;"
    "ALTER TABLE sessions ADD COLUMN utc_offset_s INTEGER;"
    "ALTER TABLE sessions ADD COLUMN device TEXT;"
    "CREATE INDEX sessions_by_start ON sessions(start_utc);"
    "CREATE TABLE streams ("
    "  session_id INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,"
    "  samples INTEGER NOT NULL,"
    "  data BLOB NOT NULL) STRICT;"
    "ALTER TABLE imports ADD COLUMN serial INTEGER;"
    "ALTER TABLE imports ADD COLUMN time_created TEXT;"
    "CREATE INDEX imports_by_device ON imports(serial, time_created);";

/* v3: red flags stay open until a clinician has seen the athlete
 * (clinical.md §2): the clearances, and the corrections of flags entered
 * by mistake (kept on record, not used by the advice). */
static const char v3[] =
    "CREATE TABLE clearances ("
    "  id INTEGER PRIMARY KEY,"
    "  date TEXT NOT NULL " DAY_CHECK("date") ","
    "  flags INTEGER NOT NULL CHECK (flags > 0 AND flags < 256),"
    "  recorded TEXT " DAY_CHECK("recorded") ","
    "  note TEXT NOT NULL DEFAULT '') STRICT;"
    "CREATE INDEX clearances_by_date ON clearances(date);"
    "CREATE TABLE flag_corrections ("
    "  id INTEGER PRIMARY KEY,"
    "  date TEXT NOT NULL " DAY_CHECK("date") ","
    "  flags INTEGER NOT NULL CHECK (flags > 0 AND flags < 256),"
    "  recorded TEXT " DAY_CHECK("recorded") ") STRICT;";

/* v4: the session holds its pain (clinical.md §5): sessions gain the pain
 * after them; a check's during/after moves onto the day's run when the day
 * has exactly one (the larger value kept where both were given), else it
 * stays on the check as the day's. */
static const char v4[] =
    "ALTER TABLE sessions ADD COLUMN pain_after INTEGER"
    "  CHECK (pain_after BETWEEN 0 AND 10);"
    "CREATE TEMP TABLE one_run AS"
    "  SELECT c.date AS date, s.id AS id, c.during AS during, c.after AS after"
    "  FROM checks c JOIN sessions s ON s.date = c.date AND s.type = 'run'"
    "  WHERE (c.during IS NOT NULL OR c.after IS NOT NULL)"
    "    AND (SELECT count(*) FROM sessions r"
    "         WHERE r.date = c.date AND r.type = 'run') = 1;"
    "UPDATE sessions SET"
    "  pain_during = CASE WHEN o.during IS NULL THEN sessions.pain_during"
    "    WHEN sessions.pain_during IS NULL THEN o.during"
    "    ELSE max(sessions.pain_during, o.during) END,"
    "  pain_after = o.after"
    "  FROM one_run o WHERE o.id = sessions.id;"
    "UPDATE checks SET during = NULL, after = NULL"
    "  WHERE date IN (SELECT date FROM one_run);"
    "DROP TABLE one_run;";

/* v5: trust in the data. Deleting a record leaves a marker (kind, id, day,
 * when) so a backup - and later a sync - knows it is gone; the import
 * ledger remembers files found to be duplicates or refused, with why, so a
 * daily folder import counts them instead of listing them again. */
static const char v5[] =
    "CREATE TABLE deletions ("
    "  id INTEGER PRIMARY KEY,"
    "  kind TEXT NOT NULL,"
    "  record_id INTEGER,"
    "  date TEXT " DAY_CHECK("date") ","
    "  deleted_utc TEXT NOT NULL) STRICT;"
    "CREATE INDEX deletions_by_kind ON deletions(kind, record_id);"
    "ALTER TABLE imports ADD COLUMN status TEXT NOT NULL DEFAULT 'imported'"
    "  CHECK (status IN ('imported', 'duplicate', 'rejected'));"
    "ALTER TABLE imports ADD COLUMN error TEXT;";

/* v6: the routine around the rehab (clinical.md §7a): the blocks done, one
 * row per day and block, with the pain in it. */
static const char v6[] =
    "CREATE TABLE routine_log ("
    "  id INTEGER PRIMARY KEY,"
    "  date TEXT NOT NULL " DAY_CHECK("date") ","
    "  block TEXT NOT NULL CHECK (block IN ('warm-up', 'mobility',"
    "    'evening-mobility', 'calf-complex', 'isometric')),"
    "  pain INTEGER CHECK (pain BETWEEN 0 AND 10),"
    "  UNIQUE (date, block)) STRICT;";

const char *const store_migrations[] = {v1, v2, v3, v4, v5, v6};
const int store_migration_count =
    (int)(sizeof store_migrations / sizeof *store_migrations);
