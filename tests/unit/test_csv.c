/*
 * tests/unit/test_csv.c - the RFC 4180 record reader (src/parse/csv.c).
 */
#include "harness.h"
#include "core/alloc.h"
#include "parse/csv.h"

/* Reads all records of `in`; joins them as "a|b;c|d;" into out. Returns the
 * reader's result code. */
static int read_all(const char *in, size_t len, char *out, size_t cap,
                    struct tendo_error *e)
{
    struct csv_reader r;
    size_t nf, k = 0;
    int rc;
    csv_init(&r, in, len);
    out[0] = '\0';
    while ((rc = csv_next(&r, &nf, e)) == TENDO_OK && nf) {
        for (size_t i = 0; i < nf; i++)
            k += (size_t)snprintf(out + k, cap - k, "%s%.*s", i ? "|" : "",
                                  (int)r.fields[i].n, r.fields[i].p);
        k += (size_t)snprintf(out + k, cap - k, ";");
    }
    csv_release(&r);
    return rc;
}

#define OK_CASE(in, want)                                                  \
    do {                                                                   \
        struct tendo_error e_ = {0};                                       \
        char out_[512];                                                    \
        assert_int_equal(read_all(in, sizeof(in) - 1, out_, sizeof out_, &e_), \
                         TENDO_OK);                                        \
        assert_string_equal(out_, want);                                   \
    } while (0)

static void records(void **state)
{
    (void)state;
    OK_CASE("a,b\nc,d\n", "a|b;c|d;");
    OK_CASE("a,b\r\nc,d", "a|b;c|d;");                 /* CRLF, no final */
    OK_CASE("\xEF\xBB\xBF" "a,b\n", "a|b;");             /* BOM */
    OK_CASE("a,,c\n,\n", "a||c;|;");                   /* empty fields */
    OK_CASE("\n\na\n\n\nb\n", "a;b;");                 /* empty lines */
    OK_CASE("\"x,y\",\"he said \"\"hi\"\"\"\n", "x,y|he said \"hi\";");
    OK_CASE("\"multi\nline\",z\n", "multi\nline|z;");
    OK_CASE("\"\",\"\"\n", "|;");
    OK_CASE("", "");
}

static void line_numbers(void **state)
{
    struct csv_reader r;
    size_t nf;
    struct tendo_error e = {0};
    static const char in[] = "h\n\n\"a\nb\"\nc\n";
    (void)state;
    csv_init(&r, in, sizeof in - 1);
    assert_int_equal(csv_next(&r, &nf, &e), 0);
    assert_int_equal(r.rec_line, 1);
    assert_int_equal(csv_next(&r, &nf, &e), 0);
    assert_int_equal(r.rec_line, 3);
    assert_int_equal(csv_next(&r, &nf, &e), 0);
    assert_int_equal(r.rec_line, 5);
    assert_int_equal(csv_next(&r, &nf, &e), 0);
    assert_int_equal(nf, 0);
    csv_release(&r);
}

#define BAD_CASE(in, code, line_, needle)                                  \
    do {                                                                   \
        struct tendo_error e_ = {0};                                       \
        char out_[512];                                                    \
        assert_int_equal(read_all(in, sizeof(in) - 1, out_, sizeof out_, &e_), \
                         code);                                            \
        assert_error(&e_, code, needle);                                   \
        assert_int_equal(e_.line, line_);                                  \
    } while (0)

static void broken_quoting(void **state)
{
    (void)state;
    BAD_CASE("a,b\nc,d\"e\n", TENDO_EFORMAT, 2, "stray quote");
    BAD_CASE("a,\"b\"c\n", TENDO_EFORMAT, 1, "after a closing quote");
    BAD_CASE("a\nb\n\"c,d\n\n", TENDO_EFORMAT, 3, "not closed");
    BAD_CASE("a,b\nc\0d\n", TENDO_EFORMAT, 2, "NUL byte");
}

static void limits(void **state)
{
    struct tendo_error e = {0};
    char out[64];
    char *wide = malloc(CSV_MAX_FIELDS * 2 + 2);
    char *longf = malloc(CSV_MAX_FIELD + 10);
    (void)state;
    for (int i = 0; i < CSV_MAX_FIELDS + 1; i++) {
        wide[2 * i] = 'x';
        wide[2 * i + 1] = ',';
    }
    wide[2 * CSV_MAX_FIELDS + 1] = '\n';
    assert_int_equal(read_all(wide, CSV_MAX_FIELDS * 2 + 2, out, sizeof out,
                              &e),
                     TENDO_ELIMIT);
    assert_error(&e, TENDO_ELIMIT, "more than 64 fields");
    tendo_error_clear(&e);
    memset(longf, 'y', CSV_MAX_FIELD + 10);
    assert_int_equal(read_all(longf, CSV_MAX_FIELD + 10, out, sizeof out, &e),
                     TENDO_ELIMIT);
    assert_error(&e, TENDO_ELIMIT, "longer than");
    free(wide);
    free(longf);
}

static void out_of_memory(void **state)
{
    static const char in[] = "date,type\n2026-01-01,\"run, easy\"\n";
    (void)state;
    /* fail each allocation in turn: a clean ENOMEM or success, no leak */
    for (long n = 0; n < 20; n++) {
        struct tendo_error e = {0};
        char out[256];
        int rc;
        tendo_alloc_fail_after(n);
        rc = read_all(in, sizeof in - 1, out, sizeof out, &e);
        tendo_alloc_fail_after(-1);
        assert_true(rc == TENDO_OK || rc == TENDO_ENOMEM);
        if (rc == TENDO_OK) {
            assert_string_equal(out, "date|type;2026-01-01|run, easy;");
            break;
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(records),
        cmocka_unit_test(line_numbers),
        cmocka_unit_test(broken_quoting),
        cmocka_unit_test(limits),
        cmocka_unit_test(out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
