/* test_runtime.c - the validation runtime: every rule hit and not hit, chunking invariance,
 * hostile input, CSV quoting, calendars, keys, quality rules and the struct binding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "dcc_regex.h"
#include "dcc_rt.h"
#include "stream_helpers.h"
#include "regex.h"

/* ---- a report of every violation, as text ------------------------------------------------- */

typedef struct {
    char *buf;
    size_t len, cap;
    bool full; /* with record, offset, message and excerpt */
} Report;

static void add(Report *r, const char *s)
{
    size_t n = strlen(s);
    if (r->len + n + 1 > r->cap) {
        r->cap = (r->len + n + 1) * 2;
        r->buf = realloc(r->buf, r->cap);
        assert_non_null(r->buf);
    }
    memcpy(r->buf + r->len, s, n + 1);
    r->len += n;
}

static void on_violation(void *ud, const dcc_violation *v)
{
    Report *r = ud;
    char line[1024];
    /* every excerpt and path must be valid, NUL-terminated text */
    assert_true(strlen(v->excerpt) <= 60);
    if (r->full)
        snprintf(line, sizeof line, "%llu@%llu %s %s: %s [%s]\n", (unsigned long long)v->record,
                 (unsigned long long)v->byte_offset, v->field_path, dcc_rule_code(v->rule), v->message,
                 v->excerpt);
    else
        snprintf(line, sizeof line, "%s%s%s\n", v->field_path, *v->field_path ? " " : "",
                 dcc_rule_code(v->rule));
    add(r, line);
}

/* Runs input through a new stream in chunks of `chunk` bytes (0: whole). Returns the report. */
static char *run(const dcc_validator *v, dcc_stream_opts o, const char *in, size_t n, size_t chunk,
                 bool full, dcc_stream_stats *st)
{
    Report r = {0};
    r.full = full;
    add(&r, "");
    if (!o.has_now) {
        o.has_now = true;
        o.now = 1790000000; /* 2026-09-21 */
    }
    dcc_stream *s = test_stream(v, o, on_violation, &r);
    if (chunk == 0)
        chunk = n ? n : 1;
    for (size_t i = 0; i < n; i += chunk)
        assert_int_equal(dcc_stream_feed(s, in + i, n - i < chunk ? n - i : chunk), 0);
    assert_int_equal(dcc_stream_finish(s), 0);
    assert_int_equal(dcc_stream_feed(s, "x", 1), DCC_EFINISHED);
    if (st)
        *st = test_stats(s);
    dcc_stream_free(s);
    return r.buf;
}

/* ---- the orders-like contract ---------------------------------------------------------------- */

static Arena *arena;
static const dcc_dfa *pat(const char *p)
{
    RegexError e;
    RegexDfa *d = regex_compile(arena, p, strlen(p), &e);
    assert_non_null(d);
    return regex_dfa_tables(arena, d);
}

static const char *const status_values[] = {"placed", "shipped"};
static const char *const code_values[] = {"A", "B"};
static dcc_field_desc line_fields[2];
static dcc_field_desc line_item, attr_value;
static dcc_field_desc fields[17];
static const size_t pk[] = {0};
static dcc_dataset_desc orders;

enum { F_ID, F_QTY, F_AMOUNT, F_CUR, F_STATUS, F_CREATED, F_PAID, F_ITEMS, F_EMAIL, F_DAY, F_AT,
       F_TZ, F_RATIO, F_BLOB, F_ATTRS, F_META, F_CODE };

static void setup_orders(void)
{
    arena = arena_new();
    line_fields[0] = (dcc_field_desc){.name = "sku", .kind = DCC_STRING, .max_length = 8};
    line_fields[1] = (dcc_field_desc){.name = "qty", .kind = DCC_INT32, .range_lo = "1", .range_hi = "999"};
    line_item = (dcc_field_desc){.kind = DCC_STRUCT, .fields = line_fields, .nfields = 2};
    attr_value = (dcc_field_desc){.kind = DCC_INT32};
    memset(fields, 0, sizeof fields);
    fields[F_ID] = (dcc_field_desc){.name = "order_id", .kind = DCC_UUID};
    fields[F_QTY] = (dcc_field_desc){.name = "qty", .kind = DCC_INT8, .range_lo = "1", .range_hi = "100"};
    fields[F_AMOUNT] = (dcc_field_desc){.name = "amount", .kind = DCC_DECIMAL, .precision = 8, .scale = 2,
                                        .range_lo = "0", .range_hi = "100000"};
    fields[F_CUR] = (dcc_field_desc){.name = "currency", .kind = DCC_STRING, .max_length = 3,
                                     .pattern = pat("^[A-Z]{3}$"), .pattern_text = "^[A-Z]{3}$",
                                     .default_value = "EUR"};
    fields[F_STATUS] = (dcc_field_desc){.name = "status", .kind = DCC_ENUM, .enum_values = status_values,
                                        .nenum_values = 2};
    fields[F_CREATED] = (dcc_field_desc){.name = "created_at", .kind = DCC_TIMESTAMP,
                                         .range_lo = "2020-01-01T00:00:00Z"};
    fields[F_PAID] = (dcc_field_desc){.name = "paid", .kind = DCC_BOOLEAN};
    fields[F_ITEMS] = (dcc_field_desc){.name = "items", .kind = DCC_LIST, .elem = &line_item,
                                       .has_length = true, .length_min = 1, .length_max = -1};
    fields[F_EMAIL] = (dcc_field_desc){.name = "email", .kind = DCC_STRING, .optional = true, .unique = true,
                                       .has_length = true, .length_min = 3, .length_max = -1};
    fields[F_DAY] = (dcc_field_desc){.name = "day", .kind = DCC_DATE, .optional = true};
    fields[F_AT] = (dcc_field_desc){.name = "at", .kind = DCC_TIME, .optional = true};
    fields[F_TZ] = (dcc_field_desc){.name = "tz", .kind = DCC_TIMESTAMPTZ, .optional = true};
    fields[F_RATIO] = (dcc_field_desc){.name = "ratio", .kind = DCC_FLOAT32, .optional = true};
    fields[F_BLOB] = (dcc_field_desc){.name = "blob", .kind = DCC_BYTES, .optional = true,
                                      .has_length = true, .length_min = -1, .length_max = 4};
    fields[F_ATTRS] = (dcc_field_desc){.name = "attrs", .kind = DCC_MAP, .optional = true, .elem = &attr_value,
                                       .has_length = true, .length_min = -1, .length_max = 2};
    fields[F_META] = (dcc_field_desc){.name = "meta", .kind = DCC_JSON, .optional = true};
    fields[F_CODE] = (dcc_field_desc){.name = "code", .kind = DCC_STRING, .optional = true,
                                      .values = code_values, .nvalues = 2};
    orders = (dcc_dataset_desc){.abi = DCC_ABI_TAG, .name = "orders", .fields = fields, .nfields = 17, .primary_key = pk,
                                .nprimary_key = 1};
}

static int group_setup(void **state)
{
    (void)state;
    setup_orders();
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    arena_free(arena);
    return 0;
}

static dcc_validator *orders_validator(void)
{
    char *err = NULL;
    dcc_validator *v = dcc_validator_new(&orders, &err);
    if (!v)
        fail_msg("validator: %s", err);
    return v;
}

/* A valid record with one member replaced (val NULL: removed; a new key: appended). */
static const char *const base_keys[] = {"order_id", "qty", "amount", "currency", "status", "created_at",
                                        "paid", "items"};
