/* test_runtime_safety.c - the runtime used carelessly or attacked: calls back into a stream from
 * its own callback, NULL everywhere, records over max_record_bytes through every entry point,
 * CSV header names that carry terminal escapes, newlines or invalid UTF-8, and contracts whose
 * lists are long enough that a walk per value would be quadratic (hashed lookups must give the
 * answers the walks gave). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dcc_regex.h"
#include "dcc_rt.h"
#include "stream_helpers.h"

static void on_violation(void *ud, const dcc_violation *v)
{
    char line[600];
    snprintf(line, sizeof line, "%llu %s %s [%s]\n", (unsigned long long)v->record, v->field_path,
             dcc_rule_code(v->rule), v->excerpt);
    test_text_add(ud, line);
}

/* Validates `in` (whole) and returns the report; fmt JSON Lines or CSV. */
static char *run(const dcc_validator *v, dcc_format fmt, size_t max_record, const char *in, size_t n)
{
    TestText r = {0};
    test_text_add(&r, "");
    dcc_stream *s = test_stream(v, (dcc_stream_opts){.format = fmt, .max_record_bytes = max_record,
                                                     .skip_quality = true},
                                on_violation, &r);
    assert_int_equal(dcc_stream_feed(s, in, n), 0);
    assert_int_equal(dcc_stream_finish(s), 0);
    dcc_stream_free(s);
    return r.buf;
}

/* ---- reentrancy ------------------------------------------------------------------------------ */

typedef struct {
    dcc_stream *s;
    int calls;
    int rc[8];
    dcc_stream_stats st;
} Reenter;

static void reenter(void *ud, const dcc_violation *v)
{
    (void)v;
    Reenter *x = ud;
    if (x->calls++)
        return;
    /* every entry point that would change the stream is refused, and changes nothing */
    x->rc[0] = dcc_stream_feed(x->s, "{\"id\":\"x\"}\n", 11);
    x->rc[1] = dcc_validate_record(x->s, "{}", 2);
    x->rc[2] = dcc_stream_finish(x->s);
    x->rc[3] = dcc_stream_next_input(x->s);
    int dummy = 0;
    x->rc[4] = dcc_validate_struct(x->s, &dummy);
    dcc_stream_expect(x->s, 1);
    dcc_stream_free(x->s); /* does nothing: the stream is in use */
    /* reading is allowed */
    x->st = (dcc_stream_stats)DCC_STREAM_STATS_INIT;
    x->rc[5] = dcc_stream_get_stats(x->s, &x->st);
    x->rc[6] = dcc_stream_error(x->s);
    x->rc[7] = (int)dcc_stream_count(x->s, DCC_RULE_TYPE);
}

static void test_reentrancy(void **state)
{
    (void)state;
    static const dcc_field_desc f[] = {{.name = "id", .kind = DCC_INT32}};
    static const size_t pk[] = {0};
    static const dcc_dataset_desc d = {.abi = DCC_ABI_TAG, .name = "r", .fields = f, .nfields = 1,
                                       .primary_key = pk, .nprimary_key = 1};
    dcc_validator *v = dcc_validator_new(&d, NULL);
    assert_non_null(v);
    Reenter x = {0};
    x.s = test_stream(v, (dcc_stream_opts){0}, reenter, &x);
    assert_int_equal(dcc_stream_feed(x.s, "{\"id\":1}\n{\"id\":\"a\"}\n{\"id\":1}\n", 29), 0);
    for (int i = 0; i < 5; i++)
        assert_int_equal(x.rc[i], DCC_EREENTRANT);
    assert_int_equal(x.rc[5], 0);
    assert_int_equal(x.rc[6], 0);
    assert_int_equal(x.rc[7], 1);  /* the record being reported is counted */
    assert_int_equal(x.st.records, 2);
    assert_int_equal(x.calls, 2); /* DV006 of record 2, DV017 of record 3: nothing more */
    /* the refused calls left no trace: the stream goes on as if they were never made */
    assert_int_equal(dcc_stream_feed(x.s, "{\"id\":2}\n", 9), 0);
    assert_int_equal(dcc_stream_finish(x.s), 0);
    dcc_stream_stats st = test_stats(x.s);
    assert_int_equal(st.records, 4);
    assert_int_equal(st.invalid, 2);
    assert_int_equal(st.violations, 2);
    dcc_stream_free(x.s);
    dcc_validator_free(v);
}

/* ---- NULL and misuse ------------------------------------------------------------------------- */

