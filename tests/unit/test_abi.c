/* test_abi.c - what libdccrt.so.0 promises programs compiled against an older or newer header:
 * enum values that never change, versions, the descriptor ABI tag (newer and unknown tags
 * refused, ABI 1 descriptors of libdccrt 0.1 converted and validated exactly as today's),
 * reserved members, and the size-prefixed option, callback and counter structs. The values
 * pinned here are copied by hand from the 0.1 header (tests/c/abi_v1/include/dcc_rt.h), where
 * they were implicit: they are the ABI, not whatever the header says today. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "dcc_abi_v1.h"
#include "dcc_regex.h"
#include "dcc_rt.h"
#include "regex.h"
#include "stream_helpers.h"

/* ---- enum values ------------------------------------------------------------------------------ */

static void test_rule_values_pinned(void **state)
{
    (void)state;
    static const struct {
        int value, want;
        const char *code;
    } rules[] = {
        {DCC_RULE_MALFORMED, 0, "DV001"},      {DCC_RULE_UTF8, 1, "DV002"},
        {DCC_RULE_UNKNOWN_FIELD, 2, "DV003"},  {DCC_RULE_MISSING, 3, "DV004"},
        {DCC_RULE_NULL, 4, "DV005"},           {DCC_RULE_TYPE, 5, "DV006"},
        {DCC_RULE_INT_RANGE, 6, "DV007"},      {DCC_RULE_DECIMAL, 7, "DV008"},
        {DCC_RULE_FLOAT, 8, "DV009"},          {DCC_RULE_TEMPORAL, 9, "DV010"},
        {DCC_RULE_UUID, 10, "DV011"},          {DCC_RULE_BYTES, 11, "DV012"},
        {DCC_RULE_LENGTH, 12, "DV013"},        {DCC_RULE_PATTERN, 13, "DV014"},
        {DCC_RULE_VALUES, 14, "DV015"},        {DCC_RULE_RANGE, 15, "DV016"},
        {DCC_RULE_PRIMARY_KEY, 16, "DV017"},   {DCC_RULE_UNIQUE, 17, "DV018"},
        {DCC_RULE_DEPTH, 18, "DV019"},         {DCC_RULE_Q_ROW_COUNT, 19, "DQ001"},
        {DCC_RULE_Q_NULL_RATE, 20, "DQ002"},   {DCC_RULE_Q_VALID_RATE, 21, "DQ003"},
        {DCC_RULE_Q_FRESHNESS, 22, "DQ004"},   {DCC_RULE_Q_UNIQUE, 23, "DQ005"},
    };
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        assert_int_equal(rules[i].value, rules[i].want);
        assert_string_equal(dcc_rule_code((dcc_rule)rules[i].value), rules[i].code);
    }
    /* rules are only ever added after these: dense, every value named, none beyond */
    assert_true(DCC_RULE_COUNT >= 24);
    for (int r = 0; r < DCC_RULE_COUNT; r++) {
        assert_true(strlen(dcc_rule_code((dcc_rule)r)) == 5);
        assert_true(strlen(dcc_rule_summary((dcc_rule)r)) > 0);
    }
    assert_string_equal(dcc_rule_code(DCC_RULE_COUNT), "");
}

static void test_other_enum_values_pinned(void **state)
{
    (void)state;
    const int kinds[] = {DCC_BOOLEAN, DCC_INT8, DCC_INT16, DCC_INT32, DCC_INT64, DCC_FLOAT32,
                         DCC_FLOAT64, DCC_DECIMAL, DCC_STRING, DCC_BYTES, DCC_DATE, DCC_TIME,
                         DCC_TIMESTAMP, DCC_TIMESTAMPTZ, DCC_UUID, DCC_JSON, DCC_ENUM, DCC_LIST,
                         DCC_MAP, DCC_STRUCT};
    for (int i = 0; i < 20; i++)
        assert_int_equal(kinds[i], i);
    assert_int_equal(DCC_FORMAT_JSONL, 0);
    assert_int_equal(DCC_FORMAT_CSV, 1);
    const int qk[] = {DCC_Q_ROW_COUNT, DCC_Q_NULL_RATE, DCC_Q_VALID_RATE, DCC_Q_FRESHNESS, DCC_Q_UNIQUE};
    const int ops[] = {DCC_OP_LT, DCC_OP_LE, DCC_OP_GT, DCC_OP_GE, DCC_OP_EQ};
    for (int i = 0; i < 5; i++) {
        assert_int_equal(qk[i], i);
        assert_int_equal(ops[i], i);
    }
    assert_int_equal(DCC_OP_NE, 5); /* 0.3: appended, the values before it unchanged */
    assert_int_equal(DCC_Q_NULL_COUNT, 5); /* 0.5: appended after DCC_Q_UNIQUE */
    assert_int_equal(DCC_Q_INVALID_COUNT, 6);
    assert_int_equal(DCC_Q_DUPLICATE_COUNT, 7); /* 0.6 (ABI 5): appended */
    assert_int_equal(DCC_Q_DUPLICATE_RATE, 8);  /* 0.7 (ABI 6): appended */
    assert_int_equal(DCC_Q_MISSING_COUNT, 9);   /* 0.7 (ABI 6) too */
    assert_int_equal(DCC_Q_MISSING_RATE, 10);
    assert_int_equal(DCC_Q_NOTIN_COUNT, 11);    /* 0.7 (ABI 6) too */
    assert_int_equal(DCC_Q_NOTIN_RATE, 12);
    assert_int_equal(DCC_OP_BETWEEN, 6); /* 0.4: appended after DCC_OP_NE */
    assert_int_equal(DCC_OP_NOT_BETWEEN, 7);
    assert_int_equal(DCC_KEYS_ALL, 0);
    assert_int_equal(DCC_KEYS_WINDOW, 1);
    assert_int_equal(DCC_KEYS_OFF, 2);
    assert_int_equal(DCC_TEMPORAL_OK, 0);
    assert_int_equal(DCC_TEMPORAL_FORMAT, 1);
    assert_int_equal(DCC_TEMPORAL_RANGE, 2);
    /* -1 was 0.1's only error: out of memory */
    const int st[] = {DCC_OK, DCC_ENOMEM, DCC_EINVAL, DCC_EFINISHED, DCC_EFAILED,
                      DCC_EREENTRANT, DCC_EVALIDATOR, DCC_EVERSION, DCC_ESTOPPED};
    for (int i = 0; i < 9; i++) {
        assert_int_equal(st[i], -i);
        assert_true(strlen(dcc_strerror(st[i])) > 0);
        for (int j = 0; j < i; j++)
            assert_string_not_equal(dcc_strerror(st[i]), dcc_strerror(st[j]));
    }
    assert_string_equal(dcc_strerror(12345), "unknown error");
    assert_string_equal(dcc_strerror(DCC_ENOMEM), "out of memory");
}