static const char *const base_vals[] = {"\"123e4567-e89b-12d3-a456-426614174000\"", "5", "12.50", "\"EUR\"",
                                        "\"placed\"", "\"2026-11-25T13:45:00Z\"", "true",
                                        "[{\"sku\":\"AB-1\",\"qty\":2}]"};

static char *record(const char *key, const char *val)
{
    static char buf[32768];
    size_t o = 0;
    bool done = false;
    o += (size_t)snprintf(buf + o, sizeof buf - o, "{");
    bool first = true;
    for (size_t i = 0; i < 8; i++) {
        const char *v = base_vals[i];
        if (key && strcmp(key, base_keys[i]) == 0) {
            done = true;
            if (!val)
                continue;
            v = val;
        }
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%s\"%s\":%s", first ? "" : ",", base_keys[i], v);
        first = false;
    }
    if (key && !done)
        o += (size_t)snprintf(buf + o, sizeof buf - o, ",\"%s\":%s", key, val);
    snprintf(buf + o, sizeof buf - o, "}");
    return buf;
}

static void expect(const dcc_validator *v, const char *line, const char *want)
{
    dcc_stream_opts o = DCC_STREAM_OPTS_INIT;
    char *got = run(v, o, line, strlen(line), 0, false, NULL);
    if (strcmp(got, want) != 0)
        fail_msg("record %s\n  want: [%s]\n  got:  [%s]", line, want, got);
    free(got);
}

/* ---- tests ---------------------------------------------------------------------------------- */

static void test_rule_table(void **state)
{
    (void)state;
    assert_int_equal(DCC_RULE_COUNT, 24);
    assert_string_equal(dcc_rule_code(DCC_RULE_MALFORMED), "DV001");
    assert_string_equal(dcc_rule_code(DCC_RULE_DEPTH), "DV019");
    assert_string_equal(dcc_rule_code(DCC_RULE_Q_UNIQUE), "DQ005");
    assert_string_equal(dcc_rule_summary(DCC_RULE_UTF8), "invalid UTF-8");
    assert_string_equal(dcc_rule_code(DCC_RULE_COUNT), "");
    assert_string_equal(dcc_rule_code((dcc_rule)-1), "");
    for (int i = 0; i < DCC_RULE_COUNT; i++)
        for (int j = 0; j < i; j++)
            assert_string_not_equal(dcc_rule_code((dcc_rule)i), dcc_rule_code((dcc_rule)j));
}

static void test_valid_record(void **state)
{
    (void)state;
    dcc_validator *v = orders_validator();
    expect(v, record(NULL, NULL), "");
    /* optional fields at their edges, all valid */
    expect(v, record("qty", "100"), "");
    expect(v, record("qty", "1"), "");
    expect(v, record("amount", "1.50e2"), "");
    expect(v, record("amount", "\"12.5\""), "");
    expect(v, record("amount", "99999.99"), "");
    expect(v, record("amount", "100000.00"), "");
    expect(v, record("amount", "0.10"), "");
    expect(v, record("currency", NULL), ""); /* has a default */
    expect(v, record("email", "\"a@b.c\""), "");
    expect(v, record("email", "null"), "");
    expect(v, record("day", "\"2024-02-29\""), "");
    expect(v, record("at", "\"13:45:00.123456789\""), "");
    expect(v, record("tz", "\"2026-11-25T13:45:00-05:30\""), "");
    expect(v, record("tz", "\"2026-11-25t13:45:00z\""), "");
    expect(v, record("created_at", "\"2026-11-25T13:45:00+00:00\""), "");
    expect(v, record("ratio", "3.4028234663852886e38"), "");
    expect(v, record("ratio", "-1e-50"), "");
    /* rounds to FLT_MAX, not to infinity; the next one rounds to infinity */
    expect(v, record("ratio", "340282356779733661637539395458142568447.9"), "");
    expect(v, record("ratio", "-340282356779733661637539395458142568448"), "ratio DV009\n");
    expect(v, record("blob", "\"AAECAw==\""), "");
    expect(v, record("blob", "\"\""), "");
    expect(v, record("attrs", "{\"a\":1,\"b\":-2}"), "");
    expect(v, record("meta", "{\"any\":[1,{\"x\":null},\"\\u00e9\\ud83d\\ude00\"],\"a\":{}}"), "");
    expect(v, record("code", "\"B\""), "");
    expect(v, record("order_id", "\"123E4567-E89B-12D3-A456-426614174000\""), "");
    expect(v, record("currency", "\"\\u0045UR\""), ""); /* escapes are decoded before the pattern */
    expect(v, record("\\u0063ode", "\"A\""), "");   /* and in member names */
    expect(v, record("\\u0063ode", "\"C\""), "code DV015\n");
    expect(v, "  {\"order_id\":\"123e4567-e89b-12d3-a456-426614174000\" , \"qty\" : 5,\"amount\":1,\"status\":\"shipped\","
              "\"created_at\":\"2026-01-01T00:00:00Z\",\"paid\":false,\"items\":[{\"qty\":1,\"sku\":\"\"}]}  ", "");
    dcc_validator_free(v);
}

