/*
 * parse/xml.h - the one XML backend (expat) behind a three-callback
 * interface, so GPX and TCX readers never see expat and the backend could
 * be swapped in this file alone (libxml2's SAX2 push parser measured 2x
 * faster when the dependencies were chosen; docs/architecture.md).
 *
 * Names arrive as local names: any "prefix:" is dropped, because real
 * files use whatever prefix they like (gpxtpx:, ns3:, and undeclared ones
 * such as gpxdata:), so namespace processing is off. Safety: a DOCTYPE
 * stops the parse (no entities, no XXE, no billion laughs); input is
 * capped by the caller. A UTF-8 BOM and whitespace before the XML
 * declaration (seen in real exports) are skipped.
 */
#ifndef TENDO_PARSE_XML_H
#define TENDO_PARSE_XML_H

#include <stddef.h>
#include <stdint.h>
#include "tendo/error.h"

struct xml_handler {
    /* attrs: NULL-terminated name/value pairs, names local */
    void (*start)(void *ctx, const char *name, const char **attrs);
    void (*end)(void *ctx, const char *name);
    void (*text)(void *ctx, const char *s, int len);
    void *ctx;
    int stop;          /* a callback sets it to end the parse early */
    char stop_why[160];/* ... and says why (an error) */
};

/* Parses `len` bytes. Errors name the line, column and byte offset. */
int xml_parse(const uint8_t *data, size_t len, struct xml_handler *h,
              struct tendo_error *err);

/* The local part of an element or attribute name. */
const char *xml_local(const char *name);

/* The value of attribute `name` in an attrs list, or NULL. */
const char *xml_attr(const char **attrs, const char *name);
/* A decimal number filling the text (blanks around allowed); 0 if not. */
int xml_number(const char *s, double *out);

/* Parses an ISO 8601 time as GPX and TCX write it: YYYY-MM-DDTHH:MM:SS,
 * optional fraction, then Z, +HH:MM, +HHMM or nothing (read as UTC, and
 * *zoned set to 0). Returns 0 on success. */
int xml_time(const char *s, size_t n, int64_t *utc, double *frac,
             int *zoned);

#endif