/* The layout of a struct that existed in 0.1 may only grow at its end: dcc_violation is read by
 * 0.1 callbacks. */
static void test_violation_layout_unchanged(void **state)
{
    (void)state;
    assert_int_equal(offsetof(dcc_violation, record), 0);
    assert_int_equal(offsetof(dcc_violation, byte_offset), 8);
    assert_int_equal(offsetof(dcc_violation, field_path), 16);
    assert_int_equal(offsetof(dcc_violation, rule), 16 + sizeof(char *));
    assert_true(offsetof(dcc_violation, excerpt) > offsetof(dcc_violation, message));
    /* ABI 3's c_absent_offset took the place of ABI 2's reserved_int[0]: the descriptor's size
     * and every other member stayed where they were */
    assert_int_equal(offsetof(dcc_field_desc, c_absent_offset),
                     offsetof(dcc_field_desc, reserved_ptr) + 4 * sizeof(void *));
    assert_int_equal(offsetof(dcc_field_desc, reserved_int),
                     offsetof(dcc_field_desc, c_absent_offset) + sizeof(int64_t));
    assert_int_equal(sizeof(dcc_field_desc), offsetof(dcc_field_desc, reserved_int) + 3 * sizeof(int64_t));
    /* threshold_hi took the place of reserved_ptr[0] of a quality rule, and values (ABI 6) that of
     * the second: its size and every other
     * member stayed where they were (nfields, then two pointers, then two int64) */
    assert_int_equal(offsetof(dcc_quality_desc, threshold_hi), offsetof(dcc_quality_desc, nfields) + sizeof(size_t));
    assert_int_equal(offsetof(dcc_quality_desc, values), offsetof(dcc_quality_desc, threshold_hi) + sizeof(void *));
    /* values_null took reserved_int[0]: the size is unchanged */
    assert_int_equal(offsetof(dcc_quality_desc, values_null), offsetof(dcc_quality_desc, values) + sizeof(void *));
    assert_int_equal(offsetof(dcc_quality_desc, reserved_int), offsetof(dcc_quality_desc, values_null) + sizeof(int64_t));
    assert_int_equal(sizeof(dcc_quality_desc), offsetof(dcc_quality_desc, values_null) + 2 * sizeof(int64_t));
    /* the fields of a 0.1 dfa come first in today's */
    assert_int_equal(offsetof(dcc_dfa, start), offsetof(dcc_v1_dfa, start));
    assert_int_equal(offsetof(dcc_dfa, accept), offsetof(dcc_v1_dfa, accept));
    assert_true(sizeof(dcc_dfa) > sizeof(dcc_v1_dfa));
}

static void test_versions(void **state)
{
    (void)state;
    assert_string_equal(dcc_rt_version(), DCC_RT_VERSION);
    unsigned a, b, c;
    assert_int_equal(sscanf(DCC_RT_VERSION, "%u.%u.%u", &a, &b, &c), 3);
    assert_int_equal(DCC_RT_VERSION_NUMBER, (int)(a * 1000000 + b * 1000 + c));
    assert_int_equal(dcc_rt_version_number(), DCC_RT_VERSION_NUMBER);
    assert_int_equal(dcc_rt_abi_version(), DCC_ABI_VERSION);
    char tag[32];
    snprintf(tag, sizeof tag, "\177dcc-abi %d", DCC_ABI_VERSION);
    assert_string_equal(tag, DCC_ABI_TAG);
}

/* ---- the ABI tag ---------------------------------------------------------------------------- */