static void test_each_rule(void **state)
{
    (void)state;
    dcc_validator *v = orders_validator();
    /* DV001 malformed */
    expect(v, "[1]", "DV001\n");
    expect(v, "{\"qty\":", "DV001\n");
    expect(v, "{\"qty\":5,\"qty\":6}", "DV001\n");
    expect(v, "{\"qty\":05}", "DV001\n");
    expect(v, "{\"qty\":5} {}", "DV001\n");
    expect(v, "{\"qty\":tru}", "DV001\n");
    expect(v, "{\"a\":\"x\ty\"}", "DV001\n");
    expect(v, "{\"a\":\"\\x\"}", "DV001\n");
    /* DV002 invalid UTF-8, lone surrogates */
    expect(v, record("email", "\"a\xff@b\""), "DV002\n");
    expect(v, record("email", "\"\xed\xa0\x80@b\""), "DV002\n");
    expect(v, record("email", "\"\xc0\xaf@b\""), "DV002\n");
    expect(v, record("email", "\"\\ud800@b\""), "DV002\n");
    expect(v, record("email", "\"\\udc00\\ud800\""), "DV002\n");
    /* DV003 unknown field, top level and nested */
    expect(v, record("bogus", "1"), "bogus DV003\n");
    expect(v, record("items", "[{\"sku\":\"A\",\"qty\":1,\"x\":[1]}]"), "items[0].x DV003\n");
    /* DV004 missing */
    expect(v, record("qty", NULL), "qty DV004\n");
    expect(v, record("items", "[{\"sku\":\"A\"},{\"qty\":1}]"), "items[0].qty DV004\nitems[1].sku DV004\n");
    /* DV005 null */
    expect(v, record("qty", "null"), "qty DV005\n");
    expect(v, record("items", "[null]"), "items[0] DV005\n");
    /* DV006 type, without cascades into range or contents */
    expect(v, record("qty", "\"5\""), "qty DV006\n");
    expect(v, record("qty", "1.5"), "qty DV006\n");
    expect(v, record("qty", "1e2"), "qty DV006\n");
    expect(v, record("paid", "1"), "paid DV006\n");
    expect(v, record("items", "{\"sku\":1}"), "items DV006\n");
    expect(v, record("items", "[{\"sku\":\"A\",\"qty\":1},7]"), "items[1] DV006\n");
    expect(v, record("attrs", "{\"a\":1,\"b\":\"x\"}"), "attrs.b DV006\n");
    expect(v, record("amount", "\"12,5\""), "amount DV006\n");
    expect(v, record("created_at", "20260101"), "created_at DV006\n");
    /* DV007 integer width */
    expect(v, record("qty", "128"), "qty DV007\n");
    expect(v, record("qty", "-129"), "qty DV007\n");
    expect(v, record("qty", "99999999999999999999999"), "qty DV007\n");
    /* DV008 decimal */
    expect(v, record("amount", "1234567"), "amount DV008\n");
    expect(v, record("amount", "12.505"), "amount DV008\n");
    expect(v, record("amount", "1e6"), "amount DV008\n");
    /* DV009 float */
    expect(v, record("ratio", "3.5e38"), "ratio DV009\n");
    expect(v, record("ratio", "-1e400"), "ratio DV009\n");
    /* DV010 temporal */
    expect(v, record("created_at", "\"2026-02-29T00:00:00Z\""), "created_at DV010\n");
    expect(v, record("created_at", "\"2026-11-25T13:45:00+01:00\""), "created_at DV010\n");
    expect(v, record("created_at", "\"2026-11-25T13:45:00-00:00\""), "created_at DV010\n");
    expect(v, record("created_at", "\"2026-11-25 13:45:00Z\""), "created_at DV010\n");
    expect(v, record("tz", "\"2026-11-25T13:45:00\""), "tz DV010\n");
    expect(v, record("tz", "\"2026-11-25T13:45:00+24:00\""), "tz DV010\n");
    expect(v, record("at", "\"23:59:60\""), "at DV010\n");
    expect(v, record("at", "\"13:45:00Z\""), "at DV010\n");
    expect(v, record("at", "\"13:45:00.1234567890\""), "at DV010\n");
    /* DV011 uuid */
    expect(v, record("order_id", "\"123e4567-e89b-12d3-a456-42661417400\""), "order_id DV011\n");
    expect(v, record("order_id", "\"123e4567Xe89b-12d3-a456-426614174000\""), "order_id DV011\n");
    /* DV012 bytes */
    expect(v, record("blob", "\"AAE\""), "blob DV012\n");
    expect(v, record("blob", "\"AA=E\""), "blob DV012\n");
    /* DV013 length: characters, bytes, items, entries */
    expect(v, record("currency", "\"EURO\""), "currency DV013\ncurrency DV014\n");
    expect(v, record("email", "\"ab\""), "email DV013\n");
    expect(v, record("email", "\"\xc3\xa9\xc3\xa9\xc3\xa9\""), ""); /* 3 characters, 6 bytes */
    expect(v, record("blob", "\"AAAAAAAA\""), "blob DV013\n");
    expect(v, record("items", "[]"), "items DV013\n");
    expect(v, record("attrs", "{\"a\":1,\"b\":2,\"c\":3}"), "attrs DV013\n");
    expect(v, record("items", "[{\"sku\":\"ABCDEFGHI\",\"qty\":1}]"), "items[0].sku DV013\n");
    /* DV014 pattern */
    expect(v, record("currency", "\"eur\""), "currency DV014\n");
    /* DV015 values and enumerations */
    expect(v, record("status", "\"lost\""), "status DV015\n");
    expect(v, record("code", "\"C\""), "code DV015\n");
    /* DV016 range */
    expect(v, record("qty", "0"), "qty DV016\n");
    expect(v, record("amount", "-0.01"), "amount DV016\n");
    expect(v, record("amount", "100000.01"), "amount DV016\n");
    expect(v, record("created_at", "\"2019-12-31T23:59:59Z\""), "created_at DV016\n");
    expect(v, record("created_at", "\"2020-01-01T00:30:00+00:00\""), "");
    expect(v, record("items", "[{\"sku\":\"A\",\"qty\":1000}]"), "items[0].qty DV016\n");
    /* DV019 depth */
    {
        char deep[600];
        size_t o = 0;
        o += (size_t)sprintf(deep + o, "%s", "{\"meta\":");
        for (int i = 0; i < 64; i++)
            deep[o++] = '[';
        for (int i = 0; i < 64; i++)
            deep[o++] = ']';
        deep[o++] = '}';
        deep[o] = 0;
        expect(v, deep, "DV019\n");
        /* 63 levels inside the record (64 in all) are fine, but the record lacks fields */
        memmove(deep + 9, deep + 10, strlen(deep + 10) + 1);
        memmove(deep + 9 + 63, deep + 9 + 64, strlen(deep + 9 + 64) + 1);
        expect(v, deep, "order_id DV004\nqty DV004\namount DV004\nstatus DV004\ncreated_at DV004\npaid DV004\nitems DV004\n");
    }
    /* several violations in one record, in document order */
    expect(v, "{\"order_id\":\"x\",\"qty\":0,\"amount\":1,\"status\":\"lost\",\"created_at\":\"2026-01-01T00:00:00Z\","
              "\"paid\":null,\"items\":[],\"zz\":1}",
           "order_id DV011\nqty DV016\nstatus DV015\npaid DV005\nitems DV013\nzz DV003\n");
    dcc_validator_free(v);
}

static void test_keys(void **state)
{
    (void)state;
    dcc_validator *v = orders_validator();
    char in[8192];
    size_t o = 0;
    o += (size_t)sprintf(in + o, "%s\n", record("email", "\"a@b.c\""));
    o += (size_t)sprintf(in + o, "%s\n", record("email", "\"x@y.z\""));  /* same order_id: DV017 */
    o += (size_t)sprintf(in + o, "%s\n", record("order_id", "\"00000000-0000-0000-0000-000000000001\""));
    o += (size_t)sprintf(in + o, "%s\n", record("order_id", "\"00000000-0000-0000-0000-00000000000A\""));
    o += (size_t)sprintf(in + o, "%s\n", record("order_id", "\"00000000-0000-0000-0000-00000000000a\"")); /* same uuid */
    dcc_stream_opts opts = DCC_STREAM_OPTS_INIT;
    dcc_stream_stats st;
    char *got = run(v, opts, in, o, 0, false, &st);
    assert_string_equal(got, "order_id DV017\norder_id DV017\n");
    free(got);
    assert_int_equal(st.records, 5);
    assert_int_equal(st.valid, 3);
    /* unique email, escapes decoded before comparing; nulls never collide */
    o = 0;
    o += (size_t)sprintf(in + o, "%s\n", record("order_id", "\"00000000-0000-0000-0000-000000000001\""));
    in[o - 2] = 0;
    o = strlen(in);
    o += (size_t)sprintf(in + o, ",\"email\":\"a@b.c\"}\n");
    const char *r2 = "{\"order_id\":\"00000000-0000-0000-0000-000000000002\",\"qty\":5,\"amount\":1,\"status\":\"placed\","
                     "\"created_at\":\"2026-11-25T13:45:00Z\",\"paid\":true,\"items\":[{\"sku\":\"A\",\"qty\":1}],"
                     "\"email\":\"\\u0061@b.c\"}\n";
    const char *r3 = "{\"order_id\":\"00000000-0000-0000-0000-000000000003\",\"qty\":5,\"amount\":1,\"status\":\"placed\","
                     "\"created_at\":\"2026-11-25T13:45:00Z\",\"paid\":true,\"items\":[{\"sku\":\"A\",\"qty\":1}],"
                     "\"email\":null}\n";
    const char *r4 = "{\"order_id\":\"00000000-0000-0000-0000-000000000004\",\"qty\":5,\"amount\":1,\"status\":\"placed\","
                     "\"created_at\":\"2026-11-25T13:45:00Z\",\"paid\":true,\"items\":[{\"sku\":\"A\",\"qty\":1}],"
                     "\"email\":null}\n";
    o += (size_t)sprintf(in + o, "%s%s%s", r2, r3, r4);
    got = run(v, opts, in, o, 0, false, NULL);
    assert_string_equal(got, "email DV018\n");
    free(got);
    dcc_validator_free(v);

    /* composite key on a decimal: 1.50 and 1.5 are the same value */
    static const dcc_field_desc kf[] = {{.name = "a", .kind = DCC_DECIMAL, .precision = 5, .scale = 2},
                                        {.name = "b", .kind = DCC_TIMESTAMPTZ}};
    static const size_t kk[] = {0, 1};
    static const dcc_key_desc uk[] = {{.fields = kk, .nfields = 2}};
    dcc_dataset_desc kd = {.abi = DCC_ABI_TAG, .name = "k", .fields = kf, .nfields = 2, .unique_keys = uk, .nunique_keys = 1};
    dcc_validator *v2 = dcc_validator_new(&kd, NULL);
    assert_non_null(v2);
    const char *kin = "{\"a\":1.50,\"b\":\"2026-01-01T01:00:00+01:00\"}\n"
                      "{\"a\":1.5,\"b\":\"2026-01-01T00:00:00Z\"}\n"
                      "{\"a\":1.51,\"b\":\"2026-01-01T00:00:00Z\"}\n";
    got = run(v2, opts, kin, strlen(kin), 0, true, NULL);
    assert_string_equal(got, "2@43 a,b DV018: unique key (a,b) already seen at line 1 [1.5]\n");
    free(got);
    dcc_validator_free(v2);
}

