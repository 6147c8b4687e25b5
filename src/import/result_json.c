/*
 * import/result_json.c - one file's import result as JSON (tendo/import.h):
 * the record `tendo import --json` prints per file and POST /api/import
 * answers, built here once for both.
 */
#include "tendo/import.h"

#include <jansson.h>
#include <string.h>

static const char *status_name(int status)
{
    return status == TENDO_IMPORT_IMPORTED    ? "imported"
           : status == TENDO_IMPORT_DUPLICATE ? "duplicate"
                                              : "rejected";
}

json_t *tendo_import_result_json(const char *item,
                                 const struct tendo_import_result *r)
{
    json_t *o = json_pack("{s:s,s:s,s:s?,s:s?,s:b}", "file", item, "status",
                          status_name(r->status), "format",
                          r->format[0] ? r->format : NULL, "note",
                          r->note[0] ? r->note : NULL, "known", r->known);
    json_t *w;
    if (!o)
        return NULL;
    if (r->status == TENDO_IMPORT_REJECTED) {
        json_object_set_new(o, "error", json_string(r->err.msg));
        json_object_set_new(o, "line", r->err.line ? json_integer(r->err.line)
                                                   : json_null());
        json_object_set_new(o, "field", r->err.field[0]
                                            ? json_string(r->err.field)
                                            : json_null());
        return o;
    }
    json_object_set_new(o, "sessions", json_integer(r->sessions));
    json_object_set_new(o, "merged", json_integer(r->merged));
    json_object_set_new(o, "ids",
                        r->first_id ? json_pack("[I,I]",
                                                (json_int_t)r->first_id,
                                                (json_int_t)r->last_id)
                                    : json_null());
    json_object_set_new(o, "checks", json_integer(r->checks));
    json_object_set_new(o, "rehab", json_integer(r->rehab));
    json_object_set_new(o, "wellness", json_integer(r->wellness));
    json_object_set_new(o, "skipped", json_integer(r->skipped));
    json_object_set_new(o, "warnings", w = json_array());
    for (const char *p = r->warnings; w && *p;) {
        size_t n = strcspn(p, "\n");
        if (n)
            json_array_append_new(w, json_stringn(p, n));
        p += n + (p[n] == '\n');
    }
    return o;
}
