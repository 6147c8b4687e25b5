/*
 * fuzz/fuzz_zip.c - libFuzzer target for the Strava export walker on a
 * zip in memory: libzip's central directory, locating activities.csv, the
 * size caps and path checks, reading every entry a row names.
 */
#include "import/strava_int.h"
#include "parse/strava.h"
#include "core/alloc.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int read_named(const struct strava_row *row, void *ctx,
                      struct tendo_error *err)
{
    uint8_t *bytes;
    size_t len;
    struct tendo_error e;
    (void)err;
    memset(&e, 0, sizeof e);
    if (row->filename[0] &&
        strava_read(ctx, row->filename, &bytes, &len, &e) == 0)
        tendo_free(bytes);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct strava_source s;
    struct tendo_error err;
    zip_error_t ze;
    zip_source_t *src;
    uint8_t *csv;
    size_t len;
    memset(&s, 0, sizeof s);
    memset(&err, 0, sizeof err);
    zip_error_init(&ze);
    src = zip_source_buffer_create(data, size, 0, &ze);
    if (!src)
        goto out;
    if (!(s.zip = zip_open_from_source(src, ZIP_RDONLY, &ze))) {
        zip_source_free(src);
        goto out;
    }
    if (strava_locate(&s, "fuzz.zip", &err) == 0 &&
        strava_read(&s, "activities.csv", &csv, &len, &err) == 0) {
        strava_parse(csv, len, read_named, &s, &err);
        tendo_free(csv);
    }
    zip_discard(s.zip);
out:
    zip_error_fini(&ze);
    return 0;
}