/* dcc_stream_expect only sizes the key sets: with no hint, the right one, one far too small or
 * far too large, and given midway, 20,000 records (past the point where sets are sized) with a
 * duplicate key every 997th give the same report. */
static void test_size_hint(void **state)
{
    (void)state;
    static const dcc_field_desc kf[] = {{.name = "id", .kind = DCC_INT64}, {.name = "u", .kind = DCC_STRING}};
    static const size_t kk[] = {0}, ku[] = {1};
    static const dcc_key_desc uk[] = {{.fields = ku, .nfields = 1}};
    dcc_dataset_desc kd = {.abi = DCC_ABI_TAG, .name = "k", .fields = kf, .nfields = 2, .primary_key = kk, .nprimary_key = 1,
                           .unique_keys = uk, .nunique_keys = 1};
    dcc_validator *v = dcc_validator_new(&kd, NULL);
    assert_non_null(v);
    enum { N = 20000 };
    size_t cap = (size_t)N * 40, n = 0;
    char *in = malloc(cap);
    assert_non_null(in);
    for (int i = 0; i < N; i++)
        n += (size_t)snprintf(in + n, cap - n, "{\"id\":%d,\"u\":\"u%d\"}\n", i % 997 == 996 ? i - 500 : i,
                              i % 1999 == 1998 ? i - 700 : i);
    const uint64_t hints[] = {0, n, 1, (uint64_t)1 << 40, n / 2};
    char *want = NULL;
    for (size_t h = 0; h < sizeof hints / sizeof hints[0]; h++) {
        Report r = {0};
        r.full = true;
        add(&r, "");
        dcc_stream *s = test_stream(v, (dcc_stream_opts){0}, on_violation, &r);
        size_t half = h == 4 ? n / 2 : 0; /* the last one is given after half the input */
        assert_int_equal(dcc_stream_feed(s, in, half), 0);
        dcc_stream_expect(s, hints[h]);
        assert_int_equal(dcc_stream_feed(s, in + half, n - half), 0);
        assert_int_equal(dcc_stream_finish(s), 0);
        dcc_stream_free(s);
        if (!want) {
            want = r.buf;
            /* 20 duplicate ids and 10 duplicate u values */
            size_t pkd = 0, ud = 0;
            for (const char *q = want; (q = strstr(q, " DV01")); q++)
                pkd += q[5] == '7', ud += q[5] == '8';
            assert_int_equal(pkd, N / 997);
            assert_int_equal(ud, N / 1999);
        } else {
            assert_string_equal(r.buf, want);
            free(r.buf);
        }
    }
    free(want);
    free(in);
    dcc_validator_free(v);
}

/* The same input in any chunking gives the same violations, records and offsets. */
static void test_chunking(void **state)
{
    (void)state;
    dcc_validator *v = orders_validator();
    char *in = malloc(1 << 16);
    size_t o = 0;
    o += (size_t)sprintf(in + o, "\xEF\xBB\xBF%s\r\n", record(NULL, NULL));
    o += (size_t)sprintf(in + o, "\n   \n");
    o += (size_t)sprintf(in + o, "%s\n", record("qty", "300"));
    o += (size_t)sprintf(in + o, "%s\r", record("items", "[{\"sku\":\"A\",\"qty\":0},{\"sku\":\"\\u00e9\\\"\"}]"));
    o += (size_t)sprintf(in + o, "%s\n", "{\"broken\":");
    o += (size_t)sprintf(in + o, "%s\n", record("email", "\"\xe2\x82\xac\xf0\x9f\x98\x80 x\""));
    o += (size_t)sprintf(in + o, "%s\n", record("email", "\"\xe2\x82\""));
    o += (size_t)sprintf(in + o, "%s\r\n", record("order_id", "\"00000000-0000-0000-0000-000000000001\""));
    /* Whole, a line is read where it starts and its end found by the reading (jsonl_record_at);
     * in small chunks never: the edges of the first way must agree with the second. */
    o += (size_t)sprintf(in + o, "%s \t \n", record("order_id", "\"00000000-0000-0000-0000-000000000002\""));
    o += (size_t)sprintf(in + o, "%s x\n", record("order_id", "\"00000000-0000-0000-0000-000000000003\""));
    o += (size_t)sprintf(in + o, "%s%s\n", record("order_id", "\"00000000-0000-0000-0000-000000000004\""),
                         record("order_id", "\"00000000-0000-0000-0000-000000000005\""));
    { /* a valid record broken after its first member: two broken lines, not one record */
        const char *r = record("order_id", "\"00000000-0000-0000-0000-000000000006\"");
        const char *comma = strchr(r, ',');
        o += (size_t)sprintf(in + o, "%.*s\n%s\n", (int)(comma + 1 - r), r, comma + 1);
    }
    o += (size_t)sprintf(in + o, "{\"order_id\":\"00000000-0000-0000-0000-000000000007\",\r\"qty\":5}\n");
    o += (size_t)sprintf(in + o, "{\"order_id\":\"00000000-0000-0000-0000-000000000008\",\t\"qty\": 5 ,\"x\":1}\n");
    o += (size_t)sprintf(in + o, "%s", record("order_id", "\"00000000-0000-0000-0000-000000000001\"")); /* no final newline */
    dcc_stream_opts opts = DCC_STREAM_OPTS_INIT;
    char *whole = run(v, opts, in, o, 0, true, NULL);
    /* a sanity check that the reference is interesting */
    assert_non_null(strstr(whole, "DV007"));
    assert_non_null(strstr(whole, "DV017"));
    assert_non_null(strstr(whole, "DV002"));
    assert_non_null(strstr(whole, "items[0].qty DV016"));
    assert_non_null(strstr(whole, "items[1].qty DV004"));
    assert_non_null(strstr(whole, "3@"));
    assert_non_null(strstr(whole, "unexpected text after the value"));
    assert_non_null(strstr(whole, "order_id DV017"));
    const size_t sizes[] = {1, 2, 3, 7, 4096};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        char *got = run(v, opts, in, o, sizes[i], true, NULL);
        if (strcmp(got, whole) != 0)
            fail_msg("chunk %zu:\n%s\nvs whole:\n%s", sizes[i], got, whole);
        free(got);
    }
    /* the same for CSV, quoted newlines crossing chunks */
    dcc_stream_opts copts = {.format = DCC_FORMAT_CSV};
    const char *csv = "\xEF\xBB\xBF" "order_id,qty,amount,status,created_at,paid,items,email\r\n"
                      "123e4567-e89b-12d3-a456-426614174000,5,1.5,placed,2026-01-01T00:00:00Z,true,\"[{\"\"sku\"\":\"\"a\"\",\"\"qty\"\":1}]\",\"a\r\nb\"\r\n"
                      "123e4567-e89b-12d3-a456-426614174001,500,1.5,placed,2026-01-01T00:00:00Z,true,\"[{\"\"sku\"\":1}]\",\"\"\"q\"\"\"\n"
                      "123e4567-e89b-12d3-a456-426614174002,5,1.5,placed,2026-01-01T00:00:00Z,true,\"[{\"\"sku\"\":\"\"a\"\",\"\"qty\"\":1}]\",\"a\"b\"\n"
                      "123e4567-e89b-12d3-a456-426614174002,5,1.5,placed,2026-01-01T00:00:00Z,true,\"[{\"\"sku\"\":\"\"a\"\",\"\"qty\"\":1}]\",\"unterminated";
    char *cwhole = run(v, copts, csv, strlen(csv), 0, true, NULL);
    assert_non_null(strstr(cwhole, "2@"));
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        char *got = run(v, copts, csv, strlen(csv), sizes[i], true, NULL);
        if (strcmp(got, cwhole) != 0)
            fail_msg("csv chunk %zu:\n%s\nvs whole:\n%s", sizes[i], got, cwhole);
        free(got);
    }
    free(cwhole);
    free(whole);
    free(in);
    dcc_validator_free(v);
}