static const dcc_field_desc one_field[] = {{.name = "a", .kind = DCC_INT32}};

/* dcc_validator_new on d must fail with a message containing want. */
static void refused(const dcc_dataset_desc *d, const char *want)
{
    char *err = NULL;
    dcc_validator *v = dcc_validator_new(d, &err);
    assert_null(v);
    assert_non_null(err);
    if (!strstr(err, want))
        fail_msg("message \"%s\" lacks \"%s\"", err, want);
    dcc_error_free(err);
    assert_null(dcc_validator_new(d, NULL)); /* no message wanted: still refused */
}

static void test_tags(void **state)
{
    (void)state;
    dcc_dataset_desc d = {.abi = DCC_ABI_TAG, .name = "t", .fields = one_field, .nfields = 1};
    dcc_validator *v = dcc_validator_new(&d, NULL);
    assert_non_null(v);
    assert_ptr_equal(dcc_validator_desc(v), &d);
    dcc_validator_free(v);
    assert_null(dcc_validator_desc(NULL));

    /* ABI 2 (libdccrt 0.2, 0.3) is read as it was */
    d.abi = "\177dcc-abi 2";
    v = dcc_validator_new(&d, NULL);
    assert_non_null(v);
    dcc_validator_free(v);
    /* ABI 3 (libdccrt 0.4), ABI 4 (0.5) and ABI 5 (0.6) are read as they were */
    d.abi = "\177dcc-abi 3";
    v = dcc_validator_new(&d, NULL);
    assert_non_null(v);
    dcc_validator_free(v);
    d.abi = "\177dcc-abi 4";
    v = dcc_validator_new(&d, NULL);
    assert_non_null(v);
    dcc_validator_free(v);
    d.abi = "\177dcc-abi 5";
    v = dcc_validator_new(&d, NULL);
    assert_non_null(v);
    dcc_validator_free(v);
    d.abi = "\177dcc-abi 7";
    refused(&d, "descriptor ABI 7, newer than ABI 6");
    d.abi = "\177dcc-abi 999999999";
    refused(&d, "newer than ABI 6");
    static const char *const unknown[] = {"\177dcc-abi 1", "\177dcc-abi 0", "\177dcc-abi x",
                                          "\177dcc-abi 2 ", "\177dcc-abi ", "\177",
                                          "\177dcc-abi 1234567890", "\177dcc-ABI 2"};
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
        d.abi = unknown[i];
        refused(&d, "is not one libdccrt");
    }
    d.abi = NULL;
    refused(&d, "no ABI tag");
    refused(NULL, "no dataset descriptor");
}

