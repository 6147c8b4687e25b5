/*
 * parse/xml.c - expat behind the xml_handler interface (parse/xml.h).
 */
#include "parse/xml.h"
#include "tendo/date.h"
#include "core/alloc.h"

#include <expat.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct run {
    XML_Parser p;
    struct xml_handler *h;
    const char *local_attrs[64];
    int doctype;
};

const char *xml_local(const char *name)
{
    const char *c = strrchr(name, ':');
    return c ? c + 1 : name;
}

static void XMLCALL on_start(void *ud, const XML_Char *name,
                             const XML_Char **attrs)
{
    struct run *r = ud;
    int i;
    if (r->h->stop)
        return;
    for (i = 0; attrs[i] && attrs[i + 1] && i < 62; i += 2) {
        r->local_attrs[i] = xml_local(attrs[i]);
        r->local_attrs[i + 1] = attrs[i + 1];
    }
    r->local_attrs[i] = NULL;
    r->h->start(r->h->ctx, xml_local(name), r->local_attrs);
    if (r->h->stop)
        XML_StopParser(r->p, XML_FALSE);
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
    struct run *r = ud;
    if (r->h->stop)
        return;
    r->h->end(r->h->ctx, xml_local(name));
    if (r->h->stop)
        XML_StopParser(r->p, XML_FALSE);
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    struct run *r = ud;
    if (!r->h->stop)
        r->h->text(r->h->ctx, s, len);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name,
                               const XML_Char *sysid, const XML_Char *pubid,
                               int has_internal)
{
    struct run *r = ud;
    (void)name;
    (void)sysid;
    (void)pubid;
    (void)has_internal;
    r->doctype = 1;
    XML_StopParser(r->p, XML_FALSE);
}

static void XMLCALL on_entity(void *ud, const XML_Char *name, int is_param,
                              const XML_Char *value, int len,
                              const XML_Char *base, const XML_Char *sysid,
                              const XML_Char *pubid, const XML_Char *notation)
{
    struct run *r = ud;
    (void)name; (void)is_param; (void)value; (void)len; (void)base;
    (void)sysid; (void)pubid; (void)notation;
    r->doctype = 1;
    XML_StopParser(r->p, XML_FALSE);
}

int xml_parse(const uint8_t *data, size_t len, struct xml_handler *h,
              struct tendo_error *err)
{
    struct run r;
    size_t skip = 0;
    int rc = TENDO_OK;
    enum XML_Status st;

    memset(&r, 0, sizeof r);
    r.h = h;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        skip = 3;
    while (skip < len && (data[skip] == ' ' || data[skip] == '\t' ||
                          data[skip] == '\r' || data[skip] == '\n'))
        skip++;
    if (len - skip > (size_t)INT32_MAX)
        return tendo_fail(err, TENDO_ELIMIT, "the XML file is too large");
    {
        /* expat allocates through tendo's hook (failure injection) */
        static const XML_Memory_Handling_Suite mm = {tendo_malloc,
                                                     tendo_realloc, tendo_free};
        r.p = XML_ParserCreate_MM("UTF-8", &mm, NULL);
    }
    if (!r.p)
        return tendo_fail(err, TENDO_ENOMEM, "out of memory");
    XML_SetUserData(r.p, &r);
    XML_SetElementHandler(r.p, on_start, on_end);
    XML_SetCharacterDataHandler(r.p, on_text);
    XML_SetStartDoctypeDeclHandler(r.p, on_doctype);
    XML_SetEntityDeclHandler(r.p, on_entity);
    XML_SetParamEntityParsing(r.p, XML_PARAM_ENTITY_PARSING_NEVER);
    st = XML_Parse(r.p, (const char *)data + skip, (int)(len - skip), 1);
    if (r.doctype) {
        tendo_error_offset(err, skip + (size_t)XML_GetCurrentByteIndex(r.p));
        rc = tendo_fail(err, TENDO_EUNSUPPORTED,
                        "the file declares a DOCTYPE or entities, which "
                        "tendo refuses (XML external entities are unsafe)");
    } else if (h->stop) {
        tendo_error_offset(err, skip + (size_t)XML_GetCurrentByteIndex(r.p));
        rc = tendo_fail(err, TENDO_EFORMAT, "%s", h->stop_why);
    } else if (st != XML_STATUS_OK) {
        enum XML_Error code = XML_GetErrorCode(r.p);
        unsigned long line = XML_GetCurrentLineNumber(r.p),
                      col = XML_GetCurrentColumnNumber(r.p);
        tendo_error_offset(err, skip + (size_t)XML_GetCurrentByteIndex(r.p));
        tendo_error_where(err, NULL, (uint32_t)line, NULL);
        rc = tendo_fail(err,
                        code == XML_ERROR_NO_MEMORY ? TENDO_ENOMEM
                        : code == XML_ERROR_UNCLOSED_TOKEN ||
                                code == XML_ERROR_NO_ELEMENTS
                            ? TENDO_ETRUNCATED
                            : TENDO_EFORMAT,
                        "not well-formed XML at line %lu, column %lu: %s",
                        line, col + 1, XML_ErrorString(code));
    }
    XML_ParserFree(r.p);
    return rc;
}