static void test_null_safety(void **state)
{
    (void)state;
    assert_int_equal(dcc_stream_feed(NULL, "x", 1), DCC_EINVAL);
    assert_int_equal(dcc_stream_finish(NULL), DCC_EINVAL);
    assert_int_equal(dcc_stream_next_input(NULL), DCC_EINVAL);
    assert_int_equal(dcc_validate_record(NULL, "{}", 2), DCC_EINVAL);
    assert_int_equal(dcc_validate_struct(NULL, "x"), DCC_EINVAL);
    assert_int_equal(dcc_stream_error(NULL), DCC_EINVAL);
    assert_int_equal(dcc_stream_count(NULL, DCC_RULE_TYPE), 0);
    dcc_stream_expect(NULL, 10);
    dcc_stream_free(NULL);
    dcc_validator_free(NULL);
    dcc_error_free(NULL);
    dcc_stream_stats st = DCC_STREAM_STATS_INIT;
    st.records = 5;
    assert_int_equal(dcc_stream_get_stats(NULL, &st), DCC_EINVAL);
    assert_int_equal(st.records, 0);
    assert_int_equal(dcc_dfa_search(NULL, "x", 1), 0);
    assert_int_equal(dcc_dfa_check(NULL), 0);
    assert_string_equal(dcc_rule_code((dcc_rule)-5), "");

    static const dcc_field_desc f[] = {{.name = "id", .kind = DCC_INT32}};
    static const dcc_dataset_desc d = {.abi = DCC_ABI_TAG, .name = "n", .fields = f, .nfields = 1};
    dcc_validator *v = dcc_validator_new(&d, NULL);
    dcc_stream *s = test_stream(v, (dcc_stream_opts){0}, NULL, NULL);
    assert_int_equal(dcc_stream_feed(s, NULL, 0), 0); /* nothing to feed is fine */
    assert_int_equal(dcc_stream_feed(s, NULL, 5), DCC_EINVAL);
    assert_int_equal(dcc_validate_record(s, NULL, 3), DCC_EINVAL);
    assert_int_equal(dcc_validate_struct(s, NULL), DCC_EINVAL);
    assert_int_equal(dcc_stream_error(s), 0); /* refused arguments do not fail the stream */
    assert_int_equal(dcc_stream_finish(s), 0);
    assert_int_equal(dcc_stream_finish(s), DCC_EFINISHED);
    assert_int_equal(dcc_validate_record(s, "{}", 2), DCC_EFINISHED);
    assert_int_equal(dcc_stream_next_input(s), DCC_EFINISHED);
    dcc_stream_free(s);
    dcc_validator_free(v);
}

/* ---- max_record_bytes on every entry point --------------------------------------------------- */

static void test_record_limit(void **state)
{
    (void)state;
    static const dcc_field_desc f[] = {{.name = "s", .kind = DCC_STRING}};
    static const dcc_dataset_desc d = {.abi = DCC_ABI_TAG, .name = "m", .fields = f, .nfields = 1};
    dcc_validator *v = dcc_validator_new(&d, NULL);
    /* 40 bytes with an unknown member: only DV001, the rest never read */
    const char *rec = "{\"s\":\"01234567890123456789\",\"unknown\":1}";
    size_t n = strlen(rec);
    assert_int_equal(n, 40);
    char *got = run(v, DCC_FORMAT_JSONL, 32, rec, n);
    /* the excerpt is the head the limit keeps: 32 bytes */
    assert_string_equal(got, "1  DV001 [{\"s\":\"01234567890123456789\",\"unk]\n");
    free(got);
    TestText r = {0};
    test_text_add(&r, "");
    dcc_stream *s = test_stream(v, (dcc_stream_opts){.max_record_bytes = 32, .skip_quality = true},
                                on_violation, &r);
    assert_int_equal(dcc_validate_record(s, rec, n), 0);
    assert_int_equal(dcc_validate_record(s, "{\"s\":\"x\"}\n", 10), 0);
    assert_int_equal(dcc_validate_record(s, rec, 32), 0); /* exactly the limit: read (malformed) */
    char rec2[41];
    memcpy(rec2, rec, 40);
    rec2[40] = '\n';
    /* the final newline is not part of the record: 40 bytes */
    assert_int_equal(dcc_validate_record(s, rec2, 41), 0);
    assert_int_equal(dcc_stream_finish(s), 0);
    assert_string_equal(r.buf, "1  DV001 [{\"s\":\"01234567890123456789\",\"unk]\n"
                               "3  DV001 [\"unk]\n" /* read: a string cut short */
                               "4  DV001 [{\"s\":\"01234567890123456789\",\"unk]\n");
    dcc_stream_free(s);
    free(r.buf);
    /* CSV: the same limit for a row given whole */
    r = (TestText){0};
    test_text_add(&r, "");
    s = test_stream(v, (dcc_stream_opts){.format = DCC_FORMAT_CSV, .max_record_bytes = 8, .skip_quality = true},
                    on_violation, &r);
    assert_int_equal(dcc_validate_record(s, "s\n", 2), 0);
    assert_int_equal(dcc_validate_record(s, "abcdefgh\n", 9), 0);
    assert_int_equal(dcc_validate_record(s, "abcdefghi\n", 10), 0);
    assert_int_equal(dcc_stream_finish(s), 0);
    assert_string_equal(r.buf, "2  DV001 [abcdefgh]\n");
    dcc_stream_free(s);
    free(r.buf);
    dcc_validator_free(v);
}

