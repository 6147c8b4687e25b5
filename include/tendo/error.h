/*
 * tendo/error.h - the one error enum of libtendo and its context record.
 *
 * Every fallible library function returns an int: TENDO_OK (0) on success or
 * one of enum tendo_err. Codes are stable forever: never renumbered or reused
 * (a retired code stays as a placeholder). Functions that can fail also take
 * a caller-owned `struct tendo_error *` (may be NULL). The first failure fills
 * it; later failures leave it alone, so the most specific message wins and
 * calls can be chained. The library never prints and never exits.
 *
 * Messages follow one style: lower-case start, no final period, no newline,
 * the subject in quotes, what failed first.
 */
#ifndef TENDO_ERROR_H
#define TENDO_ERROR_H

#include <stdarg.h>
#include "common.h"

enum tendo_err {
    TENDO_OK = 0,
    TENDO_ENOMEM = 1,      /* out of memory */
    TENDO_EIO = 2,         /* reading or writing a file failed */
    TENDO_EFORMAT = 3,     /* input is not in the expected format */
    TENDO_ETRUNCATED = 4,  /* input ends early */
    TENDO_EUNSUPPORTED = 5,/* a valid input of a kind tendo does not handle */
    TENDO_ERANGE = 6,      /* a value is outside its allowed range */
    TENDO_EINVAL = 7,      /* a value is malformed */
    TENDO_EDB = 8,         /* the database failed */
    TENDO_EUSAGE = 9,      /* the caller asked for something impossible */
    TENDO_ENOTFOUND = 10,  /* no such record */
    TENDO_EEXIST = 11,     /* the record exists already */
    TENDO_ESCHEMA = 12,    /* database schema is newer than this library */
    TENDO_EDUPLICATE = 13, /* the input was stored before */
    TENDO_ELIMIT = 14,     /* input exceeds a hard size or count limit */
    TENDO_ERR_LAST         /* never use: one past the last code */
};

#define TENDO_ERRMSG_MAX 320
#define TENDO_ERRFILE_MAX 256

/* Context of a failure. `line` and `offset` are 0 and `has_offset` false when
 * they do not apply. `field` names the input field at fault, when one is. */
struct tendo_error {
    int code;                      /* enum tendo_err; TENDO_OK when clear */
    char msg[TENDO_ERRMSG_MAX];    /* what failed, without position */
    char file[TENDO_ERRFILE_MAX];  /* input file name, or "" */
    char field[48];                /* input field or option, or "" */
    uint32_t line;                 /* 1-based line in `file`, or 0 */
    uint64_t offset;               /* byte offset in `file` */
    int has_offset;                /* offset is meaningful */
};

/* Returns a static, never-NULL description of `code` ("unknown error" for a
 * code outside the enum). */
TENDO_API const char *tendo_strerror(int code);

/* The code's enum name ("TENDO_ERANGE"; "TENDO_EUSAGE" outside the enum),
 * for machine-readable errors (the server's JSON). */
TENDO_API const char *tendo_error_name(int code);
/* The exit status the CLI gives a failure with `code` (docs/cli.md): 0
 * success, 1 usage, 2 data or input, 3 internal or storage. The server
 * reports the same number. */
TENDO_API int tendo_exit_status(int code);

/* Resets `e` to "no error". NULL is a no-op. */
TENDO_API void tendo_error_clear(struct tendo_error *e);

/* Records a failure in `e` unless it already holds one, and returns `code`
 * (so `return tendo_fail(e, TENDO_ERANGE, "...")` reads naturally). NULL `e`
 * just returns `code`. */
TENDO_API int tendo_fail(struct tendo_error *e, int code, const char *fmt, ...)
    TENDO_PRINTF(3, 4);
TENDO_API int tendo_vfail(struct tendo_error *e, int code, const char *fmt,
                          va_list ap) TENDO_VPRINTF(3);

/* Fills in where the failure happened, without overwriting a position that
 * is already set: a file name (copied), a line, a field name. Pass NULL / 0
 * for parts that do not apply. */
TENDO_API void tendo_error_where(struct tendo_error *e, const char *file,
                                 uint32_t line, const char *field);
TENDO_API void tendo_error_offset(struct tendo_error *e, uint64_t offset);

/* Formats `e` as one line: "FILE:LINE: MSG", "FILE: offset N: MSG" or "MSG",
 * into `out` (always NUL-terminated when n > 0). Returns `out`. */
TENDO_API char *tendo_error_format(const struct tendo_error *e, char *out,
                                   size_t n);

#endif