static int dig(const char *s, int n, int *v)
{
    int x = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        x = x * 10 + (s[i] - '0');
    }
    *v = x;
    return 1;
}

int xml_time(const char *s, size_t n, int64_t *utc, double *frac, int *zoned)
{
    int y, mo, d, h, mi, se, oh = 0, om = 0;
    size_t i = 19;
    int64_t off = 0;
    while (n && (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\r' ||
                 s[n - 1] == '\t'))
        n--;
    *frac = 0;
    *zoned = 1;
    if (n < 19 || !dig(s, 4, &y) || s[4] != '-' || !dig(s + 5, 2, &mo) ||
        s[7] != '-' || !dig(s + 8, 2, &d) || (s[10] != 'T' && s[10] != ' ') ||
        !dig(s + 11, 2, &h) || s[13] != ':' || !dig(s + 14, 2, &mi) ||
        s[16] != ':' || !dig(s + 17, 2, &se) || mo < 1 || mo > 12 || d < 1 ||
        d > 31 || h > 23 || mi > 59 || se > 60)
        return -1;
    if (i < n && (s[i] == '.' || s[i] == ',')) {
        double scale = 0.1;
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
            *frac += (s[i] - '0') * scale;
            scale /= 10;
        }
    }
    if (i == n) {
        *zoned = 0;
    } else if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == n) {
        off = 0;
    } else if ((s[i] == '+' || s[i] == '-') &&
               ((n - i == 6 && dig(s + i + 1, 2, &oh) && s[i + 3] == ':' &&
                 dig(s + i + 4, 2, &om)) ||
                (n - i == 5 && dig(s + i + 1, 2, &oh) &&
                 dig(s + i + 3, 2, &om)) ||
                (n - i == 3 && dig(s + i + 1, 2, &oh))) &&
               oh <= 14 && om <= 59) {
        off = (int64_t)(oh * 3600 + om * 60) * (s[i] == '-' ? -1 : 1);
    } else {
        return -1;
    }
    *utc = (int64_t)tendo_day_from_ymd(y, mo, d) * 86400 + h * 3600 +
           mi * 60 + se - off;
    return 0;
}

const char *xml_attr(const char **attrs, const char *name)
{
    for (int i = 0; attrs[i]; i += 2)
        if (strcmp(attrs[i], name) == 0)
            return attrs[i + 1];
    return NULL;
}

int xml_number(const char *s, double *out)
{
    char *end;
    double v;
    if (!s)
        return 0;
    v = strtod(s, &end);
    while (*end == ' ' || *end == '\n' || *end == '\r' || *end == '\t')
        end++;
    if (end == s || *end || !isfinite(v))
        return 0;
    *out = v;
    return 1;
}