static void test_reserved_members(void **state)
{
    (void)state;
    dcc_field_desc f[1] = {{.name = "a", .kind = DCC_INT32}};
    dcc_dataset_desc d = {.abi = DCC_ABI_TAG, .name = "t", .fields = f, .nfields = 1};
    f[0].reserved_int[2] = 1;
    refused(&d, "reserved member");
    f[0].reserved_int[2] = 0;
    /* c_absent_offset (ABI 3) was reserved room in ABI 2 */
    f[0].c_absent_offset = 8;
    d.abi = "\177dcc-abi 2";
    refused(&d, "reserved member");
    d.abi = DCC_ABI_TAG;
    dcc_validator *v3 = dcc_validator_new(&d, NULL);
    assert_non_null(v3);
    dcc_validator_free(v3);
    f[0].c_absent_offset = -1;
    refused(&d, "negative c_absent_offset");
    f[0].c_absent_offset = 0;
    f[0].reserved_ptr[0] = "x";
    refused(&d, "reserved member");
    f[0].reserved_ptr[0] = NULL;
    d.reserved_int[0] = 7;
    refused(&d, "reserved member");
    d.reserved_int[0] = 0;
    static const size_t k0[] = {0};
    dcc_key_desc keys[1] = {{.fields = k0, .nfields = 1}};
    keys[0].reserved_ptr[1] = k0;
    d.unique_keys = keys;
    d.nunique_keys = 1;
    refused(&d, "reserved member");
    d.nunique_keys = 0;
    dcc_quality_desc q[1] = {{.kind = DCC_Q_ROW_COUNT, .op = DCC_OP_GE, .threshold = "1"}};
    q[0].reserved_int[0] = 1; /* reserved_int[1] before values_null took reserved_int[0] */
    d.quality = q;
    d.nquality = 1;
    refused(&d, "reserved member");
    q[0].reserved_int[0] = 0;
    /* threshold_hi belongs to the between operators, and they need it */
    q[0].threshold_hi = "2";
    refused(&d, "threshold_hi is for between only");
    q[0].op = DCC_OP_BETWEEN;
    dcc_validator *v = dcc_validator_new(&d, NULL);
    assert_non_null(v);
    dcc_validator_free(v);
    /* ABI 4's operators, threshold_hi and kinds in a descriptor tagged ABI 3 (libdccrt 0.4 knew
     * none of them): refused, not read as the newer ABI */
    d.abi = "\177dcc-abi 3";
    refused(&d, "of descriptor ABI 4 in a descriptor of ABI 3");
    q[0].op = DCC_OP_GE;
    q[0].threshold_hi = NULL;
    q[0].kind = DCC_Q_NULL_COUNT;
    q[0].fields = (const size_t[]){0};
    q[0].nfields = 1;
    refused(&d, "of descriptor ABI 4 in a descriptor of ABI 3");
    q[0].kind = DCC_Q_ROW_COUNT;
    q[0].fields = NULL;
    q[0].nfields = 0;
    v = dcc_validator_new(&d, NULL); /* ABI 3's own kinds and operators are read as they were */
    assert_non_null(v);
    dcc_validator_free(v);
    /* ABI 5's kind in a descriptor tagged ABI 4 (libdccrt 0.5 did not know it): refused; in its
     * own ABI read */
    q[0].kind = DCC_Q_DUPLICATE_COUNT;
    q[0].threshold = "0";
    q[0].fields = (const size_t[]){0};
    q[0].nfields = 1;
    d.abi = "\177dcc-abi 4";
    refused(&d, "a kind of descriptor ABI 5 in a descriptor of ABI 4");
    d.abi = "\177dcc-abi 3";
    refused(&d, "in a descriptor of ABI 3");
    d.abi = DCC_ABI_TAG;
    v = dcc_validator_new(&d, NULL);
    assert_non_null(v);
    dcc_validator_free(v);
    /* ABI 6's kind (libdccrt 0.7) under ABI 5's tag: refused likewise; a rate's unit is "%" */
    q[0].kind = DCC_Q_DUPLICATE_RATE;
    q[0].unit = "%";
    d.abi = "\177dcc-abi 5";
    refused(&d, "a kind of descriptor ABI 6 in a descriptor of ABI 5");
    d.abi = "\177dcc-abi 4";
    refused(&d, "in a descriptor of ABI 4");
    d.abi = DCC_ABI_TAG;
    v = dcc_validator_new(&d, NULL);
    assert_non_null(v);
    dcc_validator_free(v);
    q[0].unit = NULL;
    refused(&d, "a rate's unit is");
    /* ABI 6's missing kinds carry values (NULL-ended), and only they do; refused under ABI 5 */
    static const char *const vals[] = {"", "n/a", NULL};
    q[0].kind = DCC_Q_MISSING_COUNT;
    q[0].threshold = "0";
    refused(&d, "a missing or invalid-values rule needs values");
    q[0].values = vals;
    v = dcc_validator_new(&d, NULL);
    assert_non_null(v);
    dcc_validator_free(v);
    d.abi = "\177dcc-abi 5";
    refused(&d, "a kind of descriptor ABI 6 in a descriptor of ABI 5");
    d.abi = DCC_ABI_TAG;
    q[0].kind = DCC_Q_NULL_COUNT;
    refused(&d, "values are for a missing or invalid-values rule only");
    d.abi = "\177dcc-abi 5";
    refused(&d, "a values member of descriptor ABI 6 in a descriptor of ABI 5");
    d.abi = DCC_ABI_TAG;
    /* ABI 6's invalid-values kinds too; values_null (was reserved_int[0]) is theirs alone */
    q[0].kind = DCC_Q_NOTIN_COUNT;
    q[0].values_null = 1;
    v = dcc_validator_new(&d, NULL);
    assert_non_null(v);
    dcc_validator_free(v);
    d.abi = "\177dcc-abi 5";
    refused(&d, "a kind of descriptor ABI 6 in a descriptor of ABI 5");
    d.abi = DCC_ABI_TAG;
    q[0].kind = DCC_Q_MISSING_COUNT;
    refused(&d, "values_null is for an invalid-values rule only");
    q[0].values_null = 0;
    q[0].kind = DCC_Q_NULL_COUNT;
    q[0].values = NULL;
    q[0].kind = DCC_Q_ROW_COUNT;
    q[0].threshold = "1";
    q[0].fields = NULL;
    q[0].nfields = 0;
    q[0].op = DCC_OP_BETWEEN;
    q[0].threshold_hi = "2";
    q[0].threshold_hi = "0";
    refused(&d, "low bound is above its high bound");
    q[0].threshold_hi = NULL;
    refused(&d, "between needs threshold_hi");
    q[0].op = (dcc_cmp_op)8;
    refused(&d, "bad kind or operator");
    q[0].op = DCC_OP_GE;
    v = dcc_validator_new(&d, NULL);
    assert_non_null(v);
    dcc_validator_free(v);
    /* in a pattern's tables */
    Arena *a = arena_new();
    RegexError e;
    const dcc_dfa *t = regex_dfa_tables(a, regex_compile(a, "^x", 2, &e));
    dcc_dfa p = *t;
    p.reserved_int[0] = 1;
    dcc_field_desc g[1] = {{.name = "s", .kind = DCC_STRING, .pattern = &p}};
    dcc_dataset_desc d2 = {.abi = DCC_ABI_TAG, .name = "t", .fields = g, .nfields = 1};
    refused(&d2, "reserved member");
    p.reserved_int[0] = 0;
    v = dcc_validator_new(&d2, NULL);
    assert_non_null(v);
    dcc_validator_free(v);
    arena_free(a);
}

/* ---- ABI 1 descriptors -------------------------------------------------------------------- */

