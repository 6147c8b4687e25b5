/*
 * core/sha256.h - SHA-256 (FIPS 180-4), for the import ledger's file
 * hashes. Streaming: init, update any number of times, final.
 */
#ifndef TENDO_CORE_SHA256_H
#define TENDO_CORE_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
    uint32_t h[8];
    uint64_t bytes;      /* message length so far */
    uint8_t block[64];
    size_t fill;         /* bytes waiting in `block` */
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t n);
void sha256_final(struct sha256 *c, uint8_t out[32]);
/* Tests only: 1 forces the portable code even where the CPU has SHA
 * extensions, 0 goes back to choosing. */
void sha256_portable_only(int on);
/* One call: the lower-case hex digest of `n` bytes into `hex` (65 bytes). */
void sha256_hex(const void *data, size_t n, char hex[65]);

#endif
