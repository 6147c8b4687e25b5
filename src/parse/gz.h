/*
 * parse/gz.h - gzip in memory (zlib's inflate), with a cap on the output so
 * a small hostile file cannot expand into gigabytes. Several gzip members
 * in a row are read as one stream, as gunzip does.
 */
#ifndef TENDO_PARSE_GZ_H
#define TENDO_PARSE_GZ_H

#include <stddef.h>
#include <stdint.h>
#include "tendo/error.h"

/* True when the bytes start with the gzip magic number. */
int gz_is_gzip(const uint8_t *data, size_t len);
/* Inflates `len` bytes into a new buffer (*out, freed with tendo_free),
 * refusing more than `max` bytes of output with TENDO_ELIMIT. */
int gz_inflate(const uint8_t *data, size_t len, size_t max, uint8_t **out,
               size_t *out_len, struct tendo_error *err);

#endif