static void test_hostile(void **state)
{
    (void)state;
    dcc_validator *v = orders_validator();
    dcc_stream_opts opts = DCC_STREAM_OPTS_INIT;
    dcc_stream_stats st;
    char *got;
    /* empty input, only blank lines, only a BOM */
    got = run(v, opts, "", 0, 0, false, &st);
    assert_string_equal(got, "");
    assert_int_equal(st.records, 0);
    free(got);
    got = run(v, opts, "\n\r\n \t\n\xEF\xBB\xBF", 9, 1, false, &st);
    assert_string_equal(got, "DV001\n"); /* a BOM that is not at the start is text */
    free(got);
    got = run(v, opts, "\xEF\xBB\xBF", 3, 1, false, &st);
    assert_string_equal(got, "");
    assert_int_equal(st.records, 0);
    free(got);
    /* 100,000 levels of '[' and of '{"a":' */
    size_t n = 100000;
    char *deep = malloc(n * 5 + 16);
    strcpy(deep, "{\"meta\":");
    memset(deep + 8, '[', n);
    deep[8 + n] = '\n';
    got = run(v, opts, deep, 8 + n + 1, 0, false, NULL);
    assert_string_equal(got, "DV019\n");
    free(got);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        memcpy(deep + o, "{\"a\":", 5);
        o += 5;
    }
    got = run(v, opts, deep, o, 4096, false, NULL);
    assert_string_equal(got, "DV019\n");
    free(got);
    free(deep);
    /* a 10 MB string in an unconstrained field, and in a bounded one */
    size_t big = 10u << 20;
    char *s = malloc(big + 512);
    const char *rec = record("email", "\"@\"");
    size_t rl = strlen(rec);
    const char *at = strstr(rec, "\"@\"");
    size_t pre = (size_t)(at - rec) + 1;
    memcpy(s, rec, pre);
    memset(s + pre, 'x', big);
    memcpy(s + pre + big, rec + pre, rl - pre);
    s[pre + big + rl - pre] = '\n';
    got = run(v, opts, s, pre + big + rl - pre + 1, 65536, false, &st);
    assert_string_equal(got, "");
    assert_int_equal(st.valid, 1);
    free(got);
    /* over max_record_bytes: one DV001, and the next record is fine */
    dcc_stream_opts small = {.max_record_bytes = 1 << 20};
    memcpy(s + big + rl + 1, record(NULL, NULL), strlen(record(NULL, NULL)));
    size_t total = big + rl + 1 + strlen(record(NULL, NULL));
    got = run(v, small, s, total, 7777, true, &st);
    assert_string_equal(got, "1@0  DV001: record longer than 1048576 bytes [{\"order_id\":\"123e4567-e89b-12d3-a456-426...]\n");
    assert_int_equal(st.records, 2);
    assert_int_equal(st.valid, 1);
    free(got);
    free(s);
    /* a number of 10,000 digits: in an int8, a decimal and a float */
    char *num = malloc(10050);
    memset(num, '9', 10000);
    num[10000] = 0;
    got = run(v, opts, record("qty", num), strlen(record("qty", num)), 0, false, NULL);
    assert_string_equal(got, "qty DV007\n");
    free(got);
    expect(v, record("amount", num), "amount DV008\n");
    expect(v, record("ratio", num), "ratio DV009\n");
    num[0] = '0';
    num[1] = '.';
    expect(v, record("ratio", num), "");
    memcpy(num, "1e", 2);
    memset(num + 2, '9', 9998);
    expect(v, record("ratio", num), "ratio DV009\n");
    num[1] = 'E';
    num[2] = '-';
    expect(v, record("ratio", num), ""); /* underflows to zero: finite */
    free(num);
    /* NUL bytes: in a string raw (control character) and escaped (a character) */
    static const char nul1[] = "{\"email\":\"a\0b\"}\n";
    got = run(v, opts, nul1, sizeof nul1 - 1, 1, false, NULL);
    assert_string_equal(got, "DV001\n");
    free(got);
    static const char nul2[] = "\0\n";
    got = run(v, opts, nul2, sizeof nul2 - 1, 0, false, NULL);
    assert_string_equal(got, "DV001\n");
    free(got);
    expect(v, record("email", "\"a\\u0000b\""), "");
    /* invalid UTF-8 outside strings; truncated records at every length */
    expect(v, "{\xff}", "DV002\n");
    const char *full = record("items", "[{\"sku\":\"A\\u00e9\",\"qty\":1}]");
    char trunc[1024];
    for (size_t k = 1; k < strlen(full); k++) {
        memcpy(trunc, full, k);
        got = run(v, opts, trunc, k, 0, false, NULL);
        if (strcmp(got, "DV001\n") != 0)
            fail_msg("truncated at %zu: %s", k, got);
        free(got);
    }
    /* excerpts are escaped and valid UTF-8 */
    {
        const char *cc = "{\"email\":\"\\u0001\x01\"}";
        got = run(v, opts, cc, strlen(cc), 0, true, NULL);
    }
    assert_string_equal(got, "1@0  DV001: control character 0x01 in a string (use an escape) [\\x01\"}]\n");
    free(got);
    dcc_validator_free(v);
}