/* ---- CSV header names in reports ------------------------------------------------------------- */

static void test_header_names_escaped(void **state)
{
    (void)state;
    static const dcc_field_desc f[] = {{.name = "id", .kind = DCC_INT32}};
    static const dcc_dataset_desc d = {.abi = DCC_ABI_TAG, .name = "h", .fields = f, .nfields = 1};
    dcc_validator *v = dcc_validator_new(&d, NULL);
    /* an ESC sequence, byte 0xFF, a quoted newline (which would forge a report line), two
     * backslashes, a quoted "" (undoubled in the name), and 0xFF again (unknown columns are not
     * "named twice": only declared ones are) */
    const char in[] = "id,\x1b[31mred,\xff,\"a\nb: all good\",\"c\\\\d\",\"q\"\"q\",\xff\n"
                      "1,2,3,4,5,6,7\n";
    char *got = run(v, DCC_FORMAT_CSV, 0, in, sizeof in - 1);
    /* the whole header row in the DV002 excerpt: cut at 40 bytes of escaped text */
    assert_string_equal(got, "0  DV002 [id,\\x1b[31mred,\\xff,\"a\\nb: all good\",\"c\\\\...]\n"
                             "1 \\x1b[31mred DV003 [2]\n"
                             "1 \\xff DV003 [3]\n"
                             "1 a\\nb: all good DV003 [4]\n"
                             "1 c\\\\\\\\d DV003 [5]\n"
                             "1 q\"q DV003 [6]\n"
                             "1 \\xff DV003 [7]\n");
    for (const char *p = got; *p; p++) /* nothing raw: no control byte but the line ends */
        assert_true((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7F ? true : *p == '\n');
    free(got);
    dcc_validator_free(v);
}

/* ---- long lists -------------------------------------------------------------------------------- */

static void test_long_lists(void **state)
{
    (void)state;
    enum { NE = 1000 };
    static char names[NE][16];
    static const char *enum_values[NE];
    for (int i = 0; i < NE; i++) {
        snprintf(names[i], sizeof names[i], "v%d", i);
        enum_values[i] = names[i];
    }
    /* allowed values as each kind compares them: numbers by value, uuids in either case,
     * instants whatever their offset; more than 8, so hashed */
    static const char *const nums[] = {"1.50", "2", "3e2", "-0", "4.25", "5", "6", "7", "8", "9", "10"};
    static const char *const uuids[] = {
        "123E4567-E89B-12D3-A456-426614174000", "00000000-0000-0000-0000-000000000001",
        "00000000-0000-0000-0000-000000000002", "00000000-0000-0000-0000-000000000003",
        "00000000-0000-0000-0000-000000000004", "00000000-0000-0000-0000-000000000005",
        "00000000-0000-0000-0000-000000000006", "00000000-0000-0000-0000-000000000007",
        "00000000-0000-0000-0000-000000000008"};
    static const char *const instants[] = {
        "2026-01-01T01:00:00+01:00", "2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z",
        "2026-01-05T00:00:00Z", "2026-01-06T00:00:00Z", "2026-01-07T00:00:00Z", "2026-01-08T00:00:00Z",
        "2026-01-09T00:00:00Z"};
    static const char *const words[] = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"};
    dcc_field_desc f[5] = {
        {.name = "e", .kind = DCC_ENUM, .enum_values = enum_values, .nenum_values = NE, .optional = true},
        {.name = "n", .kind = DCC_DECIMAL, .precision = 10, .scale = 2, .values = nums, .nvalues = 11, .optional = true},
        {.name = "u", .kind = DCC_UUID, .values = uuids, .nvalues = 9, .optional = true},
        {.name = "t", .kind = DCC_TIMESTAMPTZ, .values = instants, .nvalues = 9, .optional = true},
        {.name = "w", .kind = DCC_STRING, .values = words, .nvalues = 11, .optional = true},
    };
    dcc_dataset_desc d = {.abi = DCC_ABI_TAG, .name = "l", .fields = f, .nfields = 5};
    dcc_validator *v = dcc_validator_new(&d, NULL);
    assert_non_null(v);
    const char *in =
        "{\"e\":\"v0\",\"n\":1.5,\"u\":\"123e4567-e89b-12d3-a456-426614174000\",\"t\":\"2026-01-01T00:00:00Z\",\"w\":\"k\"}\n"
        "{\"e\":\"v999\",\"n\":300,\"u\":\"00000000-0000-0000-0000-000000000008\",\"t\":\"2026-01-09T01:00:00+01:00\",\"w\":\"a\"}\n"
        "{\"e\":\"v500\",\"n\":0,\"w\":\"j\"}\n"
        "{\"e\":\"v1000\",\"n\":1.51,\"u\":\"00000000-0000-0000-0000-000000000009\",\"t\":\"2026-01-01T00:00:01Z\",\"w\":\"l\"}\n"
        "{\"e\":\"V1\",\"n\":4.250,\"w\":\"A\"}\n";
    char *got = run(v, DCC_FORMAT_JSONL, 0, in, strlen(in));
    assert_string_equal(got, "4 e DV015 [v1000]\n4 n DV015 [1.51]\n4 u DV015 [00000000-0000-0000-0000-000000000009]\n"
                             "4 t DV015 [2026-01-01T00:00:01Z]\n4 w DV015 [l]\n"
                             "5 e DV015 [V1]\n5 w DV015 [A]\n");
    free(got);
    dcc_validator_free(v);

    /* names of a struct: duplicates found past the eighth field too, with the same message */
    enum { NF = 100000 };
    dcc_field_desc *big = calloc(NF, sizeof *big);
    char (*bn)[16] = calloc(NF, sizeof *bn);
    assert_non_null(big);
    assert_non_null(bn);
    for (int i = 0; i < NF; i++) {
        snprintf(bn[i], sizeof bn[i], "f%d", i);
        big[i] = (dcc_field_desc){.name = bn[i], .kind = DCC_INT32, .optional = true};
    }
    dcc_dataset_desc bd = {.abi = DCC_ABI_TAG, .name = "big", .fields = big, .nfields = NF};
    v = dcc_validator_new(&bd, NULL);
    assert_non_null(v);
    /* a header of every column, reversed, and a record naming the last field: looked up, not
     * searched */
    size_t cap = (size_t)NF * 8 + 64, o = 0;
    char *csv = malloc(cap);
    for (int i = NF - 1; i >= 0; i--)
        o += (size_t)snprintf(csv + o, cap - o, "%s%s", bn[i], i ? "," : "\n");
    for (int i = NF - 1; i >= 0; i--)
        o += (size_t)snprintf(csv + o, cap - o, "%s%s", i == 0 ? "x" : "", i ? "," : "\n");
    got = run(v, DCC_FORMAT_CSV, 0, csv, o);
    assert_string_equal(got, "1 f0 DV006 [x]\n");
    free(got);
    free(csv);
    got = run(v, DCC_FORMAT_JSONL, 0, "{\"f99999\":\"x\",\"f5\":1}\n", 22);
    assert_string_equal(got, "1 f99999 DV006 [x]\n");
    free(got);
    dcc_validator_free(v);
    char *err = NULL;
    strcpy(bn[NF - 1], "f77777");
    assert_null(dcc_validator_new(&bd, &err));
    assert_string_equal(err, "field 'f77777': declared twice");
    dcc_error_free(err);
    strcpy(bn[3], "f1");
    assert_null(dcc_validator_new(&bd, &err)); /* the first duplicate in order is named */
    assert_string_equal(err, "field 'f1': declared twice");
    dcc_error_free(err);
    free(big);
    free(bn);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reentrancy),    cmocka_unit_test(test_null_safety),
        cmocka_unit_test(test_record_limit),  cmocka_unit_test(test_header_names_escaped),
        cmocka_unit_test(test_long_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
