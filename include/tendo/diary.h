/*
 * tendo/diary.h - the diary CSV (docs/formats.md): a runner's spreadsheet.
 *
 * Format: UTF-8 (a leading BOM is allowed), comma-separated, RFC 4180
 * quoting, a header row naming the columns in any order:
 *   date,type,minutes,km,rpe,surface,shoe,pain_during,pain_after,
 *   pain_morning,stiffness_min,sleep_h,rehab_sets,rehab_reps,
 *   rehab_load_kg,rehab_exercise,rehab_surface,rehab_tempo,rehab_pain,
 *   notes
 * `date` is required; the others are optional; an unknown or repeated
 * column rejects the file. One row may carry a session (a `type`), a check
 * (pain_morning, stiffness_min, pain_after, and pain_during when there is no
 * session), sleep, and a rehab entry (any rehab_ column; the exercise is
 * heel-drop when rehab_exercise is not given) at once.
 * `notes` belong to the session, else to the rehab entry.
 *
 * Parsing validates every row and stops at the first error, which names the
 * file, the line and the column. Applying rows to a database is the import
 * layer's job (tendo/import.h); writing the format is tendo_diary_export().
 */
#ifndef TENDO_DIARY_H
#define TENDO_DIARY_H

#include "buf.h"
#include "common.h"
#include "error.h"
#include "model.h"

/* One data row. Check fields that the row does not give are TENDO_UNSET. */
struct tendo_diary_row {
    uint32_t line;                 /* 1-based physical line it starts on */
    tendo_day date;
    int has_session;
    struct tendo_session session;  /* shoe name in session.shoe */
    int has_check;
    struct tendo_check check;      /* only the fields the row gives */
    int has_wellness;
    struct tendo_wellness wellness;
    int has_rehab;
    struct tendo_rehab rehab;      /* exercise "heel-drop" unless given */
};

/* Called once per data row; a non-zero return stops the parse and is
 * returned (the callback reports its own error in `err`). */
typedef int (*tendo_diary_fn)(const struct tendo_diary_row *row, void *ctx,
                              struct tendo_error *err);

/* Parses `len` bytes of diary CSV named `name` (for messages), checking
 * days against `today`. Limits: 64 columns, 1,000,000 rows, 64 KiB per
 * field. */
TENDO_API int tendo_diary_parse(const uint8_t *data, size_t len,
                                const char *name, tendo_day today,
                                tendo_diary_fn fn, void *ctx,
                                struct tendo_error *err);

/* The header line tendo writes (without the line end). */
TENDO_API extern const char tendo_diary_header[];

struct tendo_db;
/* Writes the diary CSV of days from..to (inclusive) to `out`, with CRLF-free
 * "\n" line ends. Deterministic: export -> import into a fresh database ->
 * export gives the same bytes. */
TENDO_API int tendo_diary_export(struct tendo_db *db, tendo_day from,
                                 tendo_day to, struct tendo_buf *out,
                                 struct tendo_error *err);

#endif