static void test_calendar(void **state)
{
    (void)state;
    static const dcc_field_desc f[] = {{.name = "d", .kind = DCC_DATE}};
    dcc_dataset_desc ds = {.abi = DCC_ABI_TAG, .name = "c", .fields = f, .nfields = 1};
    dcc_validator *v = dcc_validator_new(&ds, NULL);
    assert_non_null(v);
    static const struct {
        const char *date;
        bool ok;
    } cases[] = {{"2024-02-29", true},  {"2023-02-29", false}, {"2000-02-29", true},  {"1900-02-29", false},
                 {"2026-04-31", false}, {"2026-04-30", true},  {"2026-12-31", true},  {"2026-13-01", false},
                 {"2026-00-10", false}, {"2026-01-00", false}, {"0000-01-01", true},  {"9999-12-31", true},
                 {"2026-1-01", false},  {"2026-01-01T", false}, {"26-01-01", false}, {"2026/01/01", false}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char line[64];
        snprintf(line, sizeof line, "{\"d\":\"%s\"}", cases[i].date);
        expect(v, line, cases[i].ok ? "" : "d DV010\n");
    }
    dcc_validator_free(v);
}

static void test_csv(void **state)
{
    (void)state;
    static const dcc_field_desc tag = {.kind = DCC_INT8};
    static const dcc_field_desc f[] = {
        {.name = "id", .kind = DCC_INT32},
        {.name = "name", .kind = DCC_STRING, .optional = true, .max_length = 5},
        {.name = "ok", .kind = DCC_BOOLEAN, .optional = true},
        {.name = "tags", .kind = DCC_LIST, .optional = true, .elem = &tag},
        {.name = "note", .kind = DCC_STRING, .default_value = ""},
    };
    dcc_dataset_desc ds = {.abi = DCC_ABI_TAG, .name = "c", .fields = f, .nfields = 5};
    dcc_validator *v = dcc_validator_new(&ds, NULL);
    assert_non_null(v);
    dcc_stream_opts o = {.format = DCC_FORMAT_CSV};
    char *got;
    const char *in = "id,name,ok,tags,extra\r\n"
                     "1,bob,true,\"[1,2]\",\n"         /* valid; empty unknown cell is fine */
                     "2,\"a,\"\"b\"\"\",false,,\n"   /* quoted delimiter and quotes: 5 chars */
                     "3,,,\"[1,300]\",x\n"           /* DV007 in a JSON cell, DV003 for extra */
                     "4,\"line1\nl2\",TRUE,\"[1,\",\n" /* embedded newline; bad boolean; bad JSON */
                     "x,\"\",,\"{}\",\n"               /* not an int; quoted empty string; wrong JSON type */
                     "5,a\n"                          /* too few cells */
                     "6,a,true,,,7\n"                 /* too many */
                     "7,a\"b,true,,\n"                /* quote in an unquoted cell */
                     "8,\"a\"b,true,,\n"              /* text after the closing quote */
                     "9,\"abcdef\",,,\n"              /* too long */
                     "\n"                             /* blank line: skipped */
                     ",ab,,,";                         /* null id, no final newline */
    got = run(v, o, in, strlen(in), 0, false, NULL);
    assert_string_equal(got, "tags[1] DV007\nextra DV003\nname DV013\nok DV006\ntags DV001\nid DV006\ntags DV006\n"
                             "DV001\nDV001\nDV001\nDV001\nname DV013\nid DV005\n"
                             "note DV004\n"); /* at finish: no header had the defaulted column */
    free(got);
    /* record numbers and offsets count data rows */
    got = run(v, o, "id\n1\nx\n", 7, 1, true, NULL);
    assert_string_equal(got, "2@5 id DV006: not a valid int32 [x]\n"
                             "0@0 name DV004: declared column absent from the header of every input []\n"
                             "0@0 ok DV004: declared column absent from the header of every input []\n"
                             "0@0 tags DV004: declared column absent from the header of every input []\n"
                             "0@0 note DV004: declared column absent from the header of every input []\n");
    free(got);
    /* missing required column: DV004 in every row; duplicate column reported once */
    got = run(v, o, "name,name\na,b\nc,d\n", 18, 0, true, NULL);
    assert_string_equal(got, "0@0 name DV001: column named twice in the header; the later one is ignored [name]\n"
                             "1@10 id DV004: required field absent (no column) []\n"
                             "2@14 id DV004: required field absent (no column) []\n"
                             "0@0 ok DV004: declared column absent from the header of every input []\n"
                             "0@0 tags DV004: declared column absent from the header of every input []\n"
                             "0@0 note DV004: declared column absent from the header of every input []\n");
    free(got);
    /* no header, another delimiter */
    dcc_stream_opts o2 = {.format = DCC_FORMAT_CSV, .csv_delimiter = ';', .csv_no_header = true};
    got = run(v, o2, "1;\"x;y\";true;[1];n\n2;a,b;false;;\n", 33, 3, false, NULL);
    assert_string_equal(got, "");
    free(got);
    /* invalid UTF-8 in a row */
    got = run(v, o, "id,name\n1,\xc3\n", 12, 0, false, NULL);
    assert_string_equal(got, "DV002\nok DV004\ntags DV004\nnote DV004\n");
    free(got);
    dcc_validator_free(v);
}

/* A CSV number is read up to the row's end a word at a time and taken only where its cell ends:
 * with a delimiter that can be part of a number, the cells are still told apart. */
