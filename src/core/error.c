/*
 * core/error.c - error codes, their strings, and the context record.
 */
#include "tendo/error.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static const char *const messages[TENDO_ERR_LAST] = {
    [TENDO_OK] = "no error",
    [TENDO_ENOMEM] = "out of memory",
    [TENDO_EIO] = "input/output error",
    [TENDO_EFORMAT] = "malformed input",
    [TENDO_ETRUNCATED] = "input ends early",
    [TENDO_EUNSUPPORTED] = "unsupported input",
    [TENDO_ERANGE] = "value out of range",
    [TENDO_EINVAL] = "invalid value",
    [TENDO_EDB] = "database error",
    [TENDO_EUSAGE] = "invalid request",
    [TENDO_ENOTFOUND] = "not found",
    [TENDO_EEXIST] = "already exists",
    [TENDO_ESCHEMA] = "database schema is newer than this program",
    [TENDO_EDUPLICATE] = "already imported",
    [TENDO_ELIMIT] = "input exceeds a size limit",
};

const char *tendo_version(void)
{
    return TENDO_VERSION_STRING;
}

const char *tendo_strerror(int code)
{
    if (code < 0 || code >= TENDO_ERR_LAST || !messages[code])
        return "unknown error";
    return messages[code];
}

void tendo_error_clear(struct tendo_error *e)
{
    if (e)
        memset(e, 0, sizeof *e);
}

int tendo_vfail(struct tendo_error *e, int code, const char *fmt, va_list ap)
{
    if (!e || e->code != TENDO_OK)
        return code;
    e->code = code;
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    return code;
}

int tendo_fail(struct tendo_error *e, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tendo_vfail(e, code, fmt, ap);
    va_end(ap);
    return code;
}

void tendo_error_where(struct tendo_error *e, const char *file, uint32_t line,
                       const char *field)
{
    if (!e)
        return;
    if (file && !e->file[0])
        snprintf(e->file, sizeof e->file, "%s", file);
    if (line && !e->line)
        e->line = line;
    if (field && !e->field[0])
        snprintf(e->field, sizeof e->field, "%s", field);
}

void tendo_error_offset(struct tendo_error *e, uint64_t offset)
{
    if (e && !e->has_offset) {
        e->offset = offset;
        e->has_offset = 1;
    }
}

const char *tendo_error_name(int code)
{
    static const char *const names[] = {
        "TENDO_OK",      "TENDO_ENOMEM",       "TENDO_EIO",
        "TENDO_EFORMAT", "TENDO_ETRUNCATED",   "TENDO_EUNSUPPORTED",
        "TENDO_ERANGE",  "TENDO_EINVAL",       "TENDO_EDB",
        "TENDO_EUSAGE",  "TENDO_ENOTFOUND",    "TENDO_EEXIST",
        "TENDO_ESCHEMA", "TENDO_EDUPLICATE",   "TENDO_ELIMIT"};
    _Static_assert(sizeof names / sizeof *names == TENDO_ERR_LAST,
                   "a name for every code");
    return code >= 0 && code < TENDO_ERR_LAST ? names[code] : "TENDO_EUSAGE";
}

int tendo_exit_status(int code)
{
    switch (code) {
    case TENDO_OK:
        return 0;
    case TENDO_EUSAGE:
        return 1;
    case TENDO_ENOMEM:
    case TENDO_EDB:
    case TENDO_ESCHEMA:
    case TENDO_EIO:
        return 3;
    default:
        return 2;
    }
}

char *tendo_error_format(const struct tendo_error *e, char *out, size_t n)
{
    const char *msg;
    if (!n)
        return out;
    msg = e->msg[0] ? e->msg : tendo_strerror(e->code);
    if (e->file[0] && e->line)
        snprintf(out, n, "%s:%" PRIu32 ": %s", e->file, e->line, msg);
    else if (e->file[0] && e->has_offset)
        snprintf(out, n, "%s: offset %" PRIu64 ": %s", e->file, e->offset,
                 msg);
    else if (e->file[0])
        snprintf(out, n, "%s: %s", e->file, msg);
    else
        snprintf(out, n, "%s", msg);
    return out;
}