static void on_violation(void *ud, const dcc_violation *v)
{
    char line[1024];
    int k = snprintf(line, sizeof line, "%llu@%llu %s %s: %s [%s]\n", (unsigned long long)v->record,
                     (unsigned long long)v->byte_offset, v->field_path, dcc_rule_code(v->rule),
                     v->message, v->excerpt);
    assert_true(k > 0 && (size_t)k < sizeof line);
    test_text_add(ud, line);
}

static const char *const status_values[] = {"placed", "shipped"};
static const char *const code_values[] = {"A1", "B2"};
static const size_t pk[] = {0}, q_code[] = {2}, q_amount[] = {3}, q_at[] = {4}, q_id[] = {0};
static const size_t uk_fields[] = {1, 4};

/* The input both descriptors see: one valid record, then one of each kind of finding. */
static const char input[] =
    "{\"id\":1,\"status\":\"placed\",\"code\":\"A1\",\"amount\":12.50,\"at\":\"2026-09-21T11:00:00Z\",\"items\":[{\"sku\":\"ab\"}]}\n"
    "{\"id\":1,\"status\":\"lost\",\"code\":\"zz\",\"amount\":-1,\"at\":\"2026-09-21T10:00:00Z\",\"items\":[{\"sku\":\"abcd\"}]}\n"
    "{\"id\":2,\"status\":\"shipped\",\"amount\":\"1.5\",\"at\":\"2026-02-30T10:00:00Z\",\"items\":[]}\n"
    "{\"id\":3,\"status\":\"placed\",\"code\":null,\"amount\":3,\"at\":\"2026-09-21T11:00:00Z\",\"items\":[{\"sku\":\"x\"}]}\n"
    "{\"id\":4,\"status\":\"placed\",\"code\":\"B2\",\"amount\":4,\"at\":\"2026-09-21T11:30:00Z\",\"items\":[{\"sku\":\"y\"}],\"zz\":1}\n";

static char *validate(const dcc_validator *v, bool old_entry)
{
    TestText r = {0};
    if (old_entry) { /* as a program built against 0.1 calls it */
        dcc_v1_stream_opts o;
        memset(&o, 0, sizeof o);
        o.on_violation = on_violation;
        o.userdata = &r;
        o.now = 1789992000; /* 2026-09-21T12:00:00Z */
        dcc_stream *s = dcc_stream_new(v, &o);
        assert_non_null(s);
        assert_int_equal(dcc_stream_feed(s, input, sizeof input - 1), 0);
        assert_int_equal(dcc_stream_finish(s), 0);
        assert_int_equal(dcc_stream_feed(s, "x", 1), -1); /* 0.1's only error value */
        assert_int_equal(dcc_stream_finish(s), -1);
        dcc_v1_stream_stats st;
        memset(&st, 0xAB, sizeof st);
        dcc_stream_stats_get(s, &st);
        assert_int_equal(st.records, 5);
        assert_int_equal(st.valid, 1);
        assert_int_equal(st.invalid, 4);
        dcc_stream_stats_get(NULL, &st); /* NULL-safe: zeroes */
        assert_int_equal(st.records, 0);
        dcc_stream_stats_get(s, NULL);
        dcc_stream_free(s);
    } else {
        dcc_stream *s = test_stream(v, (dcc_stream_opts){.has_now = true, .now = 1789992000}, on_violation, &r);
        assert_int_equal(dcc_stream_feed(s, input, sizeof input - 1), 0);
        assert_int_equal(dcc_stream_finish(s), 0);
        assert_int_equal(dcc_stream_feed(s, "x", 1), DCC_EFINISHED);
        dcc_stream_stats st = test_stats(s);
        assert_int_equal(st.records, 5);
        dcc_stream_free(s);
    }
    return r.buf;
}

