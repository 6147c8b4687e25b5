/*
 * parse/csv.h - an RFC 4180 record reader over a bounded buffer.
 *
 * Reads one record at a time: comma-separated fields, optional double-quote
 * quoting with "" for a quote, CRLF or LF line ends (also inside quoted
 * fields), a UTF-8 BOM skipped at the start, completely empty lines skipped.
 * Broken quoting, NUL bytes, more than CSV_MAX_FIELDS fields or a field over
 * CSV_MAX_FIELD bytes are errors naming the line. Field pointers stay valid
 * until the next csv_next() or csv_release().
 */
#ifndef TENDO_PARSE_CSV_H
#define TENDO_PARSE_CSV_H

#include "tendo/buf.h"
#include "tendo/error.h"

#define CSV_MAX_FIELDS 64
#define CSV_MAX_FIELD (64 * 1024)

struct csv_field {
    const char *p; /* not NUL-terminated in general: use n */
    size_t n;
};

struct csv_reader {
    const char *data;
    size_t len, pos;
    uint32_t line;        /* line the next record starts on */
    uint32_t rec_line;    /* line the last record started on */
    struct tendo_buf scratch;
    size_t off[CSV_MAX_FIELDS + 1];
    struct csv_field fields[CSV_MAX_FIELDS];
};

void csv_init(struct csv_reader *r, const char *data, size_t len);
void csv_release(struct csv_reader *r);
/* Reads the next record into r->fields; *nfields is 0 at the end. */
int csv_next(struct csv_reader *r, size_t *nfields, struct tendo_error *err);

#endif
