/*
 * parse/csv.c - RFC 4180 reader.
 */
#include "parse/csv.h"

#include <string.h>

void csv_init(struct csv_reader *r, const char *data, size_t len)
{
    memset(r, 0, sizeof *r);
    r->data = data;
    r->len = len;
    r->line = 1;
    tendo_buf_init(&r->scratch, (size_t)CSV_MAX_FIELDS * CSV_MAX_FIELD);
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        r->pos = 3;
}

void csv_release(struct csv_reader *r)
{
    tendo_buf_release(&r->scratch);
}

int csv_next(struct csv_reader *r, size_t *nfields, struct tendo_error *err)
{
    const char *d = r->data;
    size_t n = r->len, i = r->pos, nf = 0, flen = 0;
    int in_quotes = 0, after_quote = 0;
    uint32_t quote_line = 0;

    *nfields = 0;
    /* skip empty lines */
    while (i < n && (d[i] == '\n' || d[i] == '\r')) {
        if (d[i] == '\n')
            r->line++;
        i++;
    }
    r->pos = i;
    if (i >= n)
        return TENDO_OK;
    r->rec_line = r->line;
    tendo_buf_reset(&r->scratch);
    r->off[0] = 0;

    for (;;) {
        char c;
        if (i >= n) {
            if (in_quotes) {
                tendo_error_where(err, NULL, quote_line, NULL);
                return tendo_fail(err, TENDO_EFORMAT,
                                  "quoted field is not closed before the "
                                  "end of the file");
            }
            break;
        }
        c = d[i];
        if (c == '\0') {
            tendo_error_where(err, NULL, r->line, NULL);
            return tendo_fail(err, TENDO_EFORMAT,
                              "NUL byte at offset %zu (not a text file?)", i);
        }
        if (in_quotes) {
            if (c == '"') {
                if (i + 1 < n && d[i + 1] == '"') {
                    tendo_buf_putc(&r->scratch, '"');
                    flen++;
                    i += 2;
                    continue;
                }
                in_quotes = 0;
                after_quote = 1;
                i++;
                continue;
            }
            if (c == '\n')
                r->line++;
            tendo_buf_putc(&r->scratch, c);
            flen++;
            i++;
        } else if (c == ',' || c == '\n' || c == '\r') {
            if (nf + 1 >= CSV_MAX_FIELDS && c == ',') {
                tendo_error_where(err, NULL, r->rec_line, NULL);
                return tendo_fail(err, TENDO_ELIMIT,
                                  "more than %d fields in a record",
                                  CSV_MAX_FIELDS);
            }
            r->off[++nf] = r->scratch.len;
            flen = 0;
            after_quote = 0;
            i++;
            if (c == ',')
                continue;
            if (c == '\r' && i < n && d[i] == '\n')
                i++;
            r->line++;
            goto done;
        } else if (after_quote) {
            tendo_error_where(err, NULL, r->line, NULL);
            return tendo_fail(err, TENDO_EFORMAT,
                              "unexpected '%c' after a closing quote in "
                              "field %zu",
                              (c >= 0x20 && c < 0x7f) ? c : '?', nf + 1);
        } else if (c == '"') {
            if (flen) {
                tendo_error_where(err, NULL, r->line, NULL);
                return tendo_fail(err, TENDO_EFORMAT,
                                  "stray quote inside unquoted field %zu",
                                  nf + 1);
            }
            in_quotes = 1;
            quote_line = r->line;
            i++;
            flen = 0;
        } else {
            tendo_buf_putc(&r->scratch, c);
            flen++;
            i++;
        }
        if (flen > CSV_MAX_FIELD) {
            tendo_error_where(err, NULL, r->rec_line, NULL);
            return tendo_fail(err, TENDO_ELIMIT,
                              "field %zu is longer than %d bytes", nf + 1,
                              CSV_MAX_FIELD);
        }
    }
    /* end of input without a final line end */
    r->off[++nf] = r->scratch.len;
done:
    if (r->scratch.err) {
        tendo_error_where(err, NULL, r->rec_line, NULL);
        return tendo_fail(err, r->scratch.err, "%s",
                          tendo_strerror(r->scratch.err));
    }
    r->pos = i;
    for (size_t k = 0; k < nf; k++) {
        r->fields[k].p = r->scratch.data + r->off[k];
        r->fields[k].n = r->off[k + 1] - r->off[k];
    }
    *nfields = nf;
    return TENDO_OK;
}
