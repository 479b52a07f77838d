/* test_report.c - what a violation tells a reader: the physical line where its record starts
 * (dcc_violation.line), the same in every chunking and against an independent count of the
 * input's line ends, and struct excerpts as the program wrote its numbers. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dcc_rt.h"
#include "stream_helpers.h"

/* "line:record:rule:excerpt" per violation */
static void on_violation(void *ud, const dcc_violation *v)
{
    char line[256];
    snprintf(line, sizeof line, "%llu:%llu:%s:%s\n", (unsigned long long)v->line, (unsigned long long)v->record,
             dcc_rule_code(v->rule), v->excerpt);
    test_text_add(ud, line);
}

static dcc_validator *events_validator(void)
{
    static const char *const kinds[] = {"view", "buy"};
    static const dcc_field_desc f[] = {
        {.name = "id", .kind = DCC_INT64},
        {.name = "kind", .kind = DCC_ENUM, .enum_values = kinds, .nenum_values = 2},
        {.name = "note", .kind = DCC_STRING, .optional = true},
    };
    static const dcc_dataset_desc ds = {.abi = DCC_ABI_TAG, .name = "events", .fields = f, .nfields = 3};
    dcc_validator *v = dcc_validator_new(&ds, NULL);
    assert_non_null(v);
    return v;
}

/* The report of in fed in chunks of `chunk` bytes (0: at once). */
static char *report(const dcc_validator *v, dcc_format fmt, const char *in, size_t chunk)
{
    TestText t = {0};
    test_text_add(&t, "");
    dcc_stream *s = test_stream(v, (dcc_stream_opts){.format = fmt}, on_violation, &t);
    size_t n = strlen(in);
    if (chunk == 0)
        chunk = n;
    for (size_t i = 0; i < n; i += chunk)
        assert_int_equal(dcc_stream_feed(s, in + i, n - i < chunk ? n - i : chunk), 0);
    assert_int_equal(dcc_stream_finish(s), 0);
    dcc_stream_free(s);
    return t.buf;
}

/* The 1-based line where the text `mark` starts, counting LF, CR and CRLF as line ends: an
 * independent count, by a different walk over the same bytes. */
static unsigned long long line_of(const char *in, const char *mark)
{
    const char *at = strstr(in, mark);
    assert_non_null(at);
    unsigned long long line = 1;
    for (const char *p = in; p < at; p++)
        if (*p == '\n' || (*p == '\r' && p[1] != '\n'))
            line++;
    return line;
}

static void same_in_every_chunking(const dcc_validator *v, dcc_format fmt, const char *in, const char *want)
{
    for (size_t chunk = 0; chunk <= strlen(in); chunk++) {
        char *got = report(v, fmt, in, chunk);
        if (strcmp(got, want) != 0)
            fail_msg("chunks of %zu bytes:\n%s\nwanted:\n%s", chunk, got, want);
        free(got);
    }
}

static void test_jsonl_lines(void **state)
{
    (void)state;
    dcc_validator *v = events_validator();
    const char *in = "\n{\"id\":1,\"kind\":\"view\"}\r\n\r\n   \n{\"id\":2,\"kind\":\"K2\"}\n\n"
                     "{\"id\":3,\"kind\":\"view\"}\r{\"id\":4,\"kind\":\"K4\"}\r\n{\"id\":5,\"kind\":\"K5\"}";
    char want[256];
    snprintf(want, sizeof want, "%llu:2:DV015:K2\n%llu:4:DV015:K4\n%llu:5:DV015:K5\n", line_of(in, "K2"),
             line_of(in, "K4"), line_of(in, "K5"));
    assert_string_equal(want, "5:2:DV015:K2\n8:4:DV015:K4\n9:5:DV015:K5\n"); /* the count above is right */
    same_in_every_chunking(v, DCC_FORMAT_JSONL, in, want);
    dcc_validator_free(v);
}