static void test_abi1_descriptor(void **state)
{
    (void)state;
    Arena *a = arena_new();
    RegexError e;
    const dcc_dfa *pat = regex_dfa_tables(a, regex_compile(a, "^[A-Z][0-9]$", 12, &e));
    assert_non_null(pat);

    /* today's descriptor */
    static dcc_field_desc sku2[1], item2, f2[6];
    sku2[0] = (dcc_field_desc){.name = "sku", .kind = DCC_STRING, .max_length = 3};
    item2 = (dcc_field_desc){.kind = DCC_STRUCT, .fields = sku2, .nfields = 1};
    f2[0] = (dcc_field_desc){.name = "id", .kind = DCC_INT64};
    f2[1] = (dcc_field_desc){.name = "status", .kind = DCC_ENUM, .enum_values = status_values, .nenum_values = 2};
    f2[2] = (dcc_field_desc){.name = "code", .kind = DCC_STRING, .optional = true, .pattern = pat,
                             .pattern_text = "^[A-Z][0-9]$", .values = code_values, .nvalues = 2};
    f2[3] = (dcc_field_desc){.name = "amount", .kind = DCC_DECIMAL, .precision = 8, .scale = 2, .range_lo = "0"};
    f2[4] = (dcc_field_desc){.name = "at", .kind = DCC_TIMESTAMP, .unique = true};
    f2[5] = (dcc_field_desc){.name = "items", .kind = DCC_LIST, .elem = &item2, .has_length = true,
                             .length_min = 1, .length_max = -1};
    const dcc_key_desc uk2[] = {{.fields = uk_fields, .nfields = 2}};
    const dcc_quality_desc q2[] = {
        {.kind = DCC_Q_ROW_COUNT, .op = DCC_OP_GE, .threshold = "10"},
        {.kind = DCC_Q_NULL_RATE, .op = DCC_OP_LT, .threshold = "20", .unit = "%", .fields = q_code, .nfields = 1},
        {.kind = DCC_Q_VALID_RATE, .op = DCC_OP_GE, .threshold = "60", .unit = "%", .fields = q_amount, .nfields = 1},
        {.kind = DCC_Q_FRESHNESS, .op = DCC_OP_LT, .threshold = "1", .unit = "h", .fields = q_at, .nfields = 1},
        {.kind = DCC_Q_UNIQUE, .fields = q_id, .nfields = 1},
    };
    dcc_dataset_desc d2 = {.abi = DCC_ABI_TAG, .name = "orders", .fields = f2, .nfields = 6, .primary_key = pk,
                           .nprimary_key = 1, .unique_keys = uk2, .nunique_keys = 1, .quality = q2,
                           .nquality = 5};

    /* the same dataset as dcc 0.1 generated it: its structs, its double thresholds (a rate as a
     * fraction computed the way 0.1's sema did, 60 / 100.0 and 20 / 100.0) */
    dcc_v1_dfa pat1 = {pat->nstates, pat->nclasses, pat->byte_class, pat->trans, pat->accept, pat->start};
    static dcc_v1_field_desc sku1[1], item1, f1[6];
    memset(f1, 0, sizeof f1);
    sku1[0] = (dcc_v1_field_desc){.name = "sku", .kind = DCC_STRING, .max_length = 3};
    item1 = (dcc_v1_field_desc){.kind = DCC_STRUCT, .fields = sku1, .nfields = 1};
    f1[0] = (dcc_v1_field_desc){.name = "id", .kind = DCC_INT64};
    f1[1] = (dcc_v1_field_desc){.name = "status", .kind = DCC_ENUM, .enum_values = status_values, .nenum_values = 2};
    f1[2] = (dcc_v1_field_desc){.name = "code", .kind = DCC_STRING, .optional = true, .pattern = &pat1,
                                .pattern_text = "^[A-Z][0-9]$", .values = code_values, .nvalues = 2};
    f1[3] = (dcc_v1_field_desc){.name = "amount", .kind = DCC_DECIMAL, .precision = 8, .scale = 2, .range_lo = "0"};
    f1[4] = (dcc_v1_field_desc){.name = "at", .kind = DCC_TIMESTAMP, .unique = true};
    f1[5] = (dcc_v1_field_desc){.name = "items", .kind = DCC_LIST, .elem = &item1, .has_length = true,
                                .length_min = 1, .length_max = -1};
    const dcc_v1_key_desc uk1[] = {{uk_fields, 2}};
    volatile double sixty = 60, twenty = 20; /* computed at run time, as strtod()/100.0 was */
    const dcc_v1_quality_desc q1[] = {
        {DCC_Q_ROW_COUNT, DCC_OP_GE, 10, NULL, 0},
        {DCC_Q_NULL_RATE, DCC_OP_LT, twenty / 100.0, q_code, 1},
        {DCC_Q_VALID_RATE, DCC_OP_GE, sixty / 100.0, q_amount, 1},
        {DCC_Q_FRESHNESS, DCC_OP_LT, 3600, q_at, 1},
        {DCC_Q_UNIQUE, DCC_OP_EQ, 0, q_id, 1},
    };
    dcc_v1_dataset_desc d1 = {"orders", f1, 6, pk, 1, uk1, 1, false, q1, 5, 0};

    char *err = NULL;
    dcc_validator *v2 = dcc_validator_new(&d2, &err);
    if (!v2)
        fail_msg("%s", err);
    dcc_validator *v1 = dcc_validator_new((const dcc_dataset_desc *)(const void *)&d1, &err);
    if (!v1)
        fail_msg("ABI 1: %s", err);
    assert_ptr_equal(dcc_validator_desc(v1), (const void *)&d1); /* what it was given */

    char *want = validate(v2, false);
    /* every finding of the input, and the byte offsets (105 = 104 bytes + LF of record 1, then
     * 102, 82 and 100 bytes): worked out by hand */
    assert_string_equal(want,
        "2@105 status DV015: not a value of the enumeration [lost]\n"
        "2@105 code DV014: does not match the pattern ^[A-Z][0-9]$ [zz]\n"
        "2@105 code DV015: value not among the allowed values [zz]\n"
        "2@105 amount DV016: value outside the range [0, *] [-1]\n"
        "2@105 items[0].sku DV013: 4 characters, more than the maximum 3 [abcd]\n"
        "2@105 id DV017: primary key (id) already seen at line 1 [1]\n"
        "3@207 at DV010: invalid timestamp: day out of range for the month [2026-02-30T10:00:00Z]\n"
        "3@207 items DV013: 0 items, fewer than the minimum 1 []\n"
        "4@289 status,at DV018: unique key (status,at) already seen at line 1 [placed]\n"
        "4@289 at DV018: unique key (at) already seen at line 1 [2026-09-21T11:00:00Z]\n"
        "5@389 zz DV003: field not declared by the contract [zz]\n"
        "0@0  DQ001: row_count is 5, expected >= 10 []\n"
        "0@0 code DQ002: null_rate is 40% (2 of 5 records), expected < 20% []\n"
        "0@0 id DQ005: 1 record repeats the values of (id) of an earlier record []\n");
    /* valid_rate(amount): 4 of 5 = 80% >= 60%: holds; freshness: 30 minutes < 1h: holds */
    char *got = validate(v1, false);
    assert_string_equal(got, want);
    free(got);
    got = validate(v1, true);
    assert_string_equal(got, want);
    free(got);
    got = validate(v2, true); /* a 0.1 program with a validator of today's descriptor */
    assert_string_equal(got, want);
    free(got);
    free(want);
    dcc_validator_free(v1);
    dcc_validator_free(v2);

    /* ABI 1 thresholds are doubles: read back as the literal they were printed from, so that
     * 99.9 / 100.0 (0.99900000000000011) means 99.9% and 999 of 1000 meets it */
    static const dcc_v1_field_desc fx[1] = {{.name = "x", .kind = DCC_INT32}};
    static const size_t qx[] = {0};
    volatile double t999 = 99.9;
    dcc_v1_quality_desc qv[1] = {{DCC_Q_VALID_RATE, DCC_OP_GE, t999 / 100.0, qx, 1}};
    dcc_v1_dataset_desc dx = {"x", fx, 1, NULL, 0, NULL, 0, false, qv, 1, 0};
    dcc_validator *vx = dcc_validator_new((const dcc_dataset_desc *)(const void *)&dx, NULL);
    assert_non_null(vx);
    char *rec = malloc(1000 * 12);
    size_t n = 0;
    for (int i = 0; i < 1000; i++)
        n += (size_t)sprintf(rec + n, i == 500 ? "{\"x\":\"a\"}\n" : "{\"x\":%d}\n", i);
    TestText r = {0};
    dcc_stream *s = test_stream(vx, (dcc_stream_opts){0}, on_violation, &r);
    assert_int_equal(dcc_stream_feed(s, rec, n), 0);
    assert_int_equal(dcc_stream_finish(s), 0);
    /* record 501 after 10 * 8 + 90 * 9 + 400 * 10 bytes; no DQ003: 999 of 1000 meet 99.9% */
    assert_string_equal(r.buf, "501@4890 x DV006: expected int32, got a string [a]\n");
    dcc_stream_free(s);
    free(r.buf);
    free(rec);
    dcc_validator_free(vx);

    /* a 0.1 descriptor's out of memory leaves *err NULL (its callers free() it); its other
     * messages are malloc'd as before */
    static const dcc_v1_field_desc fbad[1] = {{.name = "x", .kind = DCC_INT32, .range_lo = "q"}};
    dcc_v1_dataset_desc dbad = {"x", fbad, 1, NULL, 0, NULL, 0, false, NULL, 0, 0};
    assert_null(dcc_validator_new((const dcc_dataset_desc *)(const void *)&dbad, &err));
    assert_string_equal(err, "field 'x': range bound \"q\": not a number");
    free(err);
    /* a cycle through elements (only possible by hand): refused, not followed forever */
    static dcc_v1_field_desc loop;
    loop = (dcc_v1_field_desc){.name = "l", .kind = DCC_LIST, .elem = &loop};
    dcc_v1_dataset_desc dloop = {"x", &loop, 1, NULL, 0, NULL, 0, false, NULL, 0, 0};
    assert_null(dcc_validator_new((const dcc_dataset_desc *)(const void *)&dloop, &err));
    assert_non_null(strstr(err, "nested deeper than 64 levels"));
    free(err);
    arena_free(a);
}