static void test_csv_number_delimiters(void **state)
{
    (void)state;
    static const dcc_field_desc f[] = {{.name = "a", .kind = DCC_INT32},
                                       {.name = "b", .kind = DCC_DECIMAL, .precision = 6, .scale = 2},
                                       {.name = "c", .kind = DCC_INT64}};
    dcc_dataset_desc ds = {.abi = DCC_ABI_TAG, .name = "n", .fields = f, .nfields = 3};
    dcc_validator *v = dcc_validator_new(&ds, NULL);
    assert_non_null(v);
    static const struct {
        char delim;
        const char *in, *want;
    } cases[] = {
        /* the first row valid, the second with one finding */
        {'-', "a-b-c\n5-12.50-7\n5x-1-2\n", "a DV006\n"},
        {'e', "aebec\n5e12.5e7\n55e1e2.5\n", "c DV006\n"},
        {'+', "a+b+c\n5+12.5+7\n5+1.234+2\n", "b DV008\n"},
        {'.', "a.b.c\n5.12.7\n5.1.2x\n", "c DV006\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dcc_stream_opts o = {.format = DCC_FORMAT_CSV, .csv_delimiter = cases[i].delim};
        char *whole = run(v, o, cases[i].in, strlen(cases[i].in), 0, false, NULL);
        char *bytes = run(v, o, cases[i].in, strlen(cases[i].in), 1, false, NULL);
        assert_string_equal(whole, bytes);
        if (strcmp(whole, cases[i].want) != 0)
            fail_msg("delimiter '%c': got\n%s", cases[i].delim, whole);
        free(bytes);
        free(whole);
    }
    dcc_validator_free(v);
}

static void test_quality(void **state)
{
    (void)state;
    static const dcc_field_desc f[] = {
        {.name = "id", .kind = DCC_INT32},
        {.name = "email", .kind = DCC_STRING, .optional = true},
        {.name = "cur", .kind = DCC_STRING, .optional = true, .max_length = 3},
        {.name = "at", .kind = DCC_TIMESTAMP},
    };
    static const size_t f_email[] = {1}, f_cur[] = {2}, f_at[] = {3}, f_id[] = {0};
    static const dcc_quality_desc q[] = {
        {.kind = DCC_Q_ROW_COUNT, .op = DCC_OP_GE, .threshold = "10"},
        {.kind = DCC_Q_NULL_RATE, .op = DCC_OP_LT, .threshold = "1", .unit = "%", .fields = f_email, .nfields = 1},
        {.kind = DCC_Q_VALID_RATE, .op = DCC_OP_GE, .threshold = "99.5", .unit = "%", .fields = f_cur, .nfields = 1},
        {.kind = DCC_Q_FRESHNESS, .op = DCC_OP_LT, .threshold = "2", .unit = "h", .fields = f_at, .nfields = 1},
        {.kind = DCC_Q_UNIQUE, .fields = f_id, .nfields = 1},
    };
    dcc_dataset_desc ds = {.abi = DCC_ABI_TAG, .name = "q", .fields = f, .nfields = 4, .quality = q, .nquality = 5};
    dcc_validator *v = dcc_validator_new(&ds, NULL);
    assert_non_null(v);
    const char *in = "{\"id\":1,\"email\":\"a\",\"cur\":\"EUR\",\"at\":\"2026-09-21T10:00:00Z\"}\n"
                     "{\"id\":1,\"cur\":\"EURO\",\"at\":\"2026-09-21T11:00:00Z\"}\n"
                     "{\"id\":2,\"email\":null,\"at\":\"2026-09-21T09:00:00Z\"}\n";
    dcc_stream_opts o = {.has_now = true, .now = 1789992000}; /* 2026-09-21T12:00:00Z */
    char *got = run(v, o, in, strlen(in), 0, true, NULL);
    assert_string_equal(got, "2@61 cur DV013: 4 characters, more than the maximum 3 [EURO]\n"
                             "0@0  DQ001: row_count is 3, expected >= 10 []\n"
                             "0@0 email DQ002: null_rate is 66.66% (2 of 3 records), expected < 1% []\n"
                             "0@0 cur DQ003: valid_rate is 66.666% (2 of 3 records), expected >= 99.5% []\n"
                             "0@0 id DQ005: 1 record repeats the values of (id) of an earlier record []\n");
    free(got);
    o.now = 1789992000 + 7200; /* two hours after the newest value: not fresh */
    o.skip_quality = false;
    got = run(v, o, in, strlen(in), 0, false, NULL);
    assert_non_null(strstr(got, "at DQ004"));
    free(got);
    o.skip_quality = true;
    got = run(v, o, in, strlen(in), 0, false, NULL);
    assert_string_equal(got, "cur DV013\n");
    free(got);
    /* no records: rates vacuous, freshness fails */
    o.skip_quality = false;
    got = run(v, o, "", 0, 0, false, NULL);
    assert_string_equal(got, "DQ001\nat DQ004\n");
    free(got);
    dcc_validator_free(v);
}

/* The struct binding: the generated record type and its descriptor. */
typedef struct {
    int32_t qty;
    dcc_str sku;
} LineItem;
typedef struct {
    dcc_str id;
    int8_t qty;
    bool has_ratio;
    float ratio;
    dcc_str amount;
    dcc_list items;
    bool has_when;
    dcc_str when;
} Order;

static void test_struct(void **state)
{
    (void)state;
    static const dcc_field_desc lf[] = {
        {.name = "qty", .kind = DCC_INT32, .range_lo = "1", .c_offset = offsetof(LineItem, qty)},
        {.name = "sku", .kind = DCC_STRING, .max_length = 3, .c_offset = offsetof(LineItem, sku)},
    };
    static const dcc_field_desc li = {.kind = DCC_STRUCT, .fields = lf, .nfields = 2, .c_size = sizeof(LineItem)};
    static const dcc_field_desc f[] = {
        {.name = "id", .kind = DCC_UUID, .c_offset = offsetof(Order, id)},
        {.name = "qty", .kind = DCC_INT8, .range_lo = "1", .c_offset = offsetof(Order, qty)},
        {.name = "ratio", .kind = DCC_FLOAT32, .optional = true, .range_hi = "1", .c_offset = offsetof(Order, ratio),
         .c_has_offset = offsetof(Order, has_ratio)},
        {.name = "amount", .kind = DCC_DECIMAL, .precision = 4, .scale = 2, .c_offset = offsetof(Order, amount)},
        {.name = "items", .kind = DCC_LIST, .elem = &li, .has_length = true, .length_min = 1, .length_max = -1,
         .c_offset = offsetof(Order, items)},
        {.name = "when", .kind = DCC_DATE, .optional = true, .c_offset = offsetof(Order, when),
         .c_has_offset = offsetof(Order, has_when)},
    };
    static const size_t pkf[] = {0};
    dcc_dataset_desc ds = {.abi = DCC_ABI_TAG, .name = "o", .fields = f, .nfields = 6, .primary_key = pkf, .nprimary_key = 1,
                           .c_size = sizeof(Order)};
    dcc_validator *v = dcc_validator_new(&ds, NULL);
    assert_non_null(v);
    Report r = {0};
    add(&r, "");
    dcc_stream *s = test_stream(v, (dcc_stream_opts){0}, on_violation, &r);
    LineItem items[2] = {{2, {"abc", 3}}, {0, {"abcd", 4}}};
    Order ok = {{"123e4567-e89b-12d3-a456-426614174000", 36}, 5, true, 0.5f, {"12.34", 5}, {items, 1}, false, {0}};
    assert_int_equal(dcc_validate_struct(s, &ok), 0);
    Order bad = ok;
    bad.qty = 0;
    bad.ratio = 2.0f;
    bad.amount = (dcc_str){"123.4", 5};
    bad.items = (dcc_list){items, 2};
    bad.has_when = true;
    bad.when = (dcc_str){"2023-02-29", 10};
    assert_int_equal(dcc_validate_struct(s, &bad), 0);
    Order empty = ok;
    empty.id = (dcc_str){"123e4567-e89b-12d3-a456-426614174001", 36};
    empty.items = (dcc_list){NULL, 0};
    empty.ratio = 1.0f / 0.0f;
    assert_int_equal(dcc_validate_struct(s, &empty), 0);
    assert_int_equal(dcc_stream_finish(s), 0);
    assert_string_equal(r.buf, "qty DV016\nratio DV016\namount DV008\nitems[1].qty DV016\nitems[1].sku DV013\n"
                               "when DV010\nid DV017\nratio DV009\nitems DV013\n");
    assert_int_equal(dcc_stream_count(s, DCC_RULE_PRIMARY_KEY), 1);
    assert_int_equal(dcc_stream_count(s, DCC_RULE_RANGE), 3);
    dcc_stream_free(s);
    free(r.buf);
    dcc_validator_free(v);
}

static void test_validator_errors(void **state)
{
    (void)state;
    char *err = NULL;
    static const dcc_field_desc f1[] = {{.name = "a", .kind = DCC_INT32, .range_lo = "abc"}};
    dcc_dataset_desc ds = {.abi = DCC_ABI_TAG, .name = "e", .fields = f1, .nfields = 1};
    assert_null(dcc_validator_new(&ds, &err));
    assert_string_equal(err, "field 'a': range bound \"abc\": not a number");
    dcc_error_free(err);
    static const dcc_field_desc f2[] = {{.name = "d", .kind = DCC_DATE, .range_hi = "2023-02-29"}};
    ds.fields = f2;
    assert_null(dcc_validator_new(&ds, &err));
    assert_string_equal(err, "field 'd': range bound \"2023-02-29\": day out of range for the month");
    dcc_error_free(err);
    static const size_t bad_pk[] = {3};
    ds.primary_key = bad_pk;
    ds.nprimary_key = 1;
    ds.fields = f1;
    static const dcc_field_desc f3[] = {{.name = "a", .kind = DCC_INT32}};
    ds.fields = f3;
    assert_null(dcc_validator_new(&ds, &err));
    assert_string_equal(err, "field 'e': primary key names field index 3 of 1");
    dcc_error_free(err);
    static const dcc_field_desc f4[] = {{.name = "a", .kind = DCC_LIST}};
    dcc_dataset_desc ds4 = {.abi = DCC_ABI_TAG, .name = "e", .fields = f4, .nfields = 1};
    assert_null(dcc_validator_new(&ds4, &err));
    dcc_error_free(err);
    assert_null(dcc_validator_new(NULL, NULL));
}

/* A descriptor's bounds and allowed values are contract literals: leading zeros and a '+' are
 * decimal (never octal: 010 is ten), as the contract language reads them. */
static void test_literal_spellings(void **state)
{
    (void)state;
    static const char *const vals[] = {"+03", "0004.50"};
    static const dcc_field_desc f[] = {{.name = "a", .kind = DCC_INT32, .range_lo = "+007", .range_hi = "010"},
                                       {.name = "b", .kind = DCC_DECIMAL, .precision = 5, .scale = 2,
                                        .values = vals, .nvalues = 2, .optional = true}};
    dcc_dataset_desc ds = {.abi = DCC_ABI_TAG, .name = "lit", .fields = f, .nfields = 2};
    char *err = NULL;
    dcc_validator *v = dcc_validator_new(&ds, &err);
    if (!v) fail_msg("validator: %s", err);
    expect(v, "{\"a\":7}", "");
    expect(v, "{\"a\":10}", "");
    expect(v, "{\"a\":6}", "a DV016\n");
    expect(v, "{\"a\":11}", "a DV016\n");
    expect(v, "{\"a\":8}", ""); /* 010 read as octal would make 8 the upper bound, 9 and 10 out */
    expect(v, "{\"a\":9,\"b\":3}", "");
    expect(v, "{\"a\":9,\"b\":4.5}", "");
    expect(v, "{\"a\":9,\"b\":4.05}", "b DV015\n");
    dcc_validator_free(v);
}

/* dcc_validate_record and the API's corners */
static void test_api(void **state)
{
    (void)state;
    dcc_validator *v = orders_validator();
    Report r = {0};
    add(&r, "");
    dcc_stream *s = test_stream(v, (dcc_stream_opts){0}, on_violation, &r);
    const char *a = record("qty", "0");
    assert_int_equal(dcc_validate_record(s, a, strlen(a)), 0);
    assert_int_equal(dcc_validate_record(s, "{}\n", 3), 0);
    dcc_stream_stats st = test_stats(s);
    assert_int_equal(st.records, 2);
    assert_int_equal(st.invalid, 2);
    assert_int_equal(st.violations, 8);
    assert_int_equal(dcc_stream_count(s, DCC_RULE_MISSING), 7);
    assert_int_equal(dcc_stream_count(s, DCC_RULE_RANGE), 1);
    assert_int_equal(dcc_stream_count(s, DCC_RULE_COUNT), 0);
    assert_string_equal(r.buf, "qty DV016\norder_id DV004\nqty DV004\namount DV004\nstatus DV004\ncreated_at DV004\npaid DV004\n"
                               "items DV004\n");
    dcc_stream_free(s);
    free(r.buf);
    /* more than RT_MAX_REPORTED violations in a record: reported up to the cap, all counted */
    char big[8192];
    size_t n = (size_t)sprintf(big, "{");
    for (int i = 0; i < 50; i++)
        n += (size_t)sprintf(big + n, "%s\"x%d\":1", i ? "," : "", i);
    big[n++] = '}';
    dcc_stream *s2;
    assert_int_equal(dcc_stream_open(v, NULL, &s2), 0);
    assert_int_equal(dcc_stream_feed(s2, big, n), 0);
    assert_int_equal(dcc_stream_finish(s2), 0);
    assert_int_equal(dcc_stream_count(s2, DCC_RULE_UNKNOWN_FIELD), 50);
    dcc_stream_free(s2);
    dcc_stream_free(NULL);
    dcc_validator_free(v);
}

/* Mutated records (a fixed pseudo-random sequence): nothing crashes, and chunking never changes
 * what is found. */
static void test_mutations(void **state)
{
    (void)state;
    dcc_validator *v = orders_validator();
    static const char alphabet[] = "{}[]\":,\\u0d8ef.-+eE 19\n\r\t\x00\x80\xc3\xff\xed\xef\xbb\xbf";
    uint64_t seed = 42;
    char in[2048];
    for (int round = 0; round < 1500; round++) {
        const char *base = round % 2 ? record("meta", "{\"a\":[1,\"x\\u00e9\",{\"b\":null}],\"c\":-1.5e3}")
                                     : "id,name,ok,tags\n1,\"a\"\"b\",true,\"[1,2]\"\n";
        size_t n = strlen(base);
        memcpy(in, base, n);
        int edits = 1 + round % 4;
        for (int e = 0; e < edits; e++) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            size_t at = (size_t)(seed >> 33) % n;
            char c = alphabet[(seed >> 20) % (sizeof alphabet - 1)];
            switch ((seed >> 10) % 3) {
            case 0: in[at] = c; break;                                   /* replace */
            case 1: memmove(in + at, in + at + 1, n - at - 1); n--; break; /* delete */
            default:                                                       /* insert */
                if (n + 1 < sizeof in) {
                    memmove(in + at + 1, in + at, n - at);
                    in[at] = c;
                    n++;
                }
            }
        }
        dcc_stream_opts o = {.format = round % 2 ? DCC_FORMAT_JSONL : DCC_FORMAT_CSV};
        char *whole = run(v, o, in, n, 0, true, NULL);
        char *bits = run(v, o, in, n, 1 + round % 5, true, NULL);
        if (strcmp(whole, bits) != 0)
            fail_msg("round %d: chunking changed the findings:\n%s\nvs\n%s", round, whole, bits);
        free(whole);
        free(bits);
    }
    dcc_validator_free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rule_table),   cmocka_unit_test(test_valid_record),
        cmocka_unit_test(test_each_rule),    cmocka_unit_test(test_keys),
        cmocka_unit_test(test_chunking),     cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_calendar),     cmocka_unit_test(test_csv),
        cmocka_unit_test(test_quality),      cmocka_unit_test(test_struct),
        cmocka_unit_test(test_validator_errors), cmocka_unit_test(test_api),
        cmocka_unit_test(test_literal_spellings),
        cmocka_unit_test(test_mutations),    cmocka_unit_test(test_size_hint),
        cmocka_unit_test(test_csv_number_delimiters),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