static void test_csv_lines(void **state)
{
    (void)state;
    dcc_validator *v = events_validator();
    /* a header over two lines, quoted line ends (LF, CRLF, CR), a blank line, an unknown column */
    const char *in = "id,kind,\"no\nte\"\r\n1,view,\"a\nb\"\n\n2,K2,\"c\r\nd\re\"\r\n3,view,x\n4,K4,y\n\"5\",\"K5\",\"\"";
    char want[256];
    snprintf(want, sizeof want,
             "%llu:1:DV003:a\\nb\n%llu:2:DV003:c\\r\\nd\\re\n%llu:2:DV015:K2\n%llu:3:DV003:x\n"
             "%llu:4:DV003:y\n%llu:4:DV015:K4\n%llu:5:DV015:K5\n0:0:DV004:\n",
             line_of(in, "1,view"), line_of(in, "2,K2"), line_of(in, "2,K2"), line_of(in, "3,view"),
             line_of(in, "4,K4"), line_of(in, "4,K4"), line_of(in, "\"5\""));
    char *once = report(v, DCC_FORMAT_CSV, in, 0);
    /* the order of findings within a record is the runtime's; the lines are what is checked */
    for (const char *p = want; *p; p = strchr(p, '\n') + 1) {
        char l[64];
        size_t n = (size_t)(strchr(p, '\n') - p);
        memcpy(l, p, n);
        l[n] = '\0';
        if (!strstr(once, l))
            fail_msg("missing '%s' in:\n%s", l, once);
    }
    same_in_every_chunking(v, DCC_FORMAT_CSV, in, once);
    free(once);
    dcc_validator_free(v);
}

/* dcc_validate_record: the lines of the records given so far, each ending its line */
static void test_record_lines(void **state)
{
    (void)state;
    dcc_validator *v = events_validator();
    TestText t = {0};
    test_text_add(&t, "");
    dcc_stream *s = test_stream(v, (dcc_stream_opts){0}, on_violation, &t);
    static const char *const recs[] = {"{\"id\":1,\"kind\":\"A\"}\n", "{\"id\":2,\"kind\":\"B\"}",
                                       "{\"id\":3,\"kind\":\"C\"}\r\n"};
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(dcc_validate_record(s, recs[i], strlen(recs[i])), 0);
    assert_int_equal(dcc_stream_finish(s), 0);
    assert_string_equal(t.buf, "1:1:DV015:A\n2:2:DV015:B\n3:3:DV015:C\n");
    dcc_stream_free(s);
    free(t.buf);
    dcc_validator_free(v);
}

typedef struct {
    double d;
    float f;
} Floats;

/* A struct's numbers are shown as the shortest text that reads back as them, infinities with
 * their sign; they are still compared as before (213.4 is outside [0, 100] either way). */
static void test_struct_excerpts(void **state)
{
    (void)state;
    static const dcc_field_desc f[] = {
        {.name = "d", .kind = DCC_FLOAT64, .range_lo = "0", .range_hi = "100", .c_offset = offsetof(Floats, d)},
        {.name = "f", .kind = DCC_FLOAT32, .range_lo = "0", .range_hi = "100", .c_offset = offsetof(Floats, f)},
    };
    dcc_dataset_desc ds = {.abi = DCC_ABI_TAG, .name = "m", .fields = f, .nfields = 2, .c_size = sizeof(Floats)};
    dcc_validator *v = dcc_validator_new(&ds, NULL);
    assert_non_null(v);
    TestText t = {0};
    test_text_add(&t, "");
    dcc_stream *s = test_stream(v, (dcc_stream_opts){0}, on_violation, &t);
    Floats a = {213.4, 213.4f};
    Floats b = {-INFINITY, 0.1f};
    Floats c = {100.00000000000001, 1e-7f};
    assert_int_equal(dcc_validate_struct(s, &a), 0);
    assert_int_equal(dcc_validate_struct(s, &b), 0);
    assert_int_equal(dcc_validate_struct(s, &c), 0);
    assert_int_equal(dcc_stream_finish(s), 0);
    assert_string_equal(t.buf, "0:1:DV016:213.4\n0:1:DV016:213.4\n0:2:DV009:-inf\n0:3:DV016:100.00000000000001\n");
    dcc_stream_free(s);
    free(t.buf);
    dcc_validator_free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jsonl_lines),
        cmocka_unit_test(test_csv_lines),
        cmocka_unit_test(test_record_lines),
        cmocka_unit_test(test_struct_excerpts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
