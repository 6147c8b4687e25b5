/*
 * fuzz/fuzz_restore.c - libFuzzer target for the JSON backup restore
 * (`import FILE.json`): the JSON reader, base64 streams, flag names, every
 * column through SQLite's types and constraints, foreign keys, and the
 * validation of every restored record and stream. Each input is restored
 * into an empty in-memory database; a failed restore rolls back, a
 * successful one is thrown away with its database.
 */
#include "tendo/import.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static tendo_db *db;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tendo_import_result r;
    memset(&r, 0, sizeof r);
    if (!db && tendo_db_open(":memory:", TENDO_OPEN_CREATE, &db, NULL))
        return 0;
    /* today = 2026-11-24, fixed so runs are reproducible */
    if (tendo_restore_json(db, data, size, "fuzz.json", 20416, &r) ==
        TENDO_OK) {
        tendo_db_close(db);
        db = NULL;
    }
    return 0;
}
