/*
 * import/streams.c - a session's per-second records in and out of the
 * store: the stream codec (parse/stream.c) over the store's BLOB calls, so
 * the store itself knows nothing of the codec (tendo/import.h).
 */
#include "tendo/import.h"
#include "parse/stream.h"

int tendo_stream_put(tendo_db *db, int64_t id,
                     const struct tendo_fit_record *r, size_t n,
                     struct tendo_error *err)
{
    struct tendo_buf b;
    int rc;
    tendo_buf_init(&b, 0);
    stream_encode(r, n, &b);
    if (b.err)
        rc = tendo_fail(err, b.err, "cannot encode the stream: %s",
                        tendo_strerror(b.err));
    else
        rc = tendo_stream_put_blob(db, id, n, b.data, b.len, err);
    tendo_buf_release(&b);
    return rc;
}

int tendo_stream_get(tendo_db *db, int64_t id, struct tendo_fit_record **out,
                     size_t *n, struct tendo_error *err)
{
    struct tendo_buf b;
    int rc, found;
    *out = NULL;
    *n = 0;
    tendo_buf_init(&b, 0);
    if (!(rc = tendo_stream_get_blob(db, id, &b, &found, err)) && found &&
        (rc = stream_decode((const uint8_t *)b.data, b.len, out, n)))
        tendo_fail(err, rc, "the stream of session %lld is damaged",
                   (long long)id);
    tendo_buf_release(&b);
    return rc;
}
