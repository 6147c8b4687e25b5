/*
 * tendo/loader.h - an athlete's history (tendo/history.h) read from the
 * database: the one place where the commands - and anything else built on
 * the library - read the diary for the advice, the plan, the load figures
 * and the report, so they all see the same days.
 *
 * It reads every record up to `last` (sessions, checks with their flags,
 * rehab, wellness, assessments), the shoes and the settings, in one read
 * transaction, and builds the history from them. Everything before any
 * range a reader shows is in it, so what is still in force then - an open
 * flare and its pre-flare window, fitness, the weeks before a break - is
 * worked out from the whole diary, the same for every reader.
 *
 * The caller owns the history (tendo_history_free). Errors: TENDO_EDB from
 * the store, TENDO_ENOMEM.
 */
#ifndef TENDO_LOADER_H
#define TENDO_LOADER_H

#include "common.h"
#include "date.h"
#include "error.h"
#include "history.h"
#include "store.h"
#include "rules.h"
#include "assess.h"

/* CONSTRUCTOR. The athlete's time zone: the timezone setting of `db`
 * (NULL: no database yet), else `tz_fallback` (a caller's $TZ; NULL: the
 * system's), else UTC - then *fell_back is set, so a caller can say that
 * its $TZ was not understood. A timezone setting that cannot be loaded is
 * an error. Free with tendo_tz_free. */
TENDO_API int tendo_athlete_zone(tendo_db *db, const char *tz_fallback,
                                 tendo_tz **zone, int *fell_back,
                                 struct tendo_error *err);

TENDO_API int tendo_history_load(tendo_db *db, tendo_day last,
                                 struct tendo_history **out,
                                 struct tendo_error *err);

/* Records an assessment as the athlete enters it (`tendo assess`, the
 * server's POST /api/assessment): `in` holds kind, date, the figures and
 * notes (a VISA-A its score and answers). A heel-raise test gets its
 * involved side - `involved` ("left", "right"; NULL: the side of the
 * latest check within 60 days that names one, else the side with fewer
 * raises) - and its LSI as the score (100 with equal counts and no side);
 * `out` receives the record as stored with its gate's inputs. Run it
 * inside tendo_db_begin/commit. */
TENDO_API int tendo_assessment_log(tendo_db *db,
                                   const struct tendo_assessment *in,
                                   const char *involved, tendo_day today,
                                   struct tendo_assessment_entry *out,
                                   struct tendo_error *err);

/* Logs routine blocks as done on `day` (`tendo rehab --done`, POST
 * /api/routine): `list` is "all" - the day's blocks from its advice - or
 * comma-separated block names (tendo_routine_blocks); `pain` the worst
 * pain in them or TENDO_UNSET. out[TENDO_BLOCK_COUNT] receives the rows as
 * stored, *n how many. TENDO_EINVAL for an unknown block, TENDO_EUSAGE for
 * one named twice or "all" on a day without blocks. Run it inside
 * tendo_db_begin/commit. */
TENDO_API int tendo_routine_done(tendo_db *db, tendo_day day, tendo_day today,
                                 const char *list, int pain,
                                 struct tendo_routine_log *out, size_t *n,
                                 struct tendo_error *err);

#endif