/* ---- size-prefixed structs ------------------------------------------------------------------ */

static void test_sized_options(void **state)
{
    (void)state;
    dcc_dataset_desc d = {.abi = DCC_ABI_TAG, .name = "t", .fields = one_field, .nfields = 1};
    dcc_validator *v = dcc_validator_new(&d, NULL);
    assert_non_null(v);
    dcc_stream *s = (dcc_stream *)&d;

    dcc_stream_opts o = DCC_STREAM_OPTS_INIT;
    assert_int_equal(dcc_stream_open(v, &o, &s), 0);
    dcc_stream_free(s);
    assert_int_equal(dcc_stream_open(v, NULL, &s), 0); /* all defaults */
    dcc_stream_free(s);

    o.size = 0; /* zeroed and never sized: refused, not guessed */
    assert_int_equal(dcc_stream_open(v, &o, &s), DCC_EINVAL);
    assert_null(s);
    o.size = offsetof(dcc_stream_opts, callbacks) + sizeof o.callbacks - 1; /* shorter than 0.2's */
    assert_int_equal(dcc_stream_open(v, &o, &s), DCC_EINVAL);
    o.size = offsetof(dcc_stream_opts, callbacks) + sizeof o.callbacks; /* 0.2's: accepted */
    assert_int_equal(dcc_stream_open(v, &o, &s), 0);
    dcc_stream_free(s);

    /* from a newer header: longer, what this library does not know zero */
    struct {
        dcc_stream_opts o;
        uint64_t later[4];
    } big;
    memset(&big, 0, sizeof big);
    big.o.size = sizeof big;
    big.o.format = DCC_FORMAT_CSV;
    assert_int_equal(dcc_stream_open(v, &big.o, &s), 0);
    dcc_stream_free(s);
    big.later[2] = 1; /* a later option set: this library cannot honour it */
    assert_int_equal(dcc_stream_open(v, &big.o, &s), DCC_EVERSION);
    assert_null(s);

    o = (dcc_stream_opts)DCC_STREAM_OPTS_INIT;
    o.format = (dcc_format)2;
    assert_int_equal(dcc_stream_open(v, &o, &s), DCC_EINVAL);
    o.format = DCC_FORMAT_JSONL;
    o.now_nanos = 1000000000;
    assert_int_equal(dcc_stream_open(v, &o, &s), DCC_EINVAL);
    o.now_nanos = -1;
    assert_int_equal(dcc_stream_open(v, &o, &s), DCC_EINVAL);
    o.now_nanos = 999999999;
    assert_int_equal(dcc_stream_open(v, &o, &s), 0);
    dcc_stream_free(s);

    /* callbacks: sized the same way */
    dcc_callbacks cb = DCC_CALLBACKS_INIT;
    o.callbacks = &cb;
    assert_int_equal(dcc_stream_open(v, &o, &s), 0);
    dcc_stream_free(s);
    cb.size = 0;
    assert_int_equal(dcc_stream_open(v, &o, &s), DCC_EINVAL);
    struct {
        dcc_callbacks c;
        void (*on_later)(void);
    } cb2;
    memset(&cb2, 0, sizeof cb2);
    cb2.c.size = sizeof cb2;
    o.callbacks = &cb2.c;
    assert_int_equal(dcc_stream_open(v, &o, &s), 0);
    dcc_stream_free(s);
    cb2.on_later = (void (*)(void))test_sized_options; /* a callback this library cannot call */
    assert_int_equal(dcc_stream_open(v, &o, &s), DCC_EVERSION);

    assert_int_equal(dcc_stream_open(NULL, NULL, &s), DCC_EINVAL);
    assert_int_equal(dcc_stream_open(v, NULL, NULL), DCC_EINVAL);

    /* counters */
    assert_int_equal(dcc_stream_open(v, NULL, &s), 0);
    assert_int_equal(dcc_stream_feed(s, "{\"a\":1}\n{}\n", 11), 0);
    dcc_stream_stats st;
    memset(&st, 0, sizeof st);
    assert_int_equal(dcc_stream_get_stats(s, &st), DCC_EINVAL); /* no size */
    assert_int_equal(dcc_stream_get_stats(s, NULL), DCC_EINVAL);
    st = (dcc_stream_stats)DCC_STREAM_STATS_INIT;
    assert_int_equal(dcc_stream_get_stats(s, &st), 0);
    assert_int_equal(st.size, sizeof st);
    assert_int_equal(st.records, 2);
    assert_int_equal(st.valid, 1);
    assert_int_equal(st.violations, 1);
    struct {
        dcc_stream_stats st;
        uint64_t later[3];
    } bigst;
    memset(&bigst, 0xEE, sizeof bigst);
    bigst.st.size = sizeof bigst;
    assert_int_equal(dcc_stream_get_stats(s, &bigst.st), 0);
    assert_int_equal(bigst.st.records, 2);
    assert_int_equal(bigst.later[0] | bigst.later[1] | bigst.later[2], 0); /* unknown: zero */
    assert_int_equal(bigst.st.size, sizeof bigst);
    st.records = 99;
    assert_int_equal(dcc_stream_get_stats(NULL, &st), DCC_EINVAL); /* NULL stream: zero counters */
    assert_int_equal(st.records, 0);
    dcc_stream_free(s);

    /* generated code's entry: the validator must be made from its descriptor */
    dcc_dataset_desc other = d;
    assert_int_equal(dcc_stream_open_for(v, &other, DCC_FORMAT_JSONL, NULL, &s), DCC_EVALIDATOR);
    assert_null(s);
    assert_int_equal(dcc_stream_open_for(v, &d, DCC_FORMAT_CSV, NULL, &s), 0);
    dcc_stream_free(s);
    assert_int_equal(dcc_stream_open_for(v, &d, (dcc_format)9, NULL, &s), DCC_EINVAL);
    assert_int_equal(dcc_stream_open_for(NULL, &d, DCC_FORMAT_CSV, NULL, &s), DCC_EINVAL);
    dcc_validator_free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rule_values_pinned),   cmocka_unit_test(test_other_enum_values_pinned),
        cmocka_unit_test(test_violation_layout_unchanged), cmocka_unit_test(test_versions),
        cmocka_unit_test(test_tags),                 cmocka_unit_test(test_reserved_members),
        cmocka_unit_test(test_abi1_descriptor),      cmocka_unit_test(test_sized_options),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
